//! What stands out while the rest of the map fades: what one lane's point of view knew, or
//! the cards of a highlighted theme. Both go through the same fading ([`super::fade`]), so
//! there is one way of drawing a map with part of it set back.

use crate::model::{CardId, Map};
use crate::timeline::Knowledge;

/// The part of the map drawn at full strength; everything else is faded.
#[derive(Clone, Copy, Debug)]
pub enum Lit<'a> {
    /// What a lane could know at a moment.
    Known(&'a Knowledge),
    /// A set of cards (a theme's moments).
    Cards(&'a CardSet),
}

/// Cards by their index in the map's events and paths not taken: a flag each, so asking
/// about a card while drawing costs nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CardSet {
    events: Vec<bool>,
    branches: Vec<bool>,
    count: usize,
}

impl CardSet {
    /// The set of `cards` (ids the map does not have are left out).
    pub fn of(map: &Map, cards: &[CardId]) -> Self {
        let mut set = CardSet {
            events: vec![false; map.events.len()],
            branches: vec![false; map.branches.len()],
            count: 0,
        };
        for card in cards {
            let flag = match card {
                CardId::Event(id) => map.events.index_of(id).map(|i| &mut set.events[i]),
                CardId::Branch(id) => map.branches.index_of(id).map(|i| &mut set.branches[i]),
            };
            if let Some(flag) = flag
                && !*flag
            {
                *flag = true;
                set.count += 1;
            }
        }
        set
    }

    /// How many cards are in the set.
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Whether the event at `index` in the map's events is in the set.
    pub fn has_event(&self, index: usize) -> bool {
        self.events.get(index).copied().unwrap_or(false)
    }

    /// Whether the path not taken at `index` in the map's branches is in the set.
    pub fn has_branch(&self, index: usize) -> bool {
        self.branches.get(index).copied().unwrap_or(false)
    }
}

impl Lit<'_> {
    /// Whether the event at `index` in the map's events stands out (a link counts as its
    /// sender does).
    pub fn event(&self, index: usize) -> bool {
        match self {
            Lit::Known(known) => known.knows(index),
            Lit::Cards(cards) => cards.has_event(index),
        }
    }

    /// Whether the card at `index` (in the map's events or branches, as `item` says)
    /// stands out. From a point of view a path not taken is known with the event it grew
    /// from; a theme lights paths not taken that carry it.
    pub fn card(&self, map: &Map, item: &CardId, index: usize) -> bool {
        match (self, item) {
            (_, CardId::Event(_)) => self.event(index),
            (Lit::Cards(cards), CardId::Branch(_)) => cards.has_branch(index),
            (Lit::Known(known), CardId::Branch(_)) => map
                .branches
                .get(index)
                .and_then(|branch| branch.from.event())
                .and_then(|from| map.events.index_of(from))
                .is_some_and(|from| known.knows(from)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Branch, BranchId, Event, EventId, Lane, LaneId, LaneKind};

    #[test]
    fn a_card_set_lights_its_cards_only_once_each() {
        let mut map = Map::new("t");
        map.lanes
            .push(Lane::new(LaneId::from("a"), "A", LaneKind::Person));
        for id in ["e1", "e2"] {
            map.events
                .push(Event::new(EventId::from(id), LaneId::from("a"), 1.0, id));
        }
        map.branches.push(Branch::new(
            BranchId::from("b1"),
            CardId::Event(EventId::from("e1")),
            LaneId::from("a"),
            1.5,
            "b",
        ));
        let e2 = CardId::Event(EventId::from("e2"));
        let b1 = CardId::Branch(BranchId::from("b1"));
        let gone = CardId::Event(EventId::from("gone"));
        let set = CardSet::of(&map, &[e2.clone(), e2.clone(), b1.clone(), gone]);
        assert_eq!(set.len(), 2);
        let lit = Lit::Cards(&set);
        assert!(!lit.event(0) && lit.event(1));
        assert!(lit.card(&map, &b1, 0));
        assert!(!lit.event(7), "an index past the map is not lit");
    }
}
