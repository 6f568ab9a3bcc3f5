//! Which entries of the shared document an edit changes, read from the op alone, so a
//! local edit writes only those (never the whole map).

use super::schema::Collection;
use crate::ops::Op;
use std::collections::BTreeSet;

/// The entries an op changes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Entries {
    /// The map's own fields (title, description, threshold, kept words).
    pub meta: bool,
    /// Entries added, changed or removed.
    pub keys: BTreeSet<(Collection, String)>,
    /// Entries whose place in their collection may have changed (added or moved).
    pub placed: BTreeSet<(Collection, String)>,
    /// Every gap note (the op replaces the whole list).
    pub all_gaps: bool,
}

impl Entries {
    pub fn of(op: &Op) -> Entries {
        let mut entries = Entries::default();
        entries.add(op);
        entries
    }

    fn add(&mut self, op: &Op) {
        use Collection::*;
        let (collection, key, placed) = match op {
            Op::SetTitle(_)
            | Op::SetDescription(_)
            | Op::SetKeptWords(_)
            | Op::SetGapThreshold(_) => {
                self.meta = true;
                return;
            }
            Op::SetGapNotes(_) => {
                self.all_gaps = true;
                return;
            }
            Op::Batch(ops) => {
                ops.iter().for_each(|op| self.add(op));
                return;
            }
            Op::InsertLane { lane, .. } => (Lanes, lane.id.to_string(), true),
            Op::RemoveLane(id) => (Lanes, id.to_string(), false),
            Op::UpdateLane(lane) => (Lanes, lane.id.to_string(), false),
            Op::MoveLane { id, .. } => (Lanes, id.to_string(), true),
            Op::InsertEvent { event, .. } => (Events, event.id.to_string(), true),
            Op::RemoveEvent(id) => (Events, id.to_string(), false),
            Op::UpdateEvent(event) => (Events, event.id.to_string(), false),
            Op::InsertLink { link, .. } => (Links, link.id.to_string(), true),
            Op::RemoveLink(id) => (Links, id.to_string(), false),
            Op::UpdateLink(link) => (Links, link.id.to_string(), false),
            Op::InsertBranch { branch, .. } => (Branches, branch.id.to_string(), true),
            Op::RemoveBranch(id) => (Branches, id.to_string(), false),
            Op::UpdateBranch(branch) => (Branches, branch.id.to_string(), false),
            Op::InsertTheme { theme, .. } => (Themes, theme.id.to_string(), true),
            Op::RemoveTheme(id) => (Themes, id.to_string(), false),
            Op::UpdateTheme(theme) => (Themes, theme.id.to_string(), false),
        };
        if placed {
            self.placed.insert((collection, key.clone()));
        }
        self.keys.insert((collection, key));
    }
}
