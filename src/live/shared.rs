//! One map shared live: the Yjs document holding it, the user's own undo history in it,
//! and the bookkeeping that says when others (or an undo) changed it.
//!
//! Local edits are applied to the model first (as always) and then copied into the
//! document as one transaction of origin [`LOCAL`]; undo takes back only those, so a
//! peer's edits are never undone by someone else's Ctrl+Z. Changes that arrive from the
//! room, and undo itself, are read back into a model with [`SharedMap::read_map`].

use super::lock;
use super::mirror::mirror;
use super::news::{News, watch};
use super::read::entry_fields;
use super::read::map_json;
use super::repair::repaired;
use super::schema::{Collection, LOAD, LOCAL, REPAIR};
use super::touched::Entries;
use super::write::{Roots, write_map};
use crate::io::LoadError;
use crate::model::Map;
use crate::ops::Op;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use yrs::undo::{Options, UndoManager};
use yrs::{Doc, Transact};

/// A map in a shared document.
pub struct SharedMap {
    doc: Doc,
    roots: Roots,
    undo: UndoManager<String>,
    /// The label the next undo step gets (set just before each local edit or undo).
    label: Arc<Mutex<String>>,
    /// Something other than a local edit changed the document since the last read.
    changed: Arc<AtomicBool>,
    /// What this peer's own edits removed lately, to bring back when a peer's concurrent
    /// edit still refers to it.
    removed: Map,
    /// The field being typed in, while its keystrokes make one undo step.
    open_key: Option<String>,
    /// What changed since the last read, to read only that when it is only fields.
    news: Arc<Mutex<News>>,
}

/// What the room changed since the map was last read.
#[derive(Debug)]
pub enum RoomNews {
    Nothing,
    /// Only fields of existing entries: these updates, to apply to the map as it is.
    Edits(Vec<Op>),
    /// The whole map, read again (and mended), with what was mended in words.
    Whole(Box<Map>, Vec<String>),
}

impl SharedMap {
    /// A document holding `map`: the person who shares a map. Putting the map in is not
    /// an undo step.
    pub fn hosting(doc: Doc, map: &Map) -> SharedMap {
        let mut shared = SharedMap::joining(doc);
        shared.load(map);
        shared
    }

    /// Puts `map` into the document (not an undo step): a host sharing a file into an
    /// empty room.
    pub fn load(&mut self, map: &Map) {
        {
            let mut txn = self.doc.transact_mut_with(LOAD);
            write_map(&mut txn, &self.roots, map);
        }
        self.changed.store(false, Ordering::SeqCst);
    }

    /// Whether the document holds no map yet (an empty room): no lane, card or other
    /// entry (a title alone is not a map to keep).
    pub fn is_empty(&self) -> bool {
        use yrs::Map as _;
        let txn = self.doc.transact();
        Collection::ALL
            .iter()
            .all(|c| self.roots.of_collection(*c).len(&txn) == 0)
    }

    /// A document whose map comes from the room: someone joining.
    pub fn joining(doc: Doc) -> SharedMap {
        let roots = Roots::of(&doc);
        let news = Arc::new(Mutex::new(News::default()));
        watch(&roots, &news);
        let mut undo = UndoManager::<String>::with_options(Options {
            // Steps are grouped by the app (one edit, or typing in one field), not by time.
            capture_timeout_millis: u64::MAX,
            ..Options::default()
        });
        for root in roots.all() {
            undo.expand_scope(&doc, root);
        }
        undo.include_origin(LOCAL);
        let label = Arc::new(Mutex::new(String::new()));
        let step_label = label.clone();
        undo.observe_item_added("waterline-label", move |_, event| {
            *event.meta_mut() = lock(&step_label).clone();
        });
        let changed = Arc::new(AtomicBool::new(false));
        let flag = changed.clone();
        let local = yrs::Origin::from(LOCAL);
        let load = yrs::Origin::from(LOAD);
        // Observers are kept by the document until it is dropped.
        let _ = doc.observe_update_v1("waterline-changed", move |txn, _| {
            let origin = txn.origin();
            if origin != Some(&local) && origin != Some(&load) {
                flag.store(true, Ordering::SeqCst);
            }
        });
        SharedMap {
            doc,
            roots,
            undo,
            label,
            changed,
            removed: Map::new(""),
            open_key: None,
            news,
        }
    }

    pub fn doc(&self) -> &Doc {
        &self.doc
    }

    /// Copies a local edit into the document. `map` is the model after the edit. Edits
    /// with the same `typing` key in a row (keystrokes in one field) make one undo step.
    pub fn record(&mut self, map: &Map, op: &Op, label: &str, typing: Option<&str>) {
        let joins = typing.is_some() && typing == self.open_key.as_deref();
        if !joins {
            self.undo.reset();
        }
        self.open_key = typing.map(str::to_owned);
        *lock(&self.label) = label.to_owned();
        let entries = Entries::of(op);
        let removed = {
            let mut txn = self.doc.transact_mut_with(LOCAL);
            mirror(&mut txn, &self.roots, map, &entries)
        };
        self.keep_removed(removed);
    }

    /// Ends a step: the next edit starts a new one even if it continues a field.
    pub fn seal(&mut self) {
        self.open_key = None;
        self.undo.reset();
    }

    fn keep_removed(&mut self, removed: Vec<(Collection, serde_json::Value)>) {
        /// Enough for any one edit; older removals are forgotten.
        const KEEP: usize = 10_000;
        let kept = &mut self.removed;
        if kept.events.len() + kept.lanes.len() + removed.len() > KEEP {
            *kept = Map::new("");
        }
        fn keep<T: crate::model::Keyed + serde::de::DeserializeOwned>(
            table: &mut crate::model::Table<T>,
            value: serde_json::Value,
        ) {
            if let Ok(item) = serde_json::from_value::<T>(value) {
                table.retain(|old| old.key() != item.key());
                table.push(item);
            }
        }
        for (collection, value) in removed {
            match collection {
                Collection::Lanes => keep(&mut kept.lanes, value),
                Collection::Events => keep(&mut kept.events, value),
                Collection::Branches => keep(&mut kept.branches, value),
                Collection::Themes => keep(&mut kept.themes, value),
                Collection::Links | Collection::Gaps => {}
            }
        }
    }

    /// What undo would take back, in words.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo
            .undo_stack()
            .last()
            .map(|step| step.meta().as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.undo
            .redo_stack()
            .last()
            .map(|step| step.meta().as_str())
    }

    /// Takes back the user's own latest step (never a peer's). A field a peer changed
    /// since keeps the peer's value. Returns the step's label; read the map afterwards.
    pub fn undo(&mut self) -> Option<String> {
        let label = self.undo_label()?.to_owned();
        *lock(&self.label) = label.clone();
        self.seal();
        self.undo.undo_blocking();
        Some(label)
    }

    pub fn redo(&mut self) -> Option<String> {
        let label = self.redo_label()?.to_owned();
        *lock(&self.label) = label.clone();
        self.seal();
        self.undo.redo_blocking();
        Some(label)
    }

    /// What changed since the last read: field edits as updates when that is all (reading
    /// a 10,000-card map again for each keystroke a peer types would take a quarter of a
    /// second), else the whole map (see [`SharedMap::read_map`]).
    pub fn read_news(&mut self, current: &Map, mend: bool) -> Result<RoomNews, LoadError> {
        if !self.has_news() {
            return Ok(RoomNews::Nothing);
        }
        let news = std::mem::take(&mut *lock(&self.news));
        if !news.shape
            && let Some(ops) = self.updates(&news)
        {
            self.changed.store(false, Ordering::SeqCst);
            return Ok(RoomNews::Edits(ops));
        }
        let (map, mended) = self.read_map(current, mend)?;
        Ok(RoomNews::Whole(Box::new(map), mended))
    }

    /// The entries as updates, or `None` when one is gone or does not read as its kind.
    fn updates(&self, news: &News) -> Option<Vec<Op>> {
        use yrs::Map as _;
        let txn = self.doc.transact();
        news.fields
            .iter()
            .map(|(collection, key)| {
                let yrs::Out::YMap(entry) = self.roots.of_collection(*collection).get(&txn, key)?
                else {
                    return None;
                };
                let fields = serde_json::Value::Object(entry_fields(&txn, &entry));
                let op = match collection {
                    Collection::Lanes => Op::UpdateLane(serde_json::from_value(fields).ok()?),
                    Collection::Events => Op::UpdateEvent(serde_json::from_value(fields).ok()?),
                    Collection::Links => Op::UpdateLink(serde_json::from_value(fields).ok()?),
                    Collection::Branches => Op::UpdateBranch(serde_json::from_value(fields).ok()?),
                    // A theme's colour and depth are checked by the loader: read whole.
                    Collection::Themes | Collection::Gaps => return None,
                };
                Some(op)
            })
            .collect()
    }

    /// Whether the document changed other than by a local edit since the last read.
    pub fn has_news(&self) -> bool {
        self.changed.load(Ordering::SeqCst)
    }

    /// The map the document holds now, checked as a file is. When concurrent edits left a
    /// reference dangling (a card added to a lane someone removed), what it needs is
    /// brought back from `last_good`, and when `mend` is set (only the host mends, so two
    /// peers never write rival fixes) the mended entries are written back to the room.
    /// Returns the map and what was mended, in words.
    pub fn read_map(
        &mut self,
        last_good: &Map,
        mend: bool,
    ) -> Result<(Map, Vec<String>), LoadError> {
        self.changed.store(false, Ordering::SeqCst);
        *lock(&self.news) = News::default();
        let json = map_json(&self.doc.transact(), &self.roots);
        match crate::io::parse_value(json.clone()) {
            Ok(map) => Ok((map, Vec::new())),
            Err(first) => {
                let Some((map, entries, notes)) = repaired(json, &[last_good, &self.removed])
                else {
                    return Err(first);
                };
                if mend {
                    let mut txn = self.doc.transact_mut_with(REPAIR);
                    mirror(&mut txn, &self.roots, &map, &entries);
                }
                Ok((map, notes))
            }
        }
    }
}
