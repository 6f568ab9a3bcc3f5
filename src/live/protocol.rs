//! The y-websocket client protocol without I/O: frames in, frames out, time passed in.
//!
//! A [`Peer`] owns the Yjs document (through its [`Awareness`]) and turns what happens to it
//! into WebSocket frames, one message per frame, as the y-websocket server reads exactly one
//! message per frame (docs/sync-design.md §1.2). It never touches a socket or the clock, so
//! the whole protocol is tested in memory with a fake `now_ms`.

use super::error::LiveError;
use super::lock;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use yrs::encoding::read::{Cursor, Read};
use yrs::sync::awareness::AwarenessUpdateEntry;
use yrs::sync::protocol::MSG_AWARENESS;
use yrs::sync::{Awareness, AwarenessUpdate, Message, MessageReader, SyncMessage};
use yrs::updates::decoder::{Decode, DecoderV1};
use yrs::updates::encoder::Encode;
use yrs::{ClientID, Doc, Origin, ReadTxn, Transact, Update};

/// The transaction origin of every update applied from the network. Local observers (undo,
/// the map bridge) use it to tell our own edits from everyone else's.
pub const REMOTE: &str = "remote";

/// Our awareness is sent again this often, so peers know we are still here (y-protocols'
/// `outdatedTimeout / 2`).
pub const RENEW_MS: u64 = 15_000;
/// A remote state not renewed for this long is dropped: yrs has no timeout of its own.
pub const EXPIRE_MS: u64 = 30_000;

/// The key of our update observer on the document, so dropping the peer removes it.
const OBSERVER_KEY: &str = "waterline-live-net";
/// Yjs client ids are 53 bits (safe JavaScript integers); yrs asserts it in debug builds.
const MAX_CLIENT_ID: u64 = 1 << 53;

type Outbox = Arc<Mutex<Vec<Vec<u8>>>>;

/// One client's side of a y-websocket session.
pub struct Peer {
    awareness: Awareness,
    /// The time of the last call that told us the time; the awareness reads it as its clock.
    clock: Arc<AtomicU64>,
    /// Frames to send, in order. Shared with the document observer, which queues local edits.
    outbox: Outbox,
    synced: bool,
    last_renew_ms: u64,
}

impl Peer {
    /// A peer around `doc`. Every later local change to `doc` (any transaction whose origin
    /// is not [`REMOTE`]) is queued to be sent.
    ///
    /// # Panics
    /// If a transaction on `doc` is open at this moment (a programming error).
    pub fn new(doc: Doc) -> Peer {
        let clock = Arc::new(AtomicU64::new(0));
        let time = clock.clone();
        let mut awareness = Awareness::with_clock(doc, move || time.load(Ordering::Relaxed));
        // As the JS Awareness does: an empty state, so others see us before any presence.
        awareness.set_local_state_raw("{}");
        let outbox: Outbox = Arc::default();
        let queue = outbox.clone();
        let remote = Origin::from(REMOTE);
        awareness
            .doc()
            .observe_update_v1(OBSERVER_KEY, move |txn, event| {
                if txn.origin() != Some(&remote) {
                    let msg = Message::Sync(SyncMessage::Update(event.update.clone()));
                    lock(&queue).push(msg.encode_v1());
                }
            })
            .expect("Peer::new: the document has an open transaction");
        Peer {
            awareness,
            clock,
            outbox,
            synced: false,
            last_renew_ms: 0,
        }
    }

    /// The shared document.
    pub fn doc(&self) -> &Doc {
        self.awareness.doc()
    }

    /// Presence states (ours and everyone's).
    pub fn awareness(&self) -> &Awareness {
        &self.awareness
    }

    /// Presence states, for changing ours or subscribing to changes.
    pub fn awareness_mut(&mut self) -> &mut Awareness {
        &mut self.awareness
    }

    /// Our client id, as peers see it.
    pub fn client_id(&self) -> u64 {
        self.awareness.client_id().get()
    }

    fn set_now(&mut self, now_ms: u64) {
        self.clock.store(now_ms, Ordering::Relaxed);
    }

    fn push(&self, msg: Message) {
        lock(&self.outbox).push(msg.encode_v1());
    }

    fn push_own_awareness(&mut self) {
        let own = self.awareness.client_id();
        if let Ok(update) = self.awareness.update_with_clients([own]) {
            self.push(Message::Awareness(update));
        }
    }

    /// The connection is open: ask for what we lack (step 1) and say who we are, as two
    /// frames, as the JS `WebsocketProvider` does on open.
    pub fn on_connected(&mut self, now_ms: u64) {
        self.set_now(now_ms);
        self.synced = false;
        // A new clock for our state: whoever saw us leave stored our last clock with a null
        // state, and an announcement with that same clock would be ignored.
        if let Some(json) = self.awareness.local_state_raw() {
            self.awareness.set_local_state_raw(json);
        }
        let sv = self.doc().transact().state_vector();
        self.push(Message::Sync(SyncMessage::SyncStep1(sv)));
        self.push_own_awareness();
        self.last_renew_ms = now_ms;
    }

    /// The connection is gone. Queued edits are dropped: the step 2 we send on the next
    /// connection carries everything the server lacks. Other people's presence is dropped
    /// too, as the JS provider does, since we no longer hear from them.
    pub fn on_disconnected(&mut self) {
        self.synced = false;
        lock(&self.outbox).clear();
        let own = self.awareness.client_id();
        let others: Vec<ClientID> = self
            .awareness
            .iter()
            .filter(|(id, state)| *id != own && state.data.is_some())
            .map(|(id, _)| id)
            .collect();
        forget(&mut self.awareness, &others);
    }

    /// True once the server's step 2 has arrived since the last [`Peer::on_connected`]:
    /// from then on the document holds everything the room had.
    pub fn is_synced(&self) -> bool {
        self.synced
    }

    /// Handles one frame from the server. Replies are queued. A frame that cannot be read
    /// changes nothing and returns an error.
    pub fn on_frame(&mut self, bytes: &[u8], now_ms: u64) -> Result<(), LiveError> {
        self.set_now(now_ms);
        for msg in decode_frame(bytes)? {
            self.handle(msg)?;
        }
        Ok(())
    }

    fn handle(&mut self, msg: Message) -> Result<(), LiveError> {
        match msg {
            Message::Sync(SyncMessage::SyncStep1(sv)) => {
                let update = self.doc().transact().encode_state_as_update_v1(&sv);
                self.push(Message::Sync(SyncMessage::SyncStep2(update)));
            }
            Message::Sync(SyncMessage::SyncStep2(bytes)) => {
                self.apply_remote(&bytes)?;
                self.synced = true;
            }
            Message::Sync(SyncMessage::Update(bytes)) => self.apply_remote(&bytes)?,
            Message::Awareness(update) => self
                .awareness
                .apply_update_with(update, REMOTE)
                .map_err(|e| LiveError::Malformed(e.to_string()))?,
            Message::AwarenessQuery => {
                if let Ok(update) = self.awareness.update() {
                    self.push(Message::Awareness(update));
                }
            }
            Message::Auth(Some(reason)) => return Err(LiveError::Denied(reason)),
            Message::Auth(None) => {}
            Message::Custom(tag, _) => return Err(LiveError::Unsupported(tag)),
        }
        Ok(())
    }

    fn apply_remote(&mut self, bytes: &[u8]) -> Result<(), LiveError> {
        let update = decode_guarded(|| Update::decode_v1(bytes))?;
        let doc = self.awareness.doc();
        // yrs has panicked on malformed updates that decode (other projects met it): an
        // update that makes it panic is refused like any other bad one, not the app's end.
        match catch_unwind(AssertUnwindSafe(|| {
            doc.transact_mut_with(REMOTE).apply_update(update)
        })) {
            Ok(applied) => applied.map_err(|e| LiveError::Update(e.to_string())),
            Err(_) => Err(LiveError::Update(
                "an update this version cannot apply".into(),
            )),
        }
    }

    /// Frames to send, in order, each one WebSocket binary frame.
    pub fn take_outgoing(&mut self) -> Vec<Vec<u8>> {
        std::mem::take(&mut *lock(&self.outbox))
    }

    /// Sets our presence (a JSON object, see docs/sync-design.md §1.4) and queues it.
    pub fn set_presence(&mut self, state: &serde_json::Value) {
        self.awareness.set_local_state_raw(state.to_string());
        self.last_renew_ms = self.clock.load(Ordering::Relaxed);
        self.push_own_awareness();
    }

    /// Everyone else present, with their state, sorted by client id.
    pub fn peers(&self) -> Vec<(u64, serde_json::Value)> {
        let own = self.awareness.client_id();
        let mut peers: Vec<(u64, serde_json::Value)> = self
            .awareness
            .iter()
            .filter(|(id, _)| *id != own)
            .filter_map(|(id, state)| {
                let json = serde_json::from_str(state.data.as_deref()?).ok()?;
                Some((id.get(), json))
            })
            .collect();
        peers.sort_by_key(|(id, _)| *id);
        peers
    }

    /// Keeps presence alive: renews ours every [`RENEW_MS`] and forgets peers silent for
    /// [`EXPIRE_MS`] (a peer that vanished without saying goodbye).
    pub fn tick(&mut self, now_ms: u64) {
        self.set_now(now_ms);
        let own = self.awareness.client_id();
        if now_ms.saturating_sub(self.last_renew_ms) >= RENEW_MS {
            if let Some(json) = self.awareness.local_state_raw() {
                // Same state, new clock: that is what a renewal is.
                self.awareness.set_local_state_raw(json);
                self.push_own_awareness();
            }
            self.last_renew_ms = now_ms;
        }
        let silent: Vec<ClientID> = self
            .awareness
            .iter()
            .filter(|(id, state)| {
                *id != own
                    && state.data.is_some()
                    && now_ms.saturating_sub(state.last_updated) >= EXPIRE_MS
            })
            .map(|(id, _)| id)
            .collect();
        forget(&mut self.awareness, &silent);
    }

    /// We are leaving: our presence becomes null, and that is queued for the others.
    pub fn leave(&mut self) {
        self.awareness.clean_local_state();
        self.push_own_awareness();
    }
}

impl Drop for Peer {
    fn drop(&mut self) {
        // The document may live on (the caller kept a clone): stop queueing into a dead outbox.
        let _ = self.awareness.doc().unobserve_update_v1(OBSERVER_KEY);
    }
}

/// Drops remote presence states as y-protocols does when a peer times out or its
/// connection closes: null at the clock we know, not a newer one (`remove_state` bumps it),
/// so the peer's next announcement (clock + 1) is accepted again.
pub(crate) fn forget(awareness: &mut Awareness, ids: &[ClientID]) {
    let clients = ids
        .iter()
        .filter_map(|&id| {
            let (clock, _) = awareness.meta(id)?;
            let json = "null".into();
            Some((id, AwarenessUpdateEntry { clock, json }))
        })
        .collect();
    let _ = awareness.apply_update(AwarenessUpdate { clients });
}

/// Runs a pure decoder, turning its error or panic into [`LiveError::Malformed`]. yrs
/// debug-asserts some wire values (client ids) instead of returning an error; decoding holds
/// no lock and touches no document, so catching that is safe.
fn decode_guarded<T, E: std::fmt::Display>(
    f: impl FnOnce() -> Result<T, E>,
) -> Result<T, LiveError> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(LiveError::Malformed(e.to_string())),
        Err(_) => Err(LiveError::Malformed("invalid values".into())),
    }
}

/// All messages in one frame (normally one), or an error if any part is unreadable: a
/// frame is used whole or not at all.
pub fn decode_frame(bytes: &[u8]) -> Result<Vec<Message>, LiveError> {
    if bytes.is_empty() {
        return Err(LiveError::Malformed("empty frame".into()));
    }
    check_awareness_ids(bytes)?;
    let messages = decode_guarded(|| {
        let mut decoder = DecoderV1::new(Cursor::new(bytes));
        MessageReader::new(&mut decoder).collect::<Result<Vec<Message>, _>>()
    })?;
    // The reader ends quietly on a truncated message: a frame that yields none is broken.
    if messages.is_empty() {
        return Err(LiveError::Malformed("truncated message".into()));
    }
    Ok(messages)
}

/// Awareness client ids must be 53-bit: checked here so yrs never sees a larger one.
fn check_awareness_ids(bytes: &[u8]) -> Result<(), LiveError> {
    let bad = |e: yrs::encoding::read::Error| LiveError::Malformed(e.to_string());
    let mut cursor = Cursor::new(bytes);
    let tag: u8 = cursor.read_var().map_err(bad)?;
    if tag != MSG_AWARENESS {
        // Everything else is checked by the decoder (and `decode_guarded`).
        return Ok(());
    }
    let mut inner = Cursor::new(cursor.read_buf().map_err(bad)?);
    let count: u64 = inner.read_var().map_err(bad)?;
    for _ in 0..count {
        let client: u64 = inner.read_var().map_err(bad)?;
        if client >= MAX_CLIENT_ID {
            return Err(LiveError::Malformed(format!(
                "client id {client} too large"
            )));
        }
        let _clock: u32 = inner.read_var().map_err(bad)?;
        inner.read_string().map_err(bad)?;
    }
    Ok(())
}

#[cfg(test)]
#[path = "protocol_tests.rs"]
mod tests;
