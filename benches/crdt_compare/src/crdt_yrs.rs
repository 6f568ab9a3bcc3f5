//! yrs (Yjs in Rust) through the app's own mapping, `waterline::live::SharedMap`: loading
//! is what a host sharing a map does, and its undo manager (tracking only local edits) is
//! on, as in the app.

use crate::peer::Peer;
use crate::shape::{Edit, Shape, root_names};
use serde_json::Value;
use waterline::live::schema::{LOCAL, any_to_json};
use waterline::live::{REMOTE, SharedMap};
use waterline::model::Map;
use yrs::types::ToJson;
use yrs::updates::decoder::Decode;
use yrs::{Doc, Map as _, MapRef, Out, ReadTxn, StateVector, Transact, Update};

pub struct Yrs {
    shared: SharedMap,
    roots: Vec<(&'static str, MapRef)>,
}

impl Yrs {
    fn new(shared: SharedMap) -> Yrs {
        let roots = root_names()
            .map(|name| (name, shared.doc().get_or_insert_map(name)))
            .collect();
        Yrs { shared, roots }
    }

    /// The app's own read of the whole map (`SharedMap::read_map`: its JSON walk, then the
    /// checks a file gets).
    pub fn read_map(&mut self) -> Map {
        let (map, _) = self
            .shared
            .read_map(&Map::new(""), false)
            .expect("the room holds a valid map");
        map
    }

    /// The full state in Yjs's v2 encoding (y-websocket sends v1).
    pub fn encode_v2(&self) -> Vec<u8> {
        self.shared
            .doc()
            .transact()
            .encode_state_as_update_v2(&StateVector::default())
    }

    fn root(&self, name: &str) -> &MapRef {
        &self
            .roots
            .iter()
            .find(|(n, _)| *n == name)
            .expect("a root")
            .1
    }
}

fn doc(id: u64) -> Doc {
    Doc::with_client_id(id)
}

impl Peer for Yrs {
    const NAME: &'static str = "yrs 0.28";
    type Version = StateVector;

    fn load(map: &Map, _shape: &Shape, id: u64) -> Self {
        Yrs::new(SharedMap::hosting(doc(id), map))
    }

    fn encode(&mut self) -> Vec<u8> {
        self.shared
            .doc()
            .transact()
            .encode_state_as_update_v1(&StateVector::default())
    }

    fn join(state: &[u8], id: u64) -> Self {
        let mut peer = Yrs::new(SharedMap::joining(doc(id)));
        peer.apply(state);
        peer
    }

    fn read_json(&mut self) -> Value {
        let txn = self.shared.doc().transact();
        let doc = self
            .roots
            .iter()
            .map(|(name, root)| (name.to_string(), any_to_json(&root.to_json(&txn))))
            .collect();
        Value::Object(doc)
    }

    fn edit(&mut self, edit: &Edit) {
        let doc = self.shared.doc();
        let mut txn = doc.transact_mut_with(LOCAL);
        if let Some(Out::YMap(card)) = self.root("events").get(&txn, &edit.key) {
            card.insert(&mut txn, edit.field, edit.value.as_str());
        }
    }

    fn version(&mut self) -> StateVector {
        self.shared.doc().transact().state_vector()
    }

    fn updates_since(&mut self, since: &StateVector) -> Vec<u8> {
        self.shared
            .doc()
            .transact()
            .encode_state_as_update_v1(since)
    }

    fn apply(&mut self, update: &[u8]) {
        let update = Update::decode_v1(update).expect("a valid update");
        let mut txn = self.shared.doc().transact_mut_with(REMOTE);
        txn.apply_update(update).expect("the update applies");
    }

    fn undo(&mut self) -> Option<bool> {
        Some(self.shared.undo().is_some())
    }
}
