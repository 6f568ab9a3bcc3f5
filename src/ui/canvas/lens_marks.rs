//! The hindsight lens's mark on a card: a short wavy underline in the card's bottom right
//! corner, like a spell checker's, with how many phrases it holds while editing. Drawn over
//! the map, never exported; presenting shows it only when asked (L).

use crate::document::Document;
use crate::render::View;
use egui::{Color32, Painter, Pos2, Shape, Stroke, pos2, vec2};

/// Marks the cards in view that hold phrases to revisit; `count` adds how many.
pub(super) fn paint(painter: &Painter, doc: &Document, view: &View, colour: Color32, count: bool) {
    let lens = doc.lens();
    if lens.count() == 0 {
        return;
    }
    let visible = view.visible_scene_rect();
    let to_screen = view.screen_from_scene;
    for card in doc.geometry().cards_between(visible.min.y, visible.max.y) {
        if !card.rect.intersects(visible) || !view.shows(card.rect.min.y) {
            continue;
        }
        let found = lens.on_card(&card.item).len();
        if found == 0 {
            continue;
        }
        let rect = to_screen.mul_rect(card.rect);
        let zoom = to_screen.scaling;
        let right = rect.max.x - 8.0 * zoom.min(1.0);
        let bottom = rect.max.y - 5.0 * zoom.min(1.0);
        let width = (18.0 * zoom).clamp(8.0, 18.0);
        painter.add(wave(pos2(right - width, bottom), width, colour));
        if count && zoom >= 0.6 {
            painter.text(
                pos2(right - width - 3.0, bottom + 1.0),
                egui::Align2::RIGHT_BOTTOM,
                found.to_string(),
                egui::FontId::proportional(10.0),
                colour,
            );
        }
    }
}

/// A wavy line `width` long starting at `at`: the mark people know from spell checkers.
fn wave(at: Pos2, width: f32, colour: Color32) -> Shape {
    let step = 3.0;
    let points: Vec<Pos2> = (0..=(width / step) as usize)
        .map(|i| at + vec2(i as f32 * step, if i % 2 == 0 { 0.0 } else { -2.5 }))
        .collect();
    Shape::line(points, Stroke::new(1.5, colour))
}
