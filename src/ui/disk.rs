//! Everything between the app and the disk: where map bytes are written, the file dialogs
//! and what waits on a save.

use super::dialogs::Pending;
use super::file_dialogs::{DialogBackend, FileDialogs};
use crate::io;
use std::path::Path;
use std::sync::Arc;

/// Where map bytes are written. The real disk in the app; tests put in one that fails
/// the way a full disk or a read-only folder does.
pub trait Storage: Send + Sync {
    fn write_atomically(&self, path: &Path, bytes: &[u8]) -> std::io::Result<()>;
}

/// The file system, written atomically (temporary file, sync, rename, folder sync).
pub struct RealDisk;

impl Storage for RealDisk {
    fn write_atomically(&self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        io::write_atomically(path, bytes)
    }
}

/// The app's side of the disk.
pub struct Disk {
    /// Where maps are written (the real disk, or a failing one in tests).
    pub storage: Arc<dyn Storage>,
    pub dialogs: FileDialogs,
    /// What to do once a save started from the unsaved-changes dialog has finished.
    pub after_save: Option<Pending>,
}

impl Disk {
    pub fn new(backend: DialogBackend) -> Self {
        Disk {
            storage: Arc::new(RealDisk),
            dialogs: FileDialogs::new(backend),
            after_save: None,
        }
    }
}
