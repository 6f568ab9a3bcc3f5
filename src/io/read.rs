//! Reading a file the user named, safely: only regular files are read (a FIFO would block
//! forever, `/dev/zero` never ends), the open itself never waits on a FIFO, and the read is
//! bounded by the size limit as it goes, not by what `stat` said a moment earlier.

use std::io::Read;
use std::path::Path;

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("it is {0}, not a regular file: only files can be opened")]
    NotAFile(&'static str),
    #[error("it is over {limit} bytes ({} MiB), the most Waterline reads", limit >> 20)]
    TooLarge { limit: u64 },
}

/// Reads a whole regular file of at most `limit` bytes.
pub fn read_regular_file(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    // Looked at before opening: opening some devices does something (a tape rewinds).
    let named = std::fs::metadata(path)?;
    if !named.is_file() {
        return Err(ReadError::NotAFile(kind_of(&named)));
    }
    // And again once open, in case the name now points elsewhere.
    let file = open_without_waiting(path)?;
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Err(ReadError::NotAFile(kind_of(&metadata)));
    }
    if metadata.len() > limit {
        return Err(ReadError::TooLarge { limit });
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    // One byte more than allowed tells a file that grew past the limit since `stat`.
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

/// Whether `path` is a regular file (following links), without opening it.
pub fn is_regular_file(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file())
}

/// Opens for reading. On Unix the open does not block on a FIFO with no writer
/// (O_NONBLOCK; it has no effect on reading regular files), so the check after it runs.
fn open_without_waiting(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// Words for what a non-regular file is.
pub fn kind_of(metadata: &std::fs::Metadata) -> &'static str {
    let kind = metadata.file_type();
    if kind.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_device_is_refused_without_reading_it() {
        let err = read_regular_file(Path::new("/dev/zero"), 1 << 20).unwrap_err();
        assert!(matches!(err, ReadError::NotAFile("a device")), "{err}");
    }

    #[test]
    fn a_fifo_is_refused_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("map.json");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("skipped: mkfifo is not available");
            return;
        }
        let err = read_regular_file(&fifo, 1 << 20).unwrap_err();
        assert!(matches!(err, ReadError::NotAFile(_)), "{err}");
    }

    #[test]
    fn a_folder_is_refused_and_a_file_over_the_limit_too() {
        let dir = tempfile::tempdir().unwrap();
        let err = read_regular_file(dir.path(), 10).unwrap_err();
        assert!(matches!(err, ReadError::NotAFile("a folder")), "{err}");
        let file = dir.path().join("big");
        std::fs::write(&file, [b'x'; 11]).unwrap();
        assert!(matches!(
            read_regular_file(&file, 10),
            Err(ReadError::TooLarge { limit: 10 })
        ));
        assert_eq!(read_regular_file(&file, 11).unwrap().len(), 11);
    }
}
