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
    /// The room server, when this app hosts the room (stops when the session ends).
    host: Option<RoomServer>,
    /// What others paste in File > Join live… to come in.
    pub link: String,
    pub name: String,
    pub colour: Color32,
    /// The view follows whoever is presenting.
    pub follow: bool,
    /// The presence last published, so it is sent only when it changes.
    published: Option<serde_json::Value>,
}

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
                host,
                link,
                name: name.to_owned(),
                colour,
                follow: false,
                published: None,
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
        for event in self.client.pump(now_ms) {
            match event {
                ClientEvent::Status(status) => said = Some(describe(&status)),
                ClientEvent::Rejected(err) => {
                    said = Some(format!("Live: a message from the room was refused ({err})"))
                }
                ClientEvent::Received => {}
            }
        }
        said
    }

    pub fn status(&self) -> Status {
        self.client.status()
    }

    /// Publishes this person's selection and view when they changed.
    pub fn publish(&mut self, selection: &[CardId], look: Look, presenting: bool) {
        let now = state(&self.name, self.colour, selection, look, presenting);
        if self.published.as_ref() != Some(&now) {
            self.client.peer_mut().set_presence(&now);
            self.published = Some(now);
        }
    }

    /// Everyone else in the room.
    pub fn people(&self) -> Vec<Person> {
        self.client
            .peer()
            .peers()
            .iter()
            .map(|(client, state)| person(*client, state))
            .collect()
    }

    /// Leaves the room: presence withdrawn, the hosted room stopped.
    pub fn leave(mut self) {
        self.client.leave();
        self.client.pump(0);
        drop(self.host.take());
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
