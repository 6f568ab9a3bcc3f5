//! The overview in the canvas's corner: the whole map in small, with the part on screen
//! outlined and the selected cards marked. Clicking it moves the view there.
//!
//! The map is drawn into the overview as a grid of cells a few pixels wide, worked out
//! once per layout and kept: a frame paints at most a few thousand cells, whatever the
//! size of the map (painting every card each frame was most of a frame at 50,000 events).

use super::CanvasState;
use crate::document::Document;
use crate::render::{Theme, View};
use egui::{Color32, Id, Rect, Role, Sense, Stroke, StrokeKind, Ui, WidgetInfo, vec2};
type HashSet<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;

/// The overview's largest size on screen.
const MAX_SIZE: egui::Vec2 = vec2(180.0, 240.0);
const MARGIN: f32 = 12.0;
/// Side of one cell of the overview, in screen points.
const CELL: f32 = 2.0;

/// The overview's cells for one layout, map revision (a card's kind sets its colour, and
/// some edits keep the layout) and theme.
#[derive(Default)]
pub(super) struct OverviewCache {
    key: Option<(u64, u64, bool)>,
    /// Each cell holding a card: its place in the overview (from its top left, in
    /// points) and the colour of the first card found in it.
    cells: Vec<(Rect, Color32)>,
}

impl OverviewCache {
    fn cells(&mut self, doc: &Document, theme: &Theme, scale: f32) -> &[(Rect, Color32)] {
        let key = (doc.layout_generation(), doc.revision(), theme.dark);
        if self.key != Some(key) {
            self.key = Some(key);
            self.cells = overview_cells(doc, theme, scale);
        }
        &self.cells
    }
}

/// Cards in small: a card smaller than a cell marks its cell; a larger one is drawn whole.
fn overview_cells(doc: &Document, theme: &Theme, scale: f32) -> Vec<(Rect, Color32)> {
    let bounds = doc.geometry().bounds;
    let mut taken: HashSet<(i32, i32)> = HashSet::default();
    let mut cells = Vec::new();
    for card in &doc.geometry().cards {
        let rect = Rect::from_min_max(
            ((card.rect.min - bounds.min) * scale).to_pos2(),
            ((card.rect.max - bounds.min) * scale).to_pos2(),
        );
        let color = match &card.item {
            crate::model::CardId::Event(_) => theme.event_kind(
                doc.map()
                    .events
                    .get(card.index)
                    .and_then(|e| e.kind.as_ref()),
            ),
            crate::model::CardId::Branch(_) => theme.branch,
        };
        if rect.width() > CELL * 2.0 || rect.height() > CELL * 2.0 {
            cells.push((rect, color));
            continue;
        }
        let cell = (
            (rect.center().x / CELL).floor() as i32,
            (rect.center().y / CELL).floor() as i32,
        );
        if taken.insert(cell) {
            let min = egui::pos2(cell.0 as f32 * CELL, cell.1 as f32 * CELL);
            cells.push((Rect::from_min_size(min, vec2(CELL, CELL)), color));
        }
    }
    cells
}

/// Where the overview of a map with these bounds sits on a canvas at `clip` (bottom right),
/// and its scale (overview points per scene point).
pub(super) fn overview_area(bounds: Rect, clip: Rect) -> (Rect, f32) {
    let (corners, scale) = overview_corners(bounds, clip);
    (corners[0], scale)
}

/// Room left for the pinned time ruler on the left and lane headers on top.
const CHROME: f32 = 72.0;

/// The overview's places, best first: bottom right, bottom left, top right, top left
/// (clear of the pinned ruler and headers); and its scale.
fn overview_corners(bounds: Rect, clip: Rect) -> ([Rect; 4], f32) {
    let scale = (MAX_SIZE.x / bounds.width()).min(MAX_SIZE.y / bounds.height());
    let size = bounds.size() * scale;
    let left = clip.left() + CHROME + MARGIN;
    let right = clip.right() - size.x - MARGIN;
    let top = clip.top() + CHROME + MARGIN;
    let bottom = clip.bottom() - size.y - MARGIN;
    let at = |x: f32, y: f32| Rect::from_min_size(egui::pos2(x, y), size);
    (
        [
            at(right, bottom),
            at(left, bottom),
            at(right, top),
            at(left, top),
        ],
        scale,
    )
}

/// The first corner whose overview covers none of `worked_on` (screen rects of the cards
/// being worked on), or `None` when every corner would: then the overview steps aside.
pub(super) fn place_clear_of(bounds: Rect, clip: Rect, worked_on: &[Rect]) -> Option<(Rect, f32)> {
    let (corners, scale) = overview_corners(bounds, clip);
    corners
        .into_iter()
        .find(|corner| {
            let reach = corner.expand(8.0);
            !worked_on.iter().any(|card| card.intersects(reach))
        })
        .map(|corner| (corner, scale))
}

/// How many selected cards the overview keeps clear of: enough for any hand-made
/// selection, and a frame never walks a select-all of a huge map.
const AVOIDED: usize = 64;

pub(super) fn minimap_ui(
    ui: &mut Ui,
    doc: &Document,
    state: &mut CanvasState,
    view: &View,
    theme: &Theme,
    inline_rect: Option<Rect>,
) {
    let bounds = doc.geometry().bounds;
    if !bounds.is_positive() {
        return;
    }
    // Never over the card being worked on: another corner, or not at all for now.
    let worked_on: Vec<Rect> = state
        .selection
        .cards
        .iter()
        // The last selected first: it is the card a keyboard walk or a click just chose.
        .rev()
        .take(AVOIDED)
        .filter_map(|id| doc.geometry().card_of_item(id))
        .map(|card| view.screen_from_scene.mul_rect(card.rect))
        .chain(inline_rect)
        .filter(|rect| rect.intersects(view.clip))
        .collect();
    let Some((area, scale)) = place_clear_of(bounds, view.clip, &worked_on) else {
        return;
    };
    let to_map = |p: egui::Pos2| area.min + (p - bounds.min) * scale;
    let painter = ui.painter_at(view.clip);
    painter.rect(
        area.expand(4.0),
        4.0,
        theme.header_fill.gamma_multiply(0.95),
        Stroke::new(1.0, theme.header_stroke),
        StrokeKind::Outside,
    );
    for (cell, color) in state.overview.cells(doc, theme, scale) {
        painter.rect_filled(cell.translate(area.min.to_vec2()).expand(0.3), 0.0, *color);
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

#[cfg(test)]
mod tests {
    use super::*;
    use egui::pos2;

    #[test]
    fn the_overview_moves_to_a_free_corner_or_steps_aside() {
        let bounds = Rect::from_min_size(pos2(0.0, 0.0), vec2(2000.0, 3000.0));
        let clip = Rect::from_min_size(pos2(0.0, 30.0), vec2(1000.0, 800.0));
        let (home, _) = overview_area(bounds, clip);
        assert_eq!(place_clear_of(bounds, clip, &[]).unwrap().0, home);
        let card = Rect::from_center_size(home.center(), vec2(196.0, 56.0));
        let (moved, _) = place_clear_of(bounds, clip, &[card]).unwrap();
        assert!(!moved.intersects(card), "{moved:?}");
        assert!(place_clear_of(bounds, clip, &[clip]).is_none());
    }
}
