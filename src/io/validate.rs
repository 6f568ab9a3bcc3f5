//! Checks that a decoded map holds together: unique ids, references that resolve, and
//! counts within reason. Each problem names the offending id.

use crate::model::Map;
use std::collections::HashSet;
use std::fmt;

/// Upper bounds on what a map may hold, so a hostile or corrupt file cannot exhaust memory
/// or freeze the app.
#[derive(Clone, Debug)]
pub struct Limits {
    pub max_lanes: usize,
    pub max_events: usize,
    pub max_links: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_lanes: 5_000,
            max_events: 200_000,
            max_links: 400_000,
        }
    }
}

/// One thing wrong with a map, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where: "event 'e7'", "lanes".
    pub location: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

/// Every problem found, in file order; empty when the map is sound.
pub fn validate(map: &Map, limits: &Limits) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut report =
        |location: String, message: String| problems.push(Problem { location, message });

    for (what, count, max) in [
        ("lanes", map.lanes.len(), limits.max_lanes),
        ("events", map.events.len(), limits.max_events),
        ("links", map.links.len(), limits.max_links),
    ] {
        if count > max {
            report(
                what.to_owned(),
                format!("{count} {what}; at most {max} are supported"),
            );
        }
    }

    let mut lane_ids = HashSet::new();
    for lane in &map.lanes {
        if !lane_ids.insert(&lane.id) {
            report(
                format!("lane '{}'", lane.id),
                "this id is used by another lane too".into(),
            );
        }
    }
    let mut event_ids = HashSet::new();
    for event in &map.events {
        let location = format!("event '{}'", event.id);
        if !event_ids.insert(&event.id) {
            report(
                location.clone(),
                "this id is used by another event too".into(),
            );
        }
        if !lane_ids.contains(&event.lane) {
            report(
                location.clone(),
                format!("its lane '{}' does not exist", event.lane),
            );
        }
        if !event.pos.is_finite() {
            report(location, "its pos is not a finite number".into());
        }
    }
    let mut link_ids = HashSet::new();
    for link in &map.links {
        let location = format!("link '{}'", link.id);
        if !link_ids.insert(&link.id) {
            report(
                location.clone(),
                "this id is used by another link too".into(),
            );
        }
        for (end, id) in [("from", &link.from), ("to", &link.to)] {
            if !event_ids.contains(id) {
                report(
                    location.clone(),
                    format!("its {end} event '{id}' does not exist"),
                );
            }
        }
    }
    problems
}
