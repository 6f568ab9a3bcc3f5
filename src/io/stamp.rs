//! What a map file on disk looked like when it was last read or written by us: its
//! modification time, length and a content hash. Comparing stamps tells whether someone
//! else changed the file since, so a save never silently overwrites their work.

use std::hash::{Hash, Hasher};
use std::path::Path;
use std::time::SystemTime;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiskStamp {
    pub modified: Option<SystemTime>,
    pub len: u64,
    /// A hash of the whole content: catches changes that keep the time and length (a
    /// restored backup, a coarse file system clock).
    pub hash: u64,
}

impl DiskStamp {
    /// The stamp of `bytes` just read from or written to `path`.
    pub fn of(path: &Path, bytes: &[u8]) -> Self {
        DiskStamp {
            modified: std::fs::metadata(path).and_then(|m| m.modified()).ok(),
            len: bytes.len() as u64,
            hash: content_hash(bytes),
        }
    }

    /// The stamp of the file as it is now; `None` when it cannot be read (gone, moved).
    pub fn read(path: &Path) -> Option<Self> {
        let bytes = super::read_regular_file(path, super::MAX_FILE_BYTES).ok()?;
        Some(DiskStamp::of(path, &bytes))
    }
}

/// A stable (fixed-key) hash of file content; only ever compared within one machine.
pub fn content_hash(bytes: &[u8]) -> u64 {
    #[allow(deprecated)] // SipHasher: fixed keys on purpose, so hashes are stable.
    let mut hasher = std::hash::SipHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}
