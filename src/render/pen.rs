//! A small drawing helper that turns scene sizes into screen sizes and lays out text at
//! the zoomed size, so text stays crisp at every zoom instead of being scaled as a bitmap.
//! Its text and strokes are bounded by the view: text is cut to [`super::SHOWN_CHARS`],
//! strokes are clipped to the view before they are dashed or flattened, and the strokes
//! there can be any number of (links, paths not taken) share one budget per view.

// Text smaller than this on screen is skipped: it cannot be read, and skipping it keeps a
// zoomed-out overview of a large map fast.
use super::detail::MIN_TEXT_PX;
use super::stroke::{self, Path, Pattern};
use super::{Theme, View};
use egui::epaint::TextShape;
use egui::epaint::text::{FontsView, LayoutJob, TextWrapping};
use egui::{Color32, FontId, Galley, Pos2, Rect, Shape, Stroke};
use std::f32::consts::FRAC_PI_2;
use std::sync::Arc;

/// How much line (screen points) links and paths not taken may draw in one view: this
/// much per square point of the view (a fifth: lines 1.6 points wide would cover a third
/// of it; a 1400x900 window has room for 180 of them crossing it top to bottom, far more
/// than a readable map has), while 20,000 paths not taken fanning out of one card cost no
/// more than that. The ones ending in view are drawn first.
const CROWD_INK_PER_AREA: f32 = 0.2;
/// ... and at least this much per point of the view's width plus height, for a thin view
/// (a strip of an export at a large scale): 16 lines along its length.
const CROWD_INK_PER_SIDE: f32 = 16.0;

pub(super) struct Pen<'a, 'f> {
    pub fonts: &'a mut FontsView<'f>,
    pub out: &'a mut Vec<Shape>,
    pub theme: &'a Theme,
    pub view: &'a View,
    /// Screen points per scene point.
    pub zoom: f32,
    /// Screen points of line that links and paths not taken may still draw in this view.
    crowd_ink: f32,
    /// When asked for (the SVG export): which of `out`'s shapes each card drew.
    pub cards: Option<&'a mut Vec<CardShapes>>,
    /// What stands out (a point of view's knowledge, a theme's cards); the rest is drawn
    /// faded. `None`: everything is drawn at full strength.
    pub lit: Option<super::Lit<'a>>,
}

/// A card and the range of output shapes that draw it.
pub type CardShapes = (crate::model::CardId, std::ops::Range<usize>);

impl<'a, 'f> Pen<'a, 'f> {
    pub fn new(
        fonts: &'a mut FontsView<'f>,
        out: &'a mut Vec<Shape>,
        theme: &'a Theme,
        view: &'a View,
    ) -> Self {
        let zoom = view.screen_from_scene.scaling;
        let (width, height) = (view.clip.width().max(0.0), view.clip.height().max(0.0));
        let crowd_ink =
            (CROWD_INK_PER_AREA * width * height).max(CROWD_INK_PER_SIDE * (width + height));
        Pen {
            fonts,
            out,
            theme,
            view,
            zoom,
            crowd_ink,
            cards: None,
            lit: None,
        }
    }

    /// Fades the shapes drawn since `start` (an output length) when `known` is false.
    pub fn fade_unless(&mut self, known: bool, start: usize) {
        if !known && let Some(drawn) = self.out.get_mut(start..) {
            super::fade::fade(drawn);
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
    /// most `max_rows` rows (ending in "…" when cut). `None` when too small to read. At
    /// most [`super::SHOWN_CHARS`] characters are laid out.
    pub fn galley(
        &mut self,
        text: &str,
        size: f32,
        color: Color32,
        wrap_width: f32,
        max_rows: usize,
    ) -> Option<Arc<Galley>> {
        let (px, wrap_px) = (self.len(size), self.len(wrap_width));
        self.galley_px(text, px, color, wrap_px, max_rows)
    }

    /// [`Pen::galley`] in screen points: for text that keeps its size on screen whatever
    /// the zoom (lane names and ruler times when zoomed out). A single row is cut at any
    /// character; several rows break between words.
    pub fn galley_px(
        &mut self,
        text: &str,
        px: f32,
        color: Color32,
        wrap_px: f32,
        max_rows: usize,
    ) -> Option<Arc<Galley>> {
        self.layout(text, px, color, wrap_px, max_rows, max_rows == 1)
    }

    /// [`Pen::galley_px`] that breaks between words even on a single row, so a cut text
    /// shows its first words whole ("Restarts the…").
    pub fn galley_words(
        &mut self,
        text: &str,
        px: f32,
        color: Color32,
        wrap_px: f32,
        max_rows: usize,
    ) -> Option<Arc<Galley>> {
        self.layout(text, px, color, wrap_px, max_rows, false)
    }

    fn layout(
        &mut self,
        text: &str,
        px: f32,
        color: Color32,
        wrap_px: f32,
        max_rows: usize,
        break_anywhere: bool,
    ) -> Option<Arc<Galley>> {
        if px < MIN_TEXT_PX || text.is_empty() || max_rows == 0 || wrap_px.is_nan() {
            return None;
        }
        let mut job = LayoutJob::simple(
            super::shown_text(text).into_owned(),
            FontId::proportional(px),
            color,
            wrap_px,
        );
        job.wrap = TextWrapping {
            max_width: wrap_px,
            max_rows,
            break_anywhere,
            overflow_character: Some('…'),
        };
        Some(self.fonts.layout_job(job))
    }

    /// The height of one row of text `px` screen points big.
    pub fn row_px(&mut self, px: f32) -> f32 {
        self.fonts.row_height(&FontId::proportional(px))
    }

    /// A dashed outline around a scene rect (square corners: dashes do not follow curves).
    pub fn dashed_rect(&mut self, rect: Rect, stroke: Stroke, dash: f32) {
        let corners = [
            rect.left_top(),
            rect.right_top(),
            rect.right_bottom(),
            rect.left_bottom(),
            rect.left_top(),
        ];
        let pattern = Pattern::Dashed {
            dash,
            gap: dash * 0.7,
        };
        self.stroke(Path::Polyline(&corners), stroke, pattern);
    }

    /// Draws the part in view of a path in scene points (dash lengths in screen points).
    /// Returns the length drawn, in screen points.
    pub fn stroke(&mut self, path: Path<'_>, stroke: Stroke, pattern: Pattern) -> f32 {
        let view = self.view;
        stroke::stroke_path(
            self.out,
            view.screen_from_scene,
            view.clip,
            path,
            stroke,
            pattern,
        )
    }

    /// Whether the strokes a map can have any number of (links, paths not taken) may
    /// still draw in this view. When they have used up their share, the rest are left
    /// out: they could only be drawn over each other.
    pub fn crowd_has_room(&self) -> bool {
        self.crowd_ink > 0.0
    }

    /// [`Pen::stroke`] for one of the strokes a map can have any number of: it counts
    /// against their share of the view.
    pub fn crowd_stroke(&mut self, path: Path<'_>, stroke: Stroke, pattern: Pattern) {
        self.crowd_ink -= self.stroke(path, stroke, pattern);
    }

    /// Whether a screen point is in view or within `margin` screen points of it.
    pub fn near_view(&self, at_screen: Pos2, margin: f32) -> bool {
        self.view.clip.expand(margin).contains(at_screen)
    }

    /// Draws a galley with its top-left at a screen position.
    pub fn put(&mut self, at_screen: Pos2, galley: Arc<Galley>, color: Color32) {
        self.out.push(Shape::galley(at_screen, galley, color));
    }

    /// Draws a galley turned a quarter turn anticlockwise, reading upwards: its first
    /// letter at `bottom_left` (screen), its rows stacked to the right of it.
    pub fn put_rising(&mut self, bottom_left: Pos2, galley: Arc<Galley>, color: Color32) {
        let text = TextShape::new(bottom_left, galley, color).with_angle(-FRAC_PI_2);
        self.out.push(Shape::Text(text));
    }
}
