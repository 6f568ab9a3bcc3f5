//! What one lane (a person, a team, a system) could know at a moment of the story: its
//! own events so far, and what reached it through links (a page, a message, a dashboard
//! it looked at), transitively, each no earlier than it arrived. Derived from the map,
//! no new data: "what did Ana know at 14:12?"
//!
//! A link from `s` on lane Y to lane X carries what Y knew when `s` happened (Y's own
//! events up to `s`, and whatever had reached Y by then), and it arrives at the later of
//! `s` and the event it ends on (a message to a lane arrives as it is sent). So for each
//! lane it is enough to know up to which moment its knowledge flows to the viewer: the
//! viewer's own up to now, a sender's up to its sending, and so on back. Those moments
//! only grow, so each link is looked at once (links sorted by arrival per lane).

use super::Story;
use crate::model::{LaneId, LinkEnd, Map};

/// What a lane could know at one moment: a flag per event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Knowledge {
    /// By index into [`Map::events`].
    known: Vec<bool>,
    /// By index into [`Map::lanes`]: the moment (a place in the story's events) up to
    /// which that lane's events are known, when any are.
    lane_reach: Vec<Option<usize>>,
    /// How many events were known, and how many the story tells (counted once, so a view
    /// that says them every frame does not count the map every frame).
    count: usize,
    told: usize,
}

impl Knowledge {
    /// Whether the event at `index` in [`Map::events`] was known.
    pub fn knows(&self, index: usize) -> bool {
        self.known.get(index).copied().unwrap_or(false)
    }

    /// How many events were known.
    pub fn count(&self) -> usize {
        self.count
    }

    /// How many events the story tells (all that could be known).
    pub fn told(&self) -> usize {
        self.told
    }

    /// Up to which moment the events of the lane at `index` in [`Map::lanes`] were known
    /// (a place in the story's events, as [`known_to`] takes it).
    pub fn lane_reach(&self, index: usize) -> Option<usize> {
        self.lane_reach.get(index).copied().flatten()
    }
}

/// A link as knowledge moving into a lane.
struct Arrival {
    /// The moment it arrives (a place in the story's events).
    at: usize,
    /// The lane it comes from, by index into [`Map::lanes`], and the moment it left.
    from_lane: usize,
    sent: usize,
}

/// What `viewer` could know at `moment`: the story's events told up to and including
/// its `moment`-th event (counting from 0). Events the story does not tell (on hidden
/// lanes) are never known; an unknown lane knows nothing.
pub fn known_to(map: &Map, story: &Story, viewer: &LaneId, moment: usize) -> Knowledge {
    let event_lane = super::lane_of_each_event(map);
    let mut place: Vec<Option<usize>> = vec![None; map.events.len()];
    let mut told = 0;
    for (at, event) in story.events().enumerate() {
        if let Some(slot) = place.get_mut(event) {
            *slot = Some(at);
        }
        told = at + 1;
    }
    let mut lane_reach: Vec<Option<usize>> = vec![None; map.lanes.len()];
    let Some(viewer) = map.lane_index(viewer) else {
        return Knowledge {
            known: vec![false; map.events.len()],
            lane_reach,
            count: 0,
            told,
        };
    };
    let arrivals = arrivals_by_lane(map, &event_lane, &place);
    lane_reach[viewer] = Some(moment);
    let mut looked_at = vec![0_usize; map.lanes.len()];
    let mut to_visit = vec![viewer];
    while let Some(lane) = to_visit.pop() {
        let Some(reach) = lane_reach[lane] else {
            continue;
        };
        let incoming = &arrivals[lane];
        while let Some(arrival) = incoming.get(looked_at[lane]).filter(|a| a.at <= reach) {
            looked_at[lane] += 1;
            let from = &mut lane_reach[arrival.from_lane];
            if from.is_none_or(|known| known < arrival.sent) {
                *from = Some(arrival.sent);
                to_visit.push(arrival.from_lane);
            }
        }
    }
    let known: Vec<bool> = event_lane
        .iter()
        .zip(&place)
        .map(|(lane, at)| match (lane, at) {
            (Some(lane), Some(at)) => lane_reach[*lane].is_some_and(|reach| *at <= reach),
            _ => false,
        })
        .collect();
    let count = known.iter().filter(|&&known| known).count();
    Knowledge {
        known,
        lane_reach,
        count,
        told,
    }
}

/// Every link between told events (or from a told event to a lane), as what arrives in
/// the lane it ends on, earliest first.
fn arrivals_by_lane(
    map: &Map,
    event_lane: &[Option<usize>],
    place: &[Option<usize>],
) -> Vec<Vec<Arrival>> {
    let mut arrivals: Vec<Vec<Arrival>> = (0..map.lanes.len()).map(|_| Vec::new()).collect();
    for link in &map.links {
        let Some(from) = map.events.index_of(&link.from) else {
            continue;
        };
        let (Some(from_lane), Some(sent)) = (event_lane[from], place[from]) else {
            continue;
        };
        let (to_lane, reached) = match &link.to {
            LinkEnd::Event(to) => {
                let Some(to) = map.events.index_of(to) else {
                    continue;
                };
                let (Some(lane), Some(at)) = (event_lane[to], place[to]) else {
                    continue;
                };
                (lane, at)
            }
            LinkEnd::Lane(lane) => {
                let Some(lane) = map.lane_index(lane) else {
                    continue;
                };
                (lane, sent)
            }
        };
        // A link drawn to an earlier card still cannot carry what was not yet sent.
        arrivals[to_lane].push(Arrival {
            at: reached.max(sent),
            from_lane,
            sent,
        });
    }
    for incoming in &mut arrivals {
        incoming.sort_by_key(|arrival| arrival.at);
    }
    arrivals
}

#[cfg(test)]
mod tests;
