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
    builder.prefix(&prefix).suffix(".tmp");
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
