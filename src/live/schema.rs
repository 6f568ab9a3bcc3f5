//! How a map is laid out in the shared (Yjs) document: one root map per collection, each
//! lane, card, link, path not taken, theme and gap note an entry keyed by its id holding a
//! map of its fields. Two people editing different cards, or different fields of one
//! card, never touch the same entry; one field edited twice ends the same on every peer.
//!
//! Annotations and gap notes are lists (they have no ids) kept as shared arrays, so two
//! people adding a note to one card at the same time both keep theirs. Entries carry an
//! `ord` number for their place in the file (lane order is column order), since a shared
//! map has no order of its own; it is never saved in the file.

use serde_json::Value;
use std::collections::HashMap;
use std::sync::Arc;
use yrs::Any;
use yrs::any::Number;

/// Transaction origin of the user's own edits: the only ones undo takes back.
pub const LOCAL: &str = "waterline-local";
/// Transaction origin of putting a whole map into the document (a host sharing a file).
pub const LOAD: &str = "waterline-load";
/// Transaction origin of mending references left dangling by concurrent edits.
pub const REPAIR: &str = "waterline-repair";

/// The root map of the map's own fields (title, description, gap threshold...).
pub const META: &str = "meta";
/// The field of an entry that orders it in its collection.
pub const ORD: &str = "ord";

pub use crate::model::Collection;

/// The key of an entry: its id, or for gap notes (which have none) the stretch and lane
/// they were written for (an item without its id gets the empty key, which the loader
/// then refuses).
pub fn entry_key(collection: Collection, fields: &serde_json::Map<String, Value>) -> String {
    collection.item_key(fields).unwrap_or_default()
}

/// A JSON value as a Yjs value. Whole numbers become integers (Yjs writes them compactly
/// and JavaScript reads them as numbers).
pub fn json_to_any(value: &Value) -> Any {
    match value {
        Value::Null => Any::Null,
        Value::Bool(b) => Any::Bool(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Any::Number(Number::Int(i)),
            None => Any::Number(Number::Float(n.as_f64().unwrap_or(0.0))),
        },
        Value::String(s) => Any::String(Arc::from(s.as_str())),
        Value::Array(items) => Any::Array(items.iter().map(json_to_any).collect()),
        Value::Object(fields) => Any::Map(Arc::new(
            fields
                .iter()
                .map(|(k, v)| (k.clone(), json_to_any(v)))
                .collect::<HashMap<_, _>>(),
        )),
    }
}

/// How deep values nest at most: maps are a few levels deep, and a peer's deeper value
/// (which would overflow the stack when read) reads as null.
pub const MAX_DEPTH: usize = 32;

/// A Yjs value as JSON. A float with no fraction reads as an integer, so a count written
/// by a JavaScript peer (which has only floats) still fits an integer field. Bytes, which
/// maps never hold, and values nested deeper than [`MAX_DEPTH`] read as null.
pub fn any_to_json(any: &Any) -> Value {
    any_to_json_at(any, 0)
}

fn any_to_json_at(any: &Any, depth: usize) -> Value {
    if depth > MAX_DEPTH {
        return Value::Null;
    }
    let any_to_json = |any: &Any| any_to_json_at(any, depth + 1);
    match any {
        Any::Null | Any::Undefined | Any::Buffer(_) => Value::Null,
        Any::Bool(b) => Value::Bool(*b),
        Any::Number(Number::Int(i)) => Value::from(*i),
        Any::Number(Number::Float(f)) => float_to_json(*f),
        Any::String(s) => Value::String(s.to_string()),
        Any::Array(items) => Value::Array(items.iter().map(&any_to_json).collect()),
        Any::Map(fields) => {
            // Sorted, so an unknown nested object reads the same on every peer.
            let mut keys: Vec<&String> = fields.keys().collect();
            keys.sort();
            Value::Object(
                keys.into_iter()
                    .map(|k| (k.clone(), any_to_json(&fields[k])))
                    .collect(),
            )
        }
    }
}

fn float_to_json(f: f64) -> Value {
    const SAFE: f64 = 9_007_199_254_740_991.0;
    if f.fract() == 0.0 && f.abs() <= SAFE {
        Value::from(f as i64)
    } else {
        serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_survives_the_trip_through_yjs_values() {
        let value = json!({"a": [1, 2.5, "x", null, true], "b": {"z": 1, "y": [-3]}});
        assert_eq!(any_to_json(&json_to_any(&value)), value);
    }

    #[test]
    fn a_whole_float_from_javascript_fits_an_integer_field() {
        assert_eq!(any_to_json(&Any::Number(Number::Float(600.0))), json!(600));
        assert_eq!(
            any_to_json(&Any::Number(Number::Float(f64::NAN))),
            Value::Null
        );
    }
}
