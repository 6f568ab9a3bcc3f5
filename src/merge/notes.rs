//! Conflicts written where a reviewer will see them: a note on the card (events), the
//! path not taken's own note (branches), or a "Merge conflicts" paragraph at the end of
//! the map's description (lanes, links, themes, gap notes, the map's fields).

use super::{Collection, Conflict, Merged};
use crate::model::Map;
use serde_json::{Value, json};
use std::collections::HashMap;

/// Writes the conflicts into the merged map and returns them as lines for stderr.
pub fn write_conflicts(map: &mut Value, conflicts: &[Conflict]) -> Vec<String> {
    let mut on_events: HashMap<&str, Vec<String>> = HashMap::new();
    let mut on_branches: HashMap<&str, Vec<String>> = HashMap::new();
    let mut paragraph = Vec::new();
    let mut lines = Vec::new();
    for conflict in conflicts {
        let text = format!("Merge conflict: {}", conflict.message);
        match conflict.collection {
            Some(Collection::Events) => on_events.entry(&conflict.id).or_default().push(text),
            Some(Collection::Branches) => on_branches.entry(&conflict.id).or_default().push(text),
            Some(collection) => paragraph.push(format!(
                "- {} '{}': {}",
                collection.singular(),
                conflict.id,
                conflict.message
            )),
            None => paragraph.push(format!("- the map: {}", conflict.message)),
        }
        lines.push(match conflict.collection {
            Some(collection) => format!(
                "{} '{}': {}",
                collection.singular(),
                conflict.id,
                conflict.message
            ),
            None => format!("the map: {}", conflict.message),
        });
    }
    let Some(root) = map.as_object_mut() else {
        return lines;
    };
    for (key, notes) in [("events", &on_events), ("branches", &on_branches)] {
        if notes.is_empty() {
            continue;
        }
        let Some(Value::Array(list)) = root.get_mut(key) else {
            continue;
        };
        for entity in list.iter_mut().filter_map(Value::as_object_mut) {
            let Some(texts) = entity
                .get("id")
                .and_then(Value::as_str)
                .and_then(|id| notes.get(id))
            else {
                continue;
            };
            let texts = texts.clone();
            if key == "events" {
                let annotations = entity.entry("annotations").or_insert_with(|| json!([]));
                if let Value::Array(annotations) = annotations {
                    annotations.extend(
                        texts
                            .into_iter()
                            .map(|text| json!({"kind": "note", "text": text})),
                    );
                }
            } else {
                let note = entity.get("note").and_then(Value::as_str).unwrap_or("");
                let joined = std::iter::once(note.to_owned())
                    .filter(|note| !note.is_empty())
                    .chain(texts)
                    .collect::<Vec<_>>()
                    .join("\n\n");
                entity.insert("note".to_owned(), Value::String(joined));
            }
        }
    }
    if !paragraph.is_empty() {
        let description = root
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or("");
        let text = append_paragraph(description, &paragraph);
        root.insert("description".to_owned(), Value::String(text));
    }
    lines
}

fn append_paragraph(description: &str, lines: &[String]) -> String {
    let mut text = description.trim_end().to_owned();
    if !text.is_empty() {
        text.push_str("\n\n");
    }
    text.push_str("Merge conflicts:\n");
    text.push_str(&lines.join("\n"));
    text
}

/// The fallback when the merged map could not be made valid: ours, with a note saying so.
pub fn kept_ours(ours: &Map) -> Merged {
    let message =
        "the two versions could not be combined into a valid map; this version was kept whole."
            .to_owned();
    let mut map = ours.clone();
    map.description = append_paragraph(&map.description, &[format!("- the map: {message}")]);
    Merged {
        map,
        conflicts: vec![format!("the map: {message}")],
    }
}
