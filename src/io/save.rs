//! Writing maps: one canonical byte form (so the same map always gives the same bytes and
//! files diff well), written atomically so a crash or full disk never leaves a cut-off file.

use crate::model::Map;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a save failed; the file on disk is unchanged whenever this is returned.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("could not encode the map: {0}")]
    Encode(#[from] serde_json::Error),
    #[error(
        "could not save to {path}: {source}. The file on disk was not changed; your edits are still open"
    )]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// The canonical file form: pretty-printed JSON, fields in a fixed order, arrays in map
/// order, unknown fields where they were, and a final newline.
pub fn canonical_bytes(map: &Map) -> Result<Vec<u8>, serde_json::Error> {
    let mut bytes = serde_json::to_vec_pretty(map)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Saves a map to `path` atomically.
pub fn save_file(map: &Map, path: &Path) -> Result<(), SaveError> {
    let bytes = canonical_bytes(map)?;
    write_atomically(path, &bytes).map_err(|source| SaveError::Write {
        path: path.to_owned(),
        source,
    })
}

/// Writes to a temporary file in the same folder, syncs it, renames it over `path`, then
/// syncs the folder: at every instant the file is either the old or the new content.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    if let Ok(metadata) = std::fs::metadata(path) {
        // Keep the permissions of the file being replaced.
        let _ = temp.as_file().set_permissions(metadata.permissions());
    }
    temp.persist(path).map_err(|err| err.error)?;
    sync_dir(&dir);
    Ok(())
}

/// Makes the rename durable. Not every platform can open a folder for syncing; the file
/// itself is already synced, so a failure here is not worth failing the save for.
fn sync_dir(dir: &Path) {
    if let Ok(handle) = std::fs::File::open(dir) {
        let _ = handle.sync_all();
    }
}
