//! A local edit copied into the shared document: the entries it touched are written as
//! the model now has them (changed fields only), removed when the model no longer has
//! them, and placed between their neighbours when added or moved.

use super::read::entry_fields;
use super::schema::{Collection, entry_key};
use super::touched::Entries;
use super::write::{Roots, meta_fields, ord_of, write_entry, write_meta};
use crate::model::{BranchId, EventId, LaneId, LinkId, Map, ThemeId};
use serde_json::Value;
use yrs::{Map as _, TransactionMut};

/// Writes what `entries` names from `map` (the model after the edit) into the document.
/// Returns the entries it removed, as they were, so a concurrent edit that still needs one
/// can bring it back.
pub fn mirror(
    txn: &mut TransactionMut,
    roots: &Roots,
    map: &Map,
    entries: &Entries,
) -> Vec<(Collection, Value)> {
    let mut removed = Vec::new();
    if entries.meta {
        write_meta(txn, roots, &meta_fields(map));
    }
    let mut keys: Vec<(Collection, String)> = entries.keys.iter().cloned().collect();
    if entries.all_gaps {
        let root = roots.of_collection(Collection::Gaps);
        keys.extend(root.keys(txn).map(|k| (Collection::Gaps, k.to_owned())));
        keys.extend(
            super::write::entries(map, Collection::Gaps)
                .into_iter()
                .map(|(k, _)| (Collection::Gaps, k)),
        );
    }
    // In file order, so an item added after another one added in the same edit finds it
    // already placed.
    let mut placed: Vec<(Collection, usize, String, serde_json::Map<String, Value>)> = Vec::new();
    for (collection, key) in keys {
        let root = roots.of_collection(collection);
        match item(map, collection, &key) {
            Some((index, fields)) => placed.push((collection, index, key, fields)),
            None => {
                if let Some(yrs::Out::YMap(entry)) = root.get(txn, &key) {
                    removed.push((collection, Value::Object(entry_fields(txn, &entry))));
                    root.remove(txn, &key);
                }
            }
        }
    }
    placed.sort_by_key(|a| (a.0, a.1));
    placed.dedup_by(|a, b| a.0 == b.0 && a.2 == b.2);
    for (collection, index, key, fields) in placed {
        let root = roots.of_collection(collection);
        let is_new = ord_of(txn, root, &key).is_none();
        let moved = entries.placed.contains(&(collection, key.clone())) || entries.all_gaps;
        let ord = if is_new || moved {
            place(txn, roots, map, collection, index, &key)
        } else {
            None
        };
        write_entry(txn, root, collection, &key, &fields, ord);
    }
    removed
}

/// The `ord` for the item at `index`: between its neighbours' (None when it already is).
fn place(
    txn: &mut TransactionMut,
    roots: &Roots,
    map: &Map,
    collection: Collection,
    index: usize,
    key: &str,
) -> Option<f64> {
    let root = roots.of_collection(collection);
    let ord_at = |txn: &TransactionMut, i: Option<usize>| {
        i.and_then(|i| key_at(map, collection, i))
            .and_then(|k| ord_of(txn, root, &k))
    };
    let before = ord_at(txn, index.checked_sub(1));
    let after = ord_at(txn, Some(index + 1));
    let now = ord_of(txn, root, key);
    let fits = |ord: f64| before.is_none_or(|b| b < ord) && after.is_none_or(|a| ord < a);
    if now.is_some_and(fits) {
        return None;
    }
    let wanted = match (before, after) {
        (Some(b), Some(a)) => (b + a) / 2.0,
        (Some(b), None) => b + 1.0,
        (None, Some(a)) => a - 1.0,
        (None, None) => 0.0,
    };
    if fits(wanted) {
        return Some(wanted);
    }
    // No room left between the neighbours (halved too often, or out of order after
    // concurrent moves): number the whole collection again in the model's order.
    renumber(txn, roots, map, collection);
    ord_of(txn, root, key)
}

fn renumber(txn: &mut TransactionMut, roots: &Roots, map: &Map, collection: Collection) {
    let root = roots.of_collection(collection);
    for (i, (key, fields)) in super::write::entries(map, collection)
        .into_iter()
        .enumerate()
    {
        write_entry(txn, root, collection, &key, &fields, Some(i as f64));
    }
}

/// The item with `key` in `map`: its index and fields.
fn item(
    map: &Map,
    collection: Collection,
    key: &str,
) -> Option<(usize, serde_json::Map<String, Value>)> {
    fn fields<T: serde::Serialize>(item: &T) -> Option<serde_json::Map<String, Value>> {
        match serde_json::to_value(item) {
            Ok(Value::Object(fields)) => Some(fields),
            _ => None,
        }
    }
    let found = match collection {
        Collection::Lanes => map
            .lanes
            .index_of(&LaneId::from(key))
            .map(|i| (i, fields(&map.lanes[i]))),
        Collection::Events => map
            .events
            .index_of(&EventId::from(key))
            .map(|i| (i, fields(&map.events[i]))),
        Collection::Links => map
            .links
            .index_of(&LinkId::from(key))
            .map(|i| (i, fields(&map.links[i]))),
        Collection::Branches => map
            .branches
            .index_of(&BranchId::from(key))
            .map(|i| (i, fields(&map.branches[i]))),
        Collection::Themes => map
            .themes
            .index_of(&ThemeId::from(key))
            .map(|i| (i, fields(&map.themes[i]))),
        Collection::Gaps => map.gaps.iter().enumerate().find_map(|(i, gap)| {
            let fields = fields(gap)?;
            (entry_key(collection, &fields) == key).then_some((i, Some(fields)))
        }),
    }?;
    Some((found.0, found.1?))
}

/// The key of the item at `index`.
fn key_at(map: &Map, collection: Collection, index: usize) -> Option<String> {
    match collection {
        Collection::Lanes => map.lanes.get(index).map(|x| x.id.to_string()),
        Collection::Events => map.events.get(index).map(|x| x.id.to_string()),
        Collection::Links => map.links.get(index).map(|x| x.id.to_string()),
        Collection::Branches => map.branches.get(index).map(|x| x.id.to_string()),
        Collection::Themes => map.themes.get(index).map(|x| x.id.to_string()),
        Collection::Gaps => {
            let gap = map.gaps.get(index)?;
            match serde_json::to_value(gap) {
                Ok(Value::Object(fields)) => Some(entry_key(collection, &fields)),
                _ => None,
            }
        }
    }
}
