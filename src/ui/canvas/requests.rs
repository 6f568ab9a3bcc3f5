//! What the rest of the window asks of the canvas's view for the next frame: one enum, not
//! a flag per request, so a request cannot be half set and all are applied in one place.

use super::Camera;
use crate::document::Document;
use crate::model::CardId;
use egui::Rect;

/// A change of view asked for during one frame, applied when the canvas next draws.
#[derive(Clone, Debug, PartialEq)]
pub enum ViewRequest {
    /// Set the camera from the map (a map was just opened).
    Reset,
    /// The whole map in the window.
    Fit,
    /// Scroll this card into view.
    Reveal(CardId),
}

impl ViewRequest {
    /// Moves `camera` as asked, for the canvas at `rect`.
    pub(super) fn apply(self, camera: &mut Camera, doc: &Document, rect: Rect) {
        // Zoomed out, the pinned ruler and headers reach past the map: views leave them room.
        let overhang = |zoom| crate::render::chrome_overhang(doc.settings(), zoom);
        match self {
            ViewRequest::Reset => *camera = Camera::initial(doc.geometry().bounds, rect, overhang),
            ViewRequest::Fit => camera.fit(doc.geometry().bounds, rect, overhang),
            ViewRequest::Reveal(id) => {
                if let Some(card) = doc.geometry().card_of_item(&id) {
                    camera.reveal(card.rect, rect, overhang);
                    // The overview sits over the bottom right corner: a card shown just
                    // inside the view there would be under it.
                    let bounds = doc.geometry().bounds;
                    if doc.settings().show_minimap && bounds.is_positive() {
                        let (overview, _) = super::minimap::overview_area(bounds, rect);
                        camera.clear_of(card.rect, rect, overview.expand(16.0));
                    }
                }
            }
        }
    }
}
