//! Naming files once and for all: paths are stored absolute and canonical (journals,
//! recent files, the open map), so a journal restored from another working folder saves
//! to the file it came from; and writes go through symbolic links to their targets.

use std::path::{Path, PathBuf};

/// The absolute, canonical form of `path`, with links resolved. A file not made yet gets
/// its folder's canonical form and its own name; when even the folder is missing, the
/// path is made absolute against the current folder.
pub fn canonical_path(path: &Path) -> PathBuf {
    if let Ok(canonical) = std::fs::canonicalize(path) {
        return canonical;
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    match (absolute.parent(), absolute.file_name()) {
        (Some(dir), Some(name)) => std::fs::canonicalize(dir)
            .map(|dir| dir.join(name))
            .unwrap_or(absolute),
        _ => absolute,
    }
}

/// The file a path finally names, following symbolic links (also dangling ones, so saving
/// through a link to a file not yet made creates the file, not a regular file in place of
/// the link). Gives up after 40 links, as the system does, and returns where it got to.
pub fn follow_links(path: &Path) -> PathBuf {
    let mut current = path.to_owned();
    for _ in 0..40 {
        let is_link = std::fs::symlink_metadata(&current).is_ok_and(|m| m.file_type().is_symlink());
        if !is_link {
            break;
        }
        let Ok(target) = std::fs::read_link(&current) else {
            break;
        };
        current = match current.parent() {
            Some(dir) if target.is_relative() => dir.join(target),
            _ => target,
        };
    }
    current
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_become_absolute() {
        let named = canonical_path(Path::new("not-here-yet.json"));
        assert!(named.is_absolute());
        assert_eq!(named.file_name().unwrap(), "not-here-yet.json");
    }

    #[test]
    fn links_are_followed_to_their_target_even_when_it_is_missing() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink("real.json", &link).unwrap();
        assert_eq!(follow_links(&link), real);
        std::fs::write(&real, "x").unwrap();
        assert_eq!(canonical_path(&link), std::fs::canonicalize(&real).unwrap());
    }
}

/// Where recovery journals and backups live: the platform's data folder for Waterline (on
/// Linux `~/.local/share/waterline`), or `WATERLINE_DATA_DIR` when set.
pub fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("WATERLINE_DATA_DIR") {
        return Some(dir.into());
    }
    directories::ProjectDirs::from("", "", "Waterline").map(|d| d.data_dir().to_owned())
}
