//! Live co-editing: a map shared in a room of a y-websocket server (or one this app hosts),
//! kept as a Yjs document so concurrent edits of different cards never conflict. The map
//! file stays the source of truth; nothing of the shared document is saved in it.
//! The design, with its sources, is in `docs/sync-design.md`.

pub mod client;
pub mod connection;
pub mod error;
pub mod protocol;
pub mod room_server;
pub mod tls;
pub mod url;

pub use client::{ClientEvent, LiveClient, Status};
pub use connection::{ConnEvent, Connection, TlsOptions};
pub use error::LiveError;
pub use protocol::{Peer, REMOTE};
pub use room_server::RoomServer;
