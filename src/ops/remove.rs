//! Removals that take what depends on the removed thing with them, so nothing is left
//! dangling: an event's links and paths not taken, a branch's chained branches, a lane's
//! cards and gap notes. Each is one batch, so one undo restores everything.

use super::Op;
use crate::model::{BranchId, CardId, EventId, LaneId, LinkId, Map};
use std::collections::HashSet;

impl Op {
    /// Removes events and branches with everything hanging off them: links touching the
    /// events, and every path not taken branching off any of them, directly or chained.
    pub fn remove_cards(map: &Map, ids: &[CardId]) -> Op {
        let mut branches: UniqueList<BranchId> = UniqueList::default();
        let mut links: UniqueList<LinkId> = UniqueList::default();
        let mut events: UniqueList<EventId> = UniqueList::default();
        for id in ids.iter().filter(|id| map.has_card(id)) {
            for branch in map.branch_tree(id) {
                branches.push(branch);
            }
            match id {
                CardId::Branch(branch) => branches.push(branch.clone()),
                CardId::Event(event) => {
                    for link in map.links_touching(event) {
                        links.push(link.id.clone());
                    }
                    events.push(event.clone());
                }
            }
        }
        let mut branches = branches.items;
        // Chained branches go before the branch they grow from.
        let mut depths = ChainDepths::default();
        for id in &branches {
            depths.of(map, id);
        }
        branches.sort_by_key(|id| std::cmp::Reverse(depths.known.get(id).copied()));
        let ops = branches
            .into_iter()
            .map(Op::RemoveBranch)
            .chain(links.items.into_iter().map(Op::RemoveLink))
            .chain(events.items.into_iter().map(Op::RemoveEvent))
            .collect();
        Op::Batch(ops)
    }

    /// Removes an event together with its links and paths not taken.
    pub fn remove_event_with_links(map: &Map, id: &EventId) -> Op {
        Op::remove_cards(map, &[CardId::Event(id.clone())])
    }

    /// Removes several events with their links; a link between two of them is removed once.
    pub fn remove_events_with_links(map: &Map, ids: &[EventId]) -> Op {
        let cards: Vec<CardId> = ids.iter().cloned().map(CardId::Event).collect();
        Op::remove_cards(map, &cards)
    }

    /// Removes a lane with all its cards, what hangs off them, and its gap notes.
    pub fn remove_lane_with_events(map: &Map, id: &LaneId) -> Op {
        let cards: Vec<CardId> = map
            .events_on(id)
            .map(|event| CardId::Event(event.id.clone()))
            .chain(
                map.branches
                    .iter()
                    .filter(|branch| &branch.lane == id)
                    .map(|branch| CardId::Branch(branch.id.clone())),
            )
            .collect();
        let mut ops = vec![Op::remove_cards(map, &cards)];
        // Messages to the lane go with it (those sent from the lane went with their card).
        ops.extend(
            map.links
                .iter()
                .filter(|link| link.to.lane() == Some(id))
                .filter(|link| map.event(&link.from).is_some_and(|e| &e.lane != id))
                .map(|link| Op::RemoveLink(link.id.clone())),
        );
        if map.gaps.iter().any(|gap| gap.lane.as_ref() == Some(id)) {
            let kept = map
                .gaps
                .iter()
                .filter(|gap| gap.lane.as_ref() != Some(id))
                .cloned()
                .collect();
            ops.push(Op::SetGapNotes(kept));
        }
        ops.push(Op::RemoveLane(id.clone()));
        Op::Batch(ops)
    }
}

/// Items in first-seen order, each once (a link between two removed events is removed
/// once), without a quadratic search when thousands of cards are deleted.
struct UniqueList<T> {
    items: Vec<T>,
    seen: HashSet<T>,
}

impl<T> Default for UniqueList<T> {
    fn default() -> Self {
        UniqueList {
            items: Vec::new(),
            seen: HashSet::new(),
        }
    }
}

impl<T: Clone + Eq + std::hash::Hash> UniqueList<T> {
    fn push(&mut self, item: T) {
        if self.seen.insert(item.clone()) {
            self.items.push(item);
        }
    }
}

/// How many branches lie between a branch and its event, remembered as they are found:
/// each branch of a long chain is walked once, not once per branch below it.
#[derive(Default)]
struct ChainDepths {
    known: crate::model::FastHashMap<BranchId, usize>,
}

impl ChainDepths {
    fn of(&mut self, map: &Map, id: &BranchId) -> usize {
        // Up the chain to an event, a branch already measured, or a loop (a map read from
        // a file is checked for loops, but a count must never hang on one).
        let mut walked: Vec<BranchId> = Vec::new();
        let mut on_walk = HashSet::new();
        let mut current = map.branch(id);
        let mut base = 0;
        while let Some(branch) = current {
            if let Some(&depth) = self.known.get(&branch.id) {
                base = depth;
                break;
            }
            if !on_walk.insert(branch.id.clone()) {
                break;
            }
            walked.push(branch.id.clone());
            current = branch.from.branch().and_then(|from| map.branch(from));
        }
        for (step, branch) in walked.into_iter().rev().enumerate() {
            self.known.insert(branch, base + step + 1);
        }
        self.known.get(id).copied().unwrap_or(base)
    }
}
