//! Checks that a decoded map holds together: unique ids, references that resolve, and
//! counts within reason. Each problem names the offending id.

use crate::model::{BranchId, CardId, LinkEnd, Map};
use std::collections::{HashMap, HashSet};

/// Ids are checked by hashing them: a 200,000-event map spent a fifth of its validation
/// in the standard SipHash. foldhash is seeded per process too, so a file cannot be
/// crafted to collide.
type FastHashSet<T> = HashSet<T, foldhash::fast::RandomState>;
use std::fmt;

/// Upper bounds on what a map may hold, so a hostile or corrupt file cannot exhaust memory
/// or freeze the app.
#[derive(Clone, Debug)]
pub struct Limits {
    pub max_lanes: usize,
    pub max_events: usize,
    pub max_links: usize,
    pub max_branches: usize,
    pub max_gap_notes: usize,
    pub max_themes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_lanes: 5_000,
            max_events: 200_000,
            max_links: 400_000,
            max_branches: 100_000,
            max_gap_notes: 100_000,
            max_themes: 10_000,
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
        ("branches", map.branches.len(), limits.max_branches),
        ("gaps", map.gaps.len(), limits.max_gap_notes),
        ("themes", map.themes.len(), limits.max_themes),
    ] {
        if count > max {
            report(
                what.to_owned(),
                format!("{count} {what}; at most {max} are supported"),
            );
        }
    }

    let mut lane_ids = FastHashSet::default();
    for lane in &map.lanes {
        if !lane_ids.insert(&lane.id) {
            report(
                format!("lane '{}'", lane.id),
                "this id is used by another lane too".into(),
            );
        }
    }
    let mut theme_ids = FastHashSet::default();
    for theme in &map.themes {
        let location = || format!("theme '{}'", theme.id);
        if !theme_ids.insert(&theme.id) {
            report(location(), "this id is used by another theme too".into());
        }
        if theme
            .depth
            .is_some_and(|depth| !(-1.0..=1.0).contains(&depth))
        {
            report(location(), "its depth is not between -1 and 1".into());
        }
        if let Some(colour) = &theme.colour
            && crate::model::parse_colour(colour).is_none()
        {
            report(
                location(),
                format!("its colour {colour:?} is not written #rrggbb"),
            );
        }
    }
    // Every theme a card, annotation or path not taken carries is one of the map's.
    let mut unknown_themes = |location: &dyn Fn() -> String, themes: &[crate::model::ThemeId]| {
        for id in themes.iter().filter(|id| !theme_ids.contains(id)) {
            report(location(), format!("its theme '{id}' does not exist"));
        }
    };
    for event in &map.events {
        unknown_themes(&|| format!("event '{}'", event.id), &event.themes);
        for (i, annotation) in event.annotations.iter().enumerate() {
            let location = || format!("event '{}' annotation {}", event.id, i + 1);
            unknown_themes(&location, &annotation.themes);
        }
    }
    for branch in &map.branches {
        unknown_themes(&|| format!("branch '{}'", branch.id), &branch.themes);
    }
    for (i, gap) in map.gaps.iter().enumerate() {
        for (n, note) in gap.notes.iter().enumerate() {
            unknown_themes(&|| format!("gaps[{i}] note {}", n + 1), &note.themes);
        }
    }
    let mut event_ids = FastHashSet::default();
    for event in &map.events {
        let location = || format!("event '{}'", event.id);
        if !event_ids.insert(&event.id) {
            report(location(), "this id is used by another event too".into());
        }
        if !lane_ids.contains(&event.lane) {
            report(
                location(),
                format!("its lane '{}' does not exist", event.lane),
            );
        }
        if !event.pos.is_finite() {
            report(location(), "its pos is not a finite number".into());
        }
    }
    let mut link_ids = FastHashSet::default();
    for link in &map.links {
        let location = || format!("link '{}'", link.id);
        if !link_ids.insert(&link.id) {
            report(location(), "this id is used by another link too".into());
        }
        // Both ends given: one was kept and the other would be written back beside it.
        for end in ["to", "to_lane"] {
            if link.extra.contains_key(end) {
                report(
                    location(),
                    "it gives both \"to\" and \"to_lane\"; a link ends on an event or on a lane, not both".into(),
                );
            }
        }
        if !event_ids.contains(&link.from) {
            report(
                location(),
                format!("its from event '{}' does not exist", link.from),
            );
        }
        match &link.to {
            LinkEnd::Event(id) if !event_ids.contains(id) => {
                report(location(), format!("its to event '{id}' does not exist"));
            }
            LinkEnd::Lane(id) if !lane_ids.contains(id) => {
                report(location(), format!("its to_lane '{id}' does not exist"));
            }
            _ => {}
        }
    }
    let mut branch_ids = FastHashSet::default();
    for branch in &map.branches {
        let location = || format!("branch '{}'", branch.id);
        if !branch_ids.insert(&branch.id) {
            report(location(), "this id is used by another branch too".into());
        }
        if !lane_ids.contains(&branch.lane) {
            report(
                location(),
                format!("its lane '{}' does not exist", branch.lane),
            );
        }
        if !branch.pos.is_finite() {
            report(location(), "its pos is not a finite number".into());
        }
    }
    let looping = branches_in_loops(map);
    for branch in &map.branches {
        let location = || format!("branch '{}'", branch.id);
        match &branch.from {
            CardId::Event(id) if !event_ids.contains(id) => {
                report(
                    location(),
                    format!("it branches off event '{id}', which does not exist"),
                );
            }
            CardId::Branch(id) if !branch_ids.contains(id) => {
                report(
                    location(),
                    format!("it branches off branch '{id}', which does not exist"),
                );
            }
            _ => {
                if looping.contains(&branch.id) {
                    report(
                        location(),
                        "it is part of a loop of branches that never reaches an event".into(),
                    );
                }
            }
        }
    }
    for (i, gap) in map.gaps.iter().enumerate() {
        let location = || format!("gaps[{i}]");
        if gap.end < gap.start {
            report(location(), "its end is before its start".into());
        }
        if let Some(lane) = &gap.lane
            && !lane_ids.contains(lane)
        {
            report(location(), format!("its lane '{lane}' does not exist"));
        }
    }
    problems
}

/// Branches whose chain of origins goes round in a loop instead of reaching an event
/// (possible only in a hand-edited file). Each branch is walked once.
fn branches_in_loops(map: &Map) -> HashSet<&BranchId> {
    let origin_of: HashMap<&BranchId, &CardId> =
        map.branches.iter().map(|b| (&b.id, &b.from)).collect();
    // true: reaches an event (or a missing id, reported elsewhere); false: loops.
    let mut settled: HashMap<&BranchId, bool> = HashMap::new();
    for start in map.branches.iter().map(|b| &b.id) {
        let mut path: Vec<&BranchId> = Vec::new();
        let mut on_path: HashSet<&BranchId> = HashSet::new();
        let mut current = start;
        let reaches = loop {
            if let Some(&known) = settled.get(current) {
                break known;
            }
            if !on_path.insert(current) {
                break false;
            }
            path.push(current);
            match origin_of.get(current) {
                Some(CardId::Branch(next)) if origin_of.contains_key(next) => current = next,
                _ => break true,
            }
        };
        for id in path {
            settled.insert(id, reaches);
        }
    }
    settled
        .into_iter()
        .filter(|(_, reaches)| !reaches)
        .map(|(id, _)| id)
        .collect()
}
