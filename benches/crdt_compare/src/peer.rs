//! What the comparison asks of each library: one person's copy of the shared map.

use crate::shape::{Edit, Shape};
use serde_json::Value;
use waterline::model::Map;

pub trait Peer: Sized {
    const NAME: &'static str;
    /// Where a peer's history stands, to send only what came after.
    type Version;

    /// A fresh document holding the map: the person who shares it. `id` is the peer's
    /// id in the document (distinct per peer).
    fn load(map: &Map, shape: &Shape, id: u64) -> Self;
    /// The whole document, as a late joiner receives it.
    fn encode(&mut self) -> Vec<u8>;
    /// An empty document that applied a full state.
    fn join(state: &[u8], id: u64) -> Self;
    /// The document's contents as `{root: {key: fields}}`, through the library's own
    /// whole-document read.
    fn read_json(&mut self) -> Value;
    /// One local edit of one field of a card, as its own transaction (commit).
    fn edit(&mut self, edit: &Edit);
    fn version(&mut self) -> Self::Version;
    /// What this peer has that `since` had not, encoded for the wire.
    fn updates_since(&mut self, since: &Self::Version) -> Vec<u8>;
    fn apply(&mut self, update: &[u8]);
    /// Takes back this peer's own last edit. `None`: the library offers no undo.
    fn undo(&mut self) -> Option<bool>;
}
