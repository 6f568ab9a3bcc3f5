//! A small y-websocket-compatible server for hosting rooms from the app
//! (docs/sync-design.md §2.2): only the named rooms are served, anything else is a 404 at the
//! handshake, so a room's random name is its secret.
//!
//! One thread accepts; one thread per connection moves frames; one actor thread per room
//! owns that room's document and presence, so no locks are shared between connections.

use super::protocol::{decode_frame, forget};
use std::collections::{HashMap, HashSet};
use std::io::{self, ErrorKind};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use tungstenite::handshake::server::{ErrorResponse, Request, Response};
use tungstenite::http::StatusCode;
use tungstenite::{Message as WsMessage, WebSocket};
use yrs::sync::{Awareness, Message, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::{ClientID, Doc, ReadTxn, Transact, Update};

const READ_TIMEOUT: Duration = Duration::from_millis(50);
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(5);
const PING_EVERY: Duration = Duration::from_secs(30);

/// A running room server; dropping it closes every connection and stops its threads.
pub struct RoomServer {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    acceptor: Option<JoinHandle<()>>,
}

enum RoomMsg {
    Join(u64, Sender<Vec<u8>>),
    Frame(u64, Vec<u8>),
    Leave(u64),
}

impl RoomServer {
    /// Listens on `bind` (use 127.0.0.1 unless the user asked for more) and serves `rooms`.
    pub fn start(bind: SocketAddr, rooms: Vec<String>) -> io::Result<RoomServer> {
        let listener = TcpListener::bind(bind)?;
        let addr = listener.local_addr()?;
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let acceptor = std::thread::Builder::new()
            .name("waterline-room-accept".into())
            .spawn(move || accept_loop(listener, rooms, flag))?;
        Ok(RoomServer {
            addr,
            stop,
            acceptor: Some(acceptor),
        })
    }

    /// Where it listens (with the port picked if `bind` had port 0).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }
}

impl Drop for RoomServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // The acceptor blocks in accept(): a connection of our own wakes it to see the flag.
        let mut wake = self.addr;
        if wake.ip().is_unspecified() {
            wake.set_ip(if wake.is_ipv4() {
                std::net::Ipv4Addr::LOCALHOST.into()
            } else {
                std::net::Ipv6Addr::LOCALHOST.into()
            });
        }
        if TcpStream::connect_timeout(&wake, Duration::from_secs(1)).is_ok()
            && let Some(acceptor) = self.acceptor.take()
        {
            let _ = acceptor.join();
        }
        // If even that failed, the thread is left to end with the process rather than hang.
    }
}

fn accept_loop(listener: TcpListener, rooms: Vec<String>, stop: Arc<AtomicBool>) {
    let mut actors = HashMap::new();
    let mut actor_threads = Vec::new();
    for room in rooms {
        let (tx, rx) = mpsc::channel();
        if let Ok(t) = std::thread::Builder::new()
            .name("waterline-room".into())
            .spawn(move || room_actor(rx))
        {
            actors.insert(room, tx);
            actor_threads.push(t);
        }
    }
    let actors = Arc::new(actors);
    let mut conns = Vec::new();
    let mut next_id: u64 = 0;
    for stream in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        let Ok(stream) = stream else { continue };
        next_id += 1;
        let (id, actors, stop) = (next_id, actors.clone(), stop.clone());
        if let Ok(t) = std::thread::Builder::new()
            .name("waterline-room-conn".into())
            .spawn(move || serve_connection(stream, id, &actors, &stop))
        {
            conns.push(t);
        }
        conns.retain(|t: &JoinHandle<()>| !t.is_finished());
    }
    for t in conns {
        let _ = t.join();
    }
    // The last senders go with `actors`: each actor then sees its channel close and ends.
    drop(actors);
    for t in actor_threads {
        let _ = t.join();
    }
}

// The handshake callback's error type is tungstenite's `ErrorResponse`, not ours to shrink.
#[allow(clippy::result_large_err)]
fn serve_connection(
    stream: TcpStream,
    id: u64,
    actors: &HashMap<String, Sender<RoomMsg>>,
    stop: &AtomicBool,
) {
    let _ = stream.set_read_timeout(Some(HANDSHAKE_TIMEOUT));
    let _ = stream.set_write_timeout(Some(HANDSHAKE_TIMEOUT));
    let _ = stream.set_nodelay(true);
    let room: Mutex<Option<Sender<RoomMsg>>> = Mutex::new(None);
    let check = |req: &Request, resp: Response| -> Result<Response, ErrorResponse> {
        // y-websocket's rule: the room is the path after the first '/', query removed.
        let path = req.uri().path().strip_prefix('/').unwrap_or("");
        match actors.get(path) {
            Some(tx) => {
                *room.lock().unwrap_or_else(PoisonError::into_inner) = Some(tx.clone());
                Ok(resp)
            }
            None => {
                let mut refusal = ErrorResponse::new(Some("no such room".into()));
                *refusal.status_mut() = StatusCode::NOT_FOUND;
                Err(refusal)
            }
        }
    };
    let Ok(mut ws) = tungstenite::accept_hdr(stream, check) else {
        return;
    };
    let Some(room) = room.into_inner().unwrap_or_else(PoisonError::into_inner) else {
        return;
    };
    let _ = ws.get_ref().set_read_timeout(Some(READ_TIMEOUT));
    let (out_tx, out_rx) = mpsc::channel();
    if room.send(RoomMsg::Join(id, out_tx)).is_err() {
        return;
    }
    pump_connection(&mut ws, id, &room, &out_rx, stop);
    let _ = room.send(RoomMsg::Leave(id));
    let _ = ws.close(None);
    let _ = ws.flush();
}

fn pump_connection(
    ws: &mut WebSocket<TcpStream>,
    id: u64,
    room: &Sender<RoomMsg>,
    out: &Receiver<Vec<u8>>,
    stop: &AtomicBool,
) {
    let timeout = |e: &io::Error| matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut);
    let mut last_ping = Instant::now();
    while !stop.load(Ordering::SeqCst) {
        // As the y-websocket server: a ping every 30 s, so clients hear from us even in a
        // quiet room (the JS client reconnects after 30 s without a message).
        if last_ping.elapsed() >= PING_EVERY {
            if ws.write(WsMessage::Ping(Vec::new().into())).is_err() {
                return;
            }
            last_ping = Instant::now();
        }
        loop {
            match out.try_recv() {
                Ok(frame) => {
                    if ws.write(WsMessage::Binary(frame.into())).is_err() {
                        return;
                    }
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => return,
            }
        }
        match ws.flush() {
            Ok(()) => {}
            Err(tungstenite::Error::Io(e)) if timeout(&e) => {}
            Err(_) => return,
        }
        match ws.read() {
            Ok(WsMessage::Binary(bytes)) => {
                if room.send(RoomMsg::Frame(id, bytes.to_vec())).is_err() {
                    return;
                }
            }
            Ok(_) => {}
            Err(tungstenite::Error::Io(e)) if timeout(&e) => {}
            Err(_) => return,
        }
    }
}

struct RoomPeer {
    out: Sender<Vec<u8>>,
    /// The awareness client ids this connection speaks for, removed when it closes.
    clients: HashSet<ClientID>,
}

/// One room: its document, presence and connections. Runs until every sender is gone.
fn room_actor(rx: Receiver<RoomMsg>) {
    let mut awareness = Awareness::new(Doc::new());
    // What each applied update actually added, to relay only that (not a whole step 2).
    let fresh: Arc<Mutex<Vec<Vec<u8>>>> = Arc::default();
    let sink = fresh.clone();
    if awareness
        .doc()
        .observe_update_v1("relay", move |_, e| {
            sink.lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(e.update.clone())
        })
        .is_err()
    {
        return;
    }
    let mut peers: HashMap<u64, RoomPeer> = HashMap::new();
    let send = |peer: &RoomPeer, msg: &Message| {
        let _ = peer.out.send(msg.encode_v1());
    };
    for msg in rx {
        match msg {
            RoomMsg::Join(id, out) => {
                let peer = RoomPeer {
                    out,
                    clients: HashSet::new(),
                };
                // As the y-websocket server: step 1, then the presence it knows, two frames.
                let sv = awareness.doc().transact().state_vector();
                send(&peer, &Message::Sync(SyncMessage::SyncStep1(sv)));
                if let Ok(update) = awareness.update()
                    && !update.clients.is_empty()
                {
                    send(&peer, &Message::Awareness(update));
                }
                peers.insert(id, peer);
            }
            RoomMsg::Frame(id, bytes) => {
                // An unreadable frame is dropped; the connection stays.
                let Ok(messages) = decode_frame(&bytes) else {
                    continue;
                };
                for msg in messages {
                    handle(&mut awareness, &mut peers, id, msg, &fresh);
                }
            }
            RoomMsg::Leave(id) => {
                let Some(peer) = peers.remove(&id) else {
                    continue;
                };
                let ids: Vec<ClientID> = peer.clients.into_iter().collect();
                // Null at the same clock (as y-websocket does), so the client's next
                // announcement after a reconnection is accepted.
                forget(&mut awareness, &ids);
                if let Ok(update) = awareness.update_with_clients(ids)
                    && !update.clients.is_empty()
                {
                    let msg = Message::Awareness(update);
                    peers.values().for_each(|p| send(p, &msg));
                }
            }
        }
    }
}

fn handle(
    awareness: &mut Awareness,
    peers: &mut HashMap<u64, RoomPeer>,
    from: u64,
    msg: Message,
    fresh: &Mutex<Vec<Vec<u8>>>,
) {
    match msg {
        Message::Sync(SyncMessage::SyncStep1(sv)) => {
            let update = awareness.doc().transact().encode_state_as_update_v1(&sv);
            if let Some(peer) = peers.get(&from) {
                let _ = peer
                    .out
                    .send(Message::Sync(SyncMessage::SyncStep2(update)).encode_v1());
            }
        }
        Message::Sync(SyncMessage::SyncStep2(bytes) | SyncMessage::Update(bytes)) => {
            let Ok(update) = std::panic::catch_unwind(|| Update::decode_v1(&bytes)) else {
                return;
            };
            let Ok(update) = update else { return };
            // A panic in yrs on a malformed update must not end the room for everyone.
            let doc = awareness.doc();
            let applied = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                doc.transact_mut_with(from).apply_update(update)
            }));
            if !matches!(applied, Ok(Ok(()))) {
                return;
            }
            // Relayed to the others only: the sender has it already. (y-websocket relays to
            // everyone, sender included; a Yjs client ignores its own update either way.)
            let updates =
                std::mem::take(&mut *fresh.lock().unwrap_or_else(PoisonError::into_inner));
            for update in updates {
                let frame = Message::Sync(SyncMessage::Update(update)).encode_v1();
                for (id, peer) in peers.iter() {
                    if *id != from {
                        let _ = peer.out.send(frame.clone());
                    }
                }
            }
        }
        Message::Awareness(update) => {
            if let Some(peer) = peers.get_mut(&from) {
                for (client, entry) in &update.clients {
                    if entry.json.as_ref() == "null" {
                        peer.clients.remove(client);
                    } else {
                        peer.clients.insert(*client);
                    }
                }
            }
            let frame = Message::Awareness(update.clone()).encode_v1();
            if awareness.apply_update(update).is_err() {
                return;
            }
            // To everyone, the sender included, as y-websocket does: a client alone in a
            // room then still hears something every 15 s (its own renewal) and stays.
            for peer in peers.values() {
                let _ = peer.out.send(frame.clone());
            }
        }
        Message::AwarenessQuery => {
            if let (Some(peer), Ok(update)) = (peers.get(&from), awareness.update()) {
                let _ = peer.out.send(Message::Awareness(update).encode_v1());
            }
        }
        Message::Auth(_) | Message::Custom(..) => {}
    }
}
