//! Placing lanes, cards, links and ruler ticks.

use super::{CardGeom, Geometry, LaneGeom, LayoutSettings, LinkGeom, LinkRoute, RulerTick};
use crate::model::Map;
use egui::{Pos2, Rect, pos2, vec2};
use std::collections::HashMap;

/// Ruler labels closer than this would overlap; the later one is skipped.
const MIN_TICK_SPACING: f32 = 16.0;

pub(super) fn layout(map: &Map, settings: &LayoutSettings) -> Geometry {
    let lanes = place_lanes(map, settings);
    let cards = place_cards(map, settings, &lanes);
    let card_of_event: HashMap<_, _> = cards
        .iter()
        .enumerate()
        .map(|(i, card)| (card.event.clone(), i))
        .collect();
    let links = map
        .links
        .iter()
        .filter_map(|link| {
            let from = &cards[*card_of_event.get(&link.from)?];
            let to = &cards[*card_of_event.get(&link.to)?];
            Some(route_link(link.id.clone(), from, to))
        })
        .collect();
    let ruler = ruler_ticks(map, &cards);

    let content_bottom = cards
        .last()
        .map_or(settings.header_height + settings.margin * 3.0, |c| {
            c.rect.max.y
        });
    let bottom = content_bottom + settings.margin * 2.0;
    let right = settings.ruler_width + map.lanes.len().max(1) as f32 * settings.lane_pitch();
    let mut geometry = Geometry {
        lanes,
        cards,
        links,
        ruler,
        bounds: Rect::from_min_max(Pos2::ZERO, pos2(right, bottom)),
        lifeline_top: settings.header_height,
        display_zone: display_zone(map),
        tallest_card: settings.card_height,
        card_of_event,
    };
    for lane in &mut geometry.lanes {
        lane.column.max.y = bottom;
    }
    geometry
}

fn place_lanes(map: &Map, settings: &LayoutSettings) -> Vec<LaneGeom> {
    map.lanes
        .iter()
        .enumerate()
        .map(|(i, lane)| {
            let left = settings.ruler_width + i as f32 * settings.lane_pitch();
            let column = Rect::from_min_size(pos2(left, 0.0), vec2(settings.lane_pitch(), 0.0));
            let header = Rect::from_min_size(
                pos2(left + settings.lane_gap / 2.0, 0.0),
                vec2(settings.lane_width, settings.header_height),
            );
            LaneGeom {
                id: lane.id.clone(),
                header,
                column,
                lifeline_x: header.center().x,
            }
        })
        .collect()
}

/// Cards follow `pos` downwards. When a card would overlap the one above it in its lane,
/// it and everything after it move down together, so the vertical order across lanes
/// always matches the `pos` order and equal `pos` stay level where they can.
fn place_cards(map: &Map, settings: &LayoutSettings, lanes: &[LaneGeom]) -> Vec<CardGeom> {
    let lane_index: HashMap<_, _> = map
        .lanes
        .iter()
        .enumerate()
        .map(|(i, l)| (&l.id, i))
        .collect();
    let mut order: Vec<usize> = (0..map.events.len())
        .filter(|&i| lane_index.contains_key(&map.events[i].lane))
        .collect();
    order.sort_by(|&a, &b| {
        map.events[a]
            .pos
            .total_cmp(&map.events[b].pos)
            .then(a.cmp(&b))
    });

    let first_pos = order.first().map_or(0.0, |&i| map.events[i].pos);
    let top = settings.header_height + settings.margin;
    let mut shift = 0.0_f32;
    let mut lane_bottom = vec![f32::NEG_INFINITY; lanes.len()];
    let mut cards = Vec::with_capacity(order.len());
    for event_index in order {
        let event = &map.events[event_index];
        let lane = lane_index[&event.lane];
        let wanted = top + ((event.pos - first_pos) as f32) * settings.row_height + shift;
        let earliest = lane_bottom[lane] + settings.card_gap;
        if wanted < earliest {
            shift += earliest - wanted;
        }
        let y = wanted.max(earliest);
        let x = lanes[lane].lifeline_x - settings.card_width / 2.0;
        let rect = Rect::from_min_size(pos2(x, y), vec2(settings.card_width, settings.card_height));
        lane_bottom[lane] = rect.max.y;
        cards.push(CardGeom {
            event: event.id.clone(),
            event_index,
            lane_index: lane,
            rect,
        });
    }
    cards
}

fn route_link(link: crate::model::LinkId, from: &CardGeom, to: &CardGeom) -> LinkGeom {
    let (start, end, route) = if from.lane_index == to.lane_index {
        (
            from.rect.right_center(),
            to.rect.right_center(),
            LinkRoute::Loop,
        )
    } else if from.lane_index < to.lane_index {
        (
            from.rect.right_center(),
            to.rect.left_center(),
            LinkRoute::Across,
        )
    } else {
        (
            from.rect.left_center(),
            to.rect.right_center(),
            LinkRoute::Across,
        )
    };
    let mut bounds = Rect::from_two_pos(start, end);
    if route == LinkRoute::Loop {
        bounds = bounds.union(Rect::from_min_size(
            bounds.min,
            vec2(loop_reach(start, end) + 8.0, 0.0),
        ));
    }
    LinkGeom {
        link,
        from: start,
        to: end,
        route,
        bounds: bounds.expand(8.0),
    }
}

/// How far a same-lane loop bulges out to the right.
pub fn loop_reach(from: Pos2, to: Pos2) -> f32 {
    (16.0 + (to.y - from.y).abs() * 0.15).min(40.0)
}

fn ruler_ticks(map: &Map, cards: &[CardGeom]) -> Vec<RulerTick> {
    let mut ticks: Vec<RulerTick> = Vec::new();
    for card in cards {
        let event = &map.events[card.event_index];
        let Some(time) = event.time else { continue };
        let y = card.rect.min.y + 14.0;
        if ticks
            .last()
            .is_some_and(|last| y - last.y < MIN_TICK_SPACING)
        {
            continue;
        }
        ticks.push(RulerTick {
            y,
            time,
            approximate: event.approximate,
        });
    }
    ticks
}

/// The offset most timestamps were recorded in; ties go to the earliest-seen offset.
fn display_zone(map: &Map) -> chrono::FixedOffset {
    let mut counts: Vec<(chrono::FixedOffset, usize)> = Vec::new();
    for offset in map.events.iter().filter_map(|e| e.time.map(|t| t.offset())) {
        match counts.iter_mut().find(|(o, _)| *o == offset) {
            Some((_, n)) => *n += 1,
            None => counts.push((offset, 1)),
        }
    }
    let best = counts.iter().fold(
        None,
        |best: Option<(chrono::FixedOffset, usize)>, &(o, n)| match best {
            Some((_, m)) if m >= n => best,
            _ => Some((o, n)),
        },
    );
    best.map_or_else(
        || chrono::FixedOffset::east_opt(0).expect("zero offset is valid"),
        |(o, _)| o,
    )
}
