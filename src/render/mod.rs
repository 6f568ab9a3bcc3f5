//! Drawing map content: geometry plus theme to epaint shapes. This is the only code that
//! draws lanes, cards, links, paths not taken and gaps; the canvas, presentation and exports all call it, so what
//! is exported is what was on screen. Selection and drag feedback are the UI's overlay.

mod branches;
mod cards;
mod detail;
mod fade;
mod gaps;
mod headers;
mod iceberg;
mod lanes;
mod links;
mod lit;
mod pen;
mod ruler;
mod small;
mod stroke;
mod text;
mod theme;

pub use detail::{MIN_TEXT_PX, chrome_overhang, headers_shortened};
pub use headers::header_rect_on_screen;
pub use iceberg::{
    THEME_PALETTE, colour_of_theme, iceberg_page_size, paint_iceberg, paint_iceberg_page,
    theme_colour,
};
pub use lit::{CardSet, Lit};
pub use stroke::{Path, Pattern, stroke_path};
pub use text::{EDITABLE_CHARS, SHOWN_CHARS, fits_editing, grouped, shown_text, too_long_to_edit};
pub use theme::Theme;

use crate::layout::{Geometry, LayoutSettings};
use crate::model::Map;
use egui::emath::TSTransform;
use egui::epaint::text::FontsView;
use egui::{Rect, Shape};
pub use pen::CardShapes;
use pen::Pen;

/// Where and how the map is seen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    /// Scene points to screen points: pan and zoom.
    pub screen_from_scene: TSTransform,
    /// The screen area being drawn; content outside it is skipped.
    pub clip: Rect,
    /// Keep lane headers and the time ruler in view when scrolled (the canvas); an export
    /// draws them where they are.
    pub sticky_chrome: bool,
    /// Without hindsight (presenting): nothing that starts below this scene y is drawn,
    /// so the room sees only what had happened so far.
    pub until: Option<f32>,
}

impl View {
    /// The part of the scene that is visible.
    pub fn visible_scene_rect(&self) -> Rect {
        self.screen_from_scene.inverse().mul_rect(self.clip)
    }

    /// Whether something starting at scene `y` is shown (always, unless presenting
    /// without hindsight).
    pub fn shows(&self, y: f32) -> bool {
        self.until.is_none_or(|until| y <= until)
    }
}

/// Draws the whole map as seen through `view`, appending to `out`.
pub fn paint_map(
    map: &Map,
    geometry: &Geometry,
    settings: &LayoutSettings,
    theme: &Theme,
    view: &View,
    fonts: &mut FontsView<'_>,
    out: &mut Vec<Shape>,
) {
    paint_map_lit(map, geometry, settings, theme, view, fonts, out, None);
}

/// [`paint_map`] with part of the map standing out (a lane's point of view, a highlighted
/// theme): what `lit` leaves out (cards, and links from cards) is drawn faded.
#[allow(clippy::too_many_arguments)]
pub fn paint_map_lit(
    map: &Map,
    geometry: &Geometry,
    settings: &LayoutSettings,
    theme: &Theme,
    view: &View,
    fonts: &mut FontsView<'_>,
    out: &mut Vec<Shape>,
    lit: Option<Lit<'_>>,
) {
    // The canvas paints its background; an export page is cleared to it beforehand
    // (`paint_page`), and painting it again would only cost time.
    if view.sticky_chrome {
        out.push(Shape::rect_filled(view.clip, 0.0, theme.background));
    }
    let mut pen = Pen::new(fonts, out, theme, view);
    pen.lit = lit;
    paint_map_with(&mut pen, map, geometry, settings);
}

fn paint_map_with(
    pen: &mut Pen<'_, '_>,
    map: &Map,
    geometry: &Geometry,
    settings: &LayoutSettings,
) {
    lanes::paint_columns(pen, geometry);
    gaps::paint_gap_bands(pen, map, geometry, settings);
    branches::paint_branch_curves(pen, map, geometry);
    let links_drawn = links::paint_links(pen, map, geometry);
    cards::paint_cards(pen, map, geometry, settings);
    links::paint_link_labels(pen, map, geometry, &links_drawn);
    gaps::paint_gap_summaries(pen, map, geometry, settings);
    ruler::paint_ruler(pen, geometry, settings);
    headers::paint_headers(pen, map, geometry);
}

/// Room around an exported map, and above it for its title (scene points).
pub const PAGE_MARGIN: f32 = 32.0;
pub const PAGE_TITLE_HEIGHT: f32 = 44.0;

/// The page an export draws: the map with a margin and its title above, in page points
/// (the map's scene shifted down and right).
pub fn page_size(geometry: &Geometry) -> egui::Vec2 {
    geometry.bounds.size() + egui::vec2(2.0 * PAGE_MARGIN, 2.0 * PAGE_MARGIN + PAGE_TITLE_HEIGHT)
}

/// Draws the export page as seen through `view`, whose transform maps page points to the
/// output: the title, then the map exactly as the canvas draws it. The target must be
/// cleared to `theme.background` first.
pub fn paint_page(
    map: &Map,
    geometry: &Geometry,
    settings: &LayoutSettings,
    theme: &Theme,
    view: &View,
    fonts: &mut FontsView<'_>,
    out: &mut Vec<Shape>,
) {
    paint_page_grouped(map, geometry, settings, theme, view, fonts, (out, None));
}

/// [`paint_page`], also saying, when `cards` is given, which of the shapes in `out` each
/// card drew (the SVG export groups them under the card's whole title).
pub fn paint_page_grouped(
    map: &Map,
    geometry: &Geometry,
    settings: &LayoutSettings,
    theme: &Theme,
    view: &View,
    fonts: &mut FontsView<'_>,
    (out, cards): (&mut Vec<Shape>, Option<&mut Vec<CardShapes>>),
) {
    {
        let mut pen = Pen::new(fonts, out, theme, view);
        let width = page_size(geometry).x - 2.0 * PAGE_MARGIN;
        let title = if map.title.trim().is_empty() {
            "Untitled map"
        } else {
            map.title.trim()
        };
        let title_rect = Rect::from_min_size(
            egui::pos2(PAGE_MARGIN, PAGE_MARGIN - 4.0),
            egui::vec2(width, PAGE_TITLE_HEIGHT),
        );
        // An export strip that does not reach the title does not lay it out.
        let in_view = pen.rect(title_rect).intersects(view.clip);
        if in_view && let Some(galley) = pen.galley(title, 20.0, theme.text, width, 1) {
            let at = pen.pos(egui::pos2(PAGE_MARGIN, PAGE_MARGIN - 4.0));
            pen.put(at, galley, theme.text);
        }
    }
    let offset = egui::vec2(PAGE_MARGIN, PAGE_MARGIN + PAGE_TITLE_HEIGHT);
    let map_view = View {
        screen_from_scene: view.screen_from_scene * TSTransform::from_translation(offset),
        ..*view
    };
    let mut pen = Pen::new(fonts, out, theme, &map_view);
    pen.cards = cards;
    paint_map_with(&mut pen, map, geometry, settings);
}

/// One card drawn at a scene rect exactly as the map draws it (for drag previews).
pub struct CardPreview<'a> {
    pub map: &'a Map,
    pub card: &'a crate::model::CardId,
    pub scene_rect: Rect,
    pub settings: &'a LayoutSettings,
    pub zone: chrono::FixedOffset,
}

impl CardPreview<'_> {
    pub fn paint(
        &self,
        theme: &Theme,
        view: &View,
        fonts: &mut FontsView<'_>,
        out: &mut Vec<Shape>,
    ) {
        let mut pen = Pen::new(fonts, out, theme, view);
        cards::paint_any(
            &mut pen,
            self.map,
            (self.card, None),
            self.scene_rect,
            self.settings,
            self.zone,
            None,
        );
    }
}
