//! One previous version of every map, kept in the app's data folder (not next to the
//! file, so maps kept in git do not collect stray files): before a save replaces a file,
//! its old bytes are copied to `backups/<file name>-<hash of its full path>.json`. One bad
//! save is always recoverable by copying that file back.

use super::stamp::content_hash;
use super::write_atomically;
use std::path::{Path, PathBuf};

/// Where the previous version of the map at `path` is kept.
pub fn backup_path(data_dir: &Path, path: &Path) -> PathBuf {
    let full = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "map".to_owned());
    let key = content_hash(full.to_string_lossy().as_bytes());
    data_dir
        .join("backups")
        .join(format!("{stem}-{key:016x}.json"))
}

/// Copies the file at `path` (if there is one) to its backup, atomically. Returns where,
/// or `None` when there was nothing to keep.
pub fn keep_previous_version(data_dir: &Path, path: &Path) -> std::io::Result<Option<PathBuf>> {
    // Only a regular file has a previous version worth keeping (a FIFO or device target
    // is written directly); reading is bounded like any map read.
    if !super::is_regular_file(path) {
        return Ok(None);
    }
    let bytes = match super::read_regular_file(path, super::MAX_FILE_BYTES) {
        Ok(bytes) => bytes,
        Err(super::ReadError::Io(err)) if err.kind() == std::io::ErrorKind::NotFound => {
            return Ok(None);
        }
        Err(super::ReadError::Io(err)) => return Err(err),
        // Larger than any map Waterline writes: not one of ours to keep.
        Err(_) => return Ok(None),
    };
    let backup = backup_path(data_dir, path);
    if let Some(dir) = backup.parent() {
        std::fs::create_dir_all(dir)?;
    }
    write_atomically(&backup, &bytes)?;
    Ok(Some(backup))
}
