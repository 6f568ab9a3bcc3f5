//! The window's live session: the connection to the room (and the room server when this
//! app hosts it), the join link to hand out, and the people in the room.

use super::presence::{Look, Person, colour_for, person, state};
use crate::live::url::{new_room_name, room_url, split_join_link};
use crate::live::{ClientEvent, LiveClient, RoomServer, SharedMap, Status};
use crate::model::{CardId, Map};
use egui::Color32;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, UdpSocket};
use yrs::Doc;

/// Calls the window back when the connection has news (from its thread).
pub type Wake = std::sync::Arc<dyn Fn() + Send + Sync>;

/// How a session is started.
#[derive(Clone, Debug, PartialEq)]
pub enum Start {
    /// Host the room in this app, listening on this address (127.0.0.1 unless the user
    /// picks another).
    Host { bind: SocketAddr },
    /// Put the map in a new room of a server (a y-websocket server).
    Server { url: String },
    /// Join the room of a link someone shared.
    Join { link: String },
}

/// A live session of the window.
pub struct LiveSession {
    client: LiveClient,
    /// The room server, when this app hosts the room: held for the session, stopped when
    /// the session is dropped.
    _host: Option<RoomServer>,
    /// What others paste in File > Join live… to come in.
    pub link: String,
    pub name: String,
    pub colour: Color32,
    /// The view follows whoever is presenting.
    pub follow: bool,
    /// What was last published, so presence is sent only when it changes.
    published: Option<(Vec<CardId>, egui::Rect, bool)>,
    /// Everyone else, read from their presence when it changes (not every frame).
    people: Vec<Person>,
    /// When `people` was last read (ms): presence also expires without news.
    people_read_at: Option<u64>,
}

/// Cards of one's selection shown to others at most: outlines, not a copy of the map.
const SELECTION_SHOWN: usize = 500;

impl LiveSession {
    /// Starts a session; the map goes into the room unless joining. Returns the session
    /// and the shared copy for the document, or an error in words.
    pub fn start(
        start: &Start,
        map: &Map,
        name: &str,
        wake: Wake,
    ) -> Result<(LiveSession, SharedMap), String> {
        let (shared, server_url, room, host) = match start {
            Start::Host { bind } => {
                let room = new_room_name();
                let server = RoomServer::start(*bind, vec![room.clone()])
                    .map_err(|err| format!("Could not host the room on {bind}: {err}"))?;
                let addr = server.local_addr();
                // Our own window connects over loopback when listening everywhere.
                let own = if addr.ip().is_unspecified() {
                    SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), addr.port())
                } else {
                    addr
                };
                let shared = SharedMap::hosting(Doc::new(), map);
                (shared, format!("ws://{own}"), room, Some(server))
            }
            Start::Server { url } => {
                let shared = SharedMap::hosting(Doc::new(), map);
                (shared, url.trim().to_owned(), new_room_name(), None)
            }
            Start::Join { link } => {
                let (server, room) = split_join_link(link).map_err(|err| err.to_string())?;
                (SharedMap::joining(Doc::new()), server, room, None)
            }
        };
        let client = LiveClient::connect(&server_url, &room, shared.doc().clone(), wake)
            .map_err(|err| err.to_string())?;
        let link = match &host {
            Some(server) => {
                let addr = server.local_addr();
                let shown = if addr.ip().is_unspecified() {
                    SocketAddr::new(network_address().unwrap_or(addr.ip()), addr.port())
                } else {
                    addr
                };
                format!("ws://{shown}/{room}")
            }
            None => room_url(&server_url, &room).map_err(|err| err.to_string())?,
        };
        let colour = colour_for(client.peer().client_id());
        Ok((
            LiveSession {
                client,
                _host: host,
                link,
                name: name.to_owned(),
                colour,
                follow: false,
                published: None,
                people: Vec::new(),
                people_read_at: None,
            },
            shared,
        ))
    }

    /// The end of the ids this person's new cards get: short, and theirs alone.
    pub fn id_suffix(&self) -> String {
        let mut n = self.client.peer().client_id() % 36u64.pow(4);
        let mut text = Vec::new();
        for _ in 0..4 {
            text.push(char::from_digit((n % 36) as u32, 36).unwrap_or('0'));
            n /= 36;
        }
        text.into_iter().collect()
    }

    /// Sends and receives; returns what the status bar should say about the connection
    /// when it changed.
    pub fn pump(&mut self, now_ms: u64) -> Option<String> {
        let mut said = None;
        let mut news = false;
        for event in self.client.pump(now_ms) {
            match event {
                ClientEvent::Status(status) => {
                    said = Some(describe(&status));
                    news = true;
                }
                ClientEvent::Rejected(err) => {
                    said = Some(format!("Live: a message from the room was refused ({err})"))
                }
                ClientEvent::Received => news = true,
            }
        }
        let stale = self
            .people_read_at
            .is_none_or(|at| now_ms.saturating_sub(at) >= 1_000);
        if news || stale {
            self.people = self
                .client
                .peer()
                .peers()
                .iter()
                .map(|(client, state)| person(*client, state))
                .collect();
            self.people_read_at = Some(now_ms);
        }
        said
    }

    pub fn status(&self) -> Status {
        self.client.status()
    }

    /// Publishes this person's selection and view when they changed.
    pub fn publish(&mut self, selection: &[CardId], look: Look, presenting: bool) {
        let selection = &selection[..selection.len().min(SELECTION_SHOWN)];
        let same = self.published.as_ref().is_some_and(|(cards, seen, was)| {
            cards.as_slice() == selection && *seen == look && *was == presenting
        });
        if !same {
            let now = state(&self.name, self.colour, selection, look, presenting);
            self.client.peer_mut().set_presence(&now);
            self.published = Some((selection.to_vec(), look, presenting));
        }
    }

    /// Everyone else in the room, as of the last pump.
    pub fn people(&self) -> &[Person] {
        &self.people
    }

    /// Leaves the room: presence withdrawn, the hosted room stopped.
    pub fn leave(mut self) {
        self.client.leave();
        // Closing a connection that is still trying to reach its server, or a room server
        // with a slow client, waits for their threads: never on the window's thread.
        let closing = std::thread::Builder::new()
            .name("waterline-live-close".to_owned())
            .spawn(move || drop(self));
        // Without a thread to spare, close here.
        drop(closing);
    }
}

/// The connection's state in words, for the status bar.
pub fn describe(status: &Status) -> String {
    match status {
        Status::Connecting => "Live: connecting…".to_owned(),
        Status::Online { synced: false } => "Live: connected, receiving the map…".to_owned(),
        Status::Online { synced: true } => "Live: connected".to_owned(),
        Status::Offline { reason } => {
            format!("Live: offline, changes kept; reconnecting ({reason})")
        }
    }
}

/// This computer's address on its network (the one its traffic leaves from), to offer
/// for hosting a room others can reach. No packet is sent.
pub fn network_address() -> Option<IpAddr> {
    let socket = UdpSocket::bind("0.0.0.0:0").ok()?;
    // A documentation address (TEST-NET-1): connecting a UDP socket only picks a route.
    socket.connect("192.0.2.1:9").ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
}
