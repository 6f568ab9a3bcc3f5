//! Reading the map back out of the shared document: one entry, or the whole map, as the
//! JSON of a map file, so what a peer wrote goes through the same checks as a file.

use super::schema::{Collection, ORD, any_to_json};
use super::write::Roots;
use crate::model::{FORMAT, VERSION};
use serde_json::Value;
use yrs::{Array, Map as _, MapRef, Out, ReadTxn};

/// One entry's fields as JSON, without its place.
pub fn entry_fields<T: ReadTxn>(txn: &T, entry: &MapRef) -> serde_json::Map<String, Value> {
    fields_at(txn, entry, 0)
}

fn fields_at<T: ReadTxn>(txn: &T, entry: &MapRef, depth: usize) -> serde_json::Map<String, Value> {
    let mut fields: Vec<(String, Value)> = entry
        .iter(txn)
        .filter(|(name, _)| *name != ORD)
        .map(|(name, out)| (name.to_owned(), out_to_json(txn, out, depth + 1)))
        .collect();
    // Shared maps have no order; fields in name order read the same on every peer (the
    // model's own field order comes back when it is decoded).
    fields.sort_by(|a, b| a.0.cmp(&b.0));
    fields.into_iter().collect()
}

/// A shared value as JSON; shared types nested deeper than a map ever is (a hostile peer's)
/// read as null rather than overflowing the stack.
fn out_to_json<T: ReadTxn>(txn: &T, out: Out, depth: usize) -> Value {
    if depth > super::schema::MAX_DEPTH {
        return Value::Null;
    }
    match out {
        Out::Any(any) => any_to_json(&any),
        Out::YArray(array) => Value::Array(
            array
                .iter(txn)
                .map(|item| out_to_json(txn, item, depth + 1))
                .collect(),
        ),
        Out::YMap(map) => Value::Object(fields_at(txn, &map, depth + 1)),
        // Text and XML types are not part of a map; a peer that wrote one gets it ignored.
        _ => Value::Null,
    }
}

/// The entries of one collection, in their order (`ord`, then key), as JSON objects.
pub fn collection_json<T: ReadTxn>(txn: &T, root: &MapRef) -> Vec<(String, Value)> {
    let mut entries: Vec<(f64, String, Value)> = root
        .iter(txn)
        .filter_map(|(key, out)| match out {
            Out::YMap(entry) => {
                let ord = match entry.get(txn, ORD) {
                    Some(Out::Any(yrs::Any::Number(n))) => n.as_f64().unwrap_or(f64::MAX),
                    _ => f64::MAX,
                };
                Some((
                    ord,
                    key.to_owned(),
                    Value::Object(entry_fields(txn, &entry)),
                ))
            }
            _ => None,
        })
        .collect();
    entries.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
    entries
        .into_iter()
        .map(|(_, key, value)| (key, value))
        .collect()
}

/// The whole map as the JSON of a map file (not yet checked).
pub fn map_json<T: ReadTxn>(txn: &T, roots: &Roots) -> Value {
    let mut file = serde_json::Map::new();
    file.insert("format".into(), Value::from(FORMAT));
    file.insert("version".into(), Value::from(VERSION));
    for (name, value) in entry_fields(txn, &roots.meta) {
        if name != "format" && name != "version" {
            file.insert(name, value);
        }
    }
    file.entry("title").or_insert_with(|| Value::from(""));
    for collection in Collection::ALL {
        let items = collection_json(txn, roots.of_collection(collection))
            .into_iter()
            .map(|(_, value)| value)
            .collect();
        file.insert(collection.key().into(), Value::Array(items));
    }
    Value::Object(file)
}
