//! The recovery journal: a copy of each open map with unsaved changes, written atomically
//! to the app's data folder a moment after every edit, for saved and never-saved maps
//! alike. On the next start, a journal whose map differs from its file is offered for
//! restoring. It is removed after a save or an explicit discard.
//!
//! The map inside a journal is an ordinary map document with its own `version`, so a
//! journal written by an older Waterline restores through the same migrations as a file.

use super::load::{LoadError, parse_value};
use super::write_atomically;
use crate::model::Map;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

/// The `format` of a journal file.
pub const RECOVERY_FORMAT: &str = "waterline-recovery";
const RECOVERY_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct Envelope {
    format: String,
    version: u32,
    /// When this copy was written (UTC, RFC 3339).
    written_at: DateTime<Utc>,
    /// The file the map belongs to; absent for a map never saved.
    #[serde(default)]
    file: Option<PathBuf>,
    map: serde_json::Value,
}

/// A journal found on disk.
#[derive(Debug)]
pub struct RecoveryEntry {
    /// The journal file itself.
    pub journal: PathBuf,
    pub written_at: DateTime<Utc>,
    pub file: Option<PathBuf>,
    pub map: Map,
}

/// The folder journals live in.
pub fn journal_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("recovery")
}

/// The name of one open map's journal: `map-<owner>-<n>`, where the owner names the
/// running Waterline that keeps it (its start time and process id) and `n` counts the
/// maps it opened. One constructor and one parser, so names never drift apart.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct JournalKey {
    owner: String,
    n: u64,
}

impl JournalKey {
    /// A new key for a map opened by this process.
    pub fn new_in_this_process() -> Self {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        JournalKey {
            owner: this_process_owner().to_owned(),
            n: NEXT.fetch_add(1, Ordering::Relaxed),
        }
    }

    /// Reads a key back from a journal's file name (without `.json`).
    pub fn parse(stem: &str) -> Option<Self> {
        let rest = stem.strip_prefix("map-")?;
        let (owner, n) = rest.rsplit_once('-')?;
        let (started, pid) = owner.split_once('-')?;
        let numeric = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !(numeric(started) && numeric(pid)) {
            return None;
        }
        Some(JournalKey {
            owner: owner.to_owned(),
            n: n.parse().ok()?,
        })
    }

    /// The journal file for this key.
    pub fn journal_in(&self, data_dir: &Path) -> PathBuf {
        journal_dir(data_dir).join(format!("{self}.json"))
    }

    /// The running Waterline that keeps this journal.
    pub fn owner(&self) -> &str {
        &self.owner
    }
}

impl std::fmt::Display for JournalKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "map-{}-{}", self.owner, self.n)
    }
}

/// This process's owner name: its start time (milliseconds) and process id. The time
/// keeps a reused process id from naming an earlier run.
fn this_process_owner() -> &'static str {
    static OWNER: OnceLock<String> = OnceLock::new();
    OWNER.get_or_init(|| {
        let started = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis());
        format!("{started}-{}", std::process::id())
    })
}

fn owner_lock_path(data_dir: &Path, owner: &str) -> PathBuf {
    journal_dir(data_dir)
        .join("owners")
        .join(format!("{owner}.lock"))
}

/// Takes this process's hold on its journals in `data_dir`: an advisory lock on a file of
/// its own, which the system releases when the process ends, however it ends (a crash,
/// SIGKILL). Another Waterline that can take the lock knows the journals' owner is gone.
/// Held until the process ends; taking it again is harmless.
pub fn hold_owner_lock(data_dir: &Path) -> std::io::Result<()> {
    static HELD: std::sync::Mutex<Vec<(PathBuf, std::fs::File)>> =
        std::sync::Mutex::new(Vec::new());
    let path = owner_lock_path(data_dir, this_process_owner());
    let mut held = HELD.lock().unwrap_or_else(|poison| poison.into_inner());
    if held.iter().any(|(p, _)| p == &path) {
        return Ok(());
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)?;
    file.try_lock().map_err(std::io::Error::from)?;
    held.push((path, file));
    Ok(())
}

/// Removes what interrupted writes left in the data folder (temporary files of journals
/// and backups killed mid-write), and the lock files of Waterlines that have ended.
pub fn remove_stale_temp_files(data_dir: &Path) {
    for dir in [journal_dir(data_dir), data_dir.join("backups")] {
        super::remove_stale_temp_files(&dir, None);
    }
    let owners = journal_dir(data_dir).join("owners");
    let Ok(listing) = std::fs::read_dir(&owners) else {
        return;
    };
    for item in listing.flatten() {
        let path = item.path();
        let Some(owner) = path
            .file_stem()
            .and_then(|s| s.to_str())
            .filter(|_| path.extension().is_some_and(|e| e == "lock"))
        else {
            continue;
        };
        if owner == this_process_owner() {
            continue;
        }
        // Taken at once: its Waterline has ended.
        if let Ok(file) = std::fs::OpenOptions::new().write(true).open(&path)
            && file.try_lock().is_ok()
        {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// Whether a Waterline that is still running keeps the journal with this key. Journals
/// of this very process are not "another" app's; a journal whose owner left no lock file
/// (written by a Waterline before locks) has no live owner that could be asked.
pub fn kept_by_another_running_app(data_dir: &Path, key: &JournalKey) -> bool {
    if key.owner == this_process_owner() {
        return false;
    }
    let path = owner_lock_path(data_dir, &key.owner);
    let Ok(file) = std::fs::OpenOptions::new().write(true).open(&path) else {
        return false;
    };
    match file.try_lock() {
        Ok(()) => {
            // Its owner is gone: the lock file is stale.
            let _ = file.unlock();
            let _ = std::fs::remove_file(&path);
            false
        }
        Err(std::fs::TryLockError::WouldBlock) => true,
        // Locks not supported here: do not hide work on a guess.
        Err(std::fs::TryLockError::Error(_)) => false,
    }
}

/// The journal bytes for a map.
pub fn encode_journal(
    map: &Map,
    file: Option<&Path>,
    written_at: DateTime<Utc>,
) -> Result<Vec<u8>, serde_json::Error> {
    let envelope = Envelope {
        format: RECOVERY_FORMAT.to_owned(),
        version: RECOVERY_VERSION,
        written_at,
        // Absolute and canonical: the next start may run in another folder.
        file: file.map(super::canonical_path),
        map: serde_json::to_value(map)?,
    };
    serde_json::to_vec(&envelope)
}

/// Writes a journal atomically, creating its folder.
pub fn write_journal(journal: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = journal.parent() {
        std::fs::create_dir_all(dir)?;
    }
    write_atomically(journal, bytes)
}

/// Why a journal could not be read. It is left on disk, never deleted for being odd.
#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    #[error("could not read {0}: {1}")]
    Read(PathBuf, super::ReadError),
    #[error("{0} is not a Waterline recovery journal: {1}")]
    NotAJournal(PathBuf, String),
    #[error("the map in {0} cannot be opened: {1}")]
    Map(PathBuf, LoadError),
}

/// Reads one journal.
pub fn read_journal(journal: &Path) -> Result<RecoveryEntry, JournalError> {
    let bytes = super::read_regular_file(journal, super::MAX_FILE_BYTES)
        .map_err(|err| JournalError::Read(journal.to_owned(), err))?;
    let envelope: Envelope = serde_json::from_slice(&bytes)
        .map_err(|err| JournalError::NotAJournal(journal.to_owned(), err.to_string()))?;
    if envelope.format != RECOVERY_FORMAT {
        return Err(JournalError::NotAJournal(
            journal.to_owned(),
            format!("its format is \"{}\"", envelope.format),
        ));
    }
    let map =
        parse_value(envelope.map).map_err(|err| JournalError::Map(journal.to_owned(), err))?;
    Ok(RecoveryEntry {
        journal: journal.to_owned(),
        written_at: envelope.written_at,
        file: envelope.file,
        map,
    })
}

/// Every journal in the data folder, oldest first, and the ones that could not be read.
pub fn scan_journals(data_dir: &Path) -> (Vec<RecoveryEntry>, Vec<JournalError>) {
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    let Ok(listing) = std::fs::read_dir(journal_dir(data_dir)) else {
        return (entries, errors);
    };
    for item in listing.flatten() {
        let path = item.path();
        // Only regular files: a FIFO here would block every start.
        if path.extension().is_some_and(|e| e == "json") && super::is_regular_file(&path) {
            match read_journal(&path) {
                Ok(entry) => entries.push(entry),
                Err(err) => errors.push(err),
            }
        }
    }
    entries.sort_by_key(|entry| entry.written_at);
    (entries, errors)
}

/// Whether a journal holds something its file does not: the map was never saved, the
/// file is gone or unreadable, or it differs from the journal's map.
pub fn holds_unsaved_work(entry: &RecoveryEntry) -> bool {
    match &entry.file {
        None => true,
        Some(file) => match super::load_file(file) {
            Ok(on_disk) => on_disk != entry.map,
            Err(_) => true,
        },
    }
}
