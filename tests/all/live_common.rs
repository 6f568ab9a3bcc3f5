//! Harness for the live tests: the standard y-websocket server (Node, pinned in tests/node)
//! as a guard that stops it on drop, the Node reference client, and helpers for plain Y maps.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::sync::mpsc;
use std::time::{Duration, Instant};
use waterline::live::LiveClient;
use yrs::types::ToJson;
use yrs::{Doc, Map, MapPrelim, MapRef, Out, Transact};

/// Every wait in these tests gives up after this long, so a hang cannot stall CI.
pub const WATCHDOG: Duration = Duration::from_secs(20);

pub fn node_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/node")
}

/// Makes sure tests/node/node_modules is installed. `Err` is a reason to skip: only an
/// unreachable npm registry (or, outside CI, a machine without node) may skip.
pub fn ensure_node() -> Result<(), String> {
    static INSTALLED: Mutex<Option<Result<(), String>>> = Mutex::new(None);
    let mut state = INSTALLED.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(result) = &*state {
        return result.clone();
    }
    let in_ci = std::env::var("CI").is_ok_and(|v| v == "true");
    let result = (|| {
        if Command::new("node").arg("--version").output().is_err() {
            assert!(!in_ci, "node is missing on CI: .ci/run must install it");
            return Err("node is not installed".to_owned());
        }
        if node_dir()
            .join("node_modules/y-websocket/bin/server.cjs")
            .exists()
        {
            return Ok(());
        }
        let out = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--prefix"])
            .arg(node_dir())
            .output()
            .map_err(|e| format!("npm could not run: {e}"))?;
        if out.status.success() {
            Ok(())
        } else {
            let err = String::from_utf8_lossy(&out.stderr);
            Err(format!(
                "npm registry unreachable ({})",
                err.lines().last().unwrap_or("")
            ))
        }
    })();
    *state = Some(result.clone());
    result
}

/// A free port on 127.0.0.1 (bound, read, released).
pub fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// The standard y-websocket 2.1.0 server, on 127.0.0.1. Killed on drop.
pub struct YWebsocketServer {
    child: Child,
    pub port: u16,
}

impl YWebsocketServer {
    pub fn start() -> Result<YWebsocketServer, String> {
        Self::start_on(free_port())
    }

    /// Starts it on `port` and waits for its "running at" line.
    pub fn start_on(port: u16) -> Result<YWebsocketServer, String> {
        ensure_node()?;
        let mut child = Command::new("node")
            .arg(node_dir().join("node_modules/y-websocket/bin/server.cjs"))
            .env("HOST", "127.0.0.1")
            .env("PORT", port.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("node could not start: {e}"))?;
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        // Reads to the end, so the server never blocks on a full pipe.
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if line.contains("running at") {
                    let _ = tx.send(());
                }
            }
        });
        let server = YWebsocketServer { child, port };
        rx.recv_timeout(WATCHDOG)
            .expect("the y-websocket server did not say it was running");
        Ok(server)
    }

    pub fn url(&self) -> String {
        format!("ws://127.0.0.1:{}", self.port)
    }
}

impl Drop for YWebsocketServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs the Node reference client (tests/node/client.cjs): it writes `write_id`, waits for
/// `wait_id` and returns the room's events as JSON.
pub fn node_client(
    server: &str,
    room: &str,
    write: (&str, &str),
    wait_id: &str,
) -> serde_json::Value {
    let out = Command::new("node")
        .arg(node_dir().join("client.cjs"))
        .args([server, room, write.0, write.1, wait_id])
        .stderr(Stdio::inherit())
        .output()
        .expect("node client");
    assert!(out.status.success(), "the node client failed");
    serde_json::from_slice(&out.stdout).expect("node client JSON")
}

pub fn events(doc: &Doc) -> MapRef {
    doc.get_or_insert_map("events")
}

/// Sets events[id].title, creating the card map if needed.
pub fn set_title(doc: &Doc, id: &str, title: &str) {
    let map = events(doc);
    let mut txn = doc.transact_mut();
    let card: MapRef = match map.get(&txn, id) {
        Some(Out::YMap(m)) => m,
        _ => map.insert(&mut txn, id, MapPrelim::default()),
    };
    card.insert(&mut txn, "title", title);
}

pub fn title(doc: &Doc, id: &str) -> Option<String> {
    let map = events(doc);
    let txn = doc.transact();
    match map.get(&txn, id)? {
        Out::YMap(card) => Some(card.get(&txn, "title")?.to_string(&txn)),
        _ => None,
    }
}

/// The whole "events" map as JSON with sorted keys, to compare replicas (a Y map's
/// iteration order differs between replicas).
pub fn snapshot(doc: &Doc) -> String {
    let map = events(doc);
    let txn = doc.transact();
    let value = serde_json::to_value(map.to_json(&txn)).unwrap_or_default();
    sorted(value).to_string()
}

fn sorted(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(map) => {
            let mut entries: Vec<_> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            serde_json::Value::Object(entries.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        other => other,
    }
}

/// Milliseconds since the test began: the clock the clients are given.
pub struct Clock(Instant);
impl Clock {
    pub fn new() -> Clock {
        Clock(Instant::now())
    }
    pub fn now(&self) -> u64 {
        self.0.elapsed().as_millis() as u64
    }
}

/// Pumps the clients until `done` holds, each waiting briefly on its connection's events
/// (no spinning, no fixed sleeps); panics after [`WATCHDOG`].
pub fn pump_until(
    clock: &Clock,
    clients: &mut [&mut LiveClient],
    what: &str,
    done: impl Fn(&[&mut LiveClient]) -> bool,
) {
    let deadline = Instant::now() + WATCHDOG;
    loop {
        for c in clients.iter_mut() {
            c.pump_wait(clock.now(), Duration::from_millis(10));
        }
        if done(clients) {
            return;
        }
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
    }
}

/// A wake function for tests: nothing to repaint.
pub fn no_wake() -> std::sync::Arc<dyn Fn() + Send + Sync> {
    std::sync::Arc::new(|| {})
}

/// A server under test: the standard one (Node), or the room server Waterline hosts.
pub enum Server {
    Node(YWebsocketServer),
    Ours(waterline::live::RoomServer),
}

impl Server {
    pub fn url(&self) -> String {
        match self {
            Server::Node(s) => s.url(),
            Server::Ours(s) => format!("ws://{}", s.local_addr()),
        }
    }
}

/// Both servers serving `rooms`, or only ours when Node cannot be set up here (printed as
/// skipped; the standard server serves any room).
pub fn servers(rooms: &[&str]) -> Vec<Server> {
    let ours = waterline::live::RoomServer::start(
        "127.0.0.1:0".parse().unwrap(),
        rooms.iter().map(|r| r.to_string()).collect(),
    )
    .unwrap();
    let mut all = vec![Server::Ours(ours)];
    match YWebsocketServer::start() {
        Ok(node) => all.push(Server::Node(node)),
        Err(reason) => eprintln!("skipped (node server): {reason}"),
    }
    all
}
