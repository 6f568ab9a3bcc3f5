//! The others in a live session, on the canvas: each person's selected cards outlined in
//! their colour with their name, and where everyone is looking (to follow a presenter).

use super::CanvasState;
use crate::document::Document;
use crate::model::CardId;
use crate::render::View;
use egui::{Align2, Color32, FontId, Pos2, Stroke, StrokeKind, Ui, vec2};

/// Someone else's selection, to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct PeerMark {
    pub name: String,
    pub colour: Color32,
    pub cards: Vec<CardId>,
}

/// Outlines the cards others have selected, a little outside one's own outline, and
/// names who has each (the first name when several have it).
pub(super) fn paint(ui: &Ui, doc: &Document, state: &CanvasState, view: &View) {
    if state.peers.is_empty() {
        return;
    }
    let painter = ui.painter_at(view.clip);
    let geometry = doc.geometry();
    let visible = view.visible_scene_rect();
    let mut named: crate::model::FastHashSet<&CardId> = Default::default();
    for (n, peer) in state.peers.iter().enumerate() {
        for id in &peer.cards {
            let Some(card) = geometry.card_of_item(id) else {
                continue;
            };
            if !card.rect.intersects(visible) {
                continue;
            }
            let rect = view
                .screen_from_scene
                .mul_rect(card.rect)
                .expand(5.0 + 3.0 * n as f32);
            painter.rect_stroke(
                rect,
                7.0,
                Stroke::new(2.0, peer.colour),
                StrokeKind::Outside,
            );
            if named.insert(id) {
                name_tag(&painter, rect.left_top(), &peer.name, peer.colour);
            }
        }
    }
}

fn name_tag(painter: &egui::Painter, corner: Pos2, name: &str, colour: Color32) {
    let text = crate::render::shown_text(name);
    let galley = painter.layout_no_wrap(
        text.into_owned(),
        FontId::proportional(11.0),
        Color32::WHITE,
    );
    let rect =
        Align2::LEFT_BOTTOM.anchor_size(corner + vec2(0.0, -1.0), galley.size() + vec2(8.0, 2.0));
    painter.rect_filled(rect, 3.0, colour);
    painter.galley(rect.min + vec2(4.0, 1.0), galley, Color32::WHITE);
}

/// Who else has this card selected, for its accessible description.
pub(super) fn selected_by(state: &CanvasState, id: &CardId) -> Vec<String> {
    state
        .peers
        .iter()
        .filter(|peer| peer.cards.contains(id))
        .map(|peer| peer.name.clone())
        .collect()
}
