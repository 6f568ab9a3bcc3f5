//! Every change to a map as a value. Applying an [`Op`] returns its inverse, which is what
//! makes undo exact; [`History`] keeps the undo and redo stacks.

mod arrange;
mod bulk;
pub mod clipboard;
mod gap_notes;
mod history;
pub mod many;
mod messages;
mod remove;
pub mod themes;

pub use arrange::arrange_by_time;
pub use history::{Edit, History};
pub use messages::fold_copied_messages;

use crate::model::{
    Branch, BranchId, CardId, Event, EventId, GapNotes, Lane, LaneId, Link, LinkEnd, LinkId, Map,
    Theme, ThemeId,
};

/// One change to a map. Updates carry the whole new value so the inverse is simply the
/// old value: no field-by-field bookkeeping to get wrong.
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    SetTitle(String),
    SetDescription(String),
    /// The phrases kept as written in the map's title and description.
    SetKeptWords(Vec<String>),
    SetGapThreshold(Option<u32>),
    /// Replaces all gap notes (they are few, and whole-list replacement keeps undo exact).
    SetGapNotes(Vec<GapNotes>),
    InsertLane {
        index: usize,
        lane: Lane,
    },
    RemoveLane(LaneId),
    UpdateLane(Lane),
    MoveLane {
        id: LaneId,
        to_index: usize,
    },
    InsertEvent {
        index: usize,
        event: Event,
    },
    RemoveEvent(EventId),
    UpdateEvent(Event),
    InsertLink {
        index: usize,
        link: Link,
    },
    RemoveLink(LinkId),
    UpdateLink(Link),
    InsertBranch {
        index: usize,
        branch: Branch,
    },
    RemoveBranch(BranchId),
    UpdateBranch(Branch),
    InsertTheme {
        index: usize,
        theme: Theme,
    },
    /// Refused while a card, annotation or path not taken still carries the theme.
    RemoveTheme(ThemeId),
    UpdateTheme(Theme),
    /// Several changes that undo and redo together, applied in order.
    Batch(Vec<Op>),
}

/// Both ends of a link exist: the event it starts from, and the event or lane it reaches.
pub(crate) fn check_link_ends(map: &Map, link: &Link) -> Result<(), OpError> {
    if map.event(&link.from).is_none() {
        return Err(OpError::MissingEvent(link.from.clone()));
    }
    match &link.to {
        LinkEnd::Event(id) if map.event(id).is_none() => Err(OpError::MissingEvent(id.clone())),
        LinkEnd::Lane(id) if map.lane(id).is_none() => Err(OpError::MissingLane(id.clone())),
        _ => Ok(()),
    }
}

/// An op that does not fit the map it was applied to (a stale id, an index out of range).
/// The map is left exactly as it was.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OpError {
    #[error("no lane '{0}'")]
    MissingLane(LaneId),
    #[error("no event '{0}'")]
    MissingEvent(EventId),
    #[error("no link '{0}'")]
    MissingLink(LinkId),
    #[error("no path not taken '{0}'")]
    MissingBranch(BranchId),
    #[error("a path not taken cannot branch off itself or its own branches")]
    BranchCycle(BranchId),
    #[error("id '{0}' is already used")]
    DuplicateId(String),
    #[error("lane '{0}' still holds events or is referenced")]
    LaneInUse(LaneId),
    #[error("event '{0}' still has links or paths not taken")]
    EventInUse(EventId),
    #[error("path not taken '{0}' still has paths branching off it")]
    BranchInUse(BranchId),
    #[error("no theme '{0}'")]
    MissingTheme(ThemeId),
    #[error("theme '{0}' is still on some moments")]
    ThemeInUse(ThemeId),
}

impl Op {
    /// Applies the op and returns the op that undoes it. On error nothing has changed.
    pub fn apply(self, map: &mut Map) -> Result<Op, OpError> {
        match self {
            Op::SetTitle(title) => Ok(Op::SetTitle(std::mem::replace(&mut map.title, title))),
            Op::SetDescription(text) => Ok(Op::SetDescription(std::mem::replace(
                &mut map.description,
                text,
            ))),
            Op::SetKeptWords(words) => Ok(Op::SetKeptWords(std::mem::replace(
                &mut map.kept_words,
                words,
            ))),
            Op::SetGapThreshold(secs) => Ok(Op::SetGapThreshold(std::mem::replace(
                &mut map.gap_threshold_secs,
                secs,
            ))),
            Op::SetGapNotes(notes) => {
                check_themes_exist(
                    map,
                    notes.iter().flat_map(|g| &g.notes).flat_map(|n| &n.themes),
                )?;
                Ok(Op::SetGapNotes(std::mem::replace(&mut map.gaps, notes)))
            }
            Op::InsertLane { index, lane } => {
                if map.lane(&lane.id).is_some() {
                    return Err(OpError::DuplicateId(lane.id.0.to_string()));
                }
                let id = lane.id.clone();
                map.lanes.insert(index.min(map.lanes.len()), lane);
                Ok(Op::RemoveLane(id))
            }
            Op::RemoveLane(id) => {
                let index = map
                    .lane_index(&id)
                    .ok_or(OpError::MissingLane(id.clone()))?;
                let in_use = map.events.iter().any(|event| event.lane == id)
                    || map.branches.iter().any(|branch| branch.lane == id)
                    || map.gaps.iter().any(|gap| gap.lane.as_ref() == Some(&id))
                    || map.links.iter().any(|link| link.to.lane() == Some(&id));
                if in_use {
                    return Err(OpError::LaneInUse(id));
                }
                let lane = map.lanes.remove(index);
                Ok(Op::InsertLane { index, lane })
            }
            Op::UpdateLane(lane) => {
                let index = map
                    .lane_index(&lane.id)
                    .ok_or(OpError::MissingLane(lane.id.clone()))?;
                Ok(Op::UpdateLane(std::mem::replace(
                    &mut map.lanes[index],
                    lane,
                )))
            }
            Op::MoveLane { id, to_index } => {
                let from = map
                    .lane_index(&id)
                    .ok_or(OpError::MissingLane(id.clone()))?;
                let lane = map.lanes.remove(from);
                map.lanes.insert(to_index.min(map.lanes.len()), lane);
                Ok(Op::MoveLane { id, to_index: from })
            }
            Op::InsertEvent { index, event } => {
                if map.event(&event.id).is_some() {
                    return Err(OpError::DuplicateId(event.id.0.to_string()));
                }
                if map.lane(&event.lane).is_none() {
                    return Err(OpError::MissingLane(event.lane));
                }
                check_themes_exist(map, event_themes(&event))?;
                let id = event.id.clone();
                map.events.insert(index.min(map.events.len()), event);
                Ok(Op::RemoveEvent(id))
            }
            Op::RemoveEvent(id) => {
                let index = map
                    .event_index(&id)
                    .ok_or(OpError::MissingEvent(id.clone()))?;
                let branched = map
                    .branches
                    .iter()
                    .any(|branch| branch.from.event() == Some(&id));
                if map.links_touching(&id).next().is_some() || branched {
                    return Err(OpError::EventInUse(id));
                }
                let event = map.events.remove(index);
                Ok(Op::InsertEvent { index, event })
            }
            Op::UpdateEvent(event) => {
                let index = map
                    .event_index(&event.id)
                    .ok_or(OpError::MissingEvent(event.id.clone()))?;
                if map.lane(&event.lane).is_none() {
                    return Err(OpError::MissingLane(event.lane));
                }
                check_themes_exist(map, event_themes(&event))?;
                Ok(Op::UpdateEvent(std::mem::replace(
                    &mut map.events[index],
                    event,
                )))
            }
            Op::InsertLink { index, link } => {
                if map.link(&link.id).is_some() {
                    return Err(OpError::DuplicateId(link.id.0.to_string()));
                }
                check_link_ends(map, &link)?;
                let id = link.id.clone();
                map.links.insert(index.min(map.links.len()), link);
                Ok(Op::RemoveLink(id))
            }
            Op::RemoveLink(id) => {
                let index = map
                    .link_index(&id)
                    .ok_or(OpError::MissingLink(id.clone()))?;
                let link = map.links.remove(index);
                Ok(Op::InsertLink { index, link })
            }
            Op::UpdateLink(link) => {
                let index = map
                    .link_index(&link.id)
                    .ok_or(OpError::MissingLink(link.id.clone()))?;
                check_link_ends(map, &link)?;
                Ok(Op::UpdateLink(std::mem::replace(
                    &mut map.links[index],
                    link,
                )))
            }
            Op::InsertBranch { index, branch } => {
                if map.branch(&branch.id).is_some() {
                    return Err(OpError::DuplicateId(branch.id.0.to_string()));
                }
                // A new id cannot close a loop (no branch of the map grows from it yet), so
                // its origin only has to exist. Walking the whole chain on each insert made
                // pasting a long chain quadratic: 5,000 paths took 21 s in a debug build.
                check_branch_origin(map, &branch)?;
                let id = branch.id.clone();
                map.branches.insert(index.min(map.branches.len()), branch);
                Ok(Op::RemoveBranch(id))
            }
            Op::RemoveBranch(id) => {
                let index = map
                    .branch_index(&id)
                    .ok_or(OpError::MissingBranch(id.clone()))?;
                let from = CardId::Branch(id.clone());
                if map.branches_from(&from).next().is_some() {
                    return Err(OpError::BranchInUse(id));
                }
                let branch = map.branches.remove(index);
                Ok(Op::InsertBranch { index, branch })
            }
            Op::UpdateBranch(branch) => {
                let index = map
                    .branch_index(&branch.id)
                    .ok_or(OpError::MissingBranch(branch.id.clone()))?;
                check_branch_fits(map, &branch)?;
                Ok(Op::UpdateBranch(std::mem::replace(
                    &mut map.branches[index],
                    branch,
                )))
            }
            Op::InsertTheme { index, theme } => {
                if map.theme(&theme.id).is_some() {
                    return Err(OpError::DuplicateId(theme.id.0.to_string()));
                }
                let id = theme.id.clone();
                map.themes.insert(index.min(map.themes.len()), theme);
                Ok(Op::RemoveTheme(id))
            }
            Op::RemoveTheme(id) => {
                let index = map
                    .themes
                    .index_of(&id)
                    .ok_or(OpError::MissingTheme(id.clone()))?;
                if theme_in_use(map, &id) {
                    return Err(OpError::ThemeInUse(id));
                }
                let theme = map.themes.remove(index);
                Ok(Op::InsertTheme { index, theme })
            }
            Op::UpdateTheme(theme) => {
                let index = map
                    .themes
                    .index_of(&theme.id)
                    .ok_or(OpError::MissingTheme(theme.id.clone()))?;
                Ok(Op::UpdateTheme(std::mem::replace(
                    &mut map.themes[index],
                    theme,
                )))
            }
            Op::Batch(ops) => apply_batch(ops, map),
        }
    }

    /// Moves an event or a branch to a lane and `pos`; `None` when it is already there or
    /// does not exist.
    pub fn place_card(map: &Map, id: &CardId, lane: LaneId, pos: f64) -> Option<Op> {
        match id {
            CardId::Event(id) => {
                let event = map.event(id)?;
                (event.lane != lane || event.pos != pos).then(|| {
                    Op::UpdateEvent(Event {
                        lane,
                        pos,
                        ..event.clone()
                    })
                })
            }
            CardId::Branch(id) => {
                let branch = map.branch(id)?;
                (branch.lane != lane || branch.pos != pos).then(|| {
                    Op::UpdateBranch(Branch {
                        lane,
                        pos,
                        ..branch.clone()
                    })
                })
            }
        }
    }
}

/// A branch's lane and origin must exist, and following its origins must reach an event
/// without coming back to it.
/// The themes an event and its annotations carry.
fn event_themes(event: &Event) -> impl Iterator<Item = &ThemeId> {
    event
        .themes
        .iter()
        .chain(event.annotations.iter().flat_map(|a| &a.themes))
}

/// Every theme named is one of the map's.
fn check_themes_exist<'a>(
    map: &Map,
    mut themes: impl Iterator<Item = &'a ThemeId>,
) -> Result<(), OpError> {
    match themes.find(|id| map.theme(id).is_none()) {
        Some(id) => Err(OpError::MissingTheme(id.clone())),
        None => Ok(()),
    }
}

/// Whether anything in the map carries the theme (a whole-map walk: removing a theme is
/// rare and deliberate).
fn theme_in_use(map: &Map, id: &ThemeId) -> bool {
    map.events
        .iter()
        .any(|event| event_themes(event).any(|t| t == id))
        || map.branches.iter().any(|b| b.themes.contains(id))
        || map
            .gaps
            .iter()
            .any(|g| g.notes.iter().any(|n| n.themes.contains(id)))
}

/// The branch's lane, themes and origin exist.
fn check_branch_origin(map: &Map, branch: &Branch) -> Result<(), OpError> {
    if map.lane(&branch.lane).is_none() {
        return Err(OpError::MissingLane(branch.lane.clone()));
    }
    check_themes_exist(map, branch.themes.iter())?;
    match &branch.from {
        CardId::Event(id) if map.event(id).is_none() => Err(OpError::MissingEvent(id.clone())),
        CardId::Branch(id) if map.branch(id).is_none() => Err(OpError::MissingBranch(id.clone())),
        _ => Ok(()),
    }
}

/// As `check_branch_origin`, and its chain reaches an event without looping through it.
fn check_branch_fits(map: &Map, branch: &Branch) -> Result<(), OpError> {
    check_branch_origin(map, branch)?;
    let mut from = branch.from.clone();
    for _ in 0..=map.branches.len() {
        match from {
            CardId::Event(id) => {
                return match map.event(&id) {
                    Some(_) => Ok(()),
                    None => Err(OpError::MissingEvent(id)),
                };
            }
            CardId::Branch(id) => {
                if id == branch.id {
                    return Err(OpError::BranchCycle(id));
                }
                from = map
                    .branch(&id)
                    .ok_or(OpError::MissingBranch(id.clone()))?
                    .from
                    .clone();
            }
        }
    }
    Err(OpError::BranchCycle(branch.id.clone()))
}

/// Applies ops in order; if one fails, the ones already applied are rolled back so the
/// batch is all or nothing. Runs of event or link removals and insertions go through
/// [`bulk`] in one pass each.
fn apply_batch(ops: Vec<Op>, map: &mut Map) -> Result<Op, OpError> {
    let mut inverses = Vec::with_capacity(ops.len());
    let mut rest = ops.into_iter().peekable();
    while let Some(op) = rest.next() {
        let applied = match bulk::Run::take(op, &mut rest) {
            bulk::Front::Run(run) => run.apply(map),
            bulk::Front::One(op) => (*op).apply(map),
        };
        match applied {
            Ok(inverse) => inverses.push(inverse),
            Err(err) => {
                bulk::roll_back(inverses, map);
                return Err(err);
            }
        }
    }
    inverses.reverse();
    Ok(Op::Batch(inverses))
}

#[cfg(test)]
mod tests;
