//! Cards zoomed out ([`super::detail::CardDetail::Short`]): a card tinted with its kind's
//! colour showing the first words of its title at a readable size when it has room for
//! them, else a plain block filled with its kind's colour. A ghost card stays a light,
//! dashed card. Nothing is written smaller than a reader can read.

use super::detail::{SHORT_TITLE_MIN_WIDTH, SHORT_TITLE_PX};
use super::pen::Pen;
use super::theme::Theme;
use crate::model::EventKind;
use egui::{Color32, CornerRadius, Rect, Shape, Stroke, StrokeKind, pos2, vec2};

/// Room around a short title inside its card (screen points).
const INSET: f32 = 3.0;
/// The most rows a short title takes, as on a full card.
const MAX_ROWS: usize = 14;

/// An event's card: `title` at [`SHORT_TITLE_PX`] on a tinted card with its kind's strip,
/// or a block of its kind's colour.
pub(super) fn paint_small_card(
    pen: &mut Pen<'_, '_>,
    title: &str,
    kind: Option<&EventKind>,
    scene_rect: Rect,
) {
    let theme = pen.theme;
    let rect = pen.rect(scene_rect);
    let accent = theme.event_kind(kind);
    let radius = pen.len(5.0).min(rect.height() / 2.0);
    let strip = pen.len(4.0).max(3.0);
    let Some((inner, rows)) = title_room(pen, rect, strip) else {
        // A colour that means what the card's strip means, and an edge that keeps
        // neighbouring blocks apart.
        pen.out.push(Shape::rect_filled(rect, radius, accent));
        pen.out.push(Shape::rect_stroke(
            rect,
            radius,
            Stroke::new(1.0, block_edge(theme, accent)),
            StrokeKind::Inside,
        ));
        return;
    };
    let fill = theme.card_fill.lerp_to_gamma(accent, 0.14);
    pen.out.push(Shape::rect_filled(rect, radius, fill));
    pen.out.push(Shape::rect_stroke(
        rect,
        radius,
        Stroke::new(1.0, theme.card_stroke),
        StrokeKind::Inside,
    ));
    let r = radius as u8;
    let strip = Rect::from_min_max(rect.min, pos2(rect.min.x + strip, rect.max.y));
    let corners = CornerRadius {
        nw: r,
        sw: r,
        ne: 0,
        se: 0,
    };
    pen.out.push(Shape::rect_filled(strip, corners, accent));
    if let Some(galley) = pen.galley_words(title, SHORT_TITLE_PX, theme.text, inner.width(), rows) {
        pen.put(inner.min, galley, theme.text);
    }
}

/// A path not taken's ghost card: light and dashed, its label when it has room.
pub(super) fn paint_small_ghost(pen: &mut Pen<'_, '_>, label: &str, scene_rect: Rect) {
    let theme = pen.theme;
    let rect = pen.rect(scene_rect);
    let radius = pen.len(5.0).min(rect.height() / 2.0);
    pen.out
        .push(Shape::rect_filled(rect, radius, theme.ghost_fill));
    let dash = pen.len(5.0).max(2.0);
    pen.dashed_rect(scene_rect, Stroke::new(1.0, theme.branch), dash);
    if let Some((inner, rows)) = title_room(pen, rect, 0.0)
        && let Some(galley) = pen.galley_words(
            label,
            SHORT_TITLE_PX,
            theme.branch_text,
            inner.width(),
            rows,
        )
    {
        pen.put(inner.min, galley, theme.branch_text);
    }
}

/// Where a short title goes in a card on screen (`left` points taken by its strip), and
/// how many rows of it fit; `None` when not even the first words do.
fn title_room(pen: &mut Pen<'_, '_>, card: Rect, left: f32) -> Option<(Rect, usize)> {
    let inner = Rect::from_min_max(
        card.min + vec2(left + INSET + 1.0, INSET),
        card.max - vec2(INSET, INSET),
    );
    let row = pen.row_px(SHORT_TITLE_PX);
    let rows = (inner.height() / row).floor();
    if inner.width() < SHORT_TITLE_MIN_WIDTH || rows.is_nan() || rows < 1.0 {
        return None;
    }
    Some((inner, (rows as usize).min(MAX_ROWS)))
}

/// The edge of a block: its own colour, darker on a light page and deeper on a dark one.
fn block_edge(theme: &Theme, fill: Color32) -> Color32 {
    if theme.dark {
        fill.lerp_to_gamma(theme.background, 0.6)
    } else {
        fill.lerp_to_gamma(Color32::BLACK, 0.35)
    }
}
