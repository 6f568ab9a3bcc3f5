//! Mapping the pointer back onto the map: which lane is under an x, which `pos` a y means.

use super::{CardGeom, Geometry, LayoutSettings};
use crate::model::{CardId, Map};
use egui::{Pos2, Rect, vec2};

impl Geometry {
    /// The index of the lane whose column holds `x`; beyond the first or last lane, that lane.
    pub fn lane_at_x(&self, x: f32) -> Option<usize> {
        if self.lanes.is_empty() {
            return None;
        }
        // Columns are left to right and touch: a binary search (maps can have many lanes).
        let index = self.lanes.partition_point(|lane| lane.column.max.x <= x);
        Some(index.min(self.lanes.len() - 1))
    }

    /// The card under `point`, counting `slack` around every card and `extra_right` more on
    /// its right (where its link handle sits). Searches only the cards near `point`.
    pub fn card_at(&self, point: Pos2, slack: f32, extra_right: f32) -> Option<&CardGeom> {
        self.cards_between(point.y - slack, point.y + slack)
            .iter()
            .find(|card| {
                let reach = card.rect.expand(slack);
                let reach = Rect::from_min_max(reach.min, reach.max + vec2(extra_right, 0.0));
                reach.contains(point)
            })
    }
}

/// Snap distance: a card dropped this close to another card's top takes that card's `pos`,
/// so it lines up with it.
const SNAP: f32 = 8.0;

/// The `pos` a card whose top edge is at `y` should get, given the cards already placed
/// (except those in `moving`). Interpolates between the neighbouring cards so a card
/// dropped between two others lands between them in the sequence.
pub fn pos_at_y(
    geometry: &Geometry,
    map: &Map,
    settings: &LayoutSettings,
    y: f32,
    moving: &[CardId],
) -> f64 {
    let mut anchors: Vec<(f32, f64)> = geometry
        .cards
        .iter()
        .filter(|card| !moving.contains(&card.item))
        .filter_map(|card| Some((card.rect.min.y, map.card_place(&card.item)?.1)))
        .collect();
    // In time modes a card's height on screen and its `pos` need not agree; keep the
    // anchors in screen order so the search below is sound.
    anchors.sort_by(|a, b| a.0.total_cmp(&b.0));
    let row = f64::from(settings.row_height);
    let Some(&(first_y, first_pos)) = anchors.first() else {
        let top = settings.header_height + settings.margin;
        return round_pos(f64::from(y - top) / row + 1.0);
    };
    if let Some(&(_, pos)) = anchors
        .iter()
        .find(|(card_y, _)| (card_y - y).abs() <= SNAP)
    {
        return pos;
    }
    let after = anchors.partition_point(|(card_y, _)| *card_y < y);
    let pos = if after == 0 {
        first_pos - f64::from(first_y - y) / row
    } else if after == anchors.len() {
        let (last_y, last_pos) = anchors[anchors.len() - 1];
        last_pos + f64::from(y - last_y) / row
    } else {
        let (y0, p0) = anchors[after - 1];
        let (y1, p1) = anchors[after];
        let t = f64::from((y - y0) / (y1 - y0).max(f32::EPSILON));
        p0 + (p1 - p0) * t
    };
    round_pos(pos)
}

/// Keeps saved positions short and stable: 1/1000 of a row is finer than anyone can drag.
fn round_pos(pos: f64) -> f64 {
    (pos * 1000.0).round() / 1000.0
}
