//! Cards. An event card: a kind-coloured strip, the time, annotation badges, a kind pill,
//! the title in up to two lines and, when asked, its annotations listed under it. A ghost
//! card (a path not taken): grey, dashed, no shadow, never mistaken for what happened.
//! Zoomed out, both are drawn smaller ([`super::small`]).

use super::detail::{self, CardDetail};
use super::pen::Pen;
use super::small;
use crate::layout::{Geometry, LayoutSettings};
use crate::model::{AnnotationKind, Branch, CardId, Event, Map};
use egui::{Align2, Color32, CornerRadius, Rect, Shape, Stroke, StrokeKind, pos2, vec2};

const PAD: f32 = 8.0;
/// How far below a card its shadow reaches (scene points).
const SHADOW_DROP: f32 = 1.5;

pub(super) fn paint_cards(
    pen: &mut Pen<'_, '_>,
    map: &Map,
    geometry: &Geometry,
    settings: &LayoutSettings,
) {
    let visible = pen.view.visible_scene_rect();
    for card in geometry.cards_between(visible.min.y, visible.max.y) {
        // `cards_between` also gives cards ending above the view (it finds them by their
        // tops): laying out their text for nothing cost an export strip up to twice its
        // text. Its shadow and anti-aliased edge (two screen points) reach below it.
        if card.rect.max.x < visible.min.x
            || card.rect.min.x > visible.max.x
            || pen.pos(pos2(0.0, card.rect.max.y + SHADOW_DROP)).y + 2.0 < pen.view.clip.min.y
            || !pen.view.shows(card.rect.min.y)
        {
            continue;
        }
        let start = pen.out.len();
        // The layout knows where the card's event is in the map: no search (an export
        // draws every card, and a search each would make it quadratic).
        paint_any(
            pen,
            map,
            (&card.item, Some(card.index)),
            card.rect,
            settings,
            geometry.display_zone,
            // The first card of each day says which day it is.
            card.starts_day.then_some(&geometry.clock),
        );
        if let Some(lit) = pen.lit {
            pen.fade_unless(lit.card(map, &card.item, card.index), start);
        }
        let end = pen.out.len();
        if let Some(cards) = pen.cards.as_deref_mut() {
            cards.push((card.item.clone(), start..end));
        }
    }
}

/// Draws an event's or a path not taken's card at a scene rect. Also used for the drag
/// preview, so a moved card looks the same while it moves. `item` comes with its index in
/// the map's events or branches when known.
pub(super) fn paint_any(
    pen: &mut Pen<'_, '_>,
    map: &Map,
    (item, index): (&CardId, Option<usize>),
    scene_rect: Rect,
    settings: &LayoutSettings,
    zone: chrono::FixedOffset,
    dated: Option<&crate::timeline::Clock>,
) {
    match item {
        CardId::Event(id) => {
            let at_index = index
                .and_then(|i| map.events.get(i))
                .filter(|e| &e.id == id);
            if let Some(event) = at_index.or_else(|| map.event(id)) {
                paint_card(pen, event, scene_rect, settings, zone, dated);
            }
        }
        CardId::Branch(id) => {
            let at_index = index
                .and_then(|i| map.branches.get(i))
                .filter(|b| &b.id == id);
            if let Some(branch) = at_index.or_else(|| map.branch(id)) {
                paint_ghost(pen, branch, scene_rect);
            }
        }
    }
}

fn paint_card(
    pen: &mut Pen<'_, '_>,
    event: &Event,
    scene_rect: Rect,
    settings: &LayoutSettings,
    zone: chrono::FixedOffset,
    dated: Option<&crate::timeline::Clock>,
) {
    if detail::card_detail(pen.zoom) == CardDetail::Short {
        let title = if event.title.is_empty() {
            "(untitled)"
        } else {
            event.title.as_str()
        };
        small::paint_small_card(pen, title, event.kind.as_ref(), scene_rect);
        return;
    }
    let theme = pen.theme;
    let rect = pen.rect(scene_rect);
    let radius = pen.len(5.0);
    let accent = theme.event_kind(event.kind.as_ref());
    pen.out.push(Shape::rect_filled(
        rect.translate(vec2(0.0, pen.len(SHADOW_DROP))),
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
        let clock = match dated {
            Some(clock) => clock.moment(*time),
            None => time.clock_label_in(zone),
        };
        let text = format!("{}{clock}", if event.approximate { "~" } else { "" });
        if let Some(galley) = pen.galley(&text, 11.0, theme.muted_text, 130.0, 1) {
            let width = galley.size().x;
            pen.put(pos2(x, top), galley, theme.muted_text);
            x += width + pen.len(6.0);
        }
    }
    let row_end = paint_badges(pen, event, pos2(x, top));
    if let Some(kind) = &event.kind
        && let Some(galley) = pen.galley(kind.label(), 10.0, accent, 90.0, 1)
    {
        let pill = Align2::RIGHT_TOP.anchor_size(
            pos2(rect.max.x - pen.len(6.0), rect.min.y + pen.len(5.0)),
            galley.size() + vec2(pen.len(10.0), pen.len(2.0)),
        );
        // No room beside the time (a day's first card carries its date) and badges: the
        // pill is left out rather than drawn over them; the strip still shows the kind.
        if pill.min.x >= row_end {
            pen.out.push(Shape::rect_filled(
                pill,
                pill.height() / 2.0,
                accent.gamma_multiply(0.14),
            ));
            pen.put(pill.center() - galley.size() / 2.0, galley, accent);
        }
    }
    let title_width = crate::layout::title_width_of(scene_rect.width());
    let (title, color) = if event.title.is_empty() {
        ("(untitled)", theme.muted_text)
    } else {
        (event.title.as_str(), theme.text)
    };
    // As many lines as the layout made room for: the whole title.
    let lines = crate::layout::title_lines(title, title_width);
    if let Some(galley) = pen.galley(title, 13.0, color, title_width, lines) {
        pen.put(pos2(left, rect.min.y + pen.len(21.0)), galley, color);
    }
    if settings.annotations_inline && !event.annotations.is_empty() {
        let top = scene_rect.min.y
            + settings.card_height
            + crate::layout::extra_title_height(&event.title, scene_rect.width());
        paint_inline_annotations(pen, event, scene_rect, top, settings.annotation_line);
    }
}

/// One line per annotation under the title: a kind-coloured dot, the kind, the text
/// (cut with "…"; the full text is on hover and in the inspector).
fn paint_inline_annotations(pen: &mut Pen<'_, '_>, event: &Event, card: Rect, top: f32, line: f32) {
    let theme = pen.theme;
    let rule_y = pen.pos(pos2(0.0, top - 2.0)).y;
    let inset = pen.len(PAD + 2.0);
    let screen = pen.rect(card);
    pen.out.push(Shape::line_segment(
        [
            pos2(screen.min.x + inset, rule_y),
            pos2(screen.max.x - pen.len(PAD), rule_y),
        ],
        Stroke::new(1.0, theme.card_stroke),
    ));
    let width = card.width() - 2.0 * PAD - 12.0;
    for (i, annotation) in event.annotations.iter().enumerate() {
        let y = top + i as f32 * line + 1.0;
        let color = theme.annotation_kind(&annotation.kind);
        let dot = pen.pos(pos2(card.min.x + PAD + 5.0, y + line / 2.0 - 1.0));
        pen.out.push(Shape::circle_filled(dot, pen.len(3.0), color));
        let text = format!(
            "{}: {}",
            super::shown_text(annotation.kind.label()),
            super::shown_text(&annotation.text)
        );
        if let Some(galley) = pen.galley(&text, 11.0, theme.text, width, 1) {
            pen.put(
                pen.pos(pos2(card.min.x + PAD + 12.0, y)),
                galley,
                theme.text,
            );
        }
    }
}

/// The ghost card of a path not taken: what the option was, and the note on it.
fn paint_ghost(pen: &mut Pen<'_, '_>, branch: &Branch, scene_rect: Rect) {
    if detail::card_detail(pen.zoom) == CardDetail::Short {
        let label = if branch.label.is_empty() {
            "(no label)"
        } else {
            branch.label.as_str()
        };
        small::paint_small_ghost(pen, label, scene_rect);
        return;
    }
    let theme = pen.theme;
    let rect = pen.rect(scene_rect);
    pen.out
        .push(Shape::rect_filled(rect, pen.len(5.0), theme.ghost_fill));
    let dash = pen.len(5.0).max(2.0);
    pen.dashed_rect(
        scene_rect,
        Stroke::new(pen.len(1.4).max(1.0), theme.branch),
        dash,
    );
    let left = rect.min.x + pen.len(PAD);
    let width = scene_rect.width() - 2.0 * PAD;
    if let Some(tag) = pen.galley("PATH NOT TAKEN", 9.5, theme.branch_text, width, 1) {
        pen.put(
            pos2(left, rect.min.y + pen.len(5.0)),
            tag,
            theme.branch_text,
        );
    }
    let (label, color) = if branch.label.is_empty() {
        ("(no label)", theme.branch_text)
    } else {
        (branch.label.as_str(), theme.branch_text)
    };
    let rows = if branch.note.is_empty() { 2 } else { 1 };
    if let Some(galley) = pen.galley(label, 13.0, color, width, rows) {
        pen.put(pos2(left, rect.min.y + pen.len(19.0)), galley, color);
    }
    if !branch.note.is_empty()
        && let Some(galley) = pen.galley(&branch.note, 11.0, theme.branch_text, width, 1)
    {
        pen.put(
            pos2(left, rect.min.y + pen.len(37.0)),
            galley,
            theme.branch_text,
        );
    }
}

/// One small dot and count per annotation kind present, in a fixed order.
/// Draws a badge per kind of annotation from `at` rightwards; returns where they end.
fn paint_badges(pen: &mut Pen<'_, '_>, event: &Event, at: egui::Pos2) -> f32 {
    let mut x = at.x;
    for kind in AnnotationKind::ALL {
        let count = event.annotations.iter().filter(|a| &a.kind == kind).count();
        if count == 0 {
            continue;
        }
        let color = pen.theme.annotation_kind(kind);
        let Some(galley) = pen.galley(&count.to_string(), 10.5, color, 30.0, 1) else {
            return x;
        };
        let dot = pen.len(3.5);
        let center = pos2(x + dot, at.y + galley.size().y / 2.0);
        pen.out.push(Shape::circle_filled(center, dot, color));
        let width = galley.size().x;
        pen.put(pos2(x + dot * 2.0 + pen.len(2.0), at.y), galley, color);
        x += dot * 2.0 + width + pen.len(7.0);
    }
    x
}

fn shadow(dark: bool) -> Color32 {
    if dark {
        Color32::from_black_alpha(90)
    } else {
        Color32::from_black_alpha(22)
    }
}
