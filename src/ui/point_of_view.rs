//! One lane's point of view: the map as that person, team or system could know it at the
//! selected moment (the selected card, or the current step while presenting); the rest
//! fades. What is known comes from [`crate::timeline::known_to`]; it is worked out again
//! only when the map, the lane or the moment changes, not every frame.

use super::selection::Selection;
use crate::document::Document;
use crate::model::{EventId, LaneId};
use crate::timeline::{Knowledge, known_to};
use std::sync::Arc;

/// The lane whose point of view is shown, if any, and what it knew at the last moment
/// asked about.
#[derive(Default)]
pub struct PointOfView {
    lane: Option<LaneId>,
    known: Option<(Moment, Arc<Knowledge>)>,
}

/// What the knowledge was worked out for.
#[derive(Clone, Debug, PartialEq)]
struct Moment {
    revision: u64,
    layout: u64,
    lane: LaneId,
    /// The event the moment is at (the last one told when none is selected).
    at: Option<EventId>,
}

impl PointOfView {
    /// The lane whose point of view is shown.
    pub fn lane(&self) -> Option<&LaneId> {
        self.lane.as_ref()
    }

    /// Shows `lane`'s point of view, or stops showing it when it is already shown.
    /// Returns whether a point of view is shown afterwards.
    pub fn toggle(&mut self, lane: LaneId) -> bool {
        if self.lane.as_ref() == Some(&lane) {
            self.lane = None;
        } else {
            self.lane = Some(lane);
        }
        self.lane.is_some()
    }

    pub fn leave(&mut self) {
        self.lane = None;
    }

    /// What the lane knew at the moment of `selection` (its one event, or the event before
    /// its gap; the end of the story when nothing is selected), or `None` without a point
    /// of view or when the lane is gone.
    pub fn knowledge(&mut self, doc: &Document, selection: &Selection) -> Option<Arc<Knowledge>> {
        let lane = self.lane.clone()?;
        let map = doc.map();
        if map.lane(&lane).is_none() {
            self.lane = None;
            return None;
        }
        // The moment: the selected event, the event a selected path not taken branches
        // off, or the event before a selected gap.
        let at = selection
            .single_event()
            .cloned()
            .or_else(|| {
                let branch = map.branch(selection.single_branch()?)?;
                branch.from.event().cloned()
            })
            .or_else(|| selection.gap.as_ref().map(|gap| gap.before.clone()));
        let moment = Moment {
            revision: doc.revision(),
            layout: doc.layout_generation(),
            lane,
            at,
        };
        if let Some((known_for, known)) = &self.known
            && *known_for == moment
        {
            return Some(Arc::clone(known));
        }
        let story = &doc.geometry().story;
        let told = story.events().count();
        // The selected event's place in the story (once per change of moment, not per
        // frame); an event the story does not tell (a hidden lane) counts as the end.
        let index = moment.at.as_ref().and_then(|id| map.events.index_of(id));
        let place = index
            .and_then(|index| story.events().position(|told| told == index))
            .unwrap_or(told.saturating_sub(1));
        let known = Arc::new(known_to(map, story, &moment.lane, place));
        self.known = Some((moment, Arc::clone(&known)));
        Some(known)
    }

    /// The line over the canvas that says whose view it is.
    pub fn spotlight(&self, doc: &Document, known: &Knowledge, presenting: bool) -> String {
        let map = doc.map();
        let name = self
            .lane
            .as_ref()
            .and_then(|lane| map.lane(lane))
            .map_or("", |lane| lane.name.as_str());
        let moment = self
            .known
            .as_ref()
            .and_then(|(moment, _)| moment.at.as_ref())
            .and_then(|id| map.event(id))
            .and_then(|event| event.time)
            .map_or_else(String::new, |time| {
                format!(" at {}", doc.geometry().clock.moment(time))
            });
        let keys = if presenting {
            "V: this card's lane, or leave"
        } else {
            "V: leave"
        };
        format!(
            "Seen from {}{moment}: {} of {} events known · {keys}",
            crate::render::shown_text(name),
            known.count(),
            known.told()
        )
    }
}
