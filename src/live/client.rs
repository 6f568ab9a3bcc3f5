//! A live client: the sans-IO [`Peer`] driven by a [`Connection`]. The owner calls
//! [`LiveClient::pump`] on its own thread (the UI's, on every wake-up) with the time.

use super::connection::{ConnEvent, Connection, TlsOptions, Wake};
use super::error::LiveError;
use super::protocol::Peer;
use super::url::room_url;
use std::time::Duration;
use yrs::Doc;

/// Where the session stands, for the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// The first connection attempt is under way.
    Connecting,
    /// Connected; `synced` once the room's state has arrived.
    Online { synced: bool },
    /// Not connected (edits are kept and sent on reconnection, which is being retried).
    Offline { reason: String },
}

/// What a [`LiveClient::pump`] call saw.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClientEvent {
    /// The status changed to this.
    Status(Status),
    /// A frame from the server was applied: the document or presence may have changed.
    Received,
    /// A frame from the server was unreadable or refused and was dropped.
    Rejected(LiveError),
}

/// A document shared in one room of a y-websocket server.
pub struct LiveClient {
    peer: Peer,
    conn: Connection,
    status: Status,
}

impl LiveClient {
    /// Joins `room` on `server_url` (`ws://` or `wss://`) with `doc`. Returns at once; the
    /// connection is made on a thread, which calls `wake` whenever there is news.
    pub fn connect(
        server_url: &str,
        room: &str,
        doc: Doc,
        wake: Wake,
    ) -> Result<LiveClient, LiveError> {
        Self::connect_with(server_url, room, doc, TlsOptions::default(), wake)
    }

    /// [`LiveClient::connect`] with TLS settings.
    pub fn connect_with(
        server_url: &str,
        room: &str,
        doc: Doc,
        tls: TlsOptions,
        wake: Wake,
    ) -> Result<LiveClient, LiveError> {
        let url = room_url(server_url, room)?;
        Ok(LiveClient {
            peer: Peer::new(doc),
            conn: Connection::open(&url, tls, wake),
            status: Status::Connecting,
        })
    }

    pub fn status(&self) -> Status {
        self.status.clone()
    }

    pub fn peer(&self) -> &Peer {
        &self.peer
    }

    pub fn peer_mut(&mut self) -> &mut Peer {
        &mut self.peer
    }

    pub fn doc(&self) -> &Doc {
        self.peer.doc()
    }

    /// Handles everything the connection reported, sends what the peer queued (local edits,
    /// replies, presence) and keeps presence alive.
    pub fn pump(&mut self, now_ms: u64) -> Vec<ClientEvent> {
        let mut out = Vec::new();
        while let Some(event) = self.conn.try_recv() {
            self.handle(event, now_ms, &mut out);
        }
        self.flush(now_ms);
        out
    }

    /// Like [`LiveClient::pump`], but first waits up to `timeout` for the connection to
    /// report something: for headless loops and tests, which have no UI to wake.
    pub fn pump_wait(&mut self, now_ms: u64, timeout: Duration) -> Vec<ClientEvent> {
        let mut out = Vec::new();
        // Edits made since the last pump go out before we wait.
        self.flush(now_ms);
        if let Some(event) = self.conn.recv_timeout(timeout) {
            self.handle(event, now_ms, &mut out);
        }
        out.extend(self.pump(now_ms));
        out
    }

    /// Leaves the room: our presence is withdrawn (the document stays as it is).
    pub fn leave(&mut self) {
        self.peer.leave();
        self.flush_frames();
    }

    fn set_status(&mut self, status: Status, out: &mut Vec<ClientEvent>) {
        if self.status != status {
            self.status = status.clone();
            out.push(ClientEvent::Status(status));
        }
    }

    fn handle(&mut self, event: ConnEvent, now_ms: u64, out: &mut Vec<ClientEvent>) {
        match event {
            ConnEvent::Connected => {
                self.peer.on_connected(now_ms);
                self.set_status(Status::Online { synced: false }, out);
            }
            ConnEvent::Frame(frame) => {
                match self.peer.on_frame(&frame, now_ms) {
                    Ok(()) => out.push(ClientEvent::Received),
                    Err(e) => out.push(ClientEvent::Rejected(e)),
                }
                if self.peer.is_synced() {
                    self.set_status(Status::Online { synced: true }, out);
                }
            }
            ConnEvent::Disconnected(reason) => {
                self.peer.on_disconnected();
                self.set_status(Status::Offline { reason }, out);
            }
        }
    }

    fn flush(&mut self, now_ms: u64) {
        if matches!(self.status, Status::Online { .. }) {
            self.peer.tick(now_ms);
        }
        self.flush_frames();
    }

    fn flush_frames(&mut self) {
        let frames = self.peer.take_outgoing();
        // Offline, queued edits are dropped: the next connection's step 2 carries them.
        if matches!(self.status, Status::Online { .. }) {
            for frame in frames {
                self.conn.send(frame);
            }
        }
    }
}

impl Drop for LiveClient {
    fn drop(&mut self) {
        // Say goodbye so others drop our presence at once rather than after 30 s; the
        // connection thread sends it before it closes.
        self.leave();
    }
}
