//! What the user has selected. View state: never saved, never an undo step.

use crate::model::{EventId, LaneId, LinkId, Map};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Selection {
    /// Selected events, in the order they were picked.
    pub events: Vec<EventId>,
    pub lane: Option<LaneId>,
    pub link: Option<LinkId>,
}

impl Selection {
    pub fn is_empty(&self) -> bool {
        self.events.is_empty() && self.lane.is_none() && self.link.is_none()
    }

    pub fn only_event(id: EventId) -> Self {
        Selection {
            events: vec![id],
            ..Default::default()
        }
    }

    pub fn contains_event(&self, id: &EventId) -> bool {
        self.events.contains(id)
    }

    /// Shift-click: add the event, or take it out if it was selected.
    pub fn toggle_event(&mut self, id: EventId) {
        self.lane = None;
        self.link = None;
        if let Some(at) = self.events.iter().position(|e| e == &id) {
            self.events.remove(at);
        } else {
            self.events.push(id);
        }
    }

    /// Drops ids that no longer exist (after undo, delete or opening another map).
    pub fn retain_existing(&mut self, map: &Map) {
        self.events.retain(|id| map.event(id).is_some());
        if self.lane.as_ref().is_some_and(|id| map.lane(id).is_none()) {
            self.lane = None;
        }
        if self.link.as_ref().is_some_and(|id| map.link(id).is_none()) {
            self.link = None;
        }
    }

    /// The lane new events go to: the selected lane, or the lane of the last picked event.
    pub fn target_lane(&self, map: &Map) -> Option<LaneId> {
        if let Some(lane) = &self.lane {
            return Some(lane.clone());
        }
        self.events
            .last()
            .and_then(|id| map.event(id))
            .map(|event| event.lane.clone())
    }
}
