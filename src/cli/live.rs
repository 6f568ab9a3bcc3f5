//! `waterline share` and `waterline pull`: a map in a live room without a window, for
//! scripts, a debrief's always-on copy, and tests. `share` keeps a map file in a room and
//! saves the room's edits back to it; `pull` writes the room's current map once.

use super::printable;
use crate::io;
use crate::live::{ClientEvent, LiveClient, SharedMap, Status, TlsOptions};
use crate::model::Map;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};
use yrs::Doc;

/// How long to wait for the room's map before giving up (the connection is retried
/// meanwhile).
const SYNC_TIMEOUT: Duration = Duration::from_secs(20);
/// The room's edits are written back at most this often, so typing is not a write per
/// keystroke; the last edit is always written.
const SAVE_EVERY: Duration = Duration::from_millis(500);

/// Where to connect: a server and a room, or a join link holding both.
pub struct RoomArgs {
    pub server: String,
    pub room: Option<String>,
    pub ca_file: Option<PathBuf>,
}

impl RoomArgs {
    fn connect(&self, doc: Doc) -> Result<LiveClient, String> {
        let (server, room) = match &self.room {
            Some(room) => (self.server.clone(), room.clone()),
            None => crate::live::url::split_join_link(&self.server).map_err(|e| e.to_string())?,
        };
        let tls = TlsOptions {
            extra_ca_pem: self.ca_file.clone(),
        };
        LiveClient::connect_with(&server, &room, doc, tls, Arc::new(|| {}))
            .map_err(|err| err.to_string())
    }
}

/// Connects and waits until the room's map has arrived. Errors name what went wrong last.
fn join(args: &RoomArgs) -> Result<(LiveClient, SharedMap, Instant), String> {
    let shared = SharedMap::joining(Doc::new());
    let mut client = args.connect(shared.doc().clone())?;
    let started = Instant::now();
    let mut last_problem = String::from("no answer from the server");
    while started.elapsed() < SYNC_TIMEOUT {
        for event in client.pump_wait(ms(started), Duration::from_millis(200)) {
            match event {
                ClientEvent::Status(Status::Offline { reason }) => last_problem = reason,
                ClientEvent::Rejected(err) => last_problem = err.to_string(),
                _ => {}
            }
        }
        if client.peer().is_synced() {
            return Ok((client, shared, started));
        }
    }
    Err(format!(
        "the room's map did not arrive within {} s: {last_problem}",
        SYNC_TIMEOUT.as_secs()
    ))
}

fn ms(since: Instant) -> u64 {
    since.elapsed().as_millis() as u64
}

/// `waterline pull`: 0 written, 1 the room holds no map, 2 an error.
pub(super) fn pull(args: &RoomArgs, output: &Path, force: bool) -> ExitCode {
    let fail = |message: String| {
        eprintln!("waterline pull: {}", printable(&message));
        ExitCode::from(2)
    };
    if std::fs::symlink_metadata(output).is_ok() && !force {
        return fail(format!(
            "{} exists; not replacing it (use --force to replace it)",
            output.display()
        ));
    }
    let (mut client, mut shared, _) = match join(args) {
        Ok(joined) => joined,
        Err(err) => return fail(err),
    };
    if shared.is_empty() {
        eprintln!("waterline pull: the room holds no map yet");
        return ExitCode::from(1);
    }
    let map = match shared.read_map(&Map::new(""), false) {
        Ok((map, _)) => map,
        Err(err) => return fail(format!("the room's map is not valid: {err}")),
    };
    client.leave();
    match io::save_file(&map, output) {
        Ok(()) => {
            println!("{}: written ({} cards)", output.display(), map.events.len());
            ExitCode::SUCCESS
        }
        Err(err) => fail(format!("{}: {err}", output.display())),
    }
}

/// `waterline share`: runs until stopped. The map goes into the room when the room is
/// empty; a room that already holds a map wins (MAP's previous version is kept as a
/// backup and replaced). Every change in the room is then saved to MAP, atomically.
pub(super) fn share(map_path: &Path, args: &RoomArgs, stop_after: Option<Duration>) -> ExitCode {
    let fail = |message: String| {
        eprintln!("waterline share: {}", printable(&message));
        ExitCode::from(2)
    };
    let mut map = match io::load_file(map_path) {
        Ok(map) => map,
        Err(err) => return fail(format!("{}: {err}", map_path.display())),
    };
    let (mut client, mut shared, started) = match join(args) {
        Ok(joined) => joined,
        Err(err) => return fail(err),
    };
    // Whoever puts the map into the room mends it; a `share` that finds a map there is one
    // more reader, so two never write rival fixes.
    let mends = shared.is_empty();
    if mends {
        shared.load(&map);
        client.pump(ms(started));
        println!("{}: shared", map_path.display());
    } else {
        match shared.read_map(&map, false) {
            Ok((room, _)) => {
                eprintln!(
                    "waterline share: the room already holds a map (\u{201c}{}\u{201d}); it replaces {}",
                    printable(&room.title),
                    map_path.display()
                );
                if let Err(err) = save(&room, map_path) {
                    return fail(err);
                }
                map = room;
            }
            Err(err) => return fail(format!("the room's map is not valid: {err}")),
        }
    }
    let mut unsaved_since: Option<Instant> = None;
    let mut last_save = Instant::now();
    loop {
        if stop_after.is_some_and(|limit| started.elapsed() >= limit) {
            break;
        }
        client.pump_wait(ms(started), Duration::from_millis(100));
        if shared.has_news() {
            match shared.read_map(&map, mends) {
                Ok((room, mended)) => {
                    for note in mended {
                        eprintln!("waterline share: {}", printable(&note));
                    }
                    map = room;
                    unsaved_since.get_or_insert_with(Instant::now);
                }
                Err(err) => eprintln!(
                    "waterline share: the room's map is not valid, not saved: {}",
                    printable(&err.to_string())
                ),
            }
        }
        if unsaved_since.is_some() && last_save.elapsed() >= SAVE_EVERY {
            if let Err(err) = save(&map, map_path) {
                eprintln!("waterline share: {}", printable(&err));
            } else {
                unsaved_since = None;
                last_save = Instant::now();
            }
        }
    }
    if unsaved_since.is_some()
        && let Err(err) = save(&map, map_path)
    {
        return fail(err);
    }
    client.leave();
    ExitCode::SUCCESS
}

/// Saves atomically, keeping the file's previous version as the app does.
fn save(map: &Map, path: &Path) -> Result<(), String> {
    if let Some(dir) = io::data_dir() {
        let _ = io::keep_previous_version(&dir, path);
    }
    io::save_file(map, path)
        .map(|()| println!("{}: saved", path.display()))
        .map_err(|err| format!("{}: {err}", path.display()))
}
