//! `waterline merge BASE OURS THEIRS`: the git merge driver for map files. Maps are merged
//! by id and by field (see `crate::merge`) and the result replaces OURS atomically, in the
//! canonical form `waterline fmt` writes. Other files the attribute pattern matched are
//! handed to `git merge-file`, so a `*.json` rule does not break other JSON.

use super::printable;
use crate::io;
use crate::merge::merge3;
use crate::model::{FORMAT, Map};
use std::path::Path;
use std::process::{Command, ExitCode};

/// 0 merged cleanly, 1 merged with conflicts (written into the map and listed on
/// stderr), 2 nothing written (a file unreadable, or from a newer Waterline); for files
/// that are not maps, `git merge-file`'s own status.
pub(super) fn merge(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    shown: Option<&Path>,
    out: Option<&Path>,
) -> ExitCode {
    let name = shown.unwrap_or(ours).display().to_string();
    let fail = |message: String| {
        eprintln!(
            "waterline merge: {}: {}",
            printable(&name),
            printable(&message)
        );
        ExitCode::from(2)
    };
    let read = |path: &Path| io::read_map_file(path).map_err(|err| err.to_string());
    let (base_bytes, ours_bytes, theirs_bytes) = match (read(base), read(ours), read(theirs)) {
        (Ok(b), Ok(o), Ok(t)) => (b, o, t),
        (Err(err), _, _) | (_, Err(err), _) | (_, _, Err(err)) => return fail(err),
    };
    // git gives an empty base when both sides added the file.
    let base_empty = base_bytes.iter().all(u8::is_ascii_whitespace);
    if !is_map(&ours_bytes) || !is_map(&theirs_bytes) || !(base_empty || is_map(&base_bytes)) {
        return text_merge(base, ours, theirs, &name);
    }
    let parse = |bytes: &[u8], which: &str| {
        io::parse_map(bytes).map_err(|err| format!("{which} version: {err}"))
    };
    let loaded = (
        if base_empty {
            Ok(Map::new(""))
        } else {
            parse(&base_bytes, "the common")
        },
        parse(&ours_bytes, "our"),
        parse(&theirs_bytes, "their"),
    );
    let (base_map, ours_map, theirs_map) = match loaded {
        (Ok(b), Ok(o), Ok(t)) => (b, o, t),
        (Err(err), _, _) | (_, Err(err), _) | (_, _, Err(err)) => return fail(err),
    };
    let merged = merge3(&base_map, &ours_map, &theirs_map);
    let bytes = match io::bytes_to_save(&merged.map) {
        Ok(bytes) => bytes,
        Err(err) => return fail(err.to_string()),
    };
    let target = out.unwrap_or(ours);
    if let Err(err) = io::write_atomically(target, &bytes) {
        return fail(format!(
            "could not write the merged map ({err}); nothing was changed"
        ));
    }
    if merged.conflicts.is_empty() {
        return ExitCode::SUCCESS;
    }
    eprintln!(
        "waterline merge: {}: {} conflict(s), kept this version and noted the other in the map:",
        printable(&name),
        merged.conflicts.len()
    );
    for conflict in &merged.conflicts {
        eprintln!("  {}", printable(conflict));
    }
    ExitCode::from(1)
}

/// Whether the bytes are a JSON object saying it is a Waterline map (of any version).
fn is_map(bytes: &[u8]) -> bool {
    serde_json::from_slice::<serde_json::Value>(bytes)
        .ok()
        .and_then(|value| value.get("format")?.as_str().map(|f| f == FORMAT))
        .unwrap_or(false)
}

/// An ordinary text merge with conflict markers, for files that are not maps.
fn text_merge(base: &Path, ours: &Path, theirs: &Path, name: &str) -> ExitCode {
    match Command::new("git")
        .arg("merge-file")
        .arg(ours)
        .arg(base)
        .arg(theirs)
        .status()
    {
        Ok(status) => match status.code() {
            // merge-file returns the number of conflicts, negative on error.
            Some(code) if (0..=255).contains(&code) => ExitCode::from(code as u8),
            Some(code) if code > 255 => ExitCode::from(255),
            _ => ExitCode::from(2),
        },
        Err(err) => {
            eprintln!(
                "waterline merge: {}: not a Waterline map, and git merge-file could not run: {err}",
                printable(name)
            );
            ExitCode::from(2)
        }
    }
}
