//! Pan and zoom of the canvas: which scene point sits at the canvas's top-left corner, and
//! how many screen points one scene point takes.

use egui::emath::TSTransform;
use egui::{Pos2, Rect, Vec2, vec2};

/// Screen points the pinned time ruler covers on the left of the canvas.
const RULER_ALLOWANCE: f32 = 64.0;

pub const MIN_ZOOM: f32 = 0.05;
pub const MAX_ZOOM: f32 = 4.0;

/// View state; never saved in the map.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    /// The scene point shown at the canvas's top-left corner.
    pub pan: Vec2,
    pub zoom: f32,
}

impl Default for Camera {
    fn default() -> Self {
        Camera {
            pan: Vec2::ZERO,
            zoom: 1.0,
        }
    }
}

impl Camera {
    pub fn screen_from_scene(&self, canvas: Rect) -> TSTransform {
        TSTransform::new(canvas.min.to_vec2() - self.pan * self.zoom, self.zoom)
    }

    /// Moves the view by a screen distance (the content follows the pointer).
    pub fn pan_by_screen(&mut self, delta: Vec2) {
        self.pan -= delta / self.zoom;
    }

    /// Zooms by `factor` keeping the scene point under `screen_pos` in place.
    pub fn zoom_around(&mut self, factor: f32, screen_pos: Pos2, canvas: Rect) {
        let scene = self.screen_from_scene(canvas).inverse().mul_pos(screen_pos);
        self.zoom = (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        self.pan = scene.to_vec2() - (screen_pos - canvas.min) / self.zoom;
    }

    /// Shows all of `bounds`, centred, never magnified past 100%, with room beside it for
    /// the pinned chrome: `overhang(zoom)` is how far the ruler and lane headers reach left
    /// of and above the map on screen at a zoom ([`crate::render::chrome_overhang`]).
    pub fn fit(&mut self, bounds: Rect, canvas: Rect, overhang: impl Fn(f32) -> Vec2) {
        if !bounds.is_positive() || !canvas.is_positive() {
            return;
        }
        let margin = 16.0;
        let zoom_for = |room: Vec2| {
            let zoom_x = (canvas.width() - 2.0 * margin - room.x) / bounds.width();
            let zoom_y = (canvas.height() - 2.0 * margin - room.y) / bounds.height();
            zoom_x.min(zoom_y).clamp(MIN_ZOOM, 1.0)
        };
        // The chrome's room depends on the zoom and the zoom on the room: a few rounds
        // settle it (the room only grows as the zoom falls), keeping the smaller zoom.
        let mut zoom = zoom_for(Vec2::ZERO);
        for _ in 0..4 {
            zoom = zoom.min(zoom_for(overhang(zoom)));
        }
        self.zoom = zoom;
        let room = overhang(zoom) / zoom;
        let bounds = Rect::from_min_max(bounds.min - room, bounds.max);
        let shown = canvas.size() / self.zoom;
        self.pan = bounds.center().to_vec2() - shown / 2.0;
        // Keep the top (lane headers) in view for maps taller than the window.
        self.pan.y = self
            .pan
            .y
            .min(bounds.min.y - margin / self.zoom)
            .max(bounds.min.y - shown.y / 2.0);
    }

    /// Opening view of a map: full size at the top-left, unless the map fits when shrunk a
    /// little, so the reviewer reads titles first and sees the whole shape on small maps.
    pub fn initial(bounds: Rect, canvas: Rect, overhang: impl Fn(f32) -> Vec2) -> Self {
        let mut camera = Camera::default();
        camera.fit(bounds, canvas, overhang);
        if camera.zoom < 0.75 {
            camera = Camera {
                pan: vec2(bounds.min.x, bounds.min.y),
                zoom: 1.0,
            };
        }
        camera
    }

    /// Scrolls just enough that a scene rect is inside the canvas, clear of the pinned
    /// lane headers and time ruler (`overhang` as for [`Camera::fit`]).
    pub fn reveal(&mut self, scene_rect: Rect, canvas: Rect, overhang: impl Fn(f32) -> Vec2) {
        let visible = self
            .screen_from_scene(canvas)
            .inverse()
            .mul_rect(canvas.shrink(24.0));
        let mut shift = Vec2::ZERO;
        // The time ruler stays pinned on the left; keep the card right of it.
        let ruler_allowance = RULER_ALLOWANCE / self.zoom;
        if scene_rect.min.x < visible.min.x + ruler_allowance {
            shift.x = scene_rect.min.x - visible.min.x - ruler_allowance;
        } else if scene_rect.max.x > visible.max.x {
            shift.x = scene_rect.max.x - visible.max.x;
        }
        // Lane headers cover the top of the canvas; keep the card below them.
        let header_allowance = (64.0 + overhang(self.zoom).y) / self.zoom;
        if scene_rect.min.y < visible.min.y + header_allowance {
            shift.y = scene_rect.min.y - visible.min.y - header_allowance;
        } else if scene_rect.max.y > visible.max.y {
            shift.y = scene_rect.max.y - visible.max.y;
        }
        self.pan += shift;
    }

    /// Scrolls so the card at `scene_rect` is not under `covered` (a screen rect over the
    /// canvas, such as the overview): up, so its bottom is just above it.
    pub fn clear_of(&mut self, scene_rect: Rect, canvas: Rect, covered: Rect) {
        let on_screen = self.screen_from_scene(canvas).mul_rect(scene_rect);
        if on_screen.intersects(covered) {
            self.pan.y += (on_screen.max.y - covered.min.y + 1.0) / self.zoom;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::pos2;

    #[test]
    fn zooming_keeps_the_point_under_the_pointer() {
        let canvas = Rect::from_min_size(pos2(10.0, 20.0), vec2(800.0, 600.0));
        let mut camera = Camera {
            pan: vec2(100.0, 50.0),
            zoom: 1.0,
        };
        let pointer = pos2(300.0, 200.0);
        let before = camera.screen_from_scene(canvas).inverse().mul_pos(pointer);
        camera.zoom_around(1.7, pointer, canvas);
        let after = camera.screen_from_scene(canvas).inverse().mul_pos(pointer);
        assert!((before - after).length() < 1e-3);
    }

    #[test]
    fn fit_shows_the_whole_map() {
        let canvas = Rect::from_min_size(Pos2::ZERO, vec2(800.0, 600.0));
        let bounds = Rect::from_min_size(Pos2::ZERO, vec2(2000.0, 3000.0));
        let mut camera = Camera::default();
        camera.fit(bounds, canvas, |_| Vec2::ZERO);
        let shown = camera.screen_from_scene(canvas).mul_rect(bounds);
        assert!(canvas.expand(0.5).contains_rect(shown), "{shown:?}");
    }

    #[test]
    fn fit_leaves_room_for_the_chrome_reaching_past_the_map() {
        let canvas = Rect::from_min_size(pos2(0.0, 30.0), vec2(1400.0, 900.0));
        let bounds = Rect::from_min_size(Pos2::ZERO, vec2(6400.0, 5800.0));
        // Zoomed out, the ruler reaches 50 points left of the map and the headers 100 above.
        let overhang = |zoom: f32| {
            if zoom < 0.5 {
                vec2(50.0, 100.0)
            } else {
                Vec2::ZERO
            }
        };
        let mut camera = Camera::default();
        camera.fit(bounds, canvas, overhang);
        let shown = camera.screen_from_scene(canvas).mul_rect(bounds);
        let with_chrome = Rect::from_min_max(shown.min - vec2(50.0, 100.0), shown.max);
        assert!(canvas.contains_rect(with_chrome), "{with_chrome:?}");
        assert!(
            with_chrome.height() > canvas.height() - 40.0,
            "as large as fits"
        );
    }

    #[test]
    fn a_revealed_card_is_clear_of_the_pinned_ruler_and_headers() {
        let canvas = Rect::from_min_size(Pos2::ZERO, vec2(800.0, 600.0));
        let mut camera = Camera {
            pan: vec2(900.0, 2000.0),
            zoom: 1.0,
        };
        let card = Rect::from_min_size(pos2(70.0, 400.0), vec2(196.0, 56.0));
        camera.reveal(card, canvas, |_| Vec2::ZERO);
        let shown = camera.screen_from_scene(canvas).mul_rect(card);
        assert!(shown.min.x >= canvas.min.x + RULER_ALLOWANCE, "{shown:?}");
        assert!(shown.min.y >= canvas.min.y + 64.0, "{shown:?}");
        assert!(canvas.contains_rect(shown));
    }

    #[test]
    fn a_revealed_card_under_the_overview_moves_above_it() {
        let canvas = Rect::from_min_size(Pos2::ZERO, vec2(800.0, 600.0));
        let mut camera = Camera {
            pan: vec2(0.0, 0.0),
            zoom: 1.0,
        };
        let overview = Rect::from_min_max(pos2(600.0, 350.0), canvas.max);
        let card = Rect::from_min_size(pos2(420.0, 300.0), vec2(196.0, 56.0));
        camera.clear_of(card, canvas, overview);
        let shown = camera.screen_from_scene(canvas).mul_rect(card);
        assert!(!shown.intersects(overview), "{shown:?}");
        assert!(canvas.contains_rect(shown));
        let before = camera.pan;
        camera.clear_of(card, canvas, overview);
        assert_eq!(camera.pan, before, "a card already clear stays put");
    }
}
