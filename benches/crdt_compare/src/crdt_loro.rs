//! loro (1.x) in the same shape as the app's yrs schema: one map container per collection
//! keyed by id, each entry a map container of its fields, the note lists list containers;
//! other nested values (tags, an annotation) are plain values, as yrs's `Any` ones are.
//! Its undo manager (local-only by design) is on, as the app would run it; `LoroNoUndo`
//! is the same without it, to see what the manager costs.

use crate::peer::Peer;
use crate::shape::{Edit, Shape};
use loro::{ExportMode, LoroDoc, LoroList, LoroMap, LoroValue, UndoManager, ValueOrContainer};
use serde_json::Value;
use std::collections::HashMap;
use waterline::live::schema::{META, ORD};
use waterline::model::Map;

pub struct LoroPeer<const UNDO: bool> {
    doc: LoroDoc,
    undo: Option<UndoManager>,
}

pub type Loro = LoroPeer<true>;
pub type LoroNoUndo = LoroPeer<false>;

fn value(json: &Value) -> LoroValue {
    match json {
        Value::Null => LoroValue::Null,
        Value::Bool(b) => LoroValue::from(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => LoroValue::from(i),
            None => LoroValue::from(n.as_f64().unwrap_or(0.0)),
        },
        Value::String(s) => LoroValue::from(s.as_str()),
        Value::Array(items) => LoroValue::from(items.iter().map(value).collect::<Vec<_>>()),
        Value::Object(fields) => LoroValue::from(
            fields
                .iter()
                .map(|(k, v)| (k.clone(), value(v)))
                .collect::<HashMap<String, LoroValue>>(),
        ),
    }
}

fn doc(id: u64) -> LoroDoc {
    let doc = LoroDoc::new();
    doc.set_peer_id(id).expect("a peer id");
    doc
}

impl<const UNDO: bool> LoroPeer<UNDO> {
    fn new(doc: LoroDoc) -> Self {
        let undo = UNDO.then(|| {
            let mut undo = UndoManager::new(&doc);
            // Every edit its own step, as in the app (grouping by time is off).
            undo.set_merge_interval(0);
            undo
        });
        LoroPeer { doc, undo }
    }
}

impl<const UNDO: bool> Peer for LoroPeer<UNDO> {
    const NAME: &'static str = if UNDO {
        "loro 1.17"
    } else {
        "loro, no undo manager"
    };
    type Version = loro::VersionVector;

    fn load(_map: &Map, shape: &Shape, id: u64) -> Self {
        let doc = doc(id);
        let meta = doc.get_map(META);
        for (name, field) in &shape.meta {
            meta.insert(name, value(field)).expect("a field");
        }
        for (collection, entries) in &shape.collections {
            let root = doc.get_map(collection.root_name());
            let lists = collection.list_fields();
            for (i, (key, fields)) in entries.iter().enumerate() {
                let entry = root
                    .insert_container(key, LoroMap::new())
                    .expect("an entry");
                for (name, field) in fields {
                    if !lists.contains(&name.as_str()) {
                        entry.insert(name, value(field)).expect("a field");
                    }
                }
                for list in lists {
                    let items = entry
                        .insert_container(list, LoroList::new())
                        .expect("a list");
                    if let Some(Value::Array(notes)) = fields.get(*list) {
                        for note in notes {
                            items.push(value(note)).expect("a note");
                        }
                    }
                }
                entry.insert(ORD, i as f64).expect("ord");
            }
        }
        doc.commit();
        Self::new(doc)
    }

    fn encode(&mut self) -> Vec<u8> {
        self.doc.export(ExportMode::Snapshot).expect("a snapshot")
    }

    fn join(state: &[u8], id: u64) -> Self {
        let doc = doc(id);
        doc.import(state).expect("a valid snapshot");
        Self::new(doc)
    }

    fn read_json(&mut self) -> Value {
        serde_json::to_value(self.doc.get_deep_value()).expect("a document reads as JSON")
    }

    fn edit(&mut self, edit: &Edit) {
        if let Some(ValueOrContainer::Container(loro::Container::Map(card))) =
            self.doc.get_map("events").get(&edit.key)
        {
            card.insert(edit.field, edit.value.as_str())
                .expect("a field");
            self.doc.commit();
        }
    }

    fn version(&mut self) -> loro::VersionVector {
        self.doc.oplog_vv()
    }

    fn updates_since(&mut self, since: &loro::VersionVector) -> Vec<u8> {
        self.doc
            .export(ExportMode::updates(since))
            .expect("updates")
    }

    fn apply(&mut self, update: &[u8]) {
        self.doc.import(update).expect("a valid update");
    }

    fn undo(&mut self) -> Option<bool> {
        Some(self.undo.as_mut()?.undo().expect("undo"))
    }
}
