//! Three-way merge of maps, for `waterline merge` as a git merge driver: by id and by
//! field, so two people editing different cards, or different fields of one card, both
//! keep their work. Pure: no IO, no egui. See docs/sync-design.md §5.
//!
//! Entities are merged as JSON objects (every field, unknown `extra` ones included) and
//! the result is decoded and validated like a file, so a merge never produces a map the
//! app would refuse.

mod collections;
mod fields;
mod ids;
mod integrity;
mod notes;

use crate::io::{Limits, validate};
pub use crate::model::Collection;
use crate::model::Map;
use serde_json::Value;

/// The merged map and the conflicts found, one readable line each. Every conflict is
/// also written into the map itself (a note on the card, or the map's description).
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    pub map: Map,
    pub conflicts: Vec<String>,
}

/// The collections in the order they are merged: lanes and themes before the cards,
/// links and paths that refer to them.
pub(crate) const COLLECTIONS: [Collection; 6] = [
    Collection::Lanes,
    Collection::Themes,
    Collection::Events,
    Collection::Links,
    Collection::Branches,
    Collection::Gaps,
];

/// The entities of one collection in a map value.
pub(crate) fn entries<'a>(map: &'a Value, key: &str) -> &'a [Value] {
    map.get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// An entity's id.
pub(crate) fn entity_id(entity: &Value) -> Option<&str> {
    entity.get("id").and_then(Value::as_str)
}

/// The key an entity is matched on across the three versions.
pub(crate) fn entity_key(collection: Collection, entity: &Value) -> Option<String> {
    collection.item_key(entity.as_object()?)
}

/// A conflict waiting to be written into the map: on the entity `id` of `collection`,
/// or on the map itself when `collection` is `None`.
#[derive(Clone, Debug)]
pub(crate) struct Conflict {
    pub collection: Option<Collection>,
    pub id: String,
    pub message: String,
}

/// Merges `ours` and `theirs`, both descended from `base`.
pub fn merge3(base: &Map, ours: &Map, theirs: &Map) -> Merged {
    match try_merge(base, ours, theirs) {
        Some(merged) => merged,
        // Only a bug gets here; ours is a valid map, so the user loses nothing of theirs
        // that git does not still hold, and is told.
        None => notes::kept_ours(ours),
    }
}

fn try_merge(base: &Map, ours: &Map, theirs: &Map) -> Option<Merged> {
    let base = serde_json::to_value(base).ok()?;
    let ours = serde_json::to_value(ours).ok()?;
    let mut theirs = serde_json::to_value(theirs).ok()?;
    ids::rename_collisions(&base, &ours, &mut theirs);

    let mut conflicts = Vec::new();
    let mut merged = collections::merge_top(&base, &ours, &theirs, &mut conflicts)?;
    for collection in COLLECTIONS {
        let list = collections::merge_collection(collection, &base, &ours, &theirs, &mut conflicts);
        merged.insert(collection.key().to_owned(), Value::Array(list));
    }
    let mut merged = Value::Object(merged);
    integrity::restore_missing(&mut merged, [&base, &ours, &theirs], &mut conflicts);
    let lines = notes::write_conflicts(&mut merged, &conflicts);
    let map: Map = serde_json::from_value(merged).ok()?;
    validate(&map, &Limits::default())
        .is_empty()
        .then_some(Merged {
            map,
            conflicts: lines,
        })
}

#[cfg(test)]
mod tests;
