//! `wss://` with a real certificate (issue 19): a test CA (rcgen) signs a certificate for
//! localhost, and a small TLS front (rustls, threads) terminates TLS before our room
//! server, as a reverse proxy would in front of a team's y-websocket server. Clients that
//! are given the CA file sync through it, `waterline share` and `waterline pull` with
//! `--ca-file` work through it, and a client without the CA is told the certificate is not
//! trusted.

use crate::live_common::*;
use crate::live_maps::{lines_of, wait_for_line};
use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, ExtendedKeyUsagePurpose, IsCa, KeyPair,
    KeyUsagePurpose,
};
use rustls::pki_types::PrivateKeyDer;
use rustls::{ServerConfig, ServerConnection, StreamOwned};
use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use waterline::live::{LiveClient, RoomServer, SharedMap, Status, TlsOptions};
use waterline::model::Map;
use yrs::Doc;

/// How long a relay read waits before looking at the other side (and the stop flag).
const POLL: Duration = Duration::from_millis(10);

/// A CA written to `ca.pem` in a temporary folder, and a server configuration presenting
/// a certificate it signed for `localhost` and 127.0.0.1.
struct TestCa {
    _dir: tempfile::TempDir,
    ca_pem: PathBuf,
    server: Arc<ServerConfig>,
}

impl TestCa {
    fn new() -> TestCa {
        let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        ca_params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "Waterline test CA");
        let ca = CertifiedIssuer::self_signed(ca_params, KeyPair::generate().unwrap()).unwrap();

        let mut leaf_params =
            CertificateParams::new(vec!["localhost".to_owned(), "127.0.0.1".to_owned()]).unwrap();
        leaf_params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        let leaf_key = KeyPair::generate().unwrap();
        let leaf = leaf_params.signed_by(&leaf_key, &ca).unwrap();

        let dir = tempfile::tempdir().unwrap();
        let ca_pem = dir.path().join("ca.pem");
        std::fs::write(&ca_pem, ca.pem()).unwrap();
        let key = PrivateKeyDer::Pkcs8(leaf_key.serialize_der().into());
        let server = ServerConfig::builder()
            .with_no_client_auth()
            .with_single_cert(vec![leaf.der().clone(), ca.der().clone()], key)
            .unwrap();
        TestCa {
            _dir: dir,
            ca_pem,
            server: Arc::new(server),
        }
    }

    fn tls(&self) -> TlsOptions {
        TlsOptions {
            extra_ca_pem: Some(self.ca_pem.clone()),
        }
    }
}

/// Terminates TLS on 127.0.0.1 and relays the plain bytes to `target`. Dropping it stops
/// and joins every thread it started.
struct TlsFront {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    acceptor: Option<JoinHandle<()>>,
}

impl TlsFront {
    fn start(target: SocketAddr, config: Arc<ServerConfig>) -> TlsFront {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let acceptor = std::thread::spawn(move || {
            let mut relays = Vec::new();
            for inbound in listener.incoming() {
                if flag.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(inbound) = inbound else { continue };
                let (config, flag) = (config.clone(), flag.clone());
                relays.push(std::thread::spawn(move || {
                    relay(inbound, target, config, &flag);
                }));
            }
            for relay in relays {
                let _ = relay.join();
            }
        });
        TlsFront {
            addr,
            stop,
            acceptor: Some(acceptor),
        }
    }

    /// The address a client uses: by name, so the certificate's DNS name is checked.
    fn url(&self) -> String {
        format!("wss://localhost:{}", self.addr.port())
    }
}

impl Drop for TlsFront {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // The acceptor blocks in accept(): a connection of our own wakes it to see the flag.
        if TcpStream::connect(self.addr).is_ok()
            && let Some(acceptor) = self.acceptor.take()
        {
            let _ = acceptor.join();
        }
    }
}

fn is_timeout(e: &std::io::Error) -> bool {
    matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut)
}

/// One connection: TLS from the client, plain to the server, on one thread that reads
/// each side in turn with a short timeout until either side closes or the front stops.
fn relay(inbound: TcpStream, target: SocketAddr, config: Arc<ServerConfig>, stop: &AtomicBool) {
    let Ok(mut plain) = TcpStream::connect(target) else {
        return;
    };
    let Ok(conn) = ServerConnection::new(config) else {
        return;
    };
    if inbound.set_read_timeout(Some(POLL)).is_err() || plain.set_read_timeout(Some(POLL)).is_err()
    {
        return;
    }
    let mut tls = StreamOwned::new(conn, inbound);
    let mut buf = [0u8; 16384];
    while !stop.load(Ordering::SeqCst) {
        // rustls keeps a partly read record (or handshake) across a timed-out read.
        match tls.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                if plain.write_all(&buf[..n]).is_err() {
                    break;
                }
            }
            Err(e) if is_timeout(&e) => {}
            Err(_) => break, // a client that does not trust us ends the handshake here
        }
        match plain.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                if tls.write_all(&buf[..n]).and_then(|()| tls.flush()).is_err() {
                    break;
                }
            }
            Err(e) if is_timeout(&e) => {}
            Err(_) => break,
        }
    }
    tls.conn.send_close_notify();
    let _ = tls.flush();
}

/// Our room server serving `rooms`, behind a TLS front with a certificate from `ca`.
fn wss_server(ca: &TestCa, rooms: &[&str]) -> (RoomServer, TlsFront) {
    let server = RoomServer::start(
        "127.0.0.1:0".parse().unwrap(),
        rooms.iter().map(|r| r.to_string()).collect(),
    )
    .unwrap();
    let front = TlsFront::start(server.local_addr(), ca.server.clone());
    (server, front)
}

fn synced(c: &LiveClient) -> bool {
    c.status() == Status::Online { synced: true }
}

#[test]
fn clients_trusting_the_ca_file_co_edit_over_wss() {
    let ca = TestCa::new();
    let (server, front) = wss_server(&ca, &["room-a"]);
    let clock = Clock::new();
    let connect = |url: &str, tls: TlsOptions| {
        LiveClient::connect_with(url, "room-a", Doc::new(), tls, no_wake()).unwrap()
    };
    // Two over TLS (by name and by address, both in the certificate) and one plain,
    // straight to the server: all in the same room.
    let mut a = connect(&front.url(), ca.tls());
    let by_ip = format!("wss://127.0.0.1:{}", front.addr.port());
    let mut b = connect(&by_ip, ca.tls());
    let mut plain = connect(
        &format!("ws://{}", server.local_addr()),
        TlsOptions::default(),
    );
    pump_until(
        &clock,
        &mut [&mut a, &mut b, &mut plain],
        "all synced",
        |c| c.iter().all(|c| synced(c)),
    );
    set_title(a.doc(), "e1", "from a over wss");
    set_title(b.doc(), "e2", "from b over wss");
    set_title(plain.doc(), "e3", "from the plain client");
    pump_until(
        &clock,
        &mut [&mut a, &mut b, &mut plain],
        "everyone has every card",
        |c| {
            c.iter().all(|c| {
                ["e1", "e2", "e3"]
                    .iter()
                    .all(|id| title(c.doc(), id).is_some())
            }) && snapshot(c[0].doc()) == snapshot(c[1].doc())
                && snapshot(c[1].doc()) == snapshot(c[2].doc())
        },
    );
    assert_eq!(title(plain.doc(), "e1").as_deref(), Some("from a over wss"));
    assert_eq!(
        title(a.doc(), "e3").as_deref(),
        Some("from the plain client")
    );
}

#[test]
fn without_the_ca_file_the_certificate_is_named_as_the_problem() {
    let ca = TestCa::new();
    let (_server, front) = wss_server(&ca, &["room-a"]);
    let clock = Clock::new();
    let mut c = LiveClient::connect(&front.url(), "room-a", Doc::new(), no_wake()).unwrap();
    pump_until(&clock, &mut [&mut c], "offline", |c| {
        matches!(c[0].status(), Status::Offline { .. })
    });
    let Status::Offline { reason } = c.status() else {
        unreachable!()
    };
    // Not "connection lost": the certificate, and what to do about it.
    assert!(reason.contains("certificate is not trusted"), "{reason}");
    assert!(reason.contains("UnknownIssuer"), "{reason}");
    assert!(reason.contains("CA file"), "{reason}");
    set_title(c.doc(), "e1", "kept while refused");
    assert_eq!(title(c.doc(), "e1").as_deref(), Some("kept while refused"));
}

/// Puts `map` in `room` through the TLS front the way the app's host does, and waits
/// until the server surely holds it.
fn put_map(front: &TlsFront, ca: &TestCa, server: &RoomServer, room: &str, map: &Map) {
    let clock = Clock::new();
    let shared = SharedMap::hosting(Doc::new(), map);
    let mut host = LiveClient::connect_with(
        &front.url(),
        room,
        shared.doc().clone(),
        ca.tls(),
        no_wake(),
    )
    .unwrap();
    pump_until(&clock, &mut [&mut host], "the host synced", |c| {
        synced(c[0])
    });
    wait_for_map(server, room, map.events.len(), &mut host);
}

/// Waits until a client of its own (plain, straight to the server) reads a map of `cards`
/// cards in `room`, pumping `also` meanwhile (if given).
fn wait_for_map(server: &RoomServer, room: &str, cards: usize, also: &mut LiveClient) {
    let clock = Clock::new();
    let mut reader_map = SharedMap::joining(Doc::new());
    let mut reader = LiveClient::connect(
        &format!("ws://{}", server.local_addr()),
        room,
        reader_map.doc().clone(),
        no_wake(),
    )
    .unwrap();
    let deadline = Instant::now() + WATCHDOG;
    loop {
        reader.pump_wait(clock.now(), Duration::from_millis(10));
        also.pump_wait(clock.now(), Duration::from_millis(10));
        let read = reader_map.read_map(&Map::new(""), false);
        if synced(&reader) && read.is_ok_and(|(m, _)| m.events.len() == cards) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for the map in the room"
        );
    }
}

fn sample() -> Map {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_maps/checkout-outage.json");
    waterline::io::load_file(&path).unwrap()
}

fn canonical(map: &Map) -> Vec<u8> {
    waterline::io::canonical_bytes(map).unwrap()
}

fn pull(url: &str, room: &str, ca_file: Option<&Path>, out: &Path) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_waterline"));
    cmd.args(["pull", url, "--room", room, "-o"]).arg(out);
    if let Some(ca) = ca_file {
        cmd.arg("--ca-file").arg(ca);
    }
    cmd.output().unwrap()
}

#[test]
fn pull_over_wss_with_the_ca_file_writes_the_rooms_map() {
    let ca = TestCa::new();
    let (server, front) = wss_server(&ca, &["map-a"]);
    let map = sample();
    put_map(&front, &ca, &server, "map-a", &map);

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("pulled.json");
    let pulled = pull(&front.url(), "map-a", Some(&ca.ca_pem), &out);
    assert!(
        pulled.status.success(),
        "{}",
        String::from_utf8_lossy(&pulled.stderr)
    );
    assert_eq!(
        canonical(&waterline::io::load_file(&out).unwrap()),
        canonical(&map)
    );
}

/// A child process killed on drop, so a failing test leaves no `share` running.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn share_over_wss_with_the_ca_file_puts_the_map_in_the_room() {
    let ca = TestCa::new();
    let (server, front) = wss_server(&ca, &["map-b"]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("debrief.json");
    let map = sample();
    waterline::io::save_file(&map, &file).unwrap();
    let mut share = KillOnDrop(
        Command::new(env!("CARGO_BIN_EXE_waterline"))
            .arg("share")
            .arg(&file)
            .args(["--server", &front.url(), "--room", "map-b", "--ca-file"])
            .arg(&ca.ca_pem)
            .args(["--stop-after", "60"])
            .env("WATERLINE_DATA_DIR", dir.path().join("data"))
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap(),
    );
    let lines = lines_of(&mut share.0);
    wait_for_line(&lines, "shared");
    // A plain client straight to the server sees what `share` sent through TLS.
    let mut idle = LiveClient::connect(
        &format!("ws://{}", server.local_addr()),
        "map-b",
        Doc::new(),
        no_wake(),
    )
    .unwrap();
    wait_for_map(&server, "map-b", map.events.len(), &mut idle);
    // And a pull through TLS gets it all.
    let out = dir.path().join("pulled.json");
    let pulled = pull(&front.url(), "map-b", Some(&ca.ca_pem), &out);
    assert!(
        pulled.status.success(),
        "{}",
        String::from_utf8_lossy(&pulled.stderr)
    );
    assert_eq!(
        canonical(&waterline::io::load_file(&out).unwrap()),
        canonical(&map)
    );
}
