//! Event cards: a kind-coloured strip, the time, annotation badges, a kind pill and the
//! title in up to two lines.

use super::pen::Pen;
use crate::layout::Geometry;
use crate::model::{AnnotationKind, Event, Map};
use egui::{Align2, Color32, CornerRadius, Rect, Shape, Stroke, StrokeKind, pos2, vec2};

const PAD: f32 = 8.0;

pub(super) fn paint_cards(pen: &mut Pen<'_, '_>, map: &Map, geometry: &Geometry) {
    let visible = pen.view.visible_scene_rect();
    for card in geometry.cards_between(visible.min.y, visible.max.y) {
        if card.rect.max.x < visible.min.x || card.rect.min.x > visible.max.x {
            continue;
        }
        if let Some(event) = map.events.get(card.event_index) {
            paint_card(pen, event, card.rect, geometry.display_zone);
        }
    }
}

/// Draws one card at a scene rect. Also used by the UI for the drag preview, so a moved
/// card looks the same while it moves.
pub(crate) fn paint_card(
    pen: &mut Pen<'_, '_>,
    event: &Event,
    scene_rect: Rect,
    zone: chrono::FixedOffset,
) {
    let theme = pen.theme;
    let rect = pen.rect(scene_rect);
    let radius = pen.len(5.0);
    let accent = theme.event_kind(event.kind.as_ref());
    pen.out.push(Shape::rect_filled(
        rect.translate(vec2(0.0, pen.len(1.5))),
        radius,
        shadow(theme.dark),
    ));
    pen.out
        .push(Shape::rect_filled(rect, radius, theme.card_fill));
    pen.out.push(Shape::rect_stroke(
        rect,
        radius,
        Stroke::new(1.0, theme.card_stroke),
        StrokeKind::Inside,
    ));
    let strip = Rect::from_min_max(rect.min, pos2(rect.min.x + pen.len(4.0), rect.max.y));
    let r = radius as u8;
    pen.out.push(Shape::rect_filled(
        strip,
        CornerRadius {
            nw: r,
            sw: r,
            ne: 0,
            se: 0,
        },
        accent,
    ));

    let left = rect.min.x + pen.len(PAD + 2.0);
    let top = rect.min.y + pen.len(5.0);
    let mut x = left;
    if let Some(time) = &event.time {
        let text = format!(
            "{}{}",
            if event.approximate { "~" } else { "" },
            time.clock_label_in(zone)
        );
        if let Some(galley) = pen.galley(&text, 11.0, theme.muted_text, 80.0, 1) {
            let width = galley.size().x;
            pen.put(pos2(x, top), galley, theme.muted_text);
            x += width + pen.len(6.0);
        }
    }
    paint_badges(pen, event, pos2(x, top));
    if let Some(kind) = &event.kind
        && let Some(galley) = pen.galley(kind.label(), 10.0, accent, 90.0, 1)
    {
        let pill = Align2::RIGHT_TOP.anchor_size(
            pos2(rect.max.x - pen.len(6.0), rect.min.y + pen.len(5.0)),
            galley.size() + vec2(pen.len(10.0), pen.len(2.0)),
        );
        pen.out.push(Shape::rect_filled(
            pill,
            pill.height() / 2.0,
            accent.gamma_multiply(0.14),
        ));
        pen.put(pill.center() - galley.size() / 2.0, galley, accent);
    }
    let title_width = scene_rect.width() - 2.0 * PAD - 2.0;
    let (title, color) = if event.title.is_empty() {
        ("(untitled)", theme.muted_text)
    } else {
        (event.title.as_str(), theme.text)
    };
    if let Some(galley) = pen.galley(title, 13.0, color, title_width, 2) {
        pen.put(pos2(left, rect.min.y + pen.len(21.0)), galley, color);
    }
}

/// One small dot and count per annotation kind present, in a fixed order.
fn paint_badges(pen: &mut Pen<'_, '_>, event: &Event, at: egui::Pos2) {
    let mut x = at.x;
    for kind in AnnotationKind::ALL {
        let count = event.annotations.iter().filter(|a| &a.kind == kind).count();
        if count == 0 {
            continue;
        }
        let color = pen.theme.annotation_kind(kind);
        let Some(galley) = pen.galley(&count.to_string(), 10.5, color, 30.0, 1) else {
            return;
        };
        let dot = pen.len(3.5);
        let center = pos2(x + dot, at.y + galley.size().y / 2.0);
        pen.out.push(Shape::circle_filled(center, dot, color));
        let width = galley.size().x;
        pen.put(pos2(x + dot * 2.0 + pen.len(2.0), at.y), galley, color);
        x += dot * 2.0 + width + pen.len(7.0);
    }
}

fn shadow(dark: bool) -> Color32 {
    if dark {
        Color32::from_black_alpha(90)
    } else {
        Color32::from_black_alpha(22)
    }
}
