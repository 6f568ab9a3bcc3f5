//! After merging, references that lead nowhere (ours deleted a lane, theirs added a card
//! on it) are mended by bringing the deleted target back, with a note, so the merged map
//! loads and nothing anyone added is dropped.

use super::{Collection, Conflict, entity_id, entries};
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// Restores every referenced lane, event, path not taken or theme the merge dropped,
/// taking it from base, else ours, else theirs. Repeats until nothing is missing: a
/// restored card may itself sit on a deleted lane.
pub fn restore_missing(merged: &mut Value, sources: [&Value; 3], conflicts: &mut Vec<Conflict>) {
    // Every entity of the three versions by collection and id, the first version first,
    // so each missing reference is found without a scan.
    let mut known: HashMap<(Collection, &str), &Value> = HashMap::new();
    for source in sources {
        for collection in RESTORABLE {
            for entity in entries(source, collection.key()) {
                if let Some(id) = entity_id(entity) {
                    known.entry((collection, id)).or_insert(entity);
                }
            }
        }
    }
    // Each round restores at least one entity or stops, and there are finitely many.
    loop {
        let missing = missing_references(merged);
        let mut restored = false;
        for (collection, id) in missing {
            let (Some(entity), Some(list)) = (
                known.get(&(collection, id.as_str())),
                merged
                    .get_mut(collection.key())
                    .and_then(Value::as_array_mut),
            ) else {
                continue;
            };
            list.push((*entity).clone());
            restored = true;
            conflicts.push(Conflict {
                collection: Some(collection),
                id,
                message: "it was deleted in one version but the other still uses it; it was kept."
                    .into(),
            });
        }
        if !restored {
            return;
        }
    }
}

/// What a reference can point at.
const RESTORABLE: [Collection; 4] = [
    Collection::Lanes,
    Collection::Events,
    Collection::Branches,
    Collection::Themes,
];

/// References to ids no entity of the merged map has, each once, in map order.
fn missing_references(map: &Value) -> Vec<(Collection, String)> {
    let ids = |collection: Collection| -> HashSet<&str> {
        entries(map, collection.key())
            .iter()
            .filter_map(entity_id)
            .collect()
    };
    let lanes = ids(Collection::Lanes);
    let events = ids(Collection::Events);
    let branches = ids(Collection::Branches);
    let themes = ids(Collection::Themes);
    let mut missing: Vec<(Collection, String)> = Vec::new();
    let mut seen: HashSet<(Collection, String)> = HashSet::new();
    let mut need = |collection: Collection, value: Option<&Value>| {
        let present = match collection {
            Collection::Lanes => &lanes,
            Collection::Events => &events,
            Collection::Branches => &branches,
            _ => &themes,
        };
        if let Some(id) = value.and_then(Value::as_str)
            && !present.contains(id)
            && seen.insert((collection, id.to_owned()))
        {
            missing.push((collection, id.to_owned()));
        }
    };
    let theme_list = |value: Option<&Value>| -> Vec<Value> {
        value.and_then(Value::as_array).cloned().unwrap_or_default()
    };
    let notes_themes = |entity: &Value, field: &str| -> Vec<Value> {
        entries(entity, field)
            .iter()
            .flat_map(|note| theme_list(note.get("themes")))
            .collect()
    };
    for event in entries(map, "events") {
        need(Collection::Lanes, event.get("lane"));
        for theme in theme_list(event.get("themes"))
            .iter()
            .chain(&notes_themes(event, "annotations"))
        {
            need(Collection::Themes, Some(theme));
        }
    }
    for link in entries(map, "links") {
        need(Collection::Events, link.get("from"));
        need(Collection::Events, link.get("to"));
        need(Collection::Lanes, link.get("to_lane"));
    }
    for branch in entries(map, "branches") {
        need(Collection::Lanes, branch.get("lane"));
        if let Some(from) = branch.get("from") {
            need(Collection::Events, from.get("event"));
            need(Collection::Branches, from.get("branch"));
        }
        for theme in theme_list(branch.get("themes")) {
            need(Collection::Themes, Some(&theme));
        }
    }
    for gap in entries(map, "gaps") {
        need(Collection::Lanes, gap.get("lane"));
        for theme in notes_themes(gap, "notes") {
            need(Collection::Themes, Some(&theme));
        }
    }
    missing
}
