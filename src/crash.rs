//! Last words: a panic hook that writes the open map's recovery journal before the
//! process ends, so even a bug in Waterline does not take the reviewer's work with it.
//! The app keeps a snapshot of the map with unsaved changes here after every change.

use crate::io::recovery::{encode_journal, write_journal};
use crate::model::Map;
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
        if write_snapshot() {
            eprintln!(
                "waterline: your unsaved changes were written to the recovery journal; \
                 start Waterline again to restore them"
            );
        }
        previous(info);
    }));
}
