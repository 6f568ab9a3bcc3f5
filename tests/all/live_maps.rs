//! Shared maps over real WebSockets, against the standard y-websocket server (Node) and
//! the room server Waterline hosts: two people editing one map end with the same file;
//! the Node Yjs reference client edits a card of a shared map; `waterline share` keeps a
//! file up to date with the room and `waterline pull` writes the room's map.

use crate::live_common::*;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use waterline::document::Document;
use waterline::live::{LiveClient, RoomServer, SharedMap};
use waterline::model::{Annotation, AnnotationKind, EventId, Map};
use waterline::ops::{Edit, Op};
use yrs::Doc;

const ROOMS: [&str; 4] = ["map-a", "map-b", "map-c", "map-d"];

fn sample(name: &str) -> Map {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample_maps")
        .join(name);
    waterline::io::load_file(&path).unwrap()
}

fn canonical(map: &Map) -> String {
    String::from_utf8(waterline::io::canonical_bytes(map).unwrap()).unwrap()
}

/// Someone with the map open in a live session.
struct Person {
    doc: Document,
    client: LiveClient,
}

impl Person {
    fn hosting(url: &str, room: &str, map: Map) -> Person {
        let shared = SharedMap::hosting(Doc::new(), &map);
        let client = LiveClient::connect(url, room, shared.doc().clone(), no_wake()).unwrap();
        let mut doc = Document::new(map, None);
        doc.share_live(shared, true, "host");
        Person { doc, client }
    }

    fn joining(url: &str, room: &str, suffix: &str) -> Person {
        let shared = SharedMap::joining(Doc::new());
        let client = LiveClient::connect(url, room, shared.doc().clone(), no_wake()).unwrap();
        let mut doc = Document::new(Map::new(""), None);
        doc.share_live(shared, false, suffix);
        Person { doc, client }
    }

    fn edit(&mut self, label: &str, op: Op) {
        self.doc
            .apply(Edit::new(label, op))
            .expect("the edit applies");
    }

    fn card(&self, id: &EventId) -> &waterline::model::Event {
        self.doc.map().event(id).expect("the card is there")
    }
}

/// Pumps everyone (each waits briefly on its connection: no fixed sleeps) and takes in
/// the room's changes, until `done` holds; fails after the watchdog.
fn pump_until(
    clock: &Clock,
    people: &mut [&mut Person],
    what: &str,
    done: impl Fn(&[&mut Person]) -> bool,
) {
    let deadline = Instant::now() + WATCHDOG;
    loop {
        for person in people.iter_mut() {
            person
                .client
                .pump_wait(clock.now(), Duration::from_millis(10));
            person
                .doc
                .take_room_changes()
                .expect("the room's map reads");
        }
        if done(people) {
            return;
        }
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
    }
}

fn same_map(people: &[&mut Person]) -> bool {
    let first = canonical(people[0].doc.map());
    people.iter().all(|p| canonical(p.doc.map()) == first)
}

fn note(text: &str) -> Annotation {
    Annotation {
        kind: AnnotationKind::Note,
        text: text.into(),
        themes: Vec::new(),
        kept_words: Vec::new(),
        extra: Default::default(),
    }
}

#[test]
fn two_people_editing_one_map_end_with_the_same_file() {
    for server in servers(&ROOMS) {
        let clock = Clock::new();
        let original = sample("checkout-outage.json");
        let mut a = Person::hosting(&server.url(), "map-a", original.clone());
        let mut b = Person::joining(&server.url(), "map-a", "bbbb");
        pump_until(
            &clock,
            &mut [&mut a, &mut b],
            "the joiner has the map",
            same_map,
        );
        assert_eq!(canonical(b.doc.map()), canonical(&original));

        // At the same time: A retitles a card, B moves it and notes on another, both add
        // a card and a note to the same card.
        let (one, two) = (original.events[0].id.clone(), original.events[1].id.clone());
        let mut card = a.card(&one).clone();
        card.title = "Checkout errors page the on-call".into();
        card.annotations
            .push(note("A: we thought it was the deploy"));
        a.edit("Edit title", Op::UpdateEvent(card));
        let mut card = b.card(&one).clone();
        card.pos += 2.0;
        card.annotations.push(note("B: the dashboard was green"));
        b.edit("Move card", Op::UpdateEvent(card));
        let mut card = b.card(&two).clone();
        card.description = "Said in the debrief: nobody owned the alert".into();
        b.edit("Edit description", Op::UpdateEvent(card));
        for (person, title) in [(&mut a, "Added by A"), (&mut b, "Added by B")] {
            let mut card = original.events[2].clone();
            card.id = person.doc.map().next_event_id();
            card.title = title.into();
            card.annotations.clear();
            let index = person.doc.map().events.len();
            person.edit("Add card", Op::InsertEvent { index, event: card });
        }
        pump_until(&clock, &mut [&mut a, &mut b], "both have every edit", |p| {
            same_map(p) && p[0].doc.map().events.len() == original.events.len() + 2
        });
        let card = a.card(&one);
        assert_eq!(card.title, "Checkout errors page the on-call");
        assert_eq!(card.pos, original.events[0].pos + 2.0);
        let notes: Vec<&str> = card.annotations.iter().map(|n| n.text.as_str()).collect();
        assert!(
            notes.contains(&"A: we thought it was the deploy"),
            "{notes:?}"
        );
        assert!(notes.contains(&"B: the dashboard was green"), "{notes:?}");
        assert_eq!(
            a.card(&two).description,
            "Said in the debrief: nobody owned the alert"
        );

        // B's undo takes back B's latest edit only, for everyone.
        assert_eq!(b.doc.undo().as_deref(), Some("Add card"));
        assert_eq!(b.doc.undo().as_deref(), Some("Edit description"));
        pump_until(&clock, &mut [&mut a, &mut b], "the undo reached A", |p| {
            same_map(p)
                && p[0].doc.map().event(&two).unwrap().description == original.events[1].description
        });
        assert_eq!(a.card(&one).title, "Checkout errors page the on-call");
        assert!(a.doc.map().events.iter().any(|e| e.title == "Added by A"));
        assert!(!a.doc.map().events.iter().any(|e| e.title == "Added by B"));
    }
}

#[test]
fn the_node_yjs_client_edits_a_card_of_a_shared_map() {
    for server in servers(&ROOMS) {
        if let Err(reason) = ensure_node() {
            eprintln!("skipped: {reason}");
            return;
        }
        let clock = Clock::new();
        let original = sample("small.json");
        let mut a = Person::hosting(&server.url(), "map-b", original.clone());
        let mut check = Person::joining(&server.url(), "map-b", "cccc");
        pump_until(
            &clock,
            &mut [&mut a, &mut check],
            "the room has the map",
            same_map,
        );
        let id = original.events[0].id.clone();
        let out = Command::new("node")
            .arg(node_dir().join("map_client.cjs"))
            .args([
                &server.url(),
                "map-b",
                id.as_str(),
                "Retitled in Node",
                "A note from Node",
            ])
            .stderr(Stdio::inherit())
            .output()
            .expect("node runs");
        assert!(out.status.success(), "the node client failed");
        let seen: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        // Node reads what Waterline wrote: the title and every card.
        assert_eq!(seen["title"], original.title.as_str());
        assert_eq!(
            seen["events"].as_object().unwrap().len(),
            original.events.len()
        );
        assert_eq!(
            seen["events"][id.as_str()]["lane"],
            original.events[0].lane.as_str()
        );
        pump_until(&clock, &mut [&mut a], "Node's edit arrived", |p| {
            p[0].doc.map().event(&id).unwrap().title == "Retitled in Node"
        });
        let card = a.card(&id);
        assert!(
            card.annotations
                .iter()
                .any(|n| n.text == "A note from Node")
        );
    }
}

/// Reads a child's stdout lines on a thread, so a test can wait for a line.
pub fn lines_of(child: &mut std::process::Child) -> mpsc::Receiver<String> {
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    rx
}

pub fn wait_for_line(lines: &mpsc::Receiver<String>, wanted: &str) {
    let deadline = Instant::now() + WATCHDOG;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match lines.recv_timeout(left) {
            Ok(line) if line.contains(wanted) => return,
            Ok(_) => {}
            Err(_) => panic!("no line with {wanted:?} within the watchdog"),
        }
    }
}

#[test]
fn share_keeps_a_file_up_to_date_with_the_room_and_pull_writes_the_room() {
    for server in servers(&ROOMS) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("debrief.json");
        let original = sample("checkout-outage.json");
        waterline::io::save_file(&original, &file).unwrap();
        let mut share = Command::new(env!("CARGO_BIN_EXE_waterline"))
            .arg("share")
            .arg(&file)
            .args([
                "--server",
                &server.url(),
                "--room",
                "map-c",
                "--stop-after",
                "60",
            ])
            .env("WATERLINE_DATA_DIR", dir.path().join("data"))
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let lines = lines_of(&mut share);
        wait_for_line(&lines, "shared");

        // "shared" is printed as the map is queued, not once the server has it: B reading
        // it from the room is what says the server holds it, before the pull.
        let clock = Clock::new();
        let mut b = Person::joining(&server.url(), "map-c", "bbbb");
        pump_until(&clock, &mut [&mut b], "B has the map", |p| {
            p[0].doc.map().events.len() == original.events.len()
        });

        let pulled = dir.path().join("pulled.json");
        let status = Command::new(env!("CARGO_BIN_EXE_waterline"))
            .args(["pull", &server.url(), "--room", "map-c", "-o"])
            .arg(&pulled)
            .status()
            .unwrap();
        assert!(status.success());
        let pulled_map = waterline::io::load_file(&pulled).unwrap();
        assert_eq!(canonical(&pulled_map), canonical(&original));

        // Someone edits in the room: share saves it to the file.
        let mut card = b.doc.map().events[0].clone();
        card.title = "Edited live by B".into();
        b.edit("Edit title", Op::UpdateEvent(card));
        b.client.pump(clock.now());
        wait_for_line(&lines, "saved");
        let saved = waterline::io::load_file(&file).unwrap();
        assert_eq!(saved.events[0].title, "Edited live by B");

        // A pull with the room given as a join link, into an existing file: refused
        // without --force.
        let link = format!("{}/map-c", server.url());
        let refused = Command::new(env!("CARGO_BIN_EXE_waterline"))
            .args(["pull", &link, "-o"])
            .arg(&pulled)
            .output()
            .unwrap();
        assert_eq!(refused.status.code(), Some(2));
        let status = Command::new(env!("CARGO_BIN_EXE_waterline"))
            .args(["pull", &link, "--force", "-o"])
            .arg(&pulled)
            .status()
            .unwrap();
        assert!(status.success());
        assert_eq!(
            waterline::io::load_file(&pulled).unwrap().events[0].title,
            "Edited live by B"
        );
        let _ = share.kill();
        let _ = share.wait();
    }
}

#[test]
fn pull_from_an_empty_room_says_so_and_writes_nothing() {
    let server = RoomServer::start("127.0.0.1:0".parse().unwrap(), vec!["map-d".into()]).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_waterline"))
        .args([
            "pull",
            &format!("ws://{}", server.local_addr()),
            "--room",
            "map-d",
            "-o",
        ])
        .arg(dir.path().join("x.json"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("no map yet"));
    assert!(!dir.path().join("x.json").exists());
}

#[test]
fn through_a_server_restart_both_keep_editing_offline_and_nothing_is_lost() {
    let port = free_port();
    let server = match YWebsocketServer::start_on(port) {
        Ok(server) => server,
        Err(reason) => return eprintln!("skipped: {reason}"),
    };
    let clock = Clock::new();
    let original = sample("checkout-outage.json");
    let mut a = Person::hosting(&server.url(), "map-a", original.clone());
    let mut b = Person::joining(&server.url(), "map-a", "bbbb");
    pump_until(
        &clock,
        &mut [&mut a, &mut b],
        "the joiner has the map",
        same_map,
    );
    drop(server);
    pump_until(
        &clock,
        &mut [&mut a, &mut b],
        "both see they are offline",
        |p| {
            p.iter()
                .all(|p| matches!(p.client.status(), waterline::live::Status::Offline { .. }))
        },
    );
    // Offline, each goes on editing: their own map shows it at once.
    let (one, two) = (original.events[0].id.clone(), original.events[1].id.clone());
    let mut card = a.card(&one).clone();
    card.title = "Edited by A while the server was down".into();
    a.edit("Edit title", Op::UpdateEvent(card));
    let mut card = b.card(&two).clone();
    card.annotations
        .push(note("B's note while the server was down"));
    b.edit("Add note", Op::UpdateEvent(card));
    assert_eq!(a.card(&one).title, "Edited by A while the server was down");

    // The server comes back empty (it keeps nothing): the clients give the room back.
    let server = YWebsocketServer::start_on(port).expect("the server restarts on its port");
    pump_until(
        &clock,
        &mut [&mut a, &mut b],
        "both edits everywhere",
        |p| {
            same_map(p)
                && p[0]
                    .doc
                    .map()
                    .event(&two)
                    .unwrap()
                    .annotations
                    .iter()
                    .any(|n| n.text.contains("B's note"))
                && p[1]
                    .doc
                    .map()
                    .event(&one)
                    .unwrap()
                    .title
                    .contains("Edited by A")
        },
    );
    // A late joiner gets the whole map from the restarted server.
    let mut late = Person::joining(&server.url(), "map-a", "cccc");
    pump_until(
        &clock,
        &mut [&mut a, &mut late],
        "the late joiner has it all",
        same_map,
    );
    assert_eq!(late.doc.map().events.len(), original.events.len());
}
