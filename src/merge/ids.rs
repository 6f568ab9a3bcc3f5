//! Ids added on both sides for different things: theirs gets a fresh id, and every
//! reference to it in theirs is rewritten, before the collections are merged.

use super::{COLLECTIONS, Collection, entity_id, entries};
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// Old id to new id, per collection, for theirs.
pub type Renames = HashMap<Collection, HashMap<String, String>>;

/// Gives theirs' entities fresh ids where both sides added the same id for different
/// things. Collection by collection, referred-to ones first: once theirs' new card is
/// renamed, a path not taken both sides added off "the same" id is seen to differ.
pub fn rename_collisions(base: &Value, ours: &Value, theirs: &mut Value) {
    for collection in COLLECTIONS {
        let renames = collisions(collection, base, ours, theirs);
        if !renames.is_empty() {
            rename(theirs, &renames);
        }
    }
}

/// Finds ids of `collection` new on both sides with different content and picks fresh
/// ones for theirs.
fn collisions(collection: Collection, base: &Value, ours: &Value, theirs: &Value) -> Renames {
    let key = collection.key();
    let (b, o, t) = (by_id(base, key), by_id(ours, key), by_id(theirs, key));
    let mut taken: HashSet<String> = b
        .keys()
        .chain(o.keys())
        .chain(t.keys())
        .map(|id| (*id).to_owned())
        .collect();
    let prefix = collection.prefix();
    let mut next = taken
        .iter()
        .filter_map(|id| id.strip_prefix(prefix)?.parse::<u64>().ok())
        .max()
        .map_or(1, |n| n.saturating_add(1));
    let mut fresh: HashMap<String, String> = HashMap::new();
    // Theirs' order, so the numbering does not depend on hashing.
    for entity in entries(theirs, collection.key()) {
        let Some(id) = entity_id(entity) else {
            continue;
        };
        if b.contains_key(id) || o.get(id).is_none_or(|mine| *mine == entity) {
            continue;
        }
        let new_id = fresh_id(prefix, &mut next, &taken);
        taken.insert(new_id.clone());
        fresh.insert(id.to_owned(), new_id);
    }
    let mut renames = Renames::new();
    if !fresh.is_empty() {
        renames.insert(collection, fresh);
    }
    renames
}

/// A collection's entities by id.
fn by_id<'a>(map: &'a Value, key: &str) -> HashMap<&'a str, &'a Value> {
    entries(map, key)
        .iter()
        .filter_map(|e| Some((entity_id(e)?, e)))
        .collect()
}

/// The first `{prefix}{n}` from `next` on that is not taken; past the largest number,
/// a suffixed id (only a hand-made file gets there).
fn fresh_id(prefix: &str, next: &mut u64, taken: &HashSet<String>) -> String {
    while *next < u64::MAX {
        let candidate = format!("{prefix}{next}");
        *next += 1;
        if !taken.contains(&candidate) {
            return candidate;
        }
    }
    (1..)
        .map(|n: u64| format!("{prefix}merged-{n}"))
        .find(|candidate| !taken.contains(candidate))
        .unwrap_or_default()
}

/// Rewrites the renamed ids in theirs: the entities' own ids and every reference.
fn rename(map: &mut Value, renames: &Renames) {
    let empty = HashMap::new();
    let of = |c: Collection| renames.get(&c).unwrap_or(&empty);
    let (lanes, events, links, branches, themes) = (
        of(Collection::Lanes),
        of(Collection::Events),
        of(Collection::Links),
        of(Collection::Branches),
        of(Collection::Themes),
    );
    let Some(root) = map.as_object_mut() else {
        return;
    };
    let swap = |value: Option<&mut Value>, table: &HashMap<String, String>| {
        if let Some(value) = value
            && let Some(new) = value.as_str().and_then(|id| table.get(id))
        {
            *value = Value::String(new.clone());
        }
    };
    let swap_all = |value: Option<&mut Value>, table: &HashMap<String, String>| {
        if let Some(Value::Array(ids)) = value {
            for id in ids {
                swap(Some(id), table);
            }
        }
    };
    let with_notes = |entity: &mut serde_json::Map<String, Value>, field: &str| {
        if let Some(Value::Array(notes)) = entity.get_mut(field) {
            for note in notes.iter_mut().filter_map(Value::as_object_mut) {
                swap_all(note.get_mut("themes"), themes);
            }
        }
    };
    let each = |root: &mut serde_json::Map<String, Value>,
                key: &str,
                f: &mut dyn FnMut(&mut serde_json::Map<String, Value>)| {
        if let Some(Value::Array(list)) = root.get_mut(key) {
            list.iter_mut().filter_map(Value::as_object_mut).for_each(f);
        }
    };
    each(root, "lanes", &mut |lane| swap(lane.get_mut("id"), lanes));
    each(root, "themes", &mut |theme| {
        swap(theme.get_mut("id"), themes)
    });
    each(root, "events", &mut |event| {
        swap(event.get_mut("id"), events);
        swap(event.get_mut("lane"), lanes);
        swap_all(event.get_mut("themes"), themes);
        with_notes(event, "annotations");
    });
    each(root, "links", &mut |link| {
        swap(link.get_mut("id"), links);
        swap(link.get_mut("from"), events);
        swap(link.get_mut("to"), events);
        swap(link.get_mut("to_lane"), lanes);
    });
    each(root, "branches", &mut |branch| {
        swap(branch.get_mut("id"), branches);
        swap(branch.get_mut("lane"), lanes);
        swap_all(branch.get_mut("themes"), themes);
        if let Some(Value::Object(from)) = branch.get_mut("from") {
            swap(from.get_mut("event"), events);
            swap(from.get_mut("branch"), branches);
        }
    });
    each(root, "gaps", &mut |gap| {
        swap(gap.get_mut("lane"), lanes);
        with_notes(gap, "notes");
    });
}
