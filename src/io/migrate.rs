//! The file envelope (`format`, `version`) and the chain of migrations that bring an older
//! file up to the current version, step by step, on plain JSON. A shipped migration is
//! never edited; a new version adds a new step and a frozen sample file under `tests/`.

use crate::model::{FORMAT, VERSION};
use serde_json::Value;

/// Why a JSON document is not a map this build can read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MigrateError {
    #[error("this is JSON but not a Waterline map: the top level must be an object")]
    NotAnObject,
    #[error("this is JSON but not a Waterline map: it has no \"format\": \"{FORMAT}\"")]
    MissingFormat,
    #[error("this is a \"{0}\" file, not a Waterline map (\"{FORMAT}\")")]
    OtherFormat(String),
    #[error("the map has no usable \"version\" number")]
    MissingVersion,
    #[error(
        "the map was written by a newer Waterline (file version {found}); this version reads up to {supported}. Update Waterline to open it"
    )]
    Newer { found: u64, supported: u32 },
}

/// One step: turns a file of version N into version N+1.
type Step = fn(Value) -> Value;

/// `STEPS[i]` migrates version `i + 1` to `i + 2`.
const STEPS: &[Step] = &[v1_to_v2, v2_to_v3, v3_to_v4, v4_to_v5];

/// The first version from which every step only renumbers (each added optional fields
/// only): a file of this version or newer reads as the current version with its number
/// changed, so it is decoded straight from its bytes (building a JSON value first cost a
/// 200,000-event map half a second and twice the memory). A step that changes content
/// raises this to the version after it.
const RENUMBERING_FROM: u64 = 1;

/// Whether migrating a file of `version` only changes its version number.
pub fn only_renumbers(version: u64) -> bool {
    version >= RENUMBERING_FROM
}

/// Version 2 added optional `branches`, `gaps` and `gap_threshold_secs`; a version 1 map
/// is a version 2 map without them. The step only renumbers, and must stay that way: a
/// version 1 file may already hold those keys as unknown fields written by hand, and they
/// are then read with version 2's meaning.
fn v1_to_v2(mut value: Value) -> Value {
    if let Some(object) = value.as_object_mut() {
        object.insert("version".to_owned(), Value::from(2));
    }
    value
}

/// Version 3 added messages: a link may end on a lane (`to_lane`) instead of an event.
/// Every version 2 link ends on an event, as before; the step only renumbers, and must
/// stay that way (maps made by the old import, with copied cards, are folded into
/// messages by a command the reviewer runs, never silently here).
fn v2_to_v3(mut value: Value) -> Value {
    if let Some(object) = value.as_object_mut() {
        object.insert("version".to_owned(), Value::from(3));
    }
    value
}

/// Version 4 added `kept_words`: phrases the hindsight lens pointed out that the reviewer
/// keeps as written. A version 3 map has kept none; the step only renumbers, and must
/// stay that way (a hand-written `kept_words` in a version 3 file is read with version
/// 4's meaning, which only quiets the lens).
fn v3_to_v4(mut value: Value) -> Value {
    if let Some(object) = value.as_object_mut() {
        object.insert("version".to_owned(), Value::from(4));
    }
    value
}

/// Version 5 added themes: the map's `themes` and the `themes` cards, annotations and
/// paths not taken carry. A version 4 map has none; the step only renumbers, and must stay
/// that way.
fn v4_to_v5(mut value: Value) -> Value {
    if let Some(object) = value.as_object_mut() {
        object.insert("version".to_owned(), Value::from(5));
    }
    value
}

/// Checks the envelope and migrates the document to [`VERSION`].
pub fn migrate(mut value: Value) -> Result<Value, MigrateError> {
    let object = value.as_object().ok_or(MigrateError::NotAnObject)?;
    let version = file_version(object.get("format"), object.get("version"))?;
    for step in &STEPS[(version - 1) as usize..] {
        value = step(value);
    }
    Ok(value)
}

/// The version of a document with this `format` and `version` (of its top-level
/// object), when this build can read it.
pub fn file_version(format: Option<&Value>, version: Option<&Value>) -> Result<u64, MigrateError> {
    match format {
        Some(Value::String(format)) if format == FORMAT => {}
        Some(Value::String(other)) => return Err(MigrateError::OtherFormat(other.clone())),
        _ => return Err(MigrateError::MissingFormat),
    }
    let version = version
        .and_then(Value::as_u64)
        .filter(|&v| v >= 1)
        .ok_or(MigrateError::MissingVersion)?;
    if version > u64::from(VERSION) {
        return Err(MigrateError::Newer {
            found: version,
            supported: VERSION,
        });
    }
    Ok(version)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Every step said to only renumber does only that.
    #[test]
    fn the_steps_said_to_renumber_only_renumber() {
        let sample = json!({"format": FORMAT, "title": "t", "events": [], "extra": {"a": 1}});
        for version in RENUMBERING_FROM..u64::from(VERSION) {
            let mut file = sample.clone();
            file["version"] = json!(version);
            let mut expected = sample.clone();
            expected["version"] = json!(VERSION);
            assert_eq!(migrate(file).unwrap(), expected, "from version {version}");
        }
    }

    #[test]
    fn the_chain_reaches_the_current_version() {
        assert_eq!(STEPS.len() + 1, VERSION as usize);
    }

    #[test]
    fn other_json_is_named_as_not_a_map() {
        assert_eq!(migrate(json!([1, 2])), Err(MigrateError::NotAnObject));
        assert_eq!(migrate(json!({"a": 1})), Err(MigrateError::MissingFormat));
        assert_eq!(
            migrate(json!({"format": "excalidraw"})),
            Err(MigrateError::OtherFormat("excalidraw".into()))
        );
    }

    #[test]
    fn a_newer_file_is_refused_with_its_version() {
        let err = migrate(json!({"format": FORMAT, "version": 99})).unwrap_err();
        assert!(err.to_string().contains("99"));
    }
}
