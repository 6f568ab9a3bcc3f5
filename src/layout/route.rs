//! How each link's arrow runs so it reads on a busy map: level between cards side by side,
//! an elbow down the sender's side of its lane and then level across between cards far
//! apart in time (never a diagonal slicing across lanes), a loop within one lane, and a
//! level message to a lifeline; and where its label sits, clear of every card.

use super::label_spot::{Track, around_level, label_size, label_spot};
use super::{CardGeom, Geometry, LaneGeom, LinkGeom, LinkRoute};
use crate::model::FastHashMap as HashMap;
use crate::model::{LaneId, Link, LinkEnd, Map};
use egui::{Pos2, Rect, pos2, vec2};

/// Half the room an elbow's upright pieces take beside its lane's cards at most, and at
/// least (the room between the cards and the column's edge, within these bounds).
const BESIDE_CARDS: f32 = 12.0;

/// How far before its turn a label on a long upright piece best sits: near the level
/// piece and the receiver, not a screen away from both.
const NEAR_TURN: f32 = 40.0;
/// How far from the middle of its side an elbow leaves its sender, towards the receiver.
const EXIT_LEAN: f32 = 12.0;

/// The routes of every link whose ends are shown, in the map's order.
pub(super) fn route_links(map: &Map, geometry: &Geometry) -> Vec<LinkGeom> {
    let lane_of: HashMap<&LaneId, &LaneGeom> =
        geometry.lanes.iter().map(|lane| (&lane.id, lane)).collect();
    let mut planned: Vec<(&Link, Planned)> = map
        .links
        .iter()
        .filter_map(|link| {
            let from = geometry.card(&link.from)?;
            let route = match &link.to {
                LinkEnd::Event(to) => between_cards(geometry, from, geometry.card(to)?),
                LinkEnd::Lane(lane) => message(from, lane_of.get(lane)?),
            };
            Some((link, route))
        })
        .collect();
    spread_uprights(&mut planned);
    planned
        .into_iter()
        .map(|(link, route)| route.finish(geometry, link))
        .collect()
}

/// A route before its label is placed.
struct Planned {
    route: LinkRoute,
    points: Vec<Pos2>,
    lower_card_top: f32,
    /// For an elbow: the room its upright piece runs in.
    gutter: Option<Gutter>,
}

/// The room beside a lane's cards, on one side, where elbows from the lane run upright.
#[derive(Clone, Copy)]
struct Gutter {
    lane_index: usize,
    /// Right of the cards (+1) or left (-1).
    side: f32,
    /// The outermost edge of the lane's cards along the upright piece.
    edge: f32,
    /// Room from that edge to the column's edge.
    room: f32,
}

impl Gutter {
    /// The x of an upright piece in lane `slot` of the gutter ([`SLOTS`]).
    fn x(&self, slot: usize) -> f32 {
        let room = self.room.clamp(BESIDE_CARDS, 2.0 * BESIDE_CARDS);
        self.edge + self.side * room * SLOTS[slot % SLOTS.len()]
    }
}

/// Where elbows from one side of a lane run, as fractions of the room beside its cards:
/// the middle first, then either side, so upright pieces that would overlap run apart.
const SLOTS: [f32; 4] = [0.5, 0.7, 0.3, 0.85];

/// Upright pieces in one gutter that would run over each other (their spans overlap) are
/// moved apart into [`SLOTS`]; each takes the first slot free along its span, or, with
/// all taken, the one freed soonest.
fn spread_uprights(planned: &mut [(&Link, Planned)]) {
    let mut by_gutter: HashMap<(usize, bool), Vec<usize>> = HashMap::default();
    for (i, (_, route)) in planned.iter().enumerate() {
        if let Some(gutter) = route.gutter {
            let key = (gutter.lane_index, gutter.side > 0.0);
            by_gutter.entry(key).or_default().push(i);
        }
    }
    let span = |route: &Planned| {
        let (a, b) = (route.points[1].y, route.points[2].y);
        (a.min(b), a.max(b))
    };
    for mut members in by_gutter.into_values() {
        members.sort_by(|&a, &b| span(&planned[a].1).0.total_cmp(&span(&planned[b].1).0));
        let mut taken_until = [f32::NEG_INFINITY; SLOTS.len()];
        for i in members {
            let route = &mut planned[i].1;
            let (top, bottom) = span(route);
            let slot = (0..SLOTS.len())
                .find(|&k| taken_until[k] + SLOT_GAP < top)
                .unwrap_or_else(|| {
                    (0..SLOTS.len())
                        .min_by(|&a, &b| taken_until[a].total_cmp(&taken_until[b]))
                        .unwrap_or(0)
                });
            taken_until[slot] = taken_until[slot].max(bottom);
            if let Some(gutter) = route.gutter {
                let x = gutter.x(slot);
                route.points[1].x = x;
                route.points[2].x = x;
            }
        }
    }
}

/// Upright pieces in one slot keep at least this far apart along it.
const SLOT_GAP: f32 = 4.0;

impl Planned {
    /// Where the label may go, best first.
    fn tracks(&self) -> Vec<Track> {
        match (self.route, self.points.as_slice()) {
            (LinkRoute::Elbow, &[_, turn_out, turn_in, tip]) => {
                let towards = (tip.x - turn_in.x).signum();
                let upright = Track::on(turn_out, turn_in).near_end(NEAR_TURN);
                // On the level piece first, then on the upright one, or beside it away
                // from the sender's cards (its label then only needs room in the lanes
                // towards the receiver), then near the level piece.
                let mut tracks = around_level(turn_in, tip);
                tracks.splice(1..1, [upright, upright.beside(towards)]);
                tracks
            }
            (LinkRoute::Loop, &[start, bulge, _, end]) => {
                // The curve's upright middle runs about three quarters of the way out.
                let x = start.x + (bulge.x - start.x) * 0.75;
                let upright = Track::on(pos2(x, start.y), pos2(x, end.y));
                vec![upright, upright.beside(1.0)]
            }
            (_, &[start, .., end]) => around_level(start, end),
            _ => Vec::new(),
        }
    }

    fn finish(self, geometry: &Geometry, link: &Link) -> LinkGeom {
        let tracks = self.tracks();
        let mut bounds = Rect::from_points(&self.points).expand(8.0);
        let label_at = if link.label.is_empty() {
            tracks
                .first()
                .map_or(Pos2::ZERO, |t| t.from.lerp(t.to, 0.5))
        } else {
            let size = label_size(&link.label);
            let spot = label_spot(geometry, &tracks, size);
            bounds = bounds.union(Rect::from_center_size(spot, size));
            spot
        };
        LinkGeom {
            link: link.id.clone(),
            route: self.route,
            points: self.points,
            label_at,
            lower_card_top: self.lower_card_top,
            bounds,
        }
    }
}

fn between_cards(geometry: &Geometry, from: &CardGeom, to: &CardGeom) -> Planned {
    let lower_card_top = from.rect.min.y.max(to.rect.min.y);
    if from.lane_index == to.lane_index {
        return same_lane_loop(from, to, lower_card_top);
    }
    let rightwards = from.lane_index < to.lane_index;
    let (exit_x, entry_x) = if rightwards {
        (from.rect.max.x, to.rect.min.x)
    } else {
        (from.rect.min.x, to.rect.max.x)
    };
    // Side by side: the cards share at least half the shorter one's height, so one level
    // line meets each of them within a quarter of its height of its middle. Further apart,
    // a straight line would slant across every lane and row between (or meet a card near
    // its corner), so it turns a corner instead.
    let shared_top = from.rect.min.y.max(to.rect.min.y);
    let shared_bottom = from.rect.max.y.min(to.rect.max.y);
    let shorter = from.rect.height().min(to.rect.height());
    if shared_bottom - shared_top >= shorter / 2.0 {
        let y = (shared_top + shared_bottom) / 2.0;
        let (start, end) = (pos2(exit_x, y), pos2(entry_x, y));
        return Planned {
            route: LinkRoute::Across,
            points: vec![start, end],
            lower_card_top,
            gutter: None,
        };
    }
    // An elbow leaves its sender a little towards where it turns, so a card that both
    // receives a link on a side and sends one from it shows two ends, not one line.
    let receiver_y = to.rect.center().y;
    let lean = (from.rect.height() / 4.0).min(EXIT_LEAN);
    let sender_y = if receiver_y > from.rect.center().y {
        from.rect.center().y + lean
    } else {
        from.rect.center().y - lean
    };
    let gutter = beside_lane_cards(geometry, from, receiver_y, rightwards);
    let x = gutter.x(0);
    Planned {
        route: LinkRoute::Elbow,
        points: vec![
            pos2(exit_x, sender_y),
            pos2(x, sender_y),
            pos2(x, receiver_y),
            pos2(entry_x, receiver_y),
        ],
        lower_card_top,
        gutter: Some(gutter),
    }
}

/// The room for an elbow's upright piece: beside the sender's lane's cards on the side
/// facing the receiver, between them and the column's edge, so it passes no card of its
/// own lane. Looks only at the cards between the two ends.
fn beside_lane_cards(geometry: &Geometry, from: &CardGeom, to_y: f32, rightwards: bool) -> Gutter {
    let (top, bottom) = (
        from.rect.center().y.min(to_y),
        from.rect.center().y.max(to_y),
    );
    let lane_cards = geometry
        .cards_between(top, bottom)
        .iter()
        .filter(|card| card.lane_index == from.lane_index)
        .map(|card| card.rect);
    let column = geometry.lanes.get(from.lane_index).map(|lane| lane.column);
    let (edge, room) = if rightwards {
        let edge = lane_cards.fold(from.rect.max.x, |edge, rect| edge.max(rect.max.x));
        (edge, column.map_or(0.0, |c| c.max.x - edge))
    } else {
        let edge = lane_cards.fold(from.rect.min.x, |edge, rect| edge.min(rect.min.x));
        (edge, column.map_or(0.0, |c| edge - c.min.x))
    };
    Gutter {
        lane_index: from.lane_index,
        side: if rightwards { 1.0 } else { -1.0 },
        edge,
        room,
    }
}

/// Two cards of one lane: a loop out to the right, its label beside it.
fn same_lane_loop(from: &CardGeom, to: &CardGeom, lower_card_top: f32) -> Planned {
    let (start, end) = (from.rect.right_center(), to.rect.right_center());
    let reach = loop_reach(start, end);
    Planned {
        route: LinkRoute::Loop,
        points: vec![start, start + vec2(reach, 0.0), end + vec2(reach, 0.0), end],
        lower_card_top,
        gutter: None,
    }
}

/// A message from a card to another lane's lifeline, level with the card.
fn message(from: &CardGeom, lane: &LaneGeom) -> Planned {
    let towards_right = lane.lifeline_x >= from.rect.center().x;
    let start = if towards_right {
        from.rect.right_center()
    } else {
        from.rect.left_center()
    };
    let end = pos2(lane.lifeline_x, start.y);
    Planned {
        route: LinkRoute::Message,
        points: vec![start, end],
        lower_card_top: from.rect.min.y,
        gutter: None,
    }
}

/// How far a same-lane loop bulges out to the right.
pub(super) fn loop_reach(from: Pos2, to: Pos2) -> f32 {
    (16.0 + (to.y - from.y).abs() * 0.15).min(40.0)
}
