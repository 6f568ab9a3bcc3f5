//! Loading a map: the bytes checked as JSON (syntax errors with line and column, duplicate
//! keys and sizes refused) and the envelope read; a file of the current version decoded
//! straight from its bytes (so is an older one whose migration only renumbers), others
//! migrated on plain JSON first; typed decoding
//! (errors with the path to the bad value), then reference validation. A file that fails
//! any step is reported, never half-loaded.

use super::migrate::{MigrateError, file_version, migrate, only_renumbers};
use super::read::{ReadError, read_regular_file};
use super::stamp::DiskStamp;
use super::strict_json::without_position;
use super::strict_json::{StrictError, parse_strict, scan_strict};
use super::validate::{Limits, Problem, validate};
use crate::model::{Map, VERSION};
use std::path::{Path, PathBuf};

/// Larger files are refused before reading: no real map comes near this.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Why a file could not be opened as a map, in words a user can act on.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("could not read {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: ReadError,
    },
    #[error("the file is {bytes} bytes; maps larger than {limit} bytes (64 MiB) are refused")]
    TooLarge { bytes: u64, limit: u64 },
    #[error("not valid JSON at line {line}, column {column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// JSON, but refused while reading: a key given twice, a count over its limit.
    #[error("at line {line}, column {column}: {message}")]
    Refused {
        line: usize,
        column: usize,
        message: String,
    },
    #[error(transparent)]
    Envelope(#[from] MigrateError),
    #[error("at {path}: {message}")]
    Shape { path: String, message: String },
    #[error("{} problem(s) in the map:\n{}", .0.len(), list(.0))]
    Invalid(Vec<Problem>),
}

fn list(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|problem| format!("- {problem}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reads and loads a map file; a file from a newer version is refused.
pub fn load_file(path: &Path) -> Result<Map, LoadError> {
    parse_map(&read_map_file(path)?)
}

/// Parses, migrates and validates map bytes.
pub fn parse_map(data: &[u8]) -> Result<Map, LoadError> {
    if data.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            bytes: data.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    let data = without_bom(data);
    let envelope = scan_strict(data, &Limits::default()).map_err(strict_error)?;
    if !envelope.is_object {
        return Err(MigrateError::NotAnObject.into());
    }
    let version = file_version(envelope.format.as_ref(), envelope.version.as_ref())?;
    if only_renumbers(version) {
        decode_bytes(data)
    } else {
        parse_value(parse_json(data)?)
    }
}

/// A leading byte order mark is accepted.
fn without_bom(data: &[u8]) -> &[u8] {
    data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data)
}

/// Bytes to JSON, strictly (see [`super::strict_json`]).
fn parse_json(data: &[u8]) -> Result<serde_json::Value, LoadError> {
    parse_strict(without_bom(data), &Limits::default()).map_err(strict_error)
}

fn strict_error(err: StrictError) -> LoadError {
    if err.refused {
        LoadError::Refused {
            line: err.line,
            column: err.column,
            message: err.message,
        }
    } else {
        LoadError::Syntax {
            line: err.line,
            column: err.column,
            message: err.message,
        }
    }
}

/// Decodes and validates the bytes of a map that [`scan_strict`] passed, of the current
/// version or one that migrating only renumbers (it is then written as the current one).
/// The decoding does not track where it is (that costs on every value); only when it
/// fails are the bytes decoded again, tracking, to name the path to the bad value.
fn decode_bytes(data: &[u8]) -> Result<Map, LoadError> {
    let map = match serde_json::from_slice::<Map>(data) {
        Ok(map) => map,
        Err(_) => {
            let mut deserializer = serde_json::Deserializer::from_slice(data);
            return Err(
                match serde_path_to_error::deserialize::<_, Map>(&mut deserializer) {
                    Err(err) => LoadError::Shape {
                        path: err.path().to_string(),
                        message: without_position(err.inner()),
                    },
                    // Not reached: the same bytes decode the same way twice.
                    Ok(_) => LoadError::Shape {
                        path: ".".into(),
                        message: "the map could not be decoded".into(),
                    },
                },
            );
        }
    };
    validated(Map {
        version: VERSION,
        ..map
    })
}

/// Migrates, decodes and validates a map already parsed as JSON.
pub fn parse_value(value: serde_json::Value) -> Result<Map, LoadError> {
    decode(migrate(value)?)
}

fn decode(value: serde_json::Value) -> Result<Map, LoadError> {
    let map: Map = serde_path_to_error::deserialize(value).map_err(|err| LoadError::Shape {
        path: err.path().to_string(),
        message: err.inner().to_string(),
    })?;
    validated(map)
}

fn validated(map: Map) -> Result<Map, LoadError> {
    let problems = validate(&map, &Limits::default());
    if problems.is_empty() {
        Ok(map)
    } else {
        Err(LoadError::Invalid(problems))
    }
}

/// A map opened in the app, with what its file looked like.
#[derive(Debug)]
pub struct Opened {
    pub map: Map,
    pub stamp: DiskStamp,
    /// Set when the file was written by a newer Waterline: it opens read-only (when this
    /// version can read it at all) and is never overwritten.
    pub newer_version: Option<u64>,
}

/// Opens a map file for the app. Unlike [`load_file`], a file from a newer version that
/// this version can still decode is opened (read-only) instead of refused.
pub fn open_file(path: &Path) -> Result<Opened, LoadError> {
    let data = read_map_file(path)?;
    let stamp = DiskStamp::of(path, &data);
    // Saves of this file killed before their rename left temporary files beside it.
    if let (Some(dir), Some(name)) = (path.parent(), path.file_name().and_then(|n| n.to_str())) {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        super::remove_stale_temp_files(dir, Some(name));
    }
    let (map, newer_version) = parse_map_allowing_newer(&data)?;
    Ok(Opened {
        map,
        stamp,
        newer_version,
    })
}

/// Like [`parse_map`], but a map from a newer version that this version can still decode
/// and validate is returned with that version (to be shown read-only) instead of refused.
pub fn parse_map_allowing_newer(data: &[u8]) -> Result<(Map, Option<u64>), LoadError> {
    match parse_map(data) {
        Ok(map) => Ok((map, None)),
        Err(LoadError::Envelope(MigrateError::Newer { found, supported })) => {
            let newer = || LoadError::Envelope(MigrateError::Newer { found, supported });
            let value = parse_json(data).map_err(|_| newer())?;
            let map = decode(value).map_err(|_| newer())?;
            Ok((map, Some(found)))
        }
        Err(err) => Err(err),
    }
}

/// Reads a map file's bytes: regular files only, at most [`MAX_FILE_BYTES`].
pub fn read_map_file(path: &Path) -> Result<Vec<u8>, LoadError> {
    read_regular_file(path, MAX_FILE_BYTES).map_err(|source| LoadError::Read {
        path: path.to_owned(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_name_line_and_column() {
        let err = parse_map(b"{\n  \"format\": \"waterline-map\",\n  oops\n}").unwrap_err();
        match err {
            LoadError::Syntax { line, column, .. } => assert_eq!((line, column), (3, 3)),
            other => panic!("expected a syntax error, got {other}"),
        }
    }

    #[test]
    fn type_errors_name_the_path() {
        let text = r#"{"format":"waterline-map","version":1,"title":"t",
            "lanes":[{"id":"a","name":"A"}],
            "events":[{"id":"e1","lane":"a","pos":1.0,"title":"x","time":"yesterday"}]}"#;
        let err = parse_map(text.as_bytes()).unwrap_err().to_string();
        assert!(err.contains("events[0]"), "{err}");
        assert!(err.contains("'yesterday'"), "{err}");
    }

    #[test]
    fn dangling_references_name_the_id() {
        let text = r#"{"format":"waterline-map","version":1,"title":"t",
            "lanes":[{"id":"a","name":"A"}],
            "events":[{"id":"e1","lane":"ghost","pos":1.0,"title":"x"}]}"#;
        let err = parse_map(text.as_bytes()).unwrap_err().to_string();
        assert!(err.contains("'e1'") && err.contains("'ghost'"), "{err}");
    }

    #[test]
    fn a_key_given_twice_is_refused_with_line_and_column() {
        let text = "{\"format\":\"waterline-map\",\"version\":2,\"title\":\"t\",\n\"events\":[],\n\"events\":[]}";
        let err = parse_map(text.as_bytes()).unwrap_err();
        assert!(matches!(err, LoadError::Refused { line: 3, .. }), "{err}");
        assert!(
            err.to_string().contains("\"events\" appears twice"),
            "{err}"
        );
    }

    #[test]
    fn a_leading_byte_order_mark_is_accepted() {
        let text = "\u{feff}{\"format\":\"waterline-map\",\"version\":1,\"title\":\"t\"}";
        assert_eq!(parse_map(text.as_bytes()).unwrap().title, "t");
    }
}
