//! Every change to a map as a value. Applying an [`Op`] returns its inverse, which is what
//! makes undo exact; [`History`] keeps the undo and redo stacks.

mod history;

pub use history::{Edit, History};

use crate::model::{Event, EventId, Lane, LaneId, Link, LinkId, Map};

/// One change to a map. Updates carry the whole new value so the inverse is simply the
/// old value: no field-by-field bookkeeping to get wrong.
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    SetTitle(String),
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
    /// Several changes that undo and redo together, applied in order.
    Batch(Vec<Op>),
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
    #[error("id '{0}' is already used")]
    DuplicateId(String),
    #[error("lane '{0}' still holds events or is referenced")]
    LaneInUse(LaneId),
    #[error("event '{0}' still has links")]
    EventInUse(EventId),
}

impl Op {
    /// Applies the op and returns the op that undoes it. On error nothing has changed.
    pub fn apply(self, map: &mut Map) -> Result<Op, OpError> {
        match self {
            Op::SetTitle(title) => Ok(Op::SetTitle(std::mem::replace(&mut map.title, title))),
            Op::InsertLane { index, lane } => {
                if map.lane(&lane.id).is_some() {
                    return Err(OpError::DuplicateId(lane.id.0));
                }
                let id = lane.id.clone();
                map.lanes.insert(index.min(map.lanes.len()), lane);
                Ok(Op::RemoveLane(id))
            }
            Op::RemoveLane(id) => {
                let index = map
                    .lane_index(&id)
                    .ok_or(OpError::MissingLane(id.clone()))?;
                if map.events.iter().any(|event| event.lane == id) {
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
                    return Err(OpError::DuplicateId(event.id.0));
                }
                if map.lane(&event.lane).is_none() {
                    return Err(OpError::MissingLane(event.lane));
                }
                let id = event.id.clone();
                map.events.insert(index.min(map.events.len()), event);
                Ok(Op::RemoveEvent(id))
            }
            Op::RemoveEvent(id) => {
                let index = map
                    .event_index(&id)
                    .ok_or(OpError::MissingEvent(id.clone()))?;
                if map.links_touching(&id).next().is_some() {
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
                Ok(Op::UpdateEvent(std::mem::replace(
                    &mut map.events[index],
                    event,
                )))
            }
            Op::InsertLink { index, link } => {
                if map.link(&link.id).is_some() {
                    return Err(OpError::DuplicateId(link.id.0));
                }
                for end in [&link.from, &link.to] {
                    if map.event(end).is_none() {
                        return Err(OpError::MissingEvent(end.clone()));
                    }
                }
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
                for end in [&link.from, &link.to] {
                    if map.event(end).is_none() {
                        return Err(OpError::MissingEvent(end.clone()));
                    }
                }
                Ok(Op::UpdateLink(std::mem::replace(
                    &mut map.links[index],
                    link,
                )))
            }
            Op::Batch(ops) => apply_batch(ops, map),
        }
    }

    /// Removes an event together with the links that touch it (a link cannot dangle).
    pub fn remove_event_with_links(map: &Map, id: &EventId) -> Op {
        let mut ops: Vec<Op> = map
            .links_touching(id)
            .map(|link| Op::RemoveLink(link.id.clone()))
            .collect();
        ops.push(Op::RemoveEvent(id.clone()));
        Op::Batch(ops)
    }

    /// Removes several events with their links; a link between two of them is removed once.
    pub fn remove_events_with_links(map: &Map, ids: &[EventId]) -> Op {
        let ops = ids
            .iter()
            .filter(|id| map.event(id).is_some())
            .map(|id| Op::remove_event_with_links(map, id))
            .collect();
        Op::Batch(dedup_link_removals(ops))
    }

    /// Removes a lane with all its events and their links.
    pub fn remove_lane_with_events(map: &Map, id: &LaneId) -> Op {
        let events: Vec<EventId> = map.events_on(id).map(|event| event.id.clone()).collect();
        Op::Batch(vec![
            Op::remove_events_with_links(map, &events),
            Op::RemoveLane(id.clone()),
        ])
    }
}

/// Applies ops in order; if one fails, the ones already applied are rolled back so the
/// batch is all or nothing.
fn apply_batch(ops: Vec<Op>, map: &mut Map) -> Result<Op, OpError> {
    let mut inverses = Vec::with_capacity(ops.len());
    for op in ops {
        match op.apply(map) {
            Ok(inverse) => inverses.push(inverse),
            Err(err) => {
                for inverse in inverses.into_iter().rev() {
                    // Inverses of ops that just succeeded always fit the map.
                    let _ = inverse.apply(map);
                }
                return Err(err);
            }
        }
    }
    inverses.reverse();
    Ok(Op::Batch(inverses))
}

/// A link between two removed events appears in both events' removals; keep the first.
fn dedup_link_removals(ops: Vec<Op>) -> Vec<Op> {
    let mut seen = std::collections::HashSet::new();
    ops.into_iter()
        .map(|op| match op {
            Op::Batch(inner) => Op::Batch(
                inner
                    .into_iter()
                    .filter(|op| match op {
                        Op::RemoveLink(id) => seen.insert(id.clone()),
                        _ => true,
                    })
                    .collect(),
            ),
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests;
