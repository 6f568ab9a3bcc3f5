//! An open map: the data, where it lives on disk, its undo history, and its layout, cached
//! until the next change. Every edit to a map goes through here.

use crate::io::DiskStamp;
use crate::io::recovery::JournalKey;
use crate::layout::{Geometry, LayoutSettings, layout};
use crate::lens::{LiveLens, Touched};
use crate::live::{RoomNews, SharedMap};
use crate::model::Map;
use crate::ops::{Edit, History, Op, OpError};
use std::path::PathBuf;

/// One open map.
pub struct Document {
    map: Map,
    /// Where it is saved; `None` for a new map or the built-in sample.
    pub path: Option<PathBuf>,
    /// The file as it was when last read or written, to notice changes made by others.
    pub stamp: Option<DiskStamp>,
    /// Set when the file came from a newer Waterline (its version): the map can be looked
    /// at and saved as a copy, never edited or written over.
    pub newer_version: Option<u64>,
    /// Names this document's recovery journal; stays the same across saves.
    pub journal_id: JournalKey,
    /// Restored from a recovery journal, or imported, and not saved since: unsaved even
    /// before any edit.
    pub restored: bool,
    history: History,
    settings: LayoutSettings,
    geometry: Geometry,
    /// Counts changes to the map, so the recovery journal knows when to write.
    revision: u64,
    /// Counts layouts, so what is drawn from the geometry can be cached until it changes.
    layout_generation: u64,
    /// What the hindsight lens finds in the map, kept current edit by edit.
    lens: LiveLens,
    /// The live session's shared copy, while the map is shared (see [`Document::share_live`]).
    live: Option<Live>,
}

/// A document's part in a live session.
struct Live {
    shared: SharedMap,
    /// This copy mends what concurrent edits leave dangling (only the host does, so two
    /// people never write rival fixes).
    mends: bool,
    /// Others changed the map since it was last saved.
    unsaved: bool,
}

impl Document {
    pub fn new(map: Map, path: Option<PathBuf>) -> Self {
        Self::with_settings(map, path, LayoutSettings::default())
    }

    pub fn with_settings(map: Map, path: Option<PathBuf>, settings: LayoutSettings) -> Self {
        let geometry = layout(&map, &settings);
        let lens = LiveLens::new(&map);
        Document {
            map,
            // Stored absolute and canonical: the journal and recent files keep it.
            path: path.map(|path| crate::io::canonical_path(&path)),
            stamp: None,
            newer_version: None,
            journal_id: JournalKey::new_in_this_process(),
            restored: false,
            history: History::default(),
            settings,
            geometry,
            revision: 0,
            layout_generation: 0,
            lens,
            live: None,
        }
    }

    /// A document for a file just opened.
    pub fn opened(opened: crate::io::Opened, path: PathBuf) -> Self {
        let mut doc = Document::new(opened.map, Some(path));
        doc.stamp = Some(opened.stamp);
        doc.newer_version = opened.newer_version;
        doc
    }

    /// How many changes the map has had; goes up with every edit, undo and redo.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Whether edits are refused: the file is from a newer version.
    pub fn is_read_only(&self) -> bool {
        self.newer_version.is_some()
    }

    pub fn map(&self) -> &Map {
        &self.map
    }

    pub fn geometry(&self) -> &Geometry {
        &self.geometry
    }

    /// What the hindsight lens finds in the map as it is now.
    pub fn lens(&self) -> &LiveLens {
        &self.lens
    }

    pub fn settings(&self) -> &LayoutSettings {
        &self.settings
    }

    /// Changes how the map is laid out (ruler mode, what is shown) and lays it out again.
    /// A view change, not an edit: no undo step, the map is untouched.
    pub fn set_settings(&mut self, settings: LayoutSettings) {
        if settings != self.settings {
            self.settings = settings;
            self.relayout();
        }
    }

    pub fn history(&self) -> &History {
        &self.history
    }

    /// Applies an edit as one undo step.
    pub fn apply(&mut self, edit: Edit) -> Result<(), OpError> {
        self.apply_as(edit, None)
    }

    /// Applies an edit that continues typing in one field (see [`History::apply_continuing`]).
    pub fn apply_continuing(&mut self, edit: Edit, key: &str) -> Result<(), OpError> {
        self.apply_as(edit, Some(key))
    }

    fn apply_as(&mut self, edit: Edit, typing: Option<&str>) -> Result<(), OpError> {
        let relayout = self.relayout_for(&edit.op);
        let touched = Touched::by(&edit.op, &self.map);
        // The op goes to the shared copy too; cloned only while shared.
        let shared = self
            .live
            .as_ref()
            .map(|_| (edit.op.clone(), edit.label.clone()));
        match typing {
            Some(key) => self.history.apply_continuing(&mut self.map, edit, key)?,
            None => self.history.apply(&mut self.map, edit)?,
        }
        if let (Some(live), Some((op, label))) = (self.live.as_mut(), shared) {
            live.shared.record(&self.map, &op, &label, typing);
            live.unsaved = true;
        }
        self.changed(relayout, Some(touched));
        Ok(())
    }

    /// Ends an ongoing field edit.
    pub fn seal(&mut self) {
        self.history.seal();
        if let Some(live) = self.live.as_mut() {
            live.shared.seal();
        }
    }

    /// Takes back the latest edit; while shared live, the latest of this person's own
    /// edits (never someone else's).
    pub fn undo(&mut self) -> Option<String> {
        if let Some(live) = self.live.as_mut() {
            let label = live.shared.undo()?;
            // What undo changed comes back as news from the shared copy.
            let _ = self.take_room_changes();
            return Some(label);
        }
        let (relayout, touched) = self.what_changes(self.history.undo_op());
        let label = self.history.undo(&mut self.map)?;
        self.changed(relayout, touched);
        Some(label)
    }

    pub fn redo(&mut self) -> Option<String> {
        if let Some(live) = self.live.as_mut() {
            let label = live.shared.redo()?;
            let _ = self.take_room_changes();
            return Some(label);
        }
        let (relayout, touched) = self.what_changes(self.history.redo_op());
        let label = self.history.redo(&mut self.map)?;
        self.changed(relayout, touched);
        Some(label)
    }

    /// What undo would take back, in words.
    pub fn undo_label(&self) -> Option<&str> {
        match &self.live {
            Some(live) => live.shared.undo_label(),
            None => self.history.undo_label(),
        }
    }

    pub fn redo_label(&self) -> Option<&str> {
        match &self.live {
            Some(live) => live.shared.redo_label(),
            None => self.history.redo_label(),
        }
    }

    /// The edit undo would reverse, when known (not while shared live: the shared copy
    /// decides what an undo changes).
    pub fn undo_op(&self) -> Option<&Op> {
        self.live
            .is_none()
            .then(|| self.history.undo_op())
            .flatten()
    }

    pub fn redo_op(&self) -> Option<&Op> {
        self.live
            .is_none()
            .then(|| self.history.redo_op())
            .flatten()
    }

    pub fn has_unsaved_changes(&self) -> bool {
        self.restored
            || self.history.has_unsaved_changes()
            || self.live.as_ref().is_some_and(|live| live.unsaved)
    }

    /// Shares the map live through `shared` (a document that holds it, or will when the
    /// room's copy arrives). `mends` for the host. New ids get `id_suffix`.
    pub fn share_live(&mut self, shared: SharedMap, mends: bool, id_suffix: &str) {
        self.history.seal();
        self.map.fresh_id_suffix = crate::model::IdSuffix(Some(id_suffix.into()));
        self.live = Some(Live {
            shared,
            mends,
            unsaved: false,
        });
    }

    /// Leaves the live session; the map stays as the room last had it, and can be saved.
    /// Undo starts afresh: the steps before the session no longer fit the map.
    pub fn leave_live(&mut self) -> Option<SharedMap> {
        let live = self.live.take()?;
        self.map.fresh_id_suffix = crate::model::IdSuffix::default();
        let unsaved = live.unsaved || self.has_unsaved_changes();
        self.history = History::default();
        self.restored = unsaved;
        Some(live.shared)
    }

    /// The live session's shared copy, while shared.
    pub fn live(&self) -> Option<&SharedMap> {
        self.live.as_ref().map(|live| &live.shared)
    }

    pub fn live_mut(&mut self) -> Option<&mut SharedMap> {
        self.live.as_mut().map(|live| &mut live.shared)
    }

    /// Takes in what others (or an undo) changed in the shared copy: the map is replaced
    /// by the room's and laid out again. Returns what was mended after concurrent edits,
    /// in words; an error when the room's map is not a valid map (it is then not shown,
    /// and the map stays as it was).
    pub fn take_room_changes(&mut self) -> Result<Vec<String>, crate::io::LoadError> {
        let Some(live) = self.live.as_mut() else {
            return Ok(Vec::new());
        };
        if !live.shared.has_news() {
            return Ok(Vec::new());
        }
        let news = live.shared.read_news(&self.map, live.mends)?;
        if !matches!(news, RoomNews::Nothing) {
            live.unsaved = true;
        }
        let (mut map, mended) = match news {
            RoomNews::Nothing => return Ok(Vec::new()),
            RoomNews::Edits(ops) => {
                // Field edits apply like local ones (laid out only as much as they need),
                // without an undo step: they are someone else's.
                let op = Op::Batch(ops);
                let relayout = self.relayout_for(&op);
                let touched = Touched::by(&op, &self.map);
                match op.apply(&mut self.map) {
                    Ok(_) => {
                        self.changed(relayout, Some(touched));
                        return Ok(Vec::new());
                    }
                    // They do not fit this map (a reference left dangling by concurrent
                    // edits): read it whole, which mends it.
                    Err(_) => match self.live.as_mut() {
                        Some(live) => live.shared.read_map(&self.map, live.mends)?,
                        None => return Ok(Vec::new()),
                    },
                }
            }
            RoomNews::Whole(map, mended) => (*map, mended),
        };
        map.fresh_id_suffix = self.map.fresh_id_suffix.clone();
        if map != self.map {
            self.map = map;
            self.changed(Relayout::Full, None);
        }
        Ok(mended)
    }

    /// Records a successful save of `bytes` to `path`. A copy of a newer-version file
    /// saved elsewhere is still that version's data: it stays read-only.
    pub fn mark_saved(&mut self, path: PathBuf, bytes: &[u8]) {
        self.stamp = Some(DiskStamp::of(&path, bytes));
        self.path = Some(crate::io::canonical_path(&path));
        self.restored = false;
        self.history.mark_saved();
        if let Some(live) = self.live.as_mut() {
            live.unsaved = false;
        }
    }

    /// The file name shown in the title bar and dialogs.
    pub fn display_name(&self) -> String {
        match &self.path {
            Some(path) => path.file_name().map_or_else(
                || path.display().to_string(),
                |name| name.to_string_lossy().into_owned(),
            ),
            None => "unsaved map".to_owned(),
        }
    }

    /// The map changed: count it and lay it out again as much as the edit needs (typing in
    /// a card on a map of 50,000 would otherwise place every card again on every
    /// keystroke).
    fn changed(&mut self, relayout: Relayout, touched: Option<Touched>) {
        self.revision += 1;
        match touched {
            Some(touched) => self.lens.update(&self.map, touched),
            None => self.lens.scan_all(&self.map),
        }
        match relayout {
            Relayout::None => {}
            Relayout::AfterMove => {
                let moved =
                    crate::layout::layout_after_move(&self.map, &self.settings, &self.geometry);
                self.replace_geometry(moved);
            }
            Relayout::Full => self.relayout(),
        }
    }

    /// What undoing or redoing `op` changes: the layout, and the texts the lens reads
    /// (`None`: everything, when the step is not known).
    fn what_changes(&self, op: Option<&Op>) -> (Relayout, Option<Touched>) {
        match op {
            Some(op) => (self.relayout_for(op), Some(Touched::by(op, &self.map))),
            None => (Relayout::Full, None),
        }
    }

    /// How much of the layout applying `op` to the map as it is now changes.
    fn relayout_for(&self, op: &Op) -> Relayout {
        if self.keeps_layout(op) {
            Relayout::None
        } else if self.only_moves(op) {
            Relayout::AfterMove
        } else {
            Relayout::Full
        }
    }

    /// Whether `op` only moves cards (changes the `pos` of events or paths not taken), as
    /// a drag does. A batch's edits are each compared with the map before the batch: when
    /// each differs from it only in `pos`, so does the result, whatever their order.
    fn only_moves(&self, op: &Op) -> bool {
        match op {
            Op::UpdateEvent(new) => self
                .map
                .events
                .by_id(&new.id)
                .is_some_and(|old| crate::layout::event_only_moved(old, new)),
            Op::UpdateBranch(new) => self
                .map
                .branches
                .by_id(&new.id)
                .is_some_and(|old| crate::layout::branch_only_moved(old, new)),
            Op::Batch(ops) => !ops.is_empty() && ops.iter().all(|op| self.only_moves(op)),
            _ => false,
        }
    }

    /// Whether applying `op` to the map as it is now leaves its layout unchanged: map-level
    /// text, and edits of cards that keep everything the layout reads from them.
    fn keeps_layout(&self, op: &Op) -> bool {
        match op {
            Op::SetTitle(_) | Op::SetDescription(_) | Op::SetKeptWords(_) => true,
            // Themes are drawn from the map, not the layout.
            Op::InsertTheme { .. } | Op::RemoveTheme(_) | Op::UpdateTheme(_) => true,
            Op::UpdateEvent(new) => self.map.events.by_id(&new.id).is_some_and(|old| {
                crate::layout::event_edit_keeps_layout(old, new, &self.geometry, &self.settings)
            }),
            // Several cards at once (a kind for all selected): each checked against the map
            // before the batch, which holds only while no card is updated twice.
            Op::Batch(ops) => {
                let mut seen = crate::model::FastHashMap::default();
                ops.iter().all(|op| match op {
                    Op::UpdateEvent(new) => {
                        seen.insert(&new.id, ()).is_none() && self.keeps_layout(op)
                    }
                    Op::SetTitle(_) | Op::SetDescription(_) => true,
                    _ => false,
                })
            }
            _ => false,
        }
    }

    /// Lays the map out again; the canvas reuses this geometry until the next change.
    fn relayout(&mut self) {
        self.replace_geometry(layout(&self.map, &self.settings));
    }

    fn replace_geometry(&mut self, geometry: Geometry) {
        drop_aside(std::mem::replace(&mut self.geometry, geometry));
        self.layout_generation += 1;
    }

    /// Goes up every time the map is laid out again (an edit, undo, a view option).
    pub fn layout_generation(&self) -> u64 {
        self.layout_generation
    }
}

/// How much of the layout an edit changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Relayout {
    /// Nothing (map text, a card's kind or notes that keep its size).
    None,
    /// Where cards are, not their sizes: a move.
    AfterMove,
    /// Anything.
    Full,
}

/// Cards in a layout above which freeing the old one is worth a thread.
const DROP_ASIDE_CARDS: usize = 10_000;

/// Frees a large layout on another thread: tens of thousands of cards, routes and shared
/// ids take milliseconds to free, time the frame after an edit would otherwise wait for.
fn drop_aside(geometry: Geometry) {
    if geometry.cards.len() < DROP_ASIDE_CARDS {
        return;
    }
    let spawned = std::thread::Builder::new()
        .name("waterline-free".to_owned())
        .spawn(move || drop(geometry));
    // Without a thread (none left), `spawn` frees the layout itself, here.
    drop(spawned);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::Edit;

    /// A drag (only `pos` changes) lays the cards out again without measuring them again,
    /// and the result is a fresh layout; any other change measures again.
    #[test]
    fn a_move_reuses_the_cards_measures_and_equals_a_fresh_layout() {
        let mut doc = Document::new(crate::samples::synthetic(60, 4), None);
        let before = doc.geometry().clone();
        let mut moved = doc.map().events[10].clone();
        moved.pos += 7.25;
        doc.apply(Edit::new("Move", Op::UpdateEvent(moved.clone())))
            .expect("the move applies");
        assert!(doc.geometry().shares_measures(&before));
        assert!(*doc.geometry() == layout(doc.map(), doc.settings()));

        doc.undo().expect("undone");
        assert!(doc.geometry().shares_measures(&before));
        assert!(*doc.geometry() == before);

        moved.title.push_str(" and a few more words to wrap");
        doc.apply(Edit::new("Retitle", Op::UpdateEvent(moved)))
            .expect("the edit applies");
        assert!(!doc.geometry().shares_measures(&before));
        assert!(*doc.geometry() == layout(doc.map(), doc.settings()));
    }
}
