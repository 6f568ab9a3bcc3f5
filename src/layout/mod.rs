//! Pure geometry: where every lane, card, link and ruler tick goes, from the map alone.
//! No painting and no input here, so it is tested like math and shared by the canvas and
//! every export.

mod place;
mod query;

pub use place::loop_reach;
pub use query::pos_at_y;

use crate::model::{EventId, LaneId, LinkId, Map, Timestamp};
use chrono::FixedOffset;
use egui::{Pos2, Rect};
use std::collections::HashMap;

/// Sizes in scene points (1 point = 1 pixel at zoom 1).
#[derive(Clone, Debug, PartialEq)]
pub struct LayoutSettings {
    /// Width of the time ruler on the left.
    pub ruler_width: f32,
    /// Width of a lane's header and the space its cards use.
    pub lane_width: f32,
    /// Space between two lanes.
    pub lane_gap: f32,
    pub header_height: f32,
    pub card_width: f32,
    pub card_height: f32,
    /// Distance between two cards whose `pos` differ by 1.
    pub row_height: f32,
    /// Smallest vertical space between two cards of one lane.
    pub card_gap: f32,
    /// Space below the headers before the first card, and below the last one.
    pub margin: f32,
}

impl Default for LayoutSettings {
    fn default() -> Self {
        LayoutSettings {
            ruler_width: 64.0,
            lane_width: 216.0,
            lane_gap: 28.0,
            header_height: 52.0,
            card_width: 196.0,
            card_height: 56.0,
            row_height: 72.0,
            card_gap: 10.0,
            margin: 28.0,
        }
    }
}

impl LayoutSettings {
    /// Horizontal distance from one lane to the next.
    pub fn lane_pitch(&self) -> f32 {
        self.lane_width + self.lane_gap
    }
}

/// A lane's place: its header at the top and its full-height column.
#[derive(Clone, Debug, PartialEq)]
pub struct LaneGeom {
    pub id: LaneId,
    /// The header box, at the top of the map.
    pub header: Rect,
    /// The whole column including the space around the lifeline: the drop target.
    pub column: Rect,
    pub lifeline_x: f32,
}

/// An event card's place.
#[derive(Clone, Debug, PartialEq)]
pub struct CardGeom {
    pub event: EventId,
    /// Index into [`Map::events`].
    pub event_index: usize,
    pub lane_index: usize,
    pub rect: Rect,
}

/// How a link's arrow runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkRoute {
    /// From one card's side straight to the facing side of a card in another lane.
    Across,
    /// Between two cards of the same lane: a loop out to the right.
    Loop,
}

/// A link's arrow, from the edge of one card to the edge of the other.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkGeom {
    pub link: LinkId,
    pub from: Pos2,
    pub to: Pos2,
    pub route: LinkRoute,
    /// Bounding box of the drawn arrow, for culling.
    pub bounds: Rect,
}

/// A time shown on the ruler beside the card it belongs to.
#[derive(Clone, Debug, PartialEq)]
pub struct RulerTick {
    pub y: f32,
    pub time: Timestamp,
    pub approximate: bool,
}

/// Everything needed to draw the map and to map the pointer back onto it.
#[derive(Clone, Debug, PartialEq)]
pub struct Geometry {
    pub lanes: Vec<LaneGeom>,
    /// Sorted by top edge, so the visible ones are found by binary search.
    pub cards: Vec<CardGeom>,
    pub links: Vec<LinkGeom>,
    pub ruler: Vec<RulerTick>,
    /// Everything drawn, headers included.
    pub bounds: Rect,
    /// Where the lifelines start (the bottom of the headers).
    pub lifeline_top: f32,
    /// The zone clock times are shown in: the UTC offset most of the map's times were
    /// recorded in (UTC when there are none).
    pub display_zone: FixedOffset,
    /// Height of the tallest card, so a search by top edge does not miss a card that
    /// starts above the searched band and reaches into it.
    tallest_card: f32,
    card_of_event: HashMap<EventId, usize>,
}

impl Geometry {
    /// The card of an event.
    pub fn card(&self, event: &EventId) -> Option<&CardGeom> {
        self.card_of_event.get(event).map(|&i| &self.cards[i])
    }

    /// Cards whose vertical extent meets `top..=bottom`, without scanning the whole map.
    pub fn cards_between(&self, top: f32, bottom: f32) -> &[CardGeom] {
        let start = self
            .cards
            .partition_point(|card| card.rect.min.y < top - self.tallest_card);
        let end = self.cards.partition_point(|card| card.rect.min.y <= bottom);
        &self.cards[start..end.max(start)]
    }
}

/// Lays out the whole map.
pub fn layout(map: &Map, settings: &LayoutSettings) -> Geometry {
    place::layout(map, settings)
}

#[cfg(test)]
mod tests;
