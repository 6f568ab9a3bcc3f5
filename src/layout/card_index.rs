//! Finding a placed card by what it shows: an event's card or a path not taken's ghost
//! card. Two maps keyed by the ids themselves, so a lookup by event id (links, gaps,
//! the canvas) hashes the id it is given instead of wrapping a copy of it in a
//! [`CardId`] first.

use super::CardGeom;
use crate::model::FastHashMap as HashMap;
use crate::model::{BranchId, CardId, EventId};

#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct CardIndex {
    events: HashMap<EventId, usize>,
    ghosts: HashMap<BranchId, usize>,
}

impl CardIndex {
    /// Indexes `cards` (in their final order).
    pub(super) fn of(cards: &[CardGeom]) -> Self {
        let mut index = CardIndex::default();
        index.events.reserve(cards.len());
        for (i, card) in cards.iter().enumerate() {
            match &card.item {
                CardId::Event(id) => index.events.insert(id.clone(), i),
                CardId::Branch(id) => index.ghosts.insert(id.clone(), i),
            };
        }
        index
    }

    pub(super) fn event(&self, id: &EventId) -> Option<usize> {
        self.events.get(id).copied()
    }

    pub(super) fn ghost(&self, id: &BranchId) -> Option<usize> {
        self.ghosts.get(id).copied()
    }

    pub(super) fn item(&self, item: &CardId) -> Option<usize> {
        match item {
            CardId::Event(id) => self.event(id),
            CardId::Branch(id) => self.ghost(id),
        }
    }
}
