//! Writing a map into the shared document: the whole map when a host shares it, and after
//! each local edit only the fields that changed, so a peer's concurrent edit of another
//! field of the same card is kept.

use super::schema::{Collection, META, ORD, entry_key, json_to_any};
use crate::model::Map;
use serde_json::Value;
use yrs::{Any, Array, ArrayPrelim, Map as _, MapPrelim, MapRef, Out, TransactionMut};

/// The root maps of a shared map document.
#[derive(Clone)]
pub struct Roots {
    pub meta: MapRef,
    collections: [MapRef; 6],
}

impl Roots {
    /// The roots of `doc`, made if missing. No transaction may be open on `doc`.
    pub fn of(doc: &yrs::Doc) -> Roots {
        Roots {
            meta: doc.get_or_insert_map(META),
            collections: Collection::ALL.map(|c| doc.get_or_insert_map(c.key())),
        }
    }

    pub fn of_collection(&self, collection: Collection) -> &MapRef {
        &self.collections[collection as usize]
    }

    pub fn all(&self) -> impl Iterator<Item = &MapRef> {
        std::iter::once(&self.meta).chain(self.collections.iter())
    }
}

/// A map's items of one collection as JSON objects, keyed, in file order.
pub fn entries(map: &Map, collection: Collection) -> Vec<(String, serde_json::Map<String, Value>)> {
    fn objects<T: serde::Serialize>(
        items: &[T],
        collection: Collection,
    ) -> Vec<(String, serde_json::Map<String, Value>)> {
        items
            .iter()
            .filter_map(|item| match serde_json::to_value(item) {
                Ok(Value::Object(fields)) => Some((entry_key(collection, &fields), fields)),
                _ => None,
            })
            .collect()
    }
    match collection {
        Collection::Lanes => objects(&map.lanes, collection),
        Collection::Events => objects(&map.events, collection),
        Collection::Links => objects(&map.links, collection),
        Collection::Branches => objects(&map.branches, collection),
        Collection::Themes => objects(&map.themes, collection),
        Collection::Gaps => objects(&map.gaps, collection),
    }
}

/// The map's own fields (everything but the collections, format and version).
pub fn meta_fields(map: &Map) -> serde_json::Map<String, Value> {
    let Ok(Value::Object(mut fields)) = serde_json::to_value(map) else {
        return serde_json::Map::new();
    };
    fields.retain(|name, _| {
        name != "format" && name != "version" && !Collection::ALL.iter().any(|c| c.key() == name)
    });
    fields
}

/// Puts a whole map into an empty document.
pub fn write_map(txn: &mut TransactionMut, roots: &Roots, map: &Map) {
    write_meta(txn, roots, &meta_fields(map));
    for collection in Collection::ALL {
        let root = roots.of_collection(collection);
        for (i, (key, fields)) in entries(map, collection).into_iter().enumerate() {
            write_entry(txn, root, collection, &key, &fields, Some(i as f64));
        }
    }
}

/// Writes the map's own fields, changed ones only.
pub fn write_meta(
    txn: &mut TransactionMut,
    roots: &Roots,
    fields: &serde_json::Map<String, Value>,
) {
    write_fields(txn, &roots.meta, fields, &[]);
}

/// Writes one entry's fields, changing only those that differ from what the document
/// holds, and its place when given.
pub fn write_entry(
    txn: &mut TransactionMut,
    root: &MapRef,
    collection: Collection,
    key: &str,
    fields: &serde_json::Map<String, Value>,
    ord: Option<f64>,
) {
    let entry = match root.get(txn, key) {
        Some(Out::YMap(entry)) => entry,
        _ => root.insert(txn, key, MapPrelim::default()),
    };
    write_fields(txn, &entry, fields, collection.list_fields());
    // Lists exist even when empty: two people adding the first note to a card at once
    // then add to one shared list, instead of each making a list and one list winning.
    for name in collection.list_fields() {
        if !fields.contains_key(*name) && entry.get(txn, name).is_none() {
            write_list(txn, &entry, name, Vec::new());
        }
    }
    if let Some(ord) = ord {
        entry.try_update(txn, ORD, ord);
    }
}

/// The place of an entry in its collection, if the document holds it.
pub fn ord_of<T: yrs::ReadTxn>(txn: &T, root: &MapRef, key: &str) -> Option<f64> {
    match root.get(txn, key) {
        Some(Out::YMap(entry)) => match entry.get(txn, ORD) {
            Some(Out::Any(Any::Number(n))) => n.as_f64(),
            _ => None,
        },
        _ => None,
    }
}

/// Sets `fields` on `target`: changed values written, missing ones removed (`ord` stays),
/// list fields kept as shared arrays and changed item by item.
fn write_fields(
    txn: &mut TransactionMut,
    target: &MapRef,
    fields: &serde_json::Map<String, Value>,
    list_fields: &[&str],
) {
    for (name, value) in fields {
        if list_fields.contains(&name.as_str()) {
            let items: Vec<Any> = match value {
                Value::Array(items) => items.iter().map(json_to_any).collect(),
                _ => Vec::new(),
            };
            write_list(txn, target, name, items);
        } else {
            let any = json_to_any(value);
            let same = matches!(target.get(txn, name), Some(Out::Any(old)) if old == any);
            if !same {
                target.insert(txn, name.as_str(), any);
            }
        }
    }
    let gone: Vec<String> = target
        .keys(txn)
        .filter(|name| *name != ORD && !fields.contains_key(*name))
        .map(str::to_owned)
        .collect();
    for name in gone {
        // An absent list field is an empty list: keep the array, empty it, so a note a
        // peer adds at the same moment still lands.
        if list_fields.contains(&name.as_str()) {
            write_list(txn, target, &name, Vec::new());
        } else {
            target.remove(txn, &name);
        }
    }
}

/// Makes the shared array `name` hold `items`, replacing only the stretch that differs
/// (an added note is one insertion, not a new list).
fn write_list(txn: &mut TransactionMut, target: &MapRef, name: &str, items: Vec<Any>) {
    let array = match target.get(txn, name) {
        Some(Out::YArray(array)) => array,
        _ => target.insert(txn, name, ArrayPrelim::default()),
    };
    let old: Vec<Option<Any>> = array
        .iter(txn)
        .map(|out| match out {
            Out::Any(any) => Some(any),
            _ => None,
        })
        .collect();
    let same = |a: &Option<Any>, b: &Any| a.as_ref() == Some(b);
    let prefix = old
        .iter()
        .zip(&items)
        .take_while(|(a, b)| same(a, b))
        .count();
    let room = old.len().min(items.len()) - prefix;
    let suffix = old
        .iter()
        .rev()
        .zip(items.iter().rev())
        .take(room)
        .take_while(|(a, b)| same(a, b))
        .count();
    let removed = old.len() - prefix - suffix;
    if removed > 0 {
        array.remove_range(txn, prefix as u32, removed as u32);
    }
    let added: Vec<Any> = items[prefix..items.len() - suffix].to_vec();
    if !added.is_empty() {
        array.insert_range(txn, prefix as u32, added);
    }
}
