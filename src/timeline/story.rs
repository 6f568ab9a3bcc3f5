//! The story of a map: its events in the reviewer's order (`pos`, then file order), with
//! each whole-map gap told just before the first event inside it. Computed once per change
//! (with the layout) and shared by presentation, the Markdown timeline and the sequence
//! diagrams, so they all tell the same story in the same order, whatever the view.

use super::GapScan;
use crate::model::FastHashMap as HashMap;
use crate::model::{LaneId, Map};

/// One step of the story.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Beat {
    /// An event, by index into [`Map::events`].
    Event(usize),
    /// A whole-map gap, by index into [`GapScan::gaps`].
    Gap(usize),
}

/// The story of a map, in order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Story {
    pub beats: Vec<Beat>,
}

impl Story {
    /// Tells `map`: events by `pos` (ties in file order), each whole-map gap of `scan`
    /// before the first event inside it. Events on lanes that do not exist, or that are
    /// `hidden` (a point of view), are left out: the story is the one on screen.
    pub fn of(map: &Map, scan: &GapScan, hidden: &[LaneId]) -> Story {
        let hidden: std::collections::HashSet<&LaneId> = hidden.iter().collect();
        let mut order: Vec<usize> = (0..map.events.len())
            .filter(|&i| {
                let lane = &map.events[i].lane;
                map.lane(lane).is_some() && !hidden.contains(lane)
            })
            .collect();
        order.sort_by(|&a, &b| {
            map.events[a]
                .pos
                .total_cmp(&map.events[b].pos)
                .then(a.cmp(&b))
        });
        let gap_before: HashMap<usize, usize> = scan
            .gaps
            .iter()
            .enumerate()
            .filter(|(_, gap)| gap.lane.is_none())
            .map(|(i, gap)| (gap.first_inside(), i))
            .collect();
        let mut beats = Vec::with_capacity(order.len() + gap_before.len());
        for event in order {
            if let Some(&gap) = gap_before.get(&event) {
                beats.push(Beat::Gap(gap));
            }
            beats.push(Beat::Event(event));
        }
        Story { beats }
    }

    /// The events, in order, by index into [`Map::events`].
    pub fn events(&self) -> impl Iterator<Item = usize> + '_ {
        self.beats.iter().filter_map(|beat| match beat {
            Beat::Event(i) => Some(*i),
            Beat::Gap(_) => None,
        })
    }

    pub fn len(&self) -> usize {
        self.beats.len()
    }

    pub fn is_empty(&self) -> bool {
        self.beats.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Event, EventId, Lane, LaneId, LaneKind, Timestamp};
    use crate::timeline::find_gaps;

    fn event(id: &str, pos: f64, time: Option<&str>) -> Event {
        let mut event = Event::new(EventId::from(id), LaneId::from("a"), pos, id);
        event.time = time.map(|t| Timestamp::parse(t).unwrap());
        event
    }

    #[test]
    fn events_go_by_pos_and_a_gap_comes_before_the_first_event_inside_it() {
        let mut map = Map::new("t");
        map.lanes
            .push(Lane::new(LaneId::from("a"), "a", LaneKind::Person));
        map.events
            .push(event("late", 4.0, Some("2025-05-01T16:00:00Z")));
        map.events
            .push(event("first", 1.0, Some("2025-05-01T14:00:00Z")));
        map.events.push(event("untimed", 3.0, None));
        map.events
            .push(event("second", 2.0, Some("2025-05-01T14:05:00Z")));
        map.events
            .push(event("tie", 2.0, Some("2025-05-01T14:06:00Z")));
        let scan = find_gaps(&map);
        let story = Story::of(&map, &scan, &[]);
        let told: Vec<String> = story
            .beats
            .iter()
            .map(|beat| match beat {
                Beat::Event(i) => map.events[*i].id.to_string(),
                Beat::Gap(g) => format!("gap {}", scan.gaps[*g].summary()),
            })
            .collect();
        assert_eq!(
            told,
            [
                "first",
                "second",
                "tie",
                "gap 1 h 54 min, 1 event with no time recorded",
                "untimed",
                "late"
            ]
        );
        assert_eq!(story.events().count(), 5);
        // Focused on another lane (a point of view), this one's events are not told:
        // presenting never steps to a card that is not on screen.
        assert!(
            Story::of(&map, &scan, &[LaneId::from("a")])
                .events()
                .next()
                .is_none()
        );
    }
}
