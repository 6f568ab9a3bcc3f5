//! Last words: when Waterline panics, the open map's recovery journal is written before
//! the process ends, so even a bug does not take the reviewer's work with it. A panic in
//! the window's frame is caught by [`guarded`] and the app writes the live map (every
//! edit, up to the one that panicked); a panic anywhere else writes the snapshot kept
//! here, the map as last journaled. Copying the whole map on every change would cost a
//! large map milliseconds per keystroke, so the snapshot is only taken with the journal.

use crate::io::recovery::{encode_journal, write_journal};
use crate::model::Map;
use std::cell::Cell;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// What to write if the process panics.
#[derive(Clone)]
pub struct CrashSnapshot {
    pub journal: PathBuf,
    pub file: Option<PathBuf>,
    pub map: Arc<Map>,
}

static SNAPSHOT: Mutex<Option<CrashSnapshot>> = Mutex::new(None);

thread_local! {
    /// Set while [`guarded`] runs on this thread: a panic there is the caller's to rescue
    /// (with newer work than the snapshot), so the hook leaves the journal alone.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
}

/// Runs `body`, catching a panic so the caller can write its live work to the journal
/// before letting the panic go on (`std::panic::resume_unwind`).
pub fn guarded<R>(body: impl FnOnce() -> R) -> std::thread::Result<R> {
    let outer = GUARDED.with(|g| g.replace(true));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(body));
    GUARDED.with(|g| g.set(outer));
    outcome
}

/// Replaces the snapshot (`None` when there is nothing unsaved).
pub fn remember(snapshot: Option<CrashSnapshot>) {
    // A poisoned lock only means an earlier panic: the data is still usable.
    let mut slot = SNAPSHOT.lock().unwrap_or_else(|poison| poison.into_inner());
    *slot = snapshot;
}

/// Writes the snapshot's journal now. Never blocks: if the snapshot is being replaced at
/// this very moment, there is nothing consistent to write.
pub fn write_snapshot() -> bool {
    let snapshot = match SNAPSHOT.try_lock() {
        Ok(slot) => slot.clone(),
        Err(std::sync::TryLockError::Poisoned(poison)) => poison.into_inner().clone(),
        Err(std::sync::TryLockError::WouldBlock) => None,
    };
    let Some(snapshot) = snapshot else {
        return false;
    };
    let Ok(bytes) = encode_journal(&snapshot.map, snapshot.file.as_deref(), chrono::Utc::now())
    else {
        return false;
    };
    write_journal(&snapshot.journal, &bytes).is_ok()
}

/// Installs the hook: write the journal, say where, then report the panic as before.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !GUARDED.with(Cell::get) && write_snapshot() {
            eprintln!(
                "waterline: your unsaved changes were written to the recovery journal; \
                 start Waterline again to restore them"
            );
        }
        previous(info);
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_guarded_panic_is_handed_back_and_the_hook_told_to_leave_it() {
        assert!(!GUARDED.with(Cell::get));
        let caught = guarded(|| {
            assert!(GUARDED.with(Cell::get), "the hook sees the guard");
            panic!("a bug in the frame")
        });
        assert!(caught.is_err());
        assert!(!GUARDED.with(Cell::get), "unguarded again after the panic");
        assert_eq!(guarded(|| 7).ok(), Some(7));
    }
}
