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
    /// The saved file would be one Waterline refuses to open again: nothing is written.
    #[error(
        "the map was not saved: as a file it would be one Waterline cannot open again ({0}). Your edits are still open; remove what makes it so large, or split the map"
    )]
    Unloadable(String),
    /// A map is kept only in a regular file: a FIFO or device would take it and keep
    /// nothing to open again.
    #[error("{0} is not a regular file: save the map to a file")]
    NotAFile(PathBuf),
    #[error(
        "could not save to {path}: {source}. The file on disk was not changed; your edits are still open"
    )]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// Why a file could not be written, in the terms a user can act on: the words for each
/// (save again elsewhere, export elsewhere) are the caller's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteFailure {
    /// No permission, or a read-only disk.
    Unwritable,
    /// The disk or the user's quota is full, or the file is too large for it.
    Full,
    /// The folder is not there (any more).
    NoFolder,
    Other,
}

impl WriteFailure {
    pub fn of(err: &std::io::Error) -> Self {
        use std::io::ErrorKind;
        match err.kind() {
            ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => Self::Unwritable,
            ErrorKind::StorageFull | ErrorKind::QuotaExceeded | ErrorKind::FileTooLarge => {
                Self::Full
            }
            ErrorKind::NotFound => Self::NoFolder,
            _ => Self::Other,
        }
    }
}

/// The canonical file form: pretty-printed JSON, fields in a fixed order, arrays in map
/// order, unknown fields where they were, and a final newline.
pub fn canonical_bytes(map: &Map) -> Result<Vec<u8>, serde_json::Error> {
    let mut bytes = serde_json::to_vec_pretty(map)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// The bytes to save a map as, checked to load back: a map the loader would refuse (over
/// the size limit, too many values) is never written, so what is saved always opens.
pub fn bytes_to_save(map: &Map) -> Result<Vec<u8>, SaveError> {
    let bytes = canonical_bytes(map)?;
    if let Err(err) = super::parse_map_allowing_newer(&bytes) {
        return Err(SaveError::Unloadable(err.to_string()));
    }
    Ok(bytes)
}

/// Refuses a target that exists and is not a regular file (after links).
pub fn check_map_target(path: &Path) -> Result<(), SaveError> {
    let target = super::paths::follow_links(path);
    match std::fs::metadata(&target) {
        Ok(metadata) if !metadata.is_file() => Err(SaveError::NotAFile(path.to_owned())),
        _ => Ok(()),
    }
}

/// Saves a map to `path` atomically.
pub fn save_file(map: &Map, path: &Path) -> Result<(), SaveError> {
    check_map_target(path)?;
    let bytes = bytes_to_save(map)?;
    write_atomically(path, &bytes).map_err(|source| SaveError::Write {
        path: path.to_owned(),
        source,
    })
}

/// Writes to a temporary file in the same folder, syncs it, renames it over `path`, then
/// syncs the folder: at every instant the file is either the old or the new content.
/// A symbolic link is followed: its target is replaced and the link stays a link. A
/// target that is not a regular file (a FIFO, a device such as `/dev/stdout`) cannot be
/// replaced atomically and is written directly.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomically_with(path, |out| out.write_all(bytes), |err| err)
}

/// `write_atomically` for content written piece by piece by `write` (a large export): if
/// `write` fails, the file at `path` is left as it was. `io_error` turns a failure of the
/// file itself into `write`'s error type.
pub fn write_atomically_with<T, E>(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<T, E>,
    io_error: impl Fn(std::io::Error) -> E,
) -> Result<T, E> {
    let target = super::paths::follow_links(path);
    let path = target.as_path();
    if let Ok(metadata) = std::fs::metadata(path)
        && !metadata.is_file()
        && !metadata.is_dir()
    {
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(&io_error)?;
        let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
        let written = write(&mut out)?;
        out.flush().map_err(&io_error)?;
        return Ok(written);
    }
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder
        .prefix(&prefix)
        .suffix(".tmp")
        .rand_bytes(TEMP_RANDOM_LEN);
    // A new file gets the permissions any program's new file gets (read-write for all,
    // less the umask: usually readable by others), not the private ones of a temporary
    // file: a map or PNG shared on a team drive must be readable there.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let temp = builder.tempfile_in(&dir).map_err(&io_error)?;
    let written = {
        let mut out =
            std::io::BufWriter::with_capacity(1 << 20, SyncingWriter::new(temp.as_file()));
        let written = write(&mut out)?;
        out.flush().map_err(&io_error)?;
        written
    };
    temp.as_file().sync_all().map_err(&io_error)?;
    if let Ok(metadata) = std::fs::metadata(path) {
        // Keep the permissions of the file being replaced.
        let _ = temp.as_file().set_permissions(metadata.permissions());
    }
    temp.persist(path).map_err(|err| io_error(err.error))?;
    sync_dir(&dir);
    Ok(written)
}

/// Temporary files younger than this may belong to a save still under way (in this or
/// another Waterline) and are left alone.
const STALE_TEMP_AGE: std::time::Duration = std::time::Duration::from_secs(10 * 60);

/// Removes temporary files that an interrupted save left in `dir` (a save killed between
/// writing and renaming): only our own naming, `.<name>.<6 random>.tmp`, only regular
/// files, only older than a few minutes; with `name`, only those of that file. Returns how
/// many were removed.
pub fn remove_stale_temp_files(dir: &Path, name: Option<&str>) -> usize {
    let Ok(listing) = std::fs::read_dir(dir) else {
        return 0;
    };
    let now = std::time::SystemTime::now();
    let mut removed = 0;
    for item in listing.flatten() {
        let file_name = item.file_name();
        let Some(file_name) = file_name.to_str() else {
            continue;
        };
        if !is_our_temp_name(file_name, name) {
            continue;
        }
        let Ok(metadata) = item.metadata() else {
            continue;
        };
        let old = metadata
            .modified()
            .ok()
            .and_then(|modified| now.duration_since(modified).ok())
            .is_some_and(|age| age >= STALE_TEMP_AGE);
        if metadata.is_file() && old && std::fs::remove_file(item.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Whether a file name is one `write_atomically` gives its temporary files.
fn is_our_temp_name(file_name: &str, of: Option<&str>) -> bool {
    let Some(inner) = file_name
        .strip_prefix('.')
        .and_then(|rest| rest.strip_suffix(".tmp"))
    else {
        return false;
    };
    let Some((name, random)) = inner.rsplit_once('.') else {
        return false;
    };
    random.len() == TEMP_RANDOM_LEN
        && random.bytes().all(|b| b.is_ascii_alphanumeric())
        && !name.is_empty()
        && of.is_none_or(|of| of == name)
}

/// The random part of a temporary file's name.
const TEMP_RANDOM_LEN: usize = 6;

/// Writes to a file and, once a lot has been written, has a helper thread flush it to
/// disk every few megabytes while writing goes on: the sync before the rename then has
/// little left to wait for (a large PNG is written faster than the disk takes it).
struct SyncingWriter<'f> {
    file: &'f std::fs::File,
    unsynced: usize,
    syncer: Option<Syncer>,
}

struct Syncer {
    ask: std::sync::mpsc::SyncSender<()>,
    thread: std::thread::JoinHandle<()>,
}

/// Bytes written between asking for a sync.
const SYNC_EVERY: usize = 8 << 20;

impl<'f> SyncingWriter<'f> {
    fn new(file: &'f std::fs::File) -> Self {
        SyncingWriter {
            file,
            unsynced: 0,
            syncer: None,
        }
    }

    fn ask_for_sync(&mut self) {
        if self.syncer.is_none() {
            let Ok(file) = self.file.try_clone() else {
                return;
            };
            let (ask, asked) = std::sync::mpsc::sync_channel::<()>(1);
            let thread = std::thread::spawn(move || {
                for () in asked {
                    // A failure shows again in the final sync, which is checked.
                    let _ = file.sync_data();
                }
            });
            self.syncer = Some(Syncer { ask, thread });
        }
        if let Some(syncer) = &self.syncer {
            // A sync still running covers this request too.
            let _ = syncer.ask.try_send(());
        }
    }
}

impl Write for SyncingWriter<'_> {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        let written = (&*self.file).write(data)?;
        self.unsynced += written;
        if self.unsynced >= SYNC_EVERY {
            self.unsynced = 0;
            self.ask_for_sync();
        }
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        (&*self.file).flush()
    }
}

impl Drop for SyncingWriter<'_> {
    fn drop(&mut self) {
        if let Some(Syncer { ask, thread }) = self.syncer.take() {
            drop(ask);
            let _ = thread.join();
        }
    }
}

/// Makes the rename durable. Not every platform can open a folder for syncing; the file
/// itself is already synced, so a failure here is not worth failing the save for.
fn sync_dir(dir: &Path) {
    if let Ok(handle) = std::fs::File::open(dir) {
        let _ = handle.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_own_old_temporary_files_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let old = std::time::SystemTime::now() - STALE_TEMP_AGE * 2;
        let make = |name: &str, when: std::time::SystemTime| {
            let path = dir.path().join(name);
            std::fs::write(&path, "x").unwrap();
            std::fs::File::options()
                .write(true)
                .open(&path)
                .unwrap()
                .set_modified(when)
                .unwrap();
            path
        };
        let stale = make(".co.json.aB3xYz.tmp", old);
        let other_map = make(".other.json.Qw12er.tmp", old);
        let fresh = make(".co.json.Zz9yy8.tmp", std::time::SystemTime::now());
        let not_ours = make(".co.json.tmp", old);
        let map = make("co.json", old);
        assert_eq!(remove_stale_temp_files(dir.path(), Some("co.json")), 1);
        assert!(!stale.exists());
        assert!(other_map.exists() && fresh.exists() && not_ours.exists() && map.exists());
        assert_eq!(remove_stale_temp_files(dir.path(), None), 1);
        assert!(!other_map.exists());
    }

    #[test]
    fn temporary_files_are_named_as_the_cleaner_expects() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("co.json");
        write_atomically_with(
            &path,
            |_| {
                let names: Vec<String> = std::fs::read_dir(dir.path())
                    .unwrap()
                    .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                    .collect();
                assert!(
                    names.iter().any(|n| is_our_temp_name(n, Some("co.json"))),
                    "{names:?}"
                );
                Ok::<(), std::io::Error>(())
            },
            |e| e,
        )
        .unwrap();
    }
}
