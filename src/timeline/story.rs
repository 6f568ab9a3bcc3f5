//! The story of a map: its events in the order they are placed top to bottom (the
//! reviewer's order, or time's in the time scales), with each whole-map gap told just
//! before the first event inside it. Told once per change (with the layout) and shared by
//! presentation, the Markdown timeline and the sequence diagrams, so they all tell the
//! story on screen (lanes hidden by a point of view left out) in the same order.

use super::GapScan;
use crate::model::FastHashMap as HashMap;
use crate::model::Map;

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
    /// Tells the events `placed` (indexes into [`Map::events`], in the order the layout
    /// placed them, top to bottom: the story on screen), each whole-map gap of `scan` just
    /// before the first event inside it; when that event is not told (its lane is hidden),
    /// before the event that ends the gap, or not at all when neither is told.
    pub fn of(map: &Map, scan: &GapScan, placed: impl IntoIterator<Item = usize>) -> Story {
        let order: Vec<usize> = placed
            .into_iter()
            .filter(|&i| i < map.events.len())
            .collect();
        // Which events are told, by index: a flag per event, not a hash set of 200,000.
        let mut told = vec![false; map.events.len()];
        for &event in &order {
            told[event] = true;
        }
        let gap_before: HashMap<usize, usize> = scan
            .gaps
            .iter()
            .enumerate()
            .filter(|(_, gap)| gap.lane.is_none())
            .filter_map(|(i, gap)| {
                [gap.first_inside(), gap.after_index]
                    .into_iter()
                    .find(|&event| told.get(event).copied().unwrap_or(false))
                    .map(|event| (event, i))
            })
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
        // Placed by pos, ties in file order, as the ordinal layout does.
        let mut placed: Vec<usize> = (0..map.events.len()).collect();
        placed.sort_by(|&a, &b| {
            map.events[a]
                .pos
                .total_cmp(&map.events[b].pos)
                .then(a.cmp(&b))
        });
        let story = Story::of(&map, &scan, placed);
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
        // Nothing placed (the lane hidden by a point of view): nothing told, no gap either.
        assert!(Story::of(&map, &scan, []).is_empty());
    }
}
