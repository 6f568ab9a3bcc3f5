//! The overview in the canvas's corner: the whole map in small, with the part on screen
//! outlined and the selected cards marked. Clicking it moves the view there.

use super::CanvasState;
use crate::document::Document;
use crate::render::{Theme, View};
use egui::{Id, Rect, Role, Sense, Stroke, StrokeKind, Ui, WidgetInfo, vec2};

/// The overview's largest size on screen.
const MAX_SIZE: egui::Vec2 = vec2(180.0, 240.0);
const MARGIN: f32 = 12.0;

pub(super) fn minimap_ui(
    ui: &mut Ui,
    doc: &Document,
    state: &mut CanvasState,
    view: &View,
    theme: &Theme,
) {
    let bounds = doc.geometry().bounds;
    if !bounds.is_positive() {
        return;
    }
    let scale = (MAX_SIZE.x / bounds.width()).min(MAX_SIZE.y / bounds.height());
    let size = bounds.size() * scale;
    let area = Rect::from_min_size(view.clip.right_bottom() - size - vec2(MARGIN, MARGIN), size);
    let to_map = |p: egui::Pos2| area.min + (p - bounds.min) * scale;
    let painter = ui.painter_at(view.clip);
    painter.rect(
        area.expand(4.0),
        4.0,
        theme.header_fill.gamma_multiply(0.95),
        Stroke::new(1.0, theme.header_stroke),
        StrokeKind::Outside,
    );
    for card in &doc.geometry().cards {
        if !view.shows(card.rect.min.y) {
            continue;
        }
        let rect = Rect::from_min_max(to_map(card.rect.min), to_map(card.rect.max));
        let color = match &card.item {
            crate::model::CardId::Event(id) => {
                theme.event_kind(doc.map().event(id).and_then(|e| e.kind.as_ref()))
            }
            crate::model::CardId::Branch(_) => theme.branch,
        };
        painter.rect_filled(rect.expand(0.3), 0.0, color);
    }
    let accent = ui.visuals().selection.stroke.color;
    for id in &state.selection.cards {
        if let Some(card) = doc.geometry().card_of_item(id) {
            let rect = Rect::from_min_max(to_map(card.rect.min), to_map(card.rect.max));
            painter.rect_stroke(
                rect.expand(2.0),
                1.0,
                Stroke::new(2.0, accent),
                StrokeKind::Outside,
            );
        }
    }
    let seen = view.visible_scene_rect().intersect(bounds);
    if seen.is_positive() {
        let rect = Rect::from_min_max(to_map(seen.min), to_map(seen.max));
        painter.rect_stroke(rect, 2.0, Stroke::new(1.5, theme.link), StrokeKind::Inside);
    }
    let response = ui.interact(
        area,
        Id::unique("waterline-minimap"),
        Sense::click_and_drag(),
    );
    response.widget_info(|| WidgetInfo::labeled(Role::Image, true, "Map overview"));
    if (response.clicked() || response.dragged())
        && let Some(at) = response.interact_pointer_pos()
    {
        // Centre the view on the point clicked.
        let scene = bounds.min + (at - area.min) / scale;
        let half = view.visible_scene_rect().size() / 2.0;
        state.camera.pan = (scene - half).to_vec2();
    }
}
