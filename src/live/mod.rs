//! Live co-editing: a map shared in a room of a y-websocket server (or one this app hosts),
//! kept as a Yjs document so concurrent edits of different cards never conflict. The map
//! file stays the source of truth; nothing of the shared document is saved in it.
//! The design, with its sources, is in `docs/sync-design.md`.

mod mirror;
mod read;
mod repair;
pub mod schema;
mod shared;
mod touched;
mod write;

pub use read::map_json;
pub use shared::SharedMap;
pub use write::Roots;

/// The origin of updates applied from the network.
pub fn protocol_origin() -> &'static str {
    "remote"
}

#[cfg(test)]
mod tests;
