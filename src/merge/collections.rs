//! Merging the map's own fields and each keyed collection: matching entities by id,
//! deciding additions and deletions, and the order of the result.

use super::fields::{FieldConflict, merge_object};
use super::{COLLECTIONS, Collection, Conflict, entity_key, entries};
use serde_json::{Map as Obj, Value};
use std::collections::{HashMap, HashSet};

/// The map's own fields (title, description, gap threshold, kept words, unknown ones);
/// the collections are left out, merged by [`merge_collection`].
pub fn merge_top(
    base: &Value,
    ours: &Value,
    theirs: &Value,
    conflicts: &mut Vec<Conflict>,
) -> Option<Obj<String, Value>> {
    let strip = |map: &Value| -> Option<Obj<String, Value>> {
        let mut fields = map.as_object()?.clone();
        for collection in COLLECTIONS {
            fields.remove(collection.key());
        }
        Some(fields)
    };
    let mut found = Vec::new();
    let merged = merge_object(&strip(base)?, &strip(ours)?, &strip(theirs)?, &mut found);
    conflicts.extend(found.into_iter().map(|f| field_conflict(None, "", f)));
    Some(merged)
}

fn field_conflict(collection: Option<Collection>, id: &str, found: FieldConflict) -> Conflict {
    let theirs = match &found.theirs {
        Value::String(text) => text.clone(),
        Value::Null => "nothing (removed)".to_owned(),
        other => other.to_string(),
    };
    let message = if found.both_kept {
        format!(
            "an entry of «{}» was edited in both versions; both edits were kept.",
            found.field
        )
    } else {
        format!(
            "«{}» was also changed to «{}» in the other version; this one was kept.",
            found.field,
            shorten(&theirs)
        )
    };
    Conflict {
        collection,
        id: id.to_owned(),
        message,
    }
}

/// At most 300 characters of a value, cut on a character boundary.
fn shorten(text: &str) -> String {
    match text.char_indices().nth(300) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

/// One collection, entity by entity, in the merged order.
pub fn merge_collection(
    collection: Collection,
    base: &Value,
    ours: &Value,
    theirs: &Value,
    conflicts: &mut Vec<Conflict>,
) -> Vec<Value> {
    let index = |map: &Value| -> (Vec<String>, HashMap<String, Obj<String, Value>>) {
        let mut order = Vec::new();
        let mut by_key = HashMap::new();
        // Gap notes may hold several entries for one stretch: the nth matches the nth.
        let mut seen: HashMap<String, usize> = HashMap::new();
        for entity in entries(map, collection.key()) {
            if let (Some(key), Some(fields)) = (entity_key(collection, entity), entity.as_object())
            {
                let nth = seen.entry(key.clone()).or_default();
                *nth += 1;
                let key = if *nth == 1 {
                    key
                } else {
                    format!("{key}#{nth}")
                };
                by_key.insert(key.clone(), fields.clone());
                order.push(key);
            }
        }
        (order, by_key)
    };
    let (base_order, b) = index(base);
    let (ours_order, o) = index(ours);
    let (theirs_order, t) = index(theirs);

    // Ours' order with theirs' additions after, unless only theirs reordered.
    let (first, second) = if ours_order == base_order {
        (&theirs_order, &ours_order)
    } else {
        if collection == Collection::Lanes
            && theirs_order != ours_order
            && reordered(&base_order, &theirs_order)
            && reordered(&base_order, &ours_order)
        {
            conflicts.push(Conflict {
                collection: None,
                id: String::new(),
                message: "the lanes were put in a different order in both versions; this version's order was kept.".into(),
            });
        }
        (&ours_order, &theirs_order)
    };
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for key in first.iter().chain(second.iter()) {
        if !seen.insert(key.as_str()) {
            continue;
        }
        let merged = merge_entity(
            collection,
            key,
            b.get(key),
            o.get(key),
            t.get(key),
            conflicts,
        );
        if let Some(fields) = merged {
            out.push(Value::Object(fields));
        }
    }
    out
}

/// Whether the ids `base` and `side` share come in a different order.
fn reordered(base: &[String], side: &[String]) -> bool {
    let in_side: HashSet<&String> = side.iter().collect();
    let in_base: HashSet<&String> = base.iter().collect();
    base.iter()
        .filter(|k| in_side.contains(k))
        .ne(side.iter().filter(|k| in_base.contains(k)))
}

fn merge_entity(
    collection: Collection,
    key: &str,
    b: Option<&Obj<String, Value>>,
    o: Option<&Obj<String, Value>>,
    t: Option<&Obj<String, Value>>,
    conflicts: &mut Vec<Conflict>,
) -> Option<Obj<String, Value>> {
    let deleted_but_changed = |conflicts: &mut Vec<Conflict>, where_deleted: &str| {
        conflicts.push(Conflict {
            collection: Some(collection),
            id: key.to_owned(),
            message: format!(
                "it was deleted in {where_deleted} version but changed in the other; it was kept."
            ),
        });
    };
    match (b, o, t) {
        (Some(b), Some(o), Some(t)) => {
            let mut found = Vec::new();
            let merged = merged_fields(collection, b, o, t, &mut found);
            conflicts.extend(
                found
                    .into_iter()
                    .map(|f| field_conflict(Some(collection), key, f)),
            );
            Some(merged)
        }
        (Some(b), Some(o), None) => (o != b).then(|| {
            deleted_but_changed(conflicts, "the other");
            o.clone()
        }),
        (Some(b), None, Some(t)) => (t != b).then(|| {
            deleted_but_changed(conflicts, "this");
            t.clone()
        }),
        (Some(_), None, None) | (None, None, None) => None,
        (None, Some(o), None) => Some(o.clone()),
        (None, None, Some(t)) => Some(t.clone()),
        // Added on both sides: equal, or gap notes for the same stretch (ids that
        // collide were renamed before); merged as if from nothing.
        (None, Some(o), Some(t)) => {
            if o == t {
                return Some(o.clone());
            }
            let mut found = Vec::new();
            let merged = merged_fields(collection, &Obj::new(), o, t, &mut found);
            conflicts.extend(
                found
                    .into_iter()
                    .map(|f| field_conflict(Some(collection), key, f)),
            );
            Some(merged)
        }
    }
}

/// A link's end is one field written as `to` or `to_lane`: merged as one, so a merge
/// never gives a link both.
fn merged_fields(
    collection: Collection,
    b: &Obj<String, Value>,
    o: &Obj<String, Value>,
    t: &Obj<String, Value>,
    found: &mut Vec<FieldConflict>,
) -> Obj<String, Value> {
    if collection != Collection::Links {
        return merge_object(b, o, t, found);
    }
    const END: &str = "\u{0}end";
    let join = |fields: &Obj<String, Value>| {
        let mut fields = fields.clone();
        let mut end = Obj::new();
        for key in ["to", "to_lane"] {
            if let Some(value) = fields.remove(key) {
                end.insert(key.to_owned(), value);
            }
        }
        fields.insert(END.to_owned(), Value::Object(end));
        fields
    };
    let merged = merge_object(&join(b), &join(o), &join(t), found);
    let mut out = Obj::new();
    for (key, value) in merged {
        match (key.as_str(), value) {
            (END, Value::Object(end)) => out.extend(end),
            (_, value) => {
                out.insert(key, value);
            }
        }
    }
    for conflict in found.iter_mut().filter(|c| c.field == END) {
        conflict.field = "to".to_owned();
    }
    out
}
