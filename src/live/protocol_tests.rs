//! Tests of the sans-IO peer: two peers wired frame by frame, as through a server.

use super::*;
use yrs::{Map, MapPrelim, MapRef, Out};

fn events(doc: &Doc) -> MapRef {
    doc.get_or_insert_map("events")
}

fn set_title(peer: &Peer, id: &str, title: &str) {
    let map = events(peer.doc());
    let mut txn = peer.doc().transact_mut();
    let card: MapRef = match map.get(&txn, id) {
        Some(Out::YMap(m)) => m,
        _ => map.insert(&mut txn, id, MapPrelim::default()),
    };
    card.insert(&mut txn, "title", title);
}

fn title(peer: &Peer, id: &str) -> Option<String> {
    let map = events(peer.doc());
    let txn = peer.doc().transact();
    match map.get(&txn, id)? {
        Out::YMap(card) => Some(card.get(&txn, "title")?.to_string(&txn)),
        _ => None,
    }
}

/// Delivers every queued frame both ways until nothing is left; `echo` also returns each
/// frame to its sender, as the y-websocket server relays updates to everyone.
fn exchange(a: &mut Peer, b: &mut Peer, now: u64, echo: bool) {
    for _ in 0..20 {
        let from_a = a.take_outgoing();
        let from_b = b.take_outgoing();
        if from_a.is_empty() && from_b.is_empty() {
            return;
        }
        for f in &from_a {
            b.on_frame(f, now).unwrap();
            if echo && is_update(f) {
                a.on_frame(f, now).unwrap();
            }
        }
        for f in &from_b {
            a.on_frame(f, now).unwrap();
            if echo && is_update(f) {
                b.on_frame(f, now).unwrap();
            }
        }
    }
    panic!("peers kept talking");
}

fn is_update(frame: &[u8]) -> bool {
    matches!(
        decode_frame(frame).unwrap()[..],
        [Message::Sync(SyncMessage::Update(_))]
    )
}

fn connected_pair() -> (Peer, Peer) {
    let mut a = Peer::new(Doc::new());
    let mut b = Peer::new(Doc::new());
    a.on_connected(0);
    b.on_connected(0);
    exchange(&mut a, &mut b, 0, false);
    (a, b)
}

#[test]
fn connecting_sends_step_one_and_awareness_as_two_frames() {
    let mut a = Peer::new(Doc::new());
    a.on_connected(5);
    let frames = a.take_outgoing();
    assert_eq!(frames.len(), 2);
    assert!(matches!(
        decode_frame(&frames[0]).unwrap()[..],
        [Message::Sync(SyncMessage::SyncStep1(_))]
    ));
    assert!(matches!(
        decode_frame(&frames[1]).unwrap()[..],
        [Message::Awareness(_)]
    ));
    assert!(!a.is_synced());
}

#[test]
fn step_two_marks_synced_and_disconnect_resets_it() {
    let (mut a, b) = connected_pair();
    assert!(a.is_synced() && b.is_synced());
    a.on_disconnected();
    assert!(!a.is_synced());
}

#[test]
fn edits_made_before_and_after_connecting_reach_the_other_peer() {
    let mut a = Peer::new(Doc::new());
    let mut b = Peer::new(Doc::new());
    set_title(&a, "e1", "offline edit");
    a.on_disconnected(); // nothing was ever sent; step 2 must carry it
    a.on_connected(0);
    b.on_connected(0);
    exchange(&mut a, &mut b, 0, true);
    assert_eq!(title(&b, "e1").as_deref(), Some("offline edit"));
    set_title(&b, "e2", "live edit");
    set_title(&a, "e1", "renamed");
    exchange(&mut a, &mut b, 0, true);
    assert_eq!(title(&a, "e2").as_deref(), Some("live edit"));
    assert_eq!(title(&b, "e1").as_deref(), Some("renamed"));
}

#[test]
fn remote_updates_carry_the_remote_origin_and_are_not_sent_back() {
    let (mut a, mut b) = connected_pair();
    let origins = Arc::new(Mutex::new(Vec::new()));
    let seen = origins.clone();
    b.doc()
        .observe_update_v1("test", move |txn, _| {
            seen.lock().unwrap().push(txn.origin().cloned());
        })
        .unwrap();
    set_title(&a, "e1", "x");
    let frames = a.take_outgoing();
    assert_eq!(frames.len(), 1, "one local transaction, one frame");
    b.on_frame(&frames[0], 0).unwrap();
    // The server echoes our own update back to us: applied again, it must not loop.
    a.on_frame(&frames[0], 0).unwrap();
    assert!(b.take_outgoing().is_empty());
    assert!(a.take_outgoing().is_empty());
    assert_eq!(*origins.lock().unwrap(), vec![Some(Origin::from(REMOTE))]);
}

#[test]
fn same_field_written_by_both_ends_equal() {
    let (mut a, mut b) = connected_pair();
    set_title(&a, "e1", "from a");
    set_title(&b, "e1", "from b");
    exchange(&mut a, &mut b, 0, true);
    assert_eq!(title(&a, "e1"), title(&b, "e1"));
    assert!(title(&a, "e1").is_some());
}

#[test]
fn presence_is_seen_renewed_and_expires_after_silence() {
    let (mut a, mut b) = connected_pair();
    a.set_presence(&serde_json::json!({"user": {"name": "Ana"}}));
    exchange(&mut a, &mut b, 1_000, false);
    let peers = b.peers();
    assert_eq!(peers.len(), 1);
    assert_eq!(peers[0].0, a.client_id());
    assert_eq!(peers[0].1["user"]["name"], "Ana");
    // A (whose clock said 0 when it set its presence) renews 15 s later, not before.
    a.tick(14_999);
    assert!(a.take_outgoing().is_empty());
    a.tick(15_000);
    let renewal = a.take_outgoing();
    assert_eq!(renewal.len(), 1);
    // B hears nothing from A (the renewal is lost): A is forgotten 30 s after last heard.
    b.tick(30_999);
    assert_eq!(b.peers().len(), 1);
    b.tick(31_000);
    assert!(b.peers().is_empty());
    // When A's next renewal arrives, A is back.
    a.tick(32_000);
    exchange(&mut a, &mut b, 32_000, false);
    assert_eq!(b.peers().len(), 1);
}

#[test]
fn leaving_removes_our_presence_for_the_others() {
    let (mut a, mut b) = connected_pair();
    a.set_presence(&serde_json::json!({"user": {"name": "Ana"}}));
    exchange(&mut a, &mut b, 0, false);
    assert_eq!(b.peers().len(), 1);
    a.leave();
    exchange(&mut a, &mut b, 0, false);
    assert!(b.peers().is_empty());
}

#[test]
fn disconnecting_forgets_other_peoples_presence() {
    let (mut a, mut b) = connected_pair();
    b.set_presence(&serde_json::json!({"user": {"name": "Bo"}}));
    exchange(&mut a, &mut b, 0, false);
    assert_eq!(a.peers().len(), 1);
    a.on_disconnected();
    assert!(a.peers().is_empty());
}

#[test]
fn garbage_frames_are_errors_and_change_nothing() {
    let (mut a, _b) = connected_pair();
    set_title(&a, "e1", "kept");
    a.take_outgoing();
    let huge_id = {
        // awareness: 1 client, id 2^60, clock 1, "{}"
        let mut inner = vec![1u8];
        inner.extend([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x10]);
        inner.extend([1, 2, b'{', b'}']);
        let mut f = vec![MSG_AWARENESS, inner.len() as u8];
        f.extend(inner);
        f
    };
    let cases: Vec<Vec<u8>> = vec![
        vec![],
        vec![0],
        vec![0, 9],
        vec![0, 2, 200, 1],
        vec![0, 2, 3, 1, 2, 3],
        vec![1, 3, 1, 1],
        vec![2, 0, 50],
        vec![7, 0],
        vec![0xff; 12],
        huge_id,
    ];
    for case in &cases {
        assert!(a.on_frame(case, 0).is_err(), "{case:?} was accepted");
    }
    assert_eq!(
        a.on_frame(&[2, 0, 2, b'n', b'o'], 0),
        Err(LiveError::Denied("no".into()))
    );
    assert_eq!(title(&a, "e1").as_deref(), Some("kept"));
}

#[test]
fn mutated_and_random_frames_never_panic() {
    let (mut a, mut b) = connected_pair();
    set_title(&b, "e1", "some title");
    b.set_presence(&serde_json::json!({"user": {"name": "Bo"}}));
    let valid = b.take_outgoing();
    // Every single-byte change of real frames, then pseudo-random frames.
    for frame in &valid {
        for i in 0..frame.len() {
            for v in [0u8, 1, 0x7f, 0x80, 0xff] {
                let mut f = frame.clone();
                f[i] = v;
                let _ = a.on_frame(&f, 0);
                f.truncate(i);
                let _ = a.on_frame(&f, 0);
            }
        }
    }
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..2_000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let len = (seed % 40) as usize;
        let mut f: Vec<u8> = (0..len).map(|i| (seed >> (i % 8 * 8)) as u8).collect();
        if let Some(first) = f.first_mut() {
            *first %= 4;
        }
        let _ = a.on_frame(&f, 0);
    }
}

#[test]
fn presence_comes_back_at_once_after_a_reconnection() {
    let (mut a, mut b) = connected_pair();
    b.set_presence(&serde_json::json!({"user": {"name": "Bo"}}));
    exchange(&mut a, &mut b, 0, false);
    a.on_disconnected();
    b.on_disconnected();
    assert!(a.peers().is_empty());
    a.on_connected(1_000);
    b.on_connected(1_000);
    exchange(&mut a, &mut b, 1_000, false);
    assert_eq!(a.peers().len(), 1);
    assert_eq!(a.peers()[0].1["user"]["name"], "Bo");
}
