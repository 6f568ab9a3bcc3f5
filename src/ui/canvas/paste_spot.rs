//! Where pasted cards land: the lane and `pos` under the pointer, when it is on the map.

use super::CanvasState;
use crate::document::Document;
use crate::ops::clipboard::Placement;

impl CanvasState {
    /// The lane and `pos` under the pointer (a card's top there), or nothing when the
    /// pointer is off the canvas (a paste from the menu, or with the pointer on a panel).
    pub fn spot_under_pointer(&self, doc: &Document, ctx: &egui::Context) -> Placement {
        let rect = self.canvas_rect;
        let Some(pointer) = ctx.pointer_latest_pos().filter(|p| rect.contains(*p)) else {
            return Placement::default();
        };
        let scene = self.camera.screen_from_scene(rect).inverse() * pointer;
        let geometry = doc.geometry();
        let lane = geometry
            .lane_at_x(scene.x)
            .and_then(|i| geometry.lanes.get(i))
            .map(|l| l.id.clone());
        let top = scene.y - doc.settings().card_height / 2.0;
        let pos = crate::layout::pos_at_y(geometry, doc.map(), doc.settings(), top, &[]);
        Placement {
            lane,
            pos: Some(pos),
        }
    }
}
