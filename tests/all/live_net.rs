//! Live co-editing over real WebSockets: our clients against the standard y-websocket
//! server (Node) and against our own room server, with the Node Yjs client as a reference,
//! plus late joiners, a server restart, a cut connection and presence.

use crate::live_common::*;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use waterline::live::{LiveClient, RoomServer, Status};
use yrs::Doc;

const ROOMS: [&str; 3] = ["room-a", "room-b", "room-c"];

fn join(url: &str, room: &str) -> LiveClient {
    LiveClient::connect(url, room, Doc::new(), no_wake()).unwrap()
}

fn synced(c: &LiveClient) -> bool {
    c.status() == Status::Online { synced: true }
}

#[test]
fn two_clients_converge_on_different_and_same_fields() {
    for server in servers(&ROOMS) {
        let clock = Clock::new();
        let mut a = join(&server.url(), "room-a");
        let mut b = join(&server.url(), "room-a");
        pump_until(&clock, &mut [&mut a, &mut b], "both synced", |c| {
            c.iter().all(|c| synced(c))
        });
        set_title(a.doc(), "e1", "from a");
        set_title(b.doc(), "e2", "from b");
        pump_until(&clock, &mut [&mut a, &mut b], "both see both cards", |c| {
            c.iter()
                .all(|c| title(c.doc(), "e1").is_some() && title(c.doc(), "e2").is_some())
        });
        assert_eq!(title(b.doc(), "e1").as_deref(), Some("from a"));
        assert_eq!(title(a.doc(), "e2").as_deref(), Some("from b"));
        // The same field written by both: both end with the same value, one of the two.
        set_title(a.doc(), "e3", "a's title");
        set_title(b.doc(), "e3", "b's title");
        pump_until(
            &clock,
            &mut [&mut a, &mut b],
            "the same title on both",
            |c| {
                let (ta, tb) = (title(c[0].doc(), "e3"), title(c[1].doc(), "e3"));
                ta.is_some() && ta == tb && snapshot(c[0].doc()) == snapshot(c[1].doc())
            },
        );
        let t = title(a.doc(), "e3").unwrap();
        assert!(t == "a's title" || t == "b's title");
    }
}

#[test]
fn a_node_yjs_client_and_ours_read_each_others_writes() {
    if let Err(reason) = ensure_node() {
        eprintln!("skipped: {reason}");
        return;
    }
    for server in servers(&ROOMS) {
        let clock = Clock::new();
        let url = server.url();
        let mut a = join(&url, "room-b");
        pump_until(&clock, &mut [&mut a], "synced", |c| synced(c[0]));
        set_title(a.doc(), "rust", "written in Rust");
        pump_until(&clock, &mut [&mut a], "sent", |_| true);
        let node = std::thread::spawn(move || {
            node_client(&url, "room-b", ("js", "written in JS"), "rust")
        });
        pump_until(&clock, &mut [&mut a], "the JS card arrives", |c| {
            title(c[0].doc(), "js").is_some()
        });
        assert_eq!(title(a.doc(), "js").as_deref(), Some("written in JS"));
        let seen = node.join().unwrap();
        assert_eq!(seen["rust"]["title"], "written in Rust");
    }
}

#[test]
fn a_late_joiner_gets_the_whole_room() {
    for server in servers(&ROOMS) {
        let clock = Clock::new();
        let mut a = join(&server.url(), "room-c");
        pump_until(&clock, &mut [&mut a], "synced", |c| synced(c[0]));
        for i in 0..200 {
            set_title(a.doc(), &format!("e{i}"), &format!("card {i}"));
        }
        let mut late = join(&server.url(), "room-c");
        pump_until(
            &clock,
            &mut [&mut a, &mut late],
            "the late joiner has all 200",
            |c| synced(c[1]) && snapshot(c[0].doc()) == snapshot(c[1].doc()),
        );
        assert_eq!(title(late.doc(), "e199").as_deref(), Some("card 199"));
    }
}

#[test]
fn presence_is_seen_through_the_server_and_goes_when_the_client_leaves() {
    for server in servers(&ROOMS) {
        let clock = Clock::new();
        let mut a = join(&server.url(), "room-a");
        let mut b = join(&server.url(), "room-a");
        pump_until(&clock, &mut [&mut a, &mut b], "both synced", |c| {
            c.iter().all(|c| synced(c))
        });
        a.peer_mut()
            .set_presence(&serde_json::json!({"user": {"name": "Ana", "color": "#e06c75"}}));
        let a_id = a.peer().client_id();
        pump_until(&clock, &mut [&mut a, &mut b], "B sees Ana", |c| {
            c[1].peer()
                .peers()
                .iter()
                .any(|(id, s)| *id == a_id && s["user"]["name"] == "Ana")
        });
        a.leave();
        pump_until(&clock, &mut [&mut a, &mut b], "Ana is gone for B", |c| {
            c[1].peer().peers().iter().all(|(id, _)| *id != a_id)
        });
    }
}

#[test]
fn a_wrong_room_is_refused_and_our_server_binds_where_asked() {
    let server =
        RoomServer::start("127.0.0.1:0".parse().unwrap(), vec!["wl-secret".into()]).unwrap();
    assert!(server.local_addr().ip().is_loopback());
    let clock = Clock::new();
    let mut c = join(&format!("ws://{}", server.local_addr()), "wl-guess");
    pump_until(&clock, &mut [&mut c], "refused", |c| {
        matches!(c[0].status(), Status::Offline { .. })
    });
    let Status::Offline { reason } = c.status() else {
        unreachable!()
    };
    assert!(reason.contains("404"), "{reason}");
}

#[test]
fn after_a_node_server_restart_the_clients_give_the_room_back() {
    let port = free_port();
    let server = match YWebsocketServer::start_on(port) {
        Ok(s) => s,
        Err(reason) => return eprintln!("skipped: {reason}"),
    };
    let clock = Clock::new();
    let mut a = join(&server.url(), "room-a");
    let mut b = join(&server.url(), "room-a");
    pump_until(&clock, &mut [&mut a, &mut b], "both synced", |c| {
        c.iter().all(|c| synced(c))
    });
    set_title(a.doc(), "before", "before the restart");
    pump_until(&clock, &mut [&mut a, &mut b], "B has it", |c| {
        title(c[1].doc(), "before").is_some()
    });
    drop(server);
    pump_until(&clock, &mut [&mut a, &mut b], "both offline", |c| {
        c.iter()
            .all(|c| matches!(c.status(), Status::Offline { .. }))
    });
    set_title(a.doc(), "offline-a", "edited offline by A");
    set_title(b.doc(), "offline-b", "edited offline by B");
    let server = YWebsocketServer::start_on(port).expect("restart on the same port");
    pump_until(
        &clock,
        &mut [&mut a, &mut b],
        "both back with everything",
        |c| {
            c.iter().all(|c| synced(c))
                && snapshot(c[0].doc()) == snapshot(c[1].doc())
                && title(c[0].doc(), "offline-b").is_some()
        },
    );
    // The new, empty server got the whole room from the clients: a newcomer sees it all.
    let mut late = join(&server.url(), "room-a");
    pump_until(
        &clock,
        &mut [&mut late],
        "the newcomer has all three",
        |c| {
            ["before", "offline-a", "offline-b"]
                .iter()
                .all(|id| title(c[0].doc(), id).is_some())
        },
    );
}

/// A TCP proxy in front of `target` that can be cut (all sockets closed) and restored.
struct Proxy {
    addr: SocketAddr,
    cut: Arc<AtomicBool>,
}

impl Proxy {
    fn start(target: SocketAddr) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let cut = Arc::new(AtomicBool::new(false));
        let flag = cut.clone();
        std::thread::spawn(move || {
            for inbound in listener.incoming() {
                let Ok(inbound) = inbound else { continue };
                if flag.load(Ordering::SeqCst) {
                    continue; // dropped: refused while cut
                }
                let Ok(outbound) = TcpStream::connect(target) else {
                    continue;
                };
                for (mut from, mut to) in [
                    (inbound.try_clone().unwrap(), outbound.try_clone().unwrap()),
                    (outbound, inbound),
                ] {
                    let flag = flag.clone();
                    std::thread::spawn(move || {
                        from.set_read_timeout(Some(std::time::Duration::from_millis(20)))
                            .unwrap();
                        let mut buf = [0u8; 16384];
                        while !flag.load(Ordering::SeqCst) {
                            match from.read(&mut buf) {
                                Ok(0) => break,
                                Ok(n) => {
                                    if to.write_all(&buf[..n]).is_err() {
                                        break;
                                    }
                                }
                                Err(e)
                                    if matches!(
                                        e.kind(),
                                        std::io::ErrorKind::WouldBlock
                                            | std::io::ErrorKind::TimedOut
                                    ) => {}
                                Err(_) => break,
                            }
                        }
                        let _ = from.shutdown(std::net::Shutdown::Both);
                        let _ = to.shutdown(std::net::Shutdown::Both);
                    });
                }
            }
        });
        Proxy { addr, cut }
    }
}

#[test]
fn a_cut_connection_loses_nothing() {
    for server in servers(&ROOMS) {
        let target: SocketAddr = server.url().trim_start_matches("ws://").parse().unwrap();
        let proxy = Proxy::start(target);
        let clock = Clock::new();
        let mut a = join(&format!("ws://{}", proxy.addr), "room-b");
        let mut b = join(&server.url(), "room-b");
        pump_until(&clock, &mut [&mut a, &mut b], "both synced", |c| {
            c.iter().all(|c| synced(c))
        });
        proxy.cut.store(true, Ordering::SeqCst);
        pump_until(&clock, &mut [&mut a, &mut b], "A offline", |c| {
            matches!(c[0].status(), Status::Offline { .. })
        });
        set_title(a.doc(), "cut-a", "A while cut off");
        set_title(b.doc(), "cut-b", "B meanwhile");
        proxy.cut.store(false, Ordering::SeqCst);
        pump_until(&clock, &mut [&mut a, &mut b], "converged", |c| {
            c.iter().all(|c| synced(c))
                && title(c[1].doc(), "cut-a").is_some()
                && title(c[0].doc(), "cut-b").is_some()
                && snapshot(c[0].doc()) == snapshot(c[1].doc())
        });
    }
}

#[test]
fn dropping_a_client_removes_its_presence_for_the_others() {
    for server in servers(&ROOMS) {
        let clock = Clock::new();
        let mut a = join(&server.url(), "room-c");
        let mut b = join(&server.url(), "room-c");
        pump_until(&clock, &mut [&mut a, &mut b], "both synced", |c| {
            c.iter().all(|c| synced(c))
        });
        b.peer_mut()
            .set_presence(&serde_json::json!({"user": {"name": "Bo"}}));
        pump_until(&clock, &mut [&mut a], "A sees Bo", |c| {
            c[0].peer().peers().len() == 1
        });
        drop(b);
        pump_until(&clock, &mut [&mut a], "Bo is gone for A", |c| {
            c[0].peer().peers().is_empty()
        });
    }
}

#[test]
fn an_unreachable_server_is_reported_and_the_client_stops_when_dropped() {
    let clock = Clock::new();
    let mut c = join(&format!("ws://127.0.0.1:{}", free_port()), "room-a");
    pump_until(&clock, &mut [&mut c], "offline", |c| {
        matches!(c[0].status(), Status::Offline { .. })
    });
    let Status::Offline { reason } = c.status() else {
        unreachable!()
    };
    assert!(reason.contains("refused"), "{reason}");
    // Edits while offline are kept in the document.
    set_title(c.doc(), "e1", "kept offline");
    assert_eq!(title(c.doc(), "e1").as_deref(), Some("kept offline"));
    drop(c); // joins the connection thread: the test would hang here if it did not stop
}

#[test]
fn wss_problems_are_reasons_not_panics() {
    let server = RoomServer::start("127.0.0.1:0".parse().unwrap(), vec!["room-a".into()]).unwrap();
    let wss = format!("wss://{}", server.local_addr());
    let clock = Clock::new();
    // A plain server spoken to with TLS.
    let mut plain = join(&wss, "room-a");
    // An extra CA file that does not exist, and one that is not PEM.
    let missing = waterline::live::TlsOptions {
        extra_ca_pem: Some("/nonexistent/ca.pem".into()),
    };
    let mut no_file =
        LiveClient::connect_with(&wss, "room-a", Doc::new(), missing, no_wake()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.pem");
    std::fs::write(&junk, "not a certificate").unwrap();
    let junk = waterline::live::TlsOptions {
        extra_ca_pem: Some(junk),
    };
    let mut bad_file =
        LiveClient::connect_with(&wss, "room-a", Doc::new(), junk, no_wake()).unwrap();
    pump_until(
        &clock,
        &mut [&mut plain, &mut no_file, &mut bad_file],
        "all offline",
        |c| {
            c.iter()
                .all(|c| matches!(c.status(), Status::Offline { .. }))
        },
    );
    let reason = |c: &LiveClient| match c.status() {
        Status::Offline { reason } => reason,
        other => panic!("{other:?}"),
    };
    assert!(reason(&no_file).contains("CA file"), "{}", reason(&no_file));
    assert!(
        reason(&bad_file).contains("CA file"),
        "{}",
        reason(&bad_file)
    );
    assert!(!reason(&plain).is_empty());
}

#[test]
fn our_server_shrugs_off_hostile_frames() {
    let server = RoomServer::start("127.0.0.1:0".parse().unwrap(), vec!["room-a".into()]).unwrap();
    let url = format!("ws://{}", server.local_addr());
    let (mut rogue, _) = tungstenite::connect(format!("{url}/room-a")).unwrap();
    let junk: [&[u8]; 6] = [
        &[],
        &[0],
        &[0, 2, 200, 1],
        &[1, 9, 1],
        &[0xff; 32],
        &[1, 12, 1, 128, 128, 128, 128, 128, 128, 128, 128, 16, 1, 0],
    ];
    for frame in junk {
        rogue
            .send(tungstenite::Message::Binary(frame.to_vec().into()))
            .unwrap();
    }
    rogue
        .send(tungstenite::Message::Text("hello".into()))
        .unwrap();
    let clock = Clock::new();
    let mut a = join(&url, "room-a");
    let mut b = join(&url, "room-a");
    pump_until(&clock, &mut [&mut a, &mut b], "both synced", |c| {
        c.iter().all(|c| synced(c))
    });
    set_title(a.doc(), "e1", "still works");
    pump_until(&clock, &mut [&mut a, &mut b], "B has it", |c| {
        title(c[1].doc(), "e1").is_some()
    });
    drop(rogue);
}
