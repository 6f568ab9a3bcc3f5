//! Numbers for new generated ids (`e12`, `b3`): one past the largest number in use, and,
//! when a map already holds the largest number a `u64` can (`e18446744073709551615`, in a
//! hand-made or hostile file), the smallest numbers not in use, instead of overflowing.

use std::collections::HashSet;

/// Hands out numbers that no id of one kind uses yet, each once.
#[derive(Clone, Debug)]
pub struct FreshNumbers {
    used: Vec<u64>,
    /// The next number past the largest in use; `None` once the top is passed.
    next: Option<u64>,
    /// Every number from here up is used or handed out.
    ceiling: u64,
    /// After the top: the numbers in use and where the search for a free one stands.
    below: Option<(HashSet<u64>, u64)>,
}

impl FreshNumbers {
    /// From the numbers of the ids in use (`None` for ids not of the generated shape).
    pub fn new(used: impl IntoIterator<Item = Option<u64>>) -> Self {
        let used: Vec<u64> = used.into_iter().flatten().collect();
        let (next, ceiling) = match used.iter().max() {
            None => (Some(1), 1),
            Some(&max) => (max.checked_add(1), max.saturating_add(1)),
        };
        FreshNumbers {
            used,
            next,
            ceiling,
            below: None,
        }
    }

    /// A number not in use and not handed out before.
    pub fn take(&mut self) -> u64 {
        if let Some(n) = self.next {
            self.next = n.checked_add(1);
            return n;
        }
        let used = &self.used;
        let (in_use, from) = self
            .below
            .get_or_insert_with(|| (used.iter().copied().collect(), 1));
        while *from < self.ceiling {
            let n = *from;
            *from += 1;
            if !in_use.contains(&n) {
                return n;
            }
        }
        // Every number is taken: no map holds 2^64 ids (the loader refuses far fewer).
        // A repeated id is refused by the op that would add it, never a panic here.
        u64::MAX
    }
}

#[cfg(test)]
mod tests {
    use super::FreshNumbers;
    use crate::model::{
        Branch, BranchId, CardId, Event, EventId, Lane, LaneId, LaneKind, Link, LinkId, Map, Theme,
        ThemeId,
    };

    #[test]
    fn numbers_follow_the_largest_in_use() {
        let mut fresh = FreshNumbers::new([Some(3), None, Some(7)]);
        assert_eq!([fresh.take(), fresh.take()], [8, 9]);
        assert_eq!(FreshNumbers::new(Vec::new()).take(), 1);
    }

    #[test]
    fn past_the_largest_number_the_smallest_free_ones_are_used() {
        let mut fresh = FreshNumbers::new([Some(1), Some(u64::MAX - 1), Some(3)]);
        assert_eq!(
            [fresh.take(), fresh.take(), fresh.take(), fresh.take()],
            [u64::MAX, 2, 4, 5]
        );
    }

    #[test]
    fn a_map_holding_the_largest_ids_still_gets_new_ones() {
        let top = u64::MAX;
        let mut map = Map::new("Top");
        map.lanes.push(Lane::new(
            LaneId::new(format!("l{top}")),
            "a",
            LaneKind::Person,
        ));
        map.lanes
            .push(Lane::new(LaneId::from("l1"), "b", LaneKind::Person));
        map.events.push(Event::new(
            EventId::new(format!("e{top}")),
            LaneId::from("l1"),
            1.0,
            "x",
        ));
        map.events.push(Event::new(
            EventId::from("e2"),
            LaneId::from("l1"),
            2.0,
            "y",
        ));
        map.branches.push(Branch::new(
            BranchId::new(format!("b{top}")),
            CardId::Event(EventId::from("e2")),
            LaneId::from("l1"),
            2.5,
            "z",
        ));
        map.links.push(Link::new(
            LinkId::new(format!("k{top}")),
            EventId::from("e2"),
            EventId::new(format!("e{top}")),
        ));
        map.themes
            .push(Theme::new(ThemeId::new(format!("t{top}")), "w"));
        assert_eq!(map.next_lane_id().as_str(), "l2");
        assert_eq!(map.next_event_id().as_str(), "e1");
        assert_eq!(map.next_branch_id().as_str(), "b1");
        assert_eq!(map.next_link_id().as_str(), "k1");
        assert_eq!(map.next_theme_id().as_str(), "t1");
    }

    #[test]
    fn chat_lines_paste_into_a_map_holding_the_largest_event_id() {
        let mut map = Map::new("Top");
        map.lanes
            .push(Lane::new(LaneId::from("ana"), "Ana", LaneKind::Person));
        map.events.push(Event::new(
            EventId::new(format!("e{}", u64::MAX)),
            LaneId::from("ana"),
            1.0,
            "x",
        ));
        let pasted = crate::import::paste_timeline(&map, "14:05 Ana: paged\n14:06 Ana: looks");
        pasted.op.expect("lines pasted").apply(&mut map).unwrap();
        assert_eq!(map.events.len(), 3);
    }
}
