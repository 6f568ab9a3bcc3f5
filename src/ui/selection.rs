//! What the user has selected. View state: never saved, never an undo step.

use crate::model::{BranchId, CardId, EventId, LaneId, LinkId, Map};
use crate::timeline::Gap;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Selection {
    /// Selected cards (events and paths not taken), in the order they were picked.
    pub cards: Vec<CardId>,
    /// Selected lanes, in the order they were picked (several with Shift-click, to set
    /// their kind at once).
    pub lanes: Vec<LaneId>,
    pub link: Option<LinkId>,
    pub gap: Option<GapKey>,
}

/// Names a gap by what bounds it, so the selection survives a re-layout that renumbers
/// gaps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GapKey {
    pub lane: Option<LaneId>,
    pub before: EventId,
    pub after: EventId,
}

impl GapKey {
    pub fn of(gap: &Gap) -> Self {
        GapKey {
            lane: gap.lane.clone(),
            before: gap.before.clone(),
            after: gap.after.clone(),
        }
    }

    pub fn matches(&self, gap: &Gap) -> bool {
        self.lane == gap.lane && self.before == gap.before && self.after == gap.after
    }
}

impl Selection {
    pub fn is_empty(&self) -> bool {
        self.cards.is_empty() && self.lanes.is_empty() && self.link.is_none() && self.gap.is_none()
    }

    pub fn only(card: impl Into<CardId>) -> Self {
        Selection {
            cards: vec![card.into()],
            ..Default::default()
        }
    }

    pub fn only_lane(lane: LaneId) -> Self {
        Selection {
            lanes: vec![lane],
            ..Default::default()
        }
    }

    /// The one selected lane, if exactly one is.
    pub fn single_lane(&self) -> Option<&LaneId> {
        match self.lanes.as_slice() {
            [one] => Some(one),
            _ => None,
        }
    }

    /// Shift-click on a lane's header: add the lane, or take it out if it was selected.
    pub fn toggle_lane(&mut self, id: LaneId) {
        self.cards.clear();
        self.link = None;
        self.gap = None;
        if let Some(at) = self.lanes.iter().position(|l| l == &id) {
            self.lanes.remove(at);
        } else {
            self.lanes.push(id);
        }
    }

    pub fn only_gap(gap: GapKey) -> Self {
        Selection {
            gap: Some(gap),
            ..Default::default()
        }
    }

    pub fn contains(&self, id: &CardId) -> bool {
        self.cards.contains(id)
    }

    /// The selected events, without the paths not taken.
    pub fn events(&self) -> impl Iterator<Item = &EventId> {
        self.cards.iter().filter_map(CardId::event)
    }

    /// The one selected card, if exactly one is.
    pub fn single_card(&self) -> Option<&CardId> {
        match self.cards.as_slice() {
            [one] => Some(one),
            _ => None,
        }
    }

    pub fn single_event(&self) -> Option<&EventId> {
        self.single_card().and_then(CardId::event)
    }

    pub fn single_branch(&self) -> Option<&BranchId> {
        self.single_card().and_then(CardId::branch)
    }

    /// Shift-click: add the card, or take it out if it was selected.
    pub fn toggle(&mut self, id: CardId) {
        self.lanes.clear();
        self.link = None;
        self.gap = None;
        if let Some(at) = self.cards.iter().position(|c| c == &id) {
            self.cards.remove(at);
        } else {
            self.cards.push(id);
        }
    }

    /// Drops ids that no longer exist (after undo, delete or opening another map).
    pub fn retain_existing(&mut self, map: &Map) {
        self.cards.retain(|id| map.has_card(id));
        self.lanes.retain(|id| map.lane(id).is_some());
        if self.link.as_ref().is_some_and(|id| map.link(id).is_none()) {
            self.link = None;
        }
    }

    /// The lane new events go to: the last selected lane, or the lane of the last picked
    /// card.
    pub fn target_lane(&self, map: &Map) -> Option<LaneId> {
        if let Some(lane) = self.lanes.last() {
            return Some(lane.clone());
        }
        self.cards
            .last()
            .and_then(|id| map.card_place(id))
            .map(|(lane, _)| lane.clone())
    }
}
