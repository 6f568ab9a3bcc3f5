//! Pure geometry: where every lane, card, ghost card, link, branch curve, gap band and
//! ruler tick goes, from the map and the view options alone. No painting and no input
//! here, so it is tested like math and shared by the canvas and every export.

mod bands;
mod card_index;
pub mod iceberg;
mod label_spot;
mod lanes;
mod place;
mod query;
mod reuse;
mod route;
mod scale;
mod spans;
mod title;

pub use label_spot::label_size;
pub use place::extra_title_height;
pub use query::pos_at_y;
pub use reuse::{branch_only_moved, event_edit_keeps_layout, event_only_moved};
pub use title::{GLYPH_WIDTH, MAX_TITLE_LINES, TITLE_LINE, title_lines};

use crate::model::FastHashMap as HashMap;
use crate::model::{BranchId, CardId, EventId, LaneId, LinkId, Map, Timestamp};
use crate::timeline::{Clock, GapScan, Story};
use chrono::FixedOffset;
use egui::{Pos2, Rect, Vec2};
use std::sync::Arc;

/// What decides how far down a card goes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum TimeScale {
    /// The reviewer's order and spacing (`pos`); times are labels only.
    #[default]
    Ordinal,
    /// Distance follows the clock; untimed cards sit between their neighbours.
    Time,
    /// Like `Time`, with each gap shortened to a marked break showing its length.
    Compressed,
}

impl TimeScale {
    pub const ALL: [TimeScale; 3] = [TimeScale::Ordinal, TimeScale::Time, TimeScale::Compressed];

    pub fn label(self) -> &'static str {
        match self {
            TimeScale::Ordinal => "Ordinal (your order)",
            TimeScale::Time => "Time (to scale)",
            TimeScale::Compressed => "Time, gaps compressed",
        }
    }
}

/// The zone clock times are shown in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ZoneChoice {
    /// The UTC offset most of the map's times were recorded in.
    #[default]
    Map,
    Utc,
}

/// Sizes in scene points (1 point = 1 pixel at zoom 1).
#[derive(Clone, Debug, PartialEq)]
pub struct LayoutSettings {
    /// Width of the time ruler on the left.
    pub ruler_width: f32,
    /// Width of the widest lane's header; a lane whose content needs less is narrower (by
    /// as much as its cards are narrower than `card_width`).
    pub lane_width: f32,
    /// Space between two lanes.
    pub lane_gap: f32,
    pub header_height: f32,
    /// Width of the widest cards: those whose titles are long sentences.
    pub card_width: f32,
    /// Width of the narrowest cards: a lane of short titles.
    pub min_card_width: f32,
    pub card_height: f32,
    /// Distance between two cards whose `pos` differ by 1.
    pub row_height: f32,
    /// Smallest vertical space between two cards of one lane.
    pub card_gap: f32,
    /// Space below the headers before the first card, and below the last one.
    pub margin: f32,
    /// Height of one annotation line shown under a card's title.
    pub annotation_line: f32,
    /// Smallest height of a gap band, room for its length and prompt.
    pub gap_band: f32,
    /// Height a gap is shortened to in compressed time.
    pub compressed_gap: f32,
    pub time_scale: TimeScale,
    /// Draw paths not taken (ghost cards and their curves).
    pub show_branches: bool,
    /// List each card's annotations under its title instead of only badges.
    pub annotations_inline: bool,
    pub zone: ZoneChoice,
    /// Show the overview of the whole map in the canvas's corner (not drawn in exports).
    pub show_minimap: bool,
    /// Lanes left out of the view (focusing on one person's point of view). Their cards,
    /// and links and paths to them, are not laid out. Empty: every lane.
    pub hidden_lanes: Vec<LaneId>,
}

impl Default for LayoutSettings {
    fn default() -> Self {
        LayoutSettings {
            ruler_width: 64.0,
            lane_width: 216.0,
            lane_gap: 28.0,
            header_height: 52.0,
            card_width: 196.0,
            min_card_width: 132.0,
            card_height: 56.0,
            row_height: 72.0,
            card_gap: 10.0,
            margin: 28.0,
            annotation_line: 17.0,
            gap_band: 46.0,
            compressed_gap: 64.0,
            time_scale: TimeScale::Ordinal,
            show_branches: true,
            annotations_inline: false,
            zone: ZoneChoice::Map,
            show_minimap: true,
            hidden_lanes: Vec::new(),
        }
    }
}

impl LayoutSettings {
    /// Width of the title column (inside its padding) of the widest cards.
    pub fn title_width(&self) -> f32 {
        title_width_of(self.card_width)
    }
}

/// Width of the title column of a card `card_width` wide (inside its padding).
pub fn title_width_of(card_width: f32) -> f32 {
    card_width - 18.0
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
    /// Width of the lane's cards: as much as its titles and name need.
    pub card_width: f32,
}

/// A card's place: an event's card, or the ghost card of a path not taken.
#[derive(Clone, Debug, PartialEq)]
pub struct CardGeom {
    pub item: CardId,
    /// Index into [`Map::events`] or [`Map::branches`], by the kind of `item`.
    pub index: usize,
    /// Index into [`Geometry::lanes`] (the lanes shown).
    pub lane_index: usize,
    pub rect: Rect,
    /// The first timed card of its calendar day, top to bottom, on a map of several days:
    /// its time is shown with the date.
    pub starts_day: bool,
}

impl CardGeom {
    pub fn event(&self) -> Option<&EventId> {
        self.item.event()
    }

    pub fn is_ghost(&self) -> bool {
        matches!(self.item, CardId::Branch(_))
    }
}

/// The dashed curve from the card a path not taken branches off to its ghost card.
#[derive(Clone, Debug, PartialEq)]
pub struct BranchCurve {
    pub branch: BranchId,
    /// Cubic Bézier control points, start to end.
    pub points: [Pos2; 4],
    pub bounds: Rect,
}

/// Where a gap is drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct GapBand {
    /// Index into [`Geometry::gap_scan`]'s gaps.
    pub gap: usize,
    /// Across every lane for a whole-map gap; one lane's column for a lane's gap.
    pub rect: Rect,
    /// Drawn shortened, with break marks (compressed time).
    pub compressed: bool,
}

/// How a link's arrow runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkRoute {
    /// Between cards side by side in two lanes: one level line from side to facing side.
    Across,
    /// Between cards in two lanes far apart in time: out of the sender's side, upright
    /// along its lane beside its cards to the receiver's level, then level to the
    /// receiver's facing side, so it never slices diagonally across the map.
    Elbow,
    /// Between two cards of the same lane: a loop out to the right.
    Loop,
    /// A message: from a card's side straight to another lane's lifeline, level with the
    /// card (as in a sequence diagram).
    Message,
}

/// A link's arrow, from the edge of one card to the edge of the other (or a lifeline).
#[derive(Clone, Debug, PartialEq)]
pub struct LinkGeom {
    pub link: LinkId,
    pub route: LinkRoute,
    /// The drawn path, from the sender to the arrow's tip: straight pieces, each level or
    /// upright, except for a [`LinkRoute::Loop`], whose four points are a cubic Bézier's
    /// control points. Always at least two points.
    pub points: Vec<Pos2>,
    /// The centre of the label, on the route and clear of every card where there is room.
    pub label_at: Pos2,
    /// The top of the lower of its two cards (the sender's, for a message): presenting
    /// without hindsight shows the link once that card is shown.
    pub lower_card_top: f32,
    /// Bounding box of the drawn arrow and its label, for culling.
    pub bounds: Rect,
}

impl LinkGeom {
    /// Where the arrow leaves the sender.
    pub fn from(&self) -> Pos2 {
        self.points.first().copied().unwrap_or_default()
    }

    /// The arrow's tip.
    pub fn to(&self) -> Pos2 {
        self.points.last().copied().unwrap_or_default()
    }

    /// The way the arrow's head points: along the last piece of the path (for a loop, from
    /// its last control point, which is the tangent at its end).
    pub fn head_dir(&self) -> Vec2 {
        match self.points.as_slice() {
            [.., before, tip] => (*tip - *before).normalized(),
            _ => Vec2::ZERO,
        }
    }
}

/// A time shown on the ruler beside the card it belongs to.
#[derive(Clone, Debug, PartialEq)]
pub struct RulerTick {
    pub y: f32,
    pub time: Timestamp,
    pub approximate: bool,
    /// The first tick of its calendar day on a map of several days: the ruler marks the
    /// day change with the date.
    pub starts_day: bool,
}

/// Everything needed to draw the map and to map the pointer back onto it.
#[derive(Clone, Debug, PartialEq)]
pub struct Geometry {
    pub lanes: Vec<LaneGeom>,
    /// Sorted by top edge, so the visible ones are found by binary search.
    pub cards: Vec<CardGeom>,
    pub links: Vec<LinkGeom>,
    pub branch_curves: Vec<BranchCurve>,
    pub gap_scan: GapScan,
    /// The map's story in order (events and whole-map gaps), told once per layout for
    /// presentation and the text exports.
    pub story: Story,
    pub gap_bands: Vec<GapBand>,
    /// Top to bottom (the ruler finds the ticks in view by binary search).
    pub ruler: Vec<RulerTick>,
    /// Everything drawn, headers included.
    pub bounds: Rect,
    /// Where the lifelines start (the bottom of the headers).
    pub lifeline_top: f32,
    /// The zone clock times are shown in: the UTC offset most of the map's times were
    /// recorded in (UTC when there are none).
    pub display_zone: FixedOffset,
    /// How times read: the display zone, and whether the map spans several days.
    pub clock: Clock,
    /// Height of the tallest card, so a search by top edge does not miss a card that
    /// starts above the searched band and reaches into it.
    tallest_card: f32,
    card_of: card_index::CardIndex,
    lane_of: HashMap<LaneId, usize>,
    /// The cards' measures, for the layout after a move.
    measures: Arc<place::Measures>,
    /// Where `links`, `branch_curves` and `gap_bands` reach down the map, to find those
    /// in a view without looking at each.
    link_spans: spans::Spans,
    curve_spans: spans::Spans,
    band_spans: spans::Spans,
}

impl Geometry {
    /// Whether this layout and `other` share the cards' measures (the layout after a move
    /// reuses them).
    #[cfg(test)]
    pub(crate) fn shares_measures(&self, other: &Geometry) -> bool {
        Arc::ptr_eq(&self.measures, &other.measures)
    }

    /// The card of an event.
    pub fn card(&self, event: &EventId) -> Option<&CardGeom> {
        let at = self.card_of.event(&self.measures.ids, event)?;
        Some(&self.cards[at])
    }

    /// The ghost card of a path not taken (absent while branches are hidden).
    pub fn ghost(&self, branch: &BranchId) -> Option<&CardGeom> {
        let at = self.card_of.ghost(&self.measures.ids, branch)?;
        Some(&self.cards[at])
    }

    /// The place of a lane shown in this layout (`None` for a hidden lane).
    pub fn lane(&self, id: &LaneId) -> Option<&LaneGeom> {
        self.lane_of.get(id).map(|&i| &self.lanes[i])
    }

    /// The lane shown at `x` (see [`Geometry::lane_at_x`]).
    pub fn lane_id_at_x(&self, x: f32) -> Option<&LaneId> {
        self.lane_at_x(x).map(|i| &self.lanes[i].id)
    }

    pub fn card_of_item(&self, item: &CardId) -> Option<&CardGeom> {
        let at = self.card_of.item(&self.measures.ids, item)?;
        Some(&self.cards[at])
    }

    /// Indices in `links` of the links whose bounds reach into `top..=bottom`, in order.
    pub fn links_between(&self, top: f32, bottom: f32) -> Vec<usize> {
        self.link_spans.meeting(top, bottom)
    }

    /// Indices in `branch_curves` of the curves whose bounds reach into `top..=bottom`,
    /// in order.
    pub fn curves_between(&self, top: f32, bottom: f32) -> Vec<usize> {
        self.curve_spans.meeting(top, bottom)
    }

    /// Indices in `gap_bands` of the bands that reach into `top..=bottom`, in order.
    pub fn bands_between(&self, top: f32, bottom: f32) -> Vec<usize> {
        self.band_spans.meeting(top, bottom)
    }

    /// Where the links, curves and gap bands reach, once they are all laid out.
    fn index_spans(&mut self) {
        let span = |rect: &Rect| (rect.min.y, rect.max.y);
        self.link_spans = spans::Spans::new(self.links.iter().map(|l| span(&l.bounds)));
        self.curve_spans = spans::Spans::new(self.branch_curves.iter().map(|c| span(&c.bounds)));
        self.band_spans = spans::Spans::new(self.gap_bands.iter().map(|b| span(&b.rect)));
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

/// The layout of `map` after cards were moved (only the `pos` of events or paths not
/// taken changed) on the map `previous` was laid out from with `settings`: equal to
/// [`layout`], faster, since nothing the cards are measured from changed.
pub fn layout_after_move(map: &Map, settings: &LayoutSettings, previous: &Geometry) -> Geometry {
    place::layout_after_move(map, settings, previous)
}

#[cfg(test)]
mod tests;
