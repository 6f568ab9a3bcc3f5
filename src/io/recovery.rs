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
        file: file.map(Path::to_owned),
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
    Read(PathBuf, std::io::Error),
    #[error("{0} is not a Waterline recovery journal: {1}")]
    NotAJournal(PathBuf, String),
    #[error("the map in {0} cannot be opened: {1}")]
    Map(PathBuf, LoadError),
}

/// Reads one journal.
pub fn read_journal(journal: &Path) -> Result<RecoveryEntry, JournalError> {
    let bytes =
        std::fs::read(journal).map_err(|err| JournalError::Read(journal.to_owned(), err))?;
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
        if path.extension().is_some_and(|e| e == "json") {
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
