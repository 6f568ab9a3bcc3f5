//! Three-way merge of one JSON object field by field: plain fields take the side that
//! changed, sets keep additions from both sides, annotation lists keep what both added.

use serde_json::{Map as Obj, Value};
use std::collections::HashMap;

/// A field changed two different ways; ours was kept, theirs is `theirs`. For lists
/// (`both_kept`), one entry was edited on both sides and both edits are in the result.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldConflict {
    pub field: String,
    pub theirs: Value,
    pub both_kept: bool,
}

/// Fields merged as sets: additions on either side survive, removals on either apply.
const SET_FIELDS: [&str; 3] = ["tags", "themes", "kept_words"];
/// Fields holding annotations, merged so that additions on both sides are kept.
const LIST_FIELDS: [&str; 2] = ["annotations", "notes"];

/// Merges `ours` and `theirs`, both descended from `base`. Key order: ours, then theirs'
/// new keys. A field absent on a side is `None` there (deleted or never set).
pub fn merge_object(
    base: &Obj<String, Value>,
    ours: &Obj<String, Value>,
    theirs: &Obj<String, Value>,
    conflicts: &mut Vec<FieldConflict>,
) -> Obj<String, Value> {
    let mut out = Obj::new();
    let keys = ours
        .keys()
        .chain(theirs.keys().filter(|k| !ours.contains_key(*k)))
        .chain(
            base.keys()
                .filter(|k| !ours.contains_key(*k) && !theirs.contains_key(*k)),
        );
    for key in keys {
        let (b, o, t) = (base.get(key), ours.get(key), theirs.get(key));
        let merged = if SET_FIELDS.contains(&key.as_str()) {
            Some(merge_set(b, o, t))
        } else if LIST_FIELDS.contains(&key.as_str()) && is_array_or_none(o) && is_array_or_none(t)
        {
            let (merged, edited_both) = merge_list(b, o, t);
            if edited_both {
                conflicts.push(FieldConflict {
                    field: key.clone(),
                    theirs: Value::Null,
                    both_kept: true,
                });
            }
            Some(merged)
        } else {
            merge_value(key, b, o, t, conflicts)
        };
        if let Some(value) = merged {
            out.insert(key.clone(), value);
        }
    }
    out
}

fn is_array_or_none(value: Option<&Value>) -> bool {
    value.is_none_or(Value::is_array)
}

/// One plain field: the side that changed wins; both changed the same way is one change.
fn merge_value(
    key: &str,
    b: Option<&Value>,
    o: Option<&Value>,
    t: Option<&Value>,
    conflicts: &mut Vec<FieldConflict>,
) -> Option<Value> {
    if o == b {
        return t.cloned();
    }
    if t == b || o == t {
        return o.cloned();
    }
    conflicts.push(FieldConflict {
        field: key.to_owned(),
        theirs: t.cloned().unwrap_or(Value::Null),
        both_kept: false,
    });
    o.cloned()
}

fn items(value: Option<&Value>) -> &[Value] {
    value.and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

/// Sets (tags, theme ids, kept words): (b∩o∩t) ∪ (o∖b) ∪ (t∖b), ours' order first.
fn merge_set(b: Option<&Value>, o: Option<&Value>, t: Option<&Value>) -> Value {
    let (b, o, t) = (items(b), items(o), items(t));
    if o == b {
        return Value::Array(t.to_vec());
    }
    if t == b || o == t {
        return Value::Array(o.to_vec());
    }
    let key = |v: &Value| v.to_string();
    let in_base: std::collections::HashSet<String> = b.iter().map(key).collect();
    let in_theirs: std::collections::HashSet<String> = t.iter().map(key).collect();
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for item in o {
        let k = key(item);
        // Kept if ours added it, or theirs did not remove it.
        if (!in_base.contains(&k) || in_theirs.contains(&k)) && seen.insert(k) {
            out.push(item.clone());
        }
    }
    for item in t {
        let k = key(item);
        if !in_base.contains(&k) && seen.insert(k) {
            out.push(item.clone());
        }
    }
    Value::Array(out)
}

/// Annotation lists, compared whole-annotation: ours with theirs' removals applied, then
/// theirs' additions that ours did not also make. An annotation edited on both sides
/// ends up twice (both edits kept), so nothing anyone wrote is lost; that is reported
/// (true) when an entry went from both sides and each put a different new one in.
fn merge_list(b: Option<&Value>, o: Option<&Value>, t: Option<&Value>) -> (Value, bool) {
    let (b, o, t) = (items(b), items(o), items(t));
    if o == b {
        return (Value::Array(t.to_vec()), false);
    }
    if t == b || o == t {
        return (Value::Array(o.to_vec()), false);
    }
    let count = |list: &[Value]| {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for item in list {
            *counts.entry(item.to_string()).or_default() += 1;
        }
        counts
    };
    let (base_n, ours_n, theirs_n) = (count(b), count(o), count(t));
    // How many copies of each item theirs removed, and ours' share of the base.
    let mut removed: HashMap<String, usize> = base_n
        .iter()
        .map(|(k, n)| {
            (
                k.clone(),
                n.saturating_sub(theirs_n.get(k).copied().unwrap_or(0)),
            )
        })
        .collect();
    let mut out = Vec::new();
    for item in o {
        let k = item.to_string();
        match removed.get_mut(&k) {
            Some(n) if *n > 0 => *n -= 1,
            _ => out.push(item.clone()),
        }
    }
    // Theirs' additions beyond the base, less those ours made too.
    let mut added: HashMap<String, usize> = theirs_n
        .iter()
        .map(|(k, n)| {
            let base = base_n.get(k).copied().unwrap_or(0);
            let ours_added = ours_n.get(k).copied().unwrap_or(0).saturating_sub(base);
            (k.clone(), n.saturating_sub(base).saturating_sub(ours_added))
        })
        .collect();
    let theirs_added = added.values().any(|n| *n > 0);
    for item in t {
        if let Some(n) = added.get_mut(&item.to_string())
            && *n > 0
        {
            *n -= 1;
            out.push(item.clone());
        }
    }
    // Something ours put in that theirs did not put in too.
    let ours_added = ours_n.iter().any(|(k, n)| {
        let elsewhere = base_n.get(k).max(theirs_n.get(k)).copied().unwrap_or(0);
        *n > elsewhere
    });
    let gone_from_both = base_n.iter().any(|(k, n)| {
        ours_n.get(k).copied().unwrap_or(0) < *n && theirs_n.get(k).copied().unwrap_or(0) < *n
    });
    (
        Value::Array(out),
        gone_from_both && ours_added && theirs_added,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(value: Value) -> Obj<String, Value> {
        value.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn fields_changed_on_different_sides_are_both_kept() {
        let mut conflicts = Vec::new();
        let merged = merge_object(
            &obj(json!({"title": "a", "pos": 1.0})),
            &obj(json!({"title": "b", "pos": 1.0})),
            &obj(json!({"title": "a", "pos": 2.0})),
            &mut conflicts,
        );
        assert_eq!(Value::Object(merged), json!({"title": "b", "pos": 2.0}));
        assert!(conflicts.is_empty());
    }

    #[test]
    fn a_field_changed_two_ways_keeps_ours_and_reports_theirs() {
        let mut conflicts = Vec::new();
        let merged = merge_object(
            &obj(json!({"title": "a"})),
            &obj(json!({"title": "b"})),
            &obj(json!({"title": "c"})),
            &mut conflicts,
        );
        assert_eq!(Value::Object(merged), json!({"title": "b"}));
        assert_eq!(conflicts[0].theirs, json!("c"));
    }

    #[test]
    fn sets_keep_additions_and_apply_removals_from_both_sides() {
        let mut conflicts = Vec::new();
        let merged = merge_object(
            &obj(json!({"tags": ["x", "y"]})),
            &obj(json!({"tags": ["x", "y", "o"]})),
            &obj(json!({"tags": ["y", "t"]})),
            &mut conflicts,
        );
        assert_eq!(Value::Object(merged), json!({"tags": ["y", "o", "t"]}));
        assert!(conflicts.is_empty());
    }

    #[test]
    fn annotations_added_on_both_sides_are_all_kept_ours_first() {
        let mut conflicts = Vec::new();
        let merged = merge_object(
            &obj(json!({"annotations": [{"text": "a"}, {"text": "gone"}]})),
            &obj(json!({"annotations": [{"text": "a"}, {"text": "gone"}, {"text": "o"}]})),
            &obj(json!({"annotations": [{"text": "a"}, {"text": "t"}]})),
            &mut conflicts,
        );
        assert_eq!(
            Value::Object(merged),
            json!({"annotations": [{"text": "a"}, {"text": "o"}, {"text": "t"}]})
        );
    }
}
