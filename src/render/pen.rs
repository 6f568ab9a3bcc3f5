//! A small drawing helper that turns scene sizes into screen sizes and lays out text at
//! the zoomed size, so text stays crisp at every zoom instead of being scaled as a bitmap.

use super::{Theme, View};
use egui::epaint::text::{FontsView, LayoutJob, TextWrapping};
use egui::{Color32, FontId, Galley, Pos2, Rect, Shape};
use std::sync::Arc;

/// Text smaller than this on screen is unreadable; it is skipped, which also keeps a
/// zoomed-out overview of a large map fast.
const MIN_TEXT_PX: f32 = 4.5;

pub(super) struct Pen<'a, 'f> {
    pub fonts: &'a mut FontsView<'f>,
    pub out: &'a mut Vec<Shape>,
    pub theme: &'a Theme,
    pub view: &'a View,
    /// Screen points per scene point.
    pub zoom: f32,
}

impl<'a, 'f> Pen<'a, 'f> {
    pub fn new(
        fonts: &'a mut FontsView<'f>,
        out: &'a mut Vec<Shape>,
        theme: &'a Theme,
        view: &'a View,
    ) -> Self {
        let zoom = view.screen_from_scene.scaling;
        Pen {
            fonts,
            out,
            theme,
            view,
            zoom,
        }
    }

    pub fn pos(&self, scene: Pos2) -> Pos2 {
        self.view.screen_from_scene.mul_pos(scene)
    }

    pub fn rect(&self, scene: Rect) -> Rect {
        self.view.screen_from_scene.mul_rect(scene)
    }

    /// A scene length on screen.
    pub fn len(&self, scene: f32) -> f32 {
        scene * self.zoom
    }

    /// Lays out text of `size` scene points, wrapped at `wrap_width` scene points into at
    /// most `max_rows` rows (ending in "…" when cut). `None` when too small to read.
    pub fn galley(
        &mut self,
        text: &str,
        size: f32,
        color: Color32,
        wrap_width: f32,
        max_rows: usize,
    ) -> Option<Arc<Galley>> {
        let px = self.len(size);
        if px < MIN_TEXT_PX || text.is_empty() {
            return None;
        }
        let mut job = LayoutJob::simple(
            text.to_owned(),
            FontId::proportional(px),
            color,
            self.len(wrap_width),
        );
        job.wrap = TextWrapping {
            max_width: self.len(wrap_width),
            max_rows,
            break_anywhere: max_rows == 1,
            overflow_character: Some('…'),
        };
        Some(self.fonts.layout_job(job))
    }

    /// A dashed outline around a screen rect (square corners: dashes do not follow curves).
    pub fn dashed_rect(&mut self, rect: Rect, stroke: egui::Stroke, dash: f32) {
        let corners = [
            rect.left_top(),
            rect.right_top(),
            rect.right_bottom(),
            rect.left_bottom(),
            rect.left_top(),
        ];
        self.out
            .extend(Shape::dashed_line(&corners, stroke, dash, dash * 0.7));
    }

    /// Draws a galley with its top-left at a screen position.
    pub fn put(&mut self, at_screen: Pos2, galley: Arc<Galley>, color: Color32) {
        self.out.push(Shape::galley(at_screen, galley, color));
    }
}
