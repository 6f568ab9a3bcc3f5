//! automerge (0.x) written by hand in the same shape as the app's yrs schema: one map per
//! collection keyed by id, each entry a map of its fields, the note lists lists. Nested
//! values (tags, an annotation) are automerge objects, as automerge has no opaque JSON
//! value. Each edit is its own change (commit), as each user edit would be.

use crate::peer::Peer;
use crate::shape::{Edit, Shape};
use automerge::transaction::Transactable;
use automerge::{ActorId, AutoCommit, AutoSerde, ChangeHash, ObjId, ObjType, ROOT, ReadDoc};
use serde_json::Value;
use waterline::live::schema::{META, ORD};
use waterline::model::Map;

pub struct Automerge {
    doc: AutoCommit,
}

fn actor(id: u64) -> ActorId {
    ActorId::from(id.to_be_bytes().to_vec())
}

/// Puts a JSON value under `key` of the map object `obj`.
fn put(doc: &mut AutoCommit, obj: &ObjId, key: &str, value: &Value) {
    let result = match value {
        Value::Null => doc.put(obj, key, ()),
        Value::Bool(b) => doc.put(obj, key, *b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => doc.put(obj, key, i),
            None => doc.put(obj, key, n.as_f64().unwrap_or(0.0)),
        },
        Value::String(s) => doc.put(obj, key, s.as_str()),
        Value::Array(items) => doc.put_object(obj, key, ObjType::List).map(|list| {
            for (i, item) in items.iter().enumerate() {
                insert(doc, &list, i, item);
            }
        }),
        Value::Object(fields) => doc.put_object(obj, key, ObjType::Map).map(|map| {
            for (name, field) in fields {
                put(doc, &map, name, field);
            }
        }),
    };
    result.expect("automerge takes the value");
}

/// Inserts a JSON value at `index` of the list object `list`.
fn insert(doc: &mut AutoCommit, list: &ObjId, index: usize, value: &Value) {
    let result = match value {
        Value::Null => doc.insert(list, index, ()),
        Value::Bool(b) => doc.insert(list, index, *b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => doc.insert(list, index, i),
            None => doc.insert(list, index, n.as_f64().unwrap_or(0.0)),
        },
        Value::String(s) => doc.insert(list, index, s.as_str()),
        Value::Array(items) => doc.insert_object(list, index, ObjType::List).map(|inner| {
            for (i, item) in items.iter().enumerate() {
                insert(doc, &inner, i, item);
            }
        }),
        Value::Object(fields) => doc.insert_object(list, index, ObjType::Map).map(|map| {
            for (name, field) in fields {
                put(doc, &map, name, field);
            }
        }),
    };
    result.expect("automerge takes the value");
}

impl Peer for Automerge {
    const NAME: &'static str = "automerge 0.12";
    type Version = Vec<ChangeHash>;

    fn load(_map: &Map, shape: &Shape, id: u64) -> Self {
        let mut doc = AutoCommit::new().with_actor(actor(id));
        let meta = doc
            .put_object(ROOT, META, ObjType::Map)
            .expect("a root map");
        for (name, value) in &shape.meta {
            put(&mut doc, &meta, name, value);
        }
        for (collection, entries) in &shape.collections {
            let root = doc
                .put_object(ROOT, collection.root_name(), ObjType::Map)
                .expect("a root map");
            for (i, (key, fields)) in entries.iter().enumerate() {
                let entry = doc
                    .put_object(&root, key.as_str(), ObjType::Map)
                    .expect("an entry");
                for (name, value) in fields {
                    put(&mut doc, &entry, name, value);
                }
                // Lists exist even when empty, as in the yrs schema.
                for list in collection.list_fields() {
                    if !fields.contains_key(*list) {
                        put(&mut doc, &entry, list, &Value::Array(Vec::new()));
                    }
                }
                doc.put(&entry, ORD, i as f64).expect("ord");
            }
        }
        doc.commit();
        Automerge { doc }
    }

    fn encode(&mut self) -> Vec<u8> {
        self.doc.save()
    }

    fn join(state: &[u8], id: u64) -> Self {
        let mut doc = AutoCommit::new().with_actor(actor(id));
        doc.load_incremental(state).expect("a valid document");
        Automerge { doc }
    }

    fn read_json(&mut self) -> Value {
        serde_json::to_value(AutoSerde::from(&self.doc)).expect("a document reads as JSON")
    }

    fn edit(&mut self, edit: &Edit) {
        let card = match self.doc.get(ROOT, "events") {
            Ok(Some((_, events))) => match self.doc.get(&events, edit.key.as_str()) {
                Ok(Some((_, card))) => card,
                _ => return,
            },
            _ => return,
        };
        self.doc
            .put(&card, edit.field, edit.value.as_str())
            .expect("a field");
        self.doc.commit();
    }

    fn version(&mut self) -> Vec<ChangeHash> {
        self.doc.get_heads()
    }

    fn updates_since(&mut self, since: &Vec<ChangeHash>) -> Vec<u8> {
        self.doc.save_after(since)
    }

    fn apply(&mut self, update: &[u8]) {
        self.doc.load_incremental(update).expect("a valid update");
    }

    fn undo(&mut self) -> Option<bool> {
        // Automerge has no undo (removed in 1.x): taking back one's own edits would need
        // inverse changes kept by the app.
        None
    }
}
