//! Placing lanes, cards (events and ghost cards), branch curves and ruler ticks.

use super::bands::{GapRoom, gap_bands};
use super::card_index::{CardIndex, ItemIds};
use super::lanes::ShownLanes;
use super::scale::{Item, wanted_offsets};
use super::{BranchCurve, CardGeom, Geometry, LaneGeom, LayoutSettings, RulerTick, ZoneChoice};
use crate::model::FastHashMap as HashMap;
use crate::model::{CardId, LaneId, Map};
use crate::timeline::Clock;
use crate::timeline::{find_gaps_with_lanes, lane_of_each_event};
use chrono::FixedOffset;
use egui::{Pos2, Rect, pos2, vec2};
use std::sync::Arc;

/// Ruler labels closer than this would overlap; the later one is skipped.
const MIN_TICK_SPACING: f32 = 16.0;
/// Room a day's first tick needs above it for its date (two short lines and its time).
const DAY_TICK_ROOM: f32 = 44.0;

/// What a layout measures of the cards before placing any: the shown lane of each card,
/// each lane's width and each event's card height. These read the cards' lanes, titles,
/// times and notes, never where the cards are, so a move (only `pos` changed) keeps them
/// and the layout after it reuses them instead of wrapping every title again (on a map of
/// 50,000 events that was a fifth of the time from the key to the frame).
#[derive(Debug, PartialEq)]
pub(super) struct Measures {
    /// What they were measured with: other settings (a lane hidden, notes shown inline)
    /// measure differently.
    settings: LayoutSettings,
    /// Each event's lane, by index into [`Map::lanes`] (for the gaps).
    event_map_lane: Vec<Option<usize>>,
    /// Where each event and path not taken is in the map's lists, by id.
    pub(super) ids: ItemIds,
    /// The shown lane of each card, by index into [`Map::events`] and [`Map::branches`].
    event_lane: Vec<Option<usize>>,
    branch_lane: Vec<Option<usize>>,
    /// Before the layout sets how far down their columns reach.
    lanes: Vec<LaneGeom>,
    /// By index into [`Map::events`]; 0 for a card not shown.
    event_heights: Vec<f32>,
}

impl Measures {
    fn of(map: &Map, settings: &LayoutSettings) -> Self {
        let event_map_lane = lane_of_each_event(map);
        let shown = ShownLanes::of(map, settings, &event_map_lane);
        let lanes = super::lanes::place_lanes(map, &shown, settings);
        let annotation_height = |count: usize| {
            if settings.annotations_inline && count > 0 {
                count as f32 * settings.annotation_line + 6.0
            } else {
                0.0
            }
        };
        let event_heights = map
            .events
            .iter()
            .zip(&shown.event_lane)
            .map(|(event, &lane)| match lane {
                Some(lane) => {
                    settings.card_height
                        + extra_title_height(&event.title, lanes[lane].card_width)
                        + annotation_height(event.annotations.len())
                }
                None => 0.0,
            })
            .collect();
        Measures {
            settings: settings.clone(),
            event_map_lane,
            ids: ItemIds::of(map),
            event_lane: shown.event_lane,
            branch_lane: shown.branch_lane,
            lanes,
            event_heights,
        }
    }

    /// Whether these measures hold for `map` laid out with `settings`, given that it
    /// differs from the map they were taken of only in where cards are.
    fn fit(&self, map: &Map, settings: &LayoutSettings) -> bool {
        self.settings == *settings
            && self.event_lane.len() == map.events.len()
            && self.branch_lane.len() == map.branches.len()
    }
}

pub(super) fn layout(map: &Map, settings: &LayoutSettings) -> Geometry {
    layout_measured(map, settings, Arc::new(Measures::of(map, settings)))
}

/// Lays out `map` after cards were moved on the map `previous` was laid out from: only
/// `pos` of events or paths not taken changed (the caller knows; a property test holds
/// the result to a fresh layout). The cards' measures are reused.
pub(super) fn layout_after_move(
    map: &Map,
    settings: &LayoutSettings,
    previous: &Geometry,
) -> Geometry {
    let measures = if previous.measures.fit(map, settings) {
        Arc::clone(&previous.measures)
    } else {
        Arc::new(Measures::of(map, settings))
    };
    layout_measured(map, settings, measures)
}

fn layout_measured(map: &Map, settings: &LayoutSettings, measures: Arc<Measures>) -> Geometry {
    let lanes = measures.lanes.clone();
    let gap_scan = find_gaps_with_lanes(map, &measures.event_map_lane);
    let items = items_to_place(map, settings, &measures);
    let mut room = GapRoom::new(&gap_scan, map.events.len(), settings);
    let mut cards = place_cards(&items, settings, &lanes, &mut room);
    cards.sort_by(|a, b| a.rect.min.y.total_cmp(&b.rect.min.y));
    let card_of = CardIndex::of(&cards, map.events.len(), map.branches.len());
    let branch_curves = map
        .branches
        .iter()
        .filter_map(|branch| {
            let from = &cards[card_of.item(&measures.ids, &branch.from)?];
            let to = &cards[card_of.ghost(&measures.ids, &branch.id)?];
            Some(branch_curve(branch.id.clone(), from, to))
        })
        .collect();
    let display_zone = match settings.zone {
        ZoneChoice::Map => predominant_zone(map),
        ZoneChoice::Utc => utc(),
    };
    let clock = Clock::of(map, display_zone);
    if clock.spans_days() {
        mark_day_starts(map, &clock, &mut cards);
    }
    let ruler = ruler_ticks(map, &cards);

    let content_bottom = cards
        .iter()
        .map(|c| c.rect.max.y)
        .reduce(f32::max)
        .unwrap_or(settings.header_height + settings.margin * 3.0);
    let bottom = content_bottom + settings.margin * 2.0;
    let right = lanes.last().map_or(
        settings.ruler_width + settings.lane_width + settings.lane_gap,
        |lane| lane.column.max.x,
    );
    let bounds = Rect::from_min_max(Pos2::ZERO, pos2(right, bottom));
    let tallest_card = cards
        .iter()
        .map(|c| c.rect.height())
        .fold(settings.card_height, f32::max);
    let lane_of: HashMap<LaneId, usize> = lanes
        .iter()
        .enumerate()
        .map(|(i, lane)| (lane.id.clone(), i))
        .collect();
    let gap_bands = gap_bands(room, &gap_scan, &cards, &card_of, &lanes, &lane_of, bounds);
    // The story follows the cards top to bottom: what presenting reveals step by step.
    let placed_events = cards
        .iter()
        .filter(|card| card.event().is_some())
        .map(|card| card.index);
    let story = crate::timeline::Story::of(map, &gap_scan, placed_events);
    let mut geometry = Geometry {
        lanes,
        cards,
        links: Vec::new(),
        branch_curves,
        gap_scan,
        story,
        gap_bands,
        ruler,
        bounds,
        lifeline_top: settings.header_height,
        display_zone,
        clock,
        tallest_card,
        card_of,
        lane_of,
        measures,
        link_spans: Default::default(),
        curve_spans: Default::default(),
        band_spans: Default::default(),
    };
    for lane in &mut geometry.lanes {
        lane.column.max.y = bottom;
    }
    // Routes look up the cards near them, so they are laid out once the cards are placed.
    geometry.links = super::route::route_links(map, &geometry);
    geometry.index_spans();
    geometry
}

/// Every event on an existing lane and, when shown, every path not taken whose lane and
/// origin exist.
fn items_to_place(map: &Map, settings: &LayoutSettings, measures: &Measures) -> Vec<Item> {
    // Only lanes shown: cards on hidden lanes are left out.
    let mut items: Vec<Item> = map
        .events
        .iter()
        .zip(&measures.event_lane)
        .zip(&measures.event_heights)
        .enumerate()
        .filter_map(|(index, ((event, &lane), &height))| {
            Some(Item {
                id: CardId::Event(event.id.clone()),
                index,
                lane: lane?,
                pos: event.pos,
                time: event.time,
                height,
            })
        })
        .collect();
    if settings.show_branches {
        items.extend(
            map.branches
                .iter()
                .zip(&measures.branch_lane)
                .enumerate()
                .filter_map(|(index, (branch, &lane))| {
                    Some(Item {
                        id: CardId::Branch(branch.id.clone()),
                        index,
                        lane: lane?,
                        pos: branch.pos,
                        time: None,
                        height: settings.card_height,
                    })
                }),
        );
    }
    items
}

/// What a card `card_width` wide grows by to show its whole title (its base height holds
/// two lines).
pub fn extra_title_height(title: &str, card_width: f32) -> f32 {
    let lines = super::title_lines(title, super::title_width_of(card_width));
    (lines.saturating_sub(2)) as f32 * super::TITLE_LINE
}

/// Cards follow their wanted offset downwards. When a card would overlap the one above it
/// in its lane, or needs room for a gap band above it, it and everything after it move
/// down together, so the vertical order across lanes always matches the wanted order and
/// cards wanted level stay level where they can.
fn place_cards(
    items: &[Item],
    settings: &LayoutSettings,
    lanes: &[LaneGeom],
    room: &mut GapRoom,
) -> Vec<CardGeom> {
    let offsets = wanted_offsets(items, room.scan(), settings);
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| {
        offsets[a]
            .total_cmp(&offsets[b])
            .then(items[a].pos.total_cmp(&items[b].pos))
            .then(a.cmp(&b))
    });

    let top = settings.header_height + settings.margin;
    let mut shift = 0.0_f32;
    let mut lane_bottom = vec![f32::NEG_INFINITY; lanes.len()];
    let mut content_bottom = settings.header_height;
    let mut cards = Vec::with_capacity(order.len());
    for i in order {
        let item = &items[i];
        let wanted = top + offsets[i] + shift;
        let mut earliest = lane_bottom[item.lane] + settings.card_gap;
        if item.id.event().is_some() {
            earliest = earliest.max(room.open_before(item.index, content_bottom));
        }
        if wanted < earliest {
            shift += earliest - wanted;
        }
        let y = wanted.max(earliest);
        let lane = &lanes[item.lane];
        let x = lane.lifeline_x - lane.card_width / 2.0;
        let rect = Rect::from_min_size(pos2(x, y), vec2(lane.card_width, item.height));
        if item.id.event().is_some() {
            room.close_before(item.index, y);
        }
        lane_bottom[item.lane] = rect.max.y;
        content_bottom = content_bottom.max(rect.max.y);
        cards.push(CardGeom {
            item: item.id.clone(),
            index: item.index,
            lane_index: item.lane,
            rect,
            starts_day: false,
        });
    }
    cards
}

/// A smooth curve leaving the side of the origin card that faces the ghost card (or its
/// bottom edge when both share a lane) and arriving on the ghost card's facing side.
fn branch_curve(branch: crate::model::BranchId, from: &CardGeom, to: &CardGeom) -> BranchCurve {
    let (start, end, start_dir, end_dir) = if from.lane_index == to.lane_index {
        if to.rect.min.y >= from.rect.max.y {
            (
                from.rect.center_bottom(),
                to.rect.center_top(),
                vec2(0.0, 1.0),
                vec2(0.0, -1.0),
            )
        } else {
            (
                from.rect.center_top(),
                to.rect.center_bottom(),
                vec2(0.0, -1.0),
                vec2(0.0, 1.0),
            )
        }
    } else if from.lane_index < to.lane_index {
        (
            from.rect.right_center(),
            to.rect.left_center(),
            vec2(1.0, 0.0),
            vec2(-1.0, 0.0),
        )
    } else {
        (
            from.rect.left_center(),
            to.rect.right_center(),
            vec2(-1.0, 0.0),
            vec2(1.0, 0.0),
        )
    };
    let pull = ((end - start).length() * 0.4).clamp(12.0, 120.0);
    let points = [start, start + start_dir * pull, end + end_dir * pull, end];
    let bounds = Rect::from_points(&points).expand(4.0);
    BranchCurve {
        branch,
        points,
        bounds,
    }
}

/// Marks the first timed card of each calendar day, top to bottom (cards are sorted by
/// their top edge).
fn mark_day_starts(map: &Map, clock: &Clock, cards: &mut [CardGeom]) {
    let mut day = None;
    for card in cards.iter_mut() {
        let CardId::Event(_) = card.item else {
            continue;
        };
        let Some(time) = map.events[card.index].time else {
            continue;
        };
        let this_day = clock.day_of(time);
        if day != Some(this_day) {
            card.starts_day = true;
            day = Some(this_day);
        }
    }
}

fn ruler_ticks(map: &Map, cards: &[CardGeom]) -> Vec<RulerTick> {
    let mut ticks: Vec<RulerTick> = Vec::new();
    for card in cards {
        let CardId::Event(_) = card.item else {
            continue;
        };
        let event = &map.events[card.index];
        let Some(time) = event.time else { continue };
        let y = card.rect.min.y + 14.0;
        // A day change is always marked, its date above its time: it takes the place of
        // ticks too close above it.
        if card.starts_day {
            while ticks
                .last()
                .is_some_and(|last| !last.starts_day && y - last.y < DAY_TICK_ROOM)
            {
                ticks.pop();
            }
        } else if ticks
            .last()
            .is_some_and(|last| y - last.y < MIN_TICK_SPACING)
        {
            continue;
        }
        ticks.push(RulerTick {
            y,
            time,
            approximate: event.approximate,
            starts_day: card.starts_day,
        });
    }
    ticks
}

fn utc() -> FixedOffset {
    FixedOffset::east_opt(0).expect("zero offset is valid")
}

/// The offset most timestamps were recorded in; ties go to the earliest-seen offset.
fn predominant_zone(map: &Map) -> FixedOffset {
    let mut counts: Vec<(FixedOffset, usize)> = Vec::new();
    for offset in map.events.iter().filter_map(|e| e.time.map(|t| t.offset())) {
        match counts.iter_mut().find(|(o, _)| *o == offset) {
            Some((_, n)) => *n += 1,
            None => counts.push((offset, 1)),
        }
    }
    let best = counts.iter().fold(
        None,
        |best: Option<(FixedOffset, usize)>, &(o, n)| match best {
            Some((_, m)) if m >= n => best,
            _ => Some((o, n)),
        },
    );
    best.map_or_else(utc, |(o, _)| o)
}
