//! Mending a shared map that concurrent edits left inconsistent: one person removes a lane
//! while another adds a card to it, or removes a card another links to. Nothing is lost:
//! what is still referred to is brought back from the last good map; only a link or path
//! not taken whose card nobody has any more goes.

use super::schema::Collection;
use super::touched::Entries;
use crate::model::{CardId, Lane, LaneKind, LinkEnd, Map};
use serde_json::Value;
use std::collections::BTreeSet;

/// `json` (a map read from the room) mended from `sources` (the last good map, then what
/// this peer removed lately): the map, the entries changed, and what was done in words. `None` when it cannot be read as a map at all or
/// stays invalid (a hostile peer, not a race).
pub fn repaired(json: Value, sources: &[&Map]) -> Option<(Map, Entries, Vec<String>)> {
    let mut map: Map = serde_json::from_value(json).ok()?;
    let mut entries = Entries::default();
    let mut notes = Vec::new();
    for _ in 0..4 {
        let before = entries.keys.len();
        mend_themes(&mut map, sources, &mut entries, &mut notes);
        mend_lanes(&mut map, sources, &mut entries, &mut notes);
        mend_cards(&mut map, sources, &mut entries, &mut notes);
        if entries.keys.len() == before {
            break;
        }
    }
    let problems = crate::io::validate(&map, &crate::io::Limits::default());
    problems.is_empty().then_some((map, entries, notes))
}

fn mark(entries: &mut Entries, collection: Collection, key: &str) {
    entries.keys.insert((collection, key.to_owned()));
    entries.placed.insert((collection, key.to_owned()));
}

fn mend_themes(map: &mut Map, sources: &[&Map], entries: &mut Entries, notes: &mut Vec<String>) {
    let mut missing = BTreeSet::new();
    let mut wanted = |ids: &[crate::model::ThemeId]| {
        for id in ids {
            if map.theme(id).is_some() {
                continue;
            }
            missing.insert(id.clone());
        }
    };
    for event in map.events.iter() {
        wanted(&event.themes);
        event.annotations.iter().for_each(|a| wanted(&a.themes));
    }
    for branch in map.branches.iter() {
        wanted(&branch.themes);
    }
    for gap in &map.gaps {
        gap.notes.iter().for_each(|n| wanted(&n.themes));
    }
    for id in missing {
        if let Some(theme) = sources.iter().find_map(|m| m.theme(&id)) {
            notes.push(format!(
                "The theme \u{201c}{}\u{201d} was removed while someone used it; it is back.",
                theme.name
            ));
            map.themes.push(theme.clone());
            mark(entries, Collection::Themes, id.as_str());
        }
    }
    // A theme nobody has any more: drop the references to it.
    let themes = map
        .themes
        .iter()
        .map(|t| t.id.clone())
        .collect::<BTreeSet<_>>();
    for event in map.events.iter_mut() {
        let before = event.themes.len()
            + event
                .annotations
                .iter()
                .map(|a| a.themes.len())
                .sum::<usize>();
        event.themes.retain(|t| themes.contains(t));
        event
            .annotations
            .iter_mut()
            .for_each(|a| a.themes.retain(|t| themes.contains(t)));
        let after = event.themes.len()
            + event
                .annotations
                .iter()
                .map(|a| a.themes.len())
                .sum::<usize>();
        if before != after {
            entries
                .keys
                .insert((Collection::Events, event.id.to_string()));
        }
    }
    for branch in map.branches.iter_mut() {
        let before = branch.themes.len();
        branch.themes.retain(|t| themes.contains(t));
        if before != branch.themes.len() {
            entries
                .keys
                .insert((Collection::Branches, branch.id.to_string()));
        }
    }
    for gap in map.gaps.iter_mut() {
        gap.notes
            .iter_mut()
            .for_each(|n| n.themes.retain(|t| themes.contains(t)));
    }
    entries.all_gaps = true;
}

fn mend_lanes(map: &mut Map, sources: &[&Map], entries: &mut Entries, notes: &mut Vec<String>) {
    let mut wanted: Vec<crate::model::LaneId> = Vec::new();
    wanted.extend(map.events.iter().map(|e| e.lane.clone()));
    wanted.extend(map.branches.iter().map(|b| b.lane.clone()));
    wanted.extend(map.links.iter().filter_map(|k| k.to.lane().cloned()));
    wanted.extend(map.gaps.iter().filter_map(|g| g.lane.clone()));
    for id in wanted {
        if map.lane(&id).is_some() {
            continue;
        }
        let lane = sources
            .iter()
            .find_map(|m| m.lane(&id))
            .cloned()
            .unwrap_or_else(|| Lane::new(id.clone(), "Restored lane", LaneKind::default()));
        notes.push(format!(
            "The lane \u{201c}{}\u{201d} was removed while someone still had cards on it; it is back.",
            lane.name
        ));
        map.lanes.push(lane);
        mark(entries, Collection::Lanes, id.as_str());
    }
}

fn mend_cards(map: &mut Map, sources: &[&Map], entries: &mut Entries, notes: &mut Vec<String>) {
    let mut wanted_events = Vec::new();
    for link in map.links.iter() {
        wanted_events.push(link.from.clone());
        if let LinkEnd::Event(to) = &link.to {
            wanted_events.push(to.clone());
        }
    }
    for branch in map.branches.iter() {
        if let CardId::Event(id) = &branch.from {
            wanted_events.push(id.clone());
        }
    }
    for id in wanted_events {
        if map.event(&id).is_some() {
            continue;
        }
        if let Some(event) = sources.iter().find_map(|m| m.event(&id)) {
            notes.push(format!(
                "The card \u{201c}{}\u{201d} was removed while someone linked to it; it is back.",
                event.title
            ));
            map.events.push(event.clone());
            mark(entries, Collection::Events, id.as_str());
        }
    }
    let mut wanted_branches = Vec::new();
    for branch in map.branches.iter() {
        if let CardId::Branch(id) = &branch.from {
            wanted_branches.push(id.clone());
        }
    }
    for id in wanted_branches {
        if map.branch(&id).is_none()
            && let Some(branch) = sources.iter().find_map(|m| m.branch(&id))
        {
            map.branches.push(branch.clone());
            mark(entries, Collection::Branches, id.as_str());
        }
    }
    // What still points at nothing (never in the last good map either) goes.
    let dangling: Vec<_> = map
        .links
        .iter()
        .filter(|k| {
            map.event(&k.from).is_none() || k.to.event().is_some_and(|to| map.event(to).is_none())
        })
        .map(|k| k.id.clone())
        .collect();
    for id in dangling {
        map.links.retain(|k| k.id != id);
        entries.keys.insert((Collection::Links, id.to_string()));
    }
    let dangling: Vec<_> = map
        .branches
        .iter()
        .filter(|b| !map.has_card(&b.from))
        .map(|b| b.id.clone())
        .collect();
    for id in dangling {
        map.branches.retain(|b| b.id != id);
        entries.keys.insert((Collection::Branches, id.to_string()));
    }
}
