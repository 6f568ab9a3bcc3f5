//! Finding a placed card by what it shows: an event's card or a path not taken's ghost
//! card. In two steps: an id to its item's place in the map's list ([`ItemIds`], which
//! only changes when items are added, removed or renamed, so the layout after a move
//! reuses it), then that place to the card ([`CardIndex`], rebuilt with every layout
//! without hashing anything). A lookup hashes the id it is given, never a wrapped copy.

use super::CardGeom;
use crate::model::FastHashMap as HashMap;
use crate::model::{BranchId, CardId, EventId, Map};

/// Each event's and each path not taken's place in the map's lists, by id.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct ItemIds {
    events: HashMap<EventId, usize>,
    branches: HashMap<BranchId, usize>,
}

impl ItemIds {
    pub(super) fn of(map: &Map) -> Self {
        let mut ids = ItemIds::default();
        ids.events.reserve(map.events.len());
        // The first item of an id wins (a valid map has no id twice).
        for (i, event) in map.events.iter().enumerate() {
            ids.events.entry(event.id.clone()).or_insert(i);
        }
        for (i, branch) in map.branches.iter().enumerate() {
            ids.branches.entry(branch.id.clone()).or_insert(i);
        }
        ids
    }
}

/// No card.
const NONE: u32 = u32::MAX;

/// The card of each event and each path not taken, by their place in the map's lists.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct CardIndex {
    event_card: Vec<u32>,
    ghost_card: Vec<u32>,
}

impl CardIndex {
    /// Indexes `cards` (in their final order) of a map of `events` events and `branches`
    /// paths not taken.
    pub(super) fn of(cards: &[CardGeom], events: usize, branches: usize) -> Self {
        let mut index = CardIndex {
            event_card: vec![NONE; events],
            ghost_card: vec![NONE; branches],
        };
        for (i, card) in cards.iter().enumerate() {
            let slots = match card.item {
                CardId::Event(_) => &mut index.event_card,
                CardId::Branch(_) => &mut index.ghost_card,
            };
            if let Some(slot) = slots.get_mut(card.index) {
                // Card counts are bounded far below u32::MAX by the map's limits.
                *slot = u32::try_from(i).unwrap_or(NONE);
            }
        }
        index
    }

    pub(super) fn event(&self, ids: &ItemIds, id: &EventId) -> Option<usize> {
        self.event_at(*ids.events.get(id)?)
    }

    /// The card of the event at `index` in the map's list.
    pub(super) fn event_at(&self, index: usize) -> Option<usize> {
        found(&self.event_card, index)
    }

    pub(super) fn ghost(&self, ids: &ItemIds, id: &BranchId) -> Option<usize> {
        found(&self.ghost_card, *ids.branches.get(id)?)
    }

    pub(super) fn item(&self, ids: &ItemIds, item: &CardId) -> Option<usize> {
        match item {
            CardId::Event(id) => self.event(ids, id),
            CardId::Branch(id) => self.ghost(ids, id),
        }
    }
}

fn found(cards: &[u32], at: usize) -> Option<usize> {
    cards
        .get(at)
        .filter(|&&card| card != NONE)
        .map(|&card| card as usize)
}
