//! Who asked whom, and where they looked: for each person and team, when they joined,
//! whom they reached (paged, asked, pulled in), who reached them, which systems they
//! looked at, their long silences and their handoffs. Derived from the map's links and
//! gaps in story order, no new data: the social side of the incident ("who they ask help
//! from and where they look for information") for the debrief.
//!
//! How links are read, kept simple so a facilitator can predict it:
//! - A link between two events on different lanes, or a message from an event to a lane,
//!   is a contact from the sender's lane to the receiver's, at the sender's event.
//! - With a person, team or external lane on the other end it is *reached* (for the
//!   sender) and *reached by* (for the receiver); the label says how ("page", "asks"),
//!   else the sender's card title does.
//! - With a system lane on the other end, either way, it is *looked at*: a person
//!   querying a dashboard or running a command links to the system, and what a system
//!   showed them (a graph, an empty backup bucket, an alert) links from it. Both are
//!   where they got information, and a lane that looked at no system is the "avoided
//!   looking" question.
//! - Who *brought in* a lane is the first contact to reach it, a person's or a system's
//!   (an alert, a page), no later than its first card.
//! - A contact is a *handoff* when its label or the sender's title says so ("handover",
//!   "hand off", "hands over", "takes over"...), to a person or team.
//! - A lane's *silences* are its own gaps from [`super::find_gaps`] (stretches where only
//!   that lane records nothing, not even an untimed card); the whole map's gaps are
//!   everyone's and listed apart.
//!
//! One pass over the story and one over the links, then a sort per lane: O(n log n).

use super::{GapScan, Story};
use crate::model::{LaneKind, Map, Timestamp};

/// A moment in the story: an event, its place, and when it happened (or the last time
/// told before it, when its own is unknown).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Moment {
    /// By index into [`Map::events`].
    pub event: usize,
    /// Its place among the story's events.
    pub place: usize,
    /// Its own time.
    pub time: Option<Timestamp>,
    /// Without its own time, the time of the last timed event told before it.
    pub after: Option<Timestamp>,
}

/// One link between this lane and another, as this lane lived it: at the sender's card,
/// except what a system showed it, which is at its own card that received it.
#[derive(Clone, Debug, PartialEq)]
pub struct Contact {
    /// The other lane, by index into [`Map::lanes`].
    pub other: usize,
    /// The sender's event (this lane's for *reached*, the other's for *reached by*); for
    /// what a system showed this lane, its own event that received it.
    pub at: Moment,
    /// Where the contact landed in the story: the receiving event, or the sender's place
    /// for a message to a lane.
    pub arrived: usize,
    /// The receiving event, by index into [`Map::events`]; `None` for a message to a lane.
    pub received: Option<usize>,
    /// Whether this lane started it (for *looked at*, which goes either way).
    pub outgoing: bool,
    /// By index into [`Map::links`].
    pub link: usize,
    /// The label or words say it hands the work over.
    pub handoff: bool,
}

/// Everything one person or team did with others.
#[derive(Clone, Debug, PartialEq)]
pub struct LaneContacts {
    /// By index into [`Map::lanes`].
    pub lane: usize,
    /// Its first event in the story; `None` when the story tells none of its events.
    pub joined: Option<Moment>,
    /// The contact that brought it in (from `reached_by`, or a system's from
    /// `looked_at`): the first to arrive no later than its first event, or at that event
    /// (a page drawn level with the card it reaches may be told just after it).
    pub brought_in_by: Option<Contact>,
    /// Contacts it started with people, teams and outsiders, in story order.
    pub reached: Vec<Contact>,
    /// Contacts people, teams and outsiders started with it, in story order.
    pub reached_by: Vec<Contact>,
    /// Contacts with systems, either way, in story order.
    pub looked_at: Vec<Contact>,
    /// Its own gaps with nothing recorded on it, by index into [`GapScan::gaps`], in time
    /// order. A lane gap holding its own untimed cards is not a silence: it did things,
    /// only when is unknown.
    pub silences: Vec<usize>,
}

impl LaneContacts {
    /// The handoffs it made, in story order.
    pub fn handoffs(&self) -> impl Iterator<Item = &Contact> {
        self.reached.iter().filter(|c| c.handoff)
    }
}

/// Contacts gathered per other lane, for a short summary ("Bo ×3 from 14:05"): each
/// other lane once, in the order first contacted, with how many and the first.
pub fn per_lane(contacts: &[Contact]) -> Vec<(usize, usize, &Contact)> {
    let mut order: Vec<(usize, usize)> = contacts
        .iter()
        .enumerate()
        .map(|(i, c)| (c.other, i))
        .collect();
    // Stable on the original (story) order, so each lane's first contact comes first.
    order.sort_by_key(|&(other, _)| other);
    let mut out: Vec<(usize, usize, &Contact)> = Vec::new();
    for group in order.chunk_by(|a, b| a.0 == b.0) {
        out.push((group[0].0, group.len(), &contacts[group[0].1]));
    }
    out.sort_by_key(|(_, _, first)| (first.at.place, first.link));
    out
}

/// Who asked whom: a row per person and team lane, lanes left to right.
pub fn who_asked_whom(map: &Map, story: &Story, scan: &GapScan) -> Vec<LaneContacts> {
    let event_lane = super::lane_of_each_event(map);
    let mut moment: Vec<Option<Moment>> = vec![None; map.events.len()];
    let mut joined: Vec<Option<Moment>> = vec![None; map.lanes.len()];
    let mut last_time = None;
    for (place, event) in story.events().enumerate() {
        let Some(e) = map.events.get(event) else {
            continue;
        };
        let at = Moment {
            event,
            place,
            time: e.time,
            after: if e.time.is_some() { None } else { last_time },
        };
        last_time = e.time.or(last_time);
        moment[event] = Some(at);
        if let Some(lane) = event_lane[event] {
            joined[lane].get_or_insert(at);
        }
    }
    let is_row = |lane: usize| {
        matches!(
            map.lanes.get(lane).map(|l| &l.kind),
            Some(LaneKind::Person | LaneKind::Team)
        )
    };
    let is_system =
        |lane: usize| matches!(map.lanes.get(lane).map(|l| &l.kind), Some(LaneKind::System));
    let mut rows: Vec<LaneContacts> = (0..map.lanes.len())
        .map(|lane| LaneContacts {
            lane,
            joined: joined[lane],
            brought_in_by: None,
            reached: Vec::new(),
            reached_by: Vec::new(),
            looked_at: Vec::new(),
            silences: Vec::new(),
        })
        .collect();
    for (index, link) in map.links.iter().enumerate() {
        let Some(from) = map.events.index_of(&link.from) else {
            continue;
        };
        let (Some(from_lane), Some(sent)) = (event_lane[from], moment[from]) else {
            continue;
        };
        let (to_lane, arrived, received) = match &link.to {
            crate::model::LinkEnd::Event(to) => {
                let Some(to) = map.events.index_of(to) else {
                    continue;
                };
                let (Some(lane), Some(at)) = (event_lane[to], moment[to]) else {
                    continue;
                };
                (lane, at.place.max(sent.place), Some(at))
            }
            crate::model::LinkEnd::Lane(lane) => {
                let Some(lane) = map.lane_index(lane) else {
                    continue;
                };
                (lane, sent.place, None)
            }
        };
        if to_lane == from_lane {
            continue;
        }
        let handoff = is_row(to_lane)
            && (says_handoff(&link.label)
                || (link.label.is_empty() && says_handoff(&map.events[from].title)));
        let contact = |other, outgoing| Contact {
            other,
            at: sent,
            arrived,
            received: received.map(|at| at.event),
            outgoing,
            link: index,
            handoff,
        };
        if is_system(to_lane) {
            rows[from_lane].looked_at.push(contact(to_lane, true));
        } else if is_system(from_lane) {
            // What a system showed them counts when they saw it: at their own card.
            let at = received.unwrap_or(sent);
            rows[to_lane].looked_at.push(Contact {
                at,
                ..contact(from_lane, false)
            });
        } else {
            rows[from_lane].reached.push(contact(to_lane, true));
            rows[to_lane].reached_by.push(contact(from_lane, false));
        }
    }
    for (index, gap) in scan.gaps.iter().enumerate() {
        if !gap.is_empty() {
            continue;
        }
        if let Some(lane) = gap.lane.as_ref().and_then(|l| map.lane_index(l)) {
            rows[lane].silences.push(index);
        }
    }
    rows.retain(|row| is_row(row.lane));
    for row in &mut rows {
        for list in [&mut row.reached, &mut row.reached_by, &mut row.looked_at] {
            list.sort_by_key(|c| (c.at.place, c.link));
        }
        row.silences.sort_by_key(|&gap| scan.gaps[gap].start);
        row.brought_in_by = row.joined.and_then(|joined| {
            let systems = row.looked_at.iter().filter(|c| !c.outgoing);
            row.reached_by
                .iter()
                .chain(systems)
                .filter(|c| c.arrived <= joined.place || c.received == Some(joined.event))
                .min_by_key(|c| (c.arrived, c.at.place, c.link))
                .cloned()
        });
    }
    rows
}

/// Whether words say the work changes hands: "handover", "hand off", "hands over",
/// "handing off", "takes over".
pub fn says_handoff(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().enumerate().any(|(i, word)| {
        let next = words.get(i + 1).copied();
        matches!(*word, "handover" | "handoff" | "handovers" | "handoffs")
            || (matches!(*word, "hand" | "hands" | "handing" | "handed")
                && matches!(next, Some("over" | "off")))
            || (matches!(*word, "take" | "takes" | "taking" | "took") && next == Some("over"))
    })
}

#[cfg(test)]
mod tests;
