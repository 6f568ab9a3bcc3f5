//! Live co-editing: a map shared in a room of a y-websocket server (or one this app hosts),
//! kept as a Yjs document so concurrent edits of different cards never conflict. The map
//! file stays the source of truth; nothing of the shared document is saved in it.
//! The design, with its sources, is in `docs/sync-design.md`.
//!
//! Two halves: the map in the shared document ([`SharedMap`]: schema, writing local
//! edits, reading the room's map back, undo of one's own edits, mending) and the transport
//! ([`LiveClient`]: the y-websocket protocol over a WebSocket, and [`RoomServer`] to host
//! a room from the app).

pub mod client;
pub mod connection;
pub mod error;
mod mirror;
mod news;
pub mod protocol;
mod read;
mod repair;
pub mod room_server;
pub mod schema;
mod shared;
pub mod tls;
mod touched;
pub mod url;
mod write;

pub use client::{ClientEvent, LiveClient, Status};
pub use connection::{ConnEvent, Connection, TlsOptions};
pub use error::LiveError;
pub use protocol::{Peer, REMOTE};
pub use read::map_json;
pub use room_server::RoomServer;
pub use shared::{RoomNews, SharedMap};
pub use write::Roots;

/// Locks a mutex shared with yrs' callbacks or the network thread. A panic elsewhere while
/// it was held leaves plain data (frames, changed ids, a label), still usable.
pub(crate) fn lock<T>(mutex: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests;
