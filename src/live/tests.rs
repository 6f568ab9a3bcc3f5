//! The shared map in memory, two or three peers wired directly (no network): a map goes
//! in and comes out the same, edits travel field by field, concurrent edits converge,
//! and undo takes back only one's own edits.

use super::SharedMap;
use crate::model::{Annotation, AnnotationKind, Event, EventId, LaneId, Map};
use crate::ops::Op;
use yrs::updates::decoder::Decode;
use yrs::{Doc, ReadTxn, Transact, Update};

fn sample(name: &str) -> Map {
    let path = format!("{}/sample_maps/{name}", env!("CARGO_MANIFEST_DIR"));
    crate::io::load_file(std::path::Path::new(&path)).expect("the sample loads")
}

/// Sends what `from` has and `to` lacks, as the network would.
fn send(from: &Doc, to: &Doc) {
    let missing = to.transact().state_vector();
    let update = from.transact().encode_state_as_update_v1(&missing);
    let update = Update::decode_v1(&update).expect("an update decodes");
    to.transact_mut_with(super::REMOTE)
        .apply_update(update)
        .expect("the update applies");
}

fn exchange(a: &Doc, b: &Doc) {
    send(a, b);
    send(b, a);
}

/// A peer: its shared map and the model it shows.
struct Peer {
    shared: SharedMap,
    map: Map,
}

impl Peer {
    fn host(map: Map) -> Peer {
        Peer {
            shared: SharedMap::hosting(Doc::new(), &map),
            map,
        }
    }

    fn join(host: &Peer) -> Peer {
        let mut peer = Peer {
            shared: SharedMap::joining(Doc::new()),
            map: Map::new(""),
        };
        send(host.shared.doc(), peer.shared.doc());
        peer.refresh();
        peer
    }

    fn edit(&mut self, op: Op) {
        op.clone().apply(&mut self.map).expect("the edit applies");
        self.shared.record(&self.map, &op, "Edit", None);
    }

    fn refresh(&mut self) {
        let (map, _) = self
            .shared
            .read_map(&self.map, true)
            .expect("the shared map reads");
        self.map = map;
    }

    fn undo(&mut self) {
        self.shared.undo().expect("something to undo");
        self.refresh();
    }

    fn event(&self, id: &str) -> &Event {
        self.map.event(&EventId::from(id)).expect("the card exists")
    }
}

fn sync(a: &mut Peer, b: &mut Peer) {
    exchange(a.shared.doc(), b.shared.doc());
    a.refresh();
    b.refresh();
}

fn canonical(map: &Map) -> String {
    String::from_utf8(crate::io::canonical_bytes(map).unwrap()).unwrap()
}

#[test]
fn every_sample_map_comes_out_of_the_shared_document_as_it_went_in() {
    for name in [
        "checkout-outage.json",
        "gitlab-2017-database-outage.json",
        "small.json",
        "tokyo-dns.json",
    ] {
        let map = sample(name);
        let host = Peer::host(map.clone());
        let joiner = Peer::join(&host);
        assert_eq!(canonical(&joiner.map), canonical(&map), "{name}");
    }
    let big = crate::samples::synthetic(2_000, 12);
    let joiner = Peer::join(&Peer::host(big.clone()));
    assert_eq!(canonical(&joiner.map), canonical(&big));
}

#[test]
fn each_kind_of_edit_reaches_the_other_peer() {
    let mut a = Peer::host(sample("checkout-outage.json"));
    let mut b = Peer::join(&a);
    let first = a.map.events[0].clone();
    let lane = a.map.lanes[0].clone();
    let mut retitled = first.clone();
    retitled.title = "Pager fires for checkout errors".into();
    let mut added = first.clone();
    added.id = EventId::from("e-new");
    added.pos += 0.5;
    added.annotations.clear();
    let edits = vec![
        Op::SetTitle("Checkout outage, reviewed".into()),
        Op::SetDescription("Written during the debrief.".into()),
        Op::UpdateEvent(retitled),
        Op::InsertEvent {
            index: 1,
            event: added,
        },
        Op::MoveLane {
            id: lane.id.clone(),
            to_index: a.map.lanes.len() - 1,
        },
        Op::SetGapThreshold(Some(300)),
    ];
    for op in edits {
        a.edit(op.clone());
        sync(&mut a, &mut b);
        assert_eq!(canonical(&b.map), canonical(&a.map), "after {op:?}");
    }
    let removed = a
        .map
        .events
        .iter()
        .find(|e| e.id.as_str() == "e-new")
        .unwrap()
        .id
        .clone();
    a.edit(Op::RemoveEvent(removed));
    sync(&mut a, &mut b);
    assert_eq!(canonical(&b.map), canonical(&a.map));
}

#[test]
fn concurrent_edits_of_different_cards_and_fields_are_all_kept() {
    let mut a = Peer::host(sample("checkout-outage.json"));
    let mut b = Peer::join(&a);
    let (one, two) = (a.map.events[0].id.clone(), a.map.events[1].id.clone());
    let mut moved = a.event(one.as_str()).clone();
    moved.pos += 3.0;
    a.edit(Op::UpdateEvent(moved));
    let mut retitled = b.event(one.as_str()).clone();
    retitled.title = "Renamed by B".into();
    b.edit(Op::UpdateEvent(retitled));
    let mut other = b.event(two.as_str()).clone();
    other.description = "B's note on another card".into();
    b.edit(Op::UpdateEvent(other));
    sync(&mut a, &mut b);
    assert_eq!(canonical(&a.map), canonical(&b.map));
    let card = a.event(one.as_str());
    assert_eq!(card.title, "Renamed by B");
    assert_eq!(card.pos, sample("checkout-outage.json").events[0].pos + 3.0);
    assert_eq!(
        a.event(two.as_str()).description,
        "B's note on another card"
    );
}

#[test]
fn one_field_edited_twice_ends_the_same_everywhere() {
    let mut a = Peer::host(sample("small.json"));
    let mut b = Peer::join(&a);
    let id = a.map.events[0].id.clone();
    for (peer, title) in [(&mut a, "A's title"), (&mut b, "B's title")] {
        let mut card = peer.event(id.as_str()).clone();
        card.title = title.into();
        peer.edit(Op::UpdateEvent(card));
    }
    sync(&mut a, &mut b);
    assert_eq!(a.event(id.as_str()).title, b.event(id.as_str()).title);
}

#[test]
fn notes_added_to_one_card_at_once_are_both_kept() {
    let mut a = Peer::host(sample("small.json"));
    let mut b = Peer::join(&a);
    let id = a.map.events[0].id.clone();
    let before = a.event(id.as_str()).annotations.len();
    for (peer, text) in [
        (&mut a, "I thought it was the cache"),
        (&mut b, "Felt rushed"),
    ] {
        let mut card = peer.event(id.as_str()).clone();
        card.annotations.push(Annotation {
            kind: AnnotationKind::Note,
            text: text.into(),
            themes: Vec::new(),
            kept_words: Vec::new(),
            extra: Default::default(),
        });
        peer.edit(Op::UpdateEvent(card));
    }
    sync(&mut a, &mut b);
    let texts: Vec<&str> = a
        .event(id.as_str())
        .annotations
        .iter()
        .map(|n| n.text.as_str())
        .collect();
    assert_eq!(texts.len(), before + 2, "{texts:?}");
    assert!(texts.contains(&"I thought it was the cache") && texts.contains(&"Felt rushed"));
    assert_eq!(canonical(&a.map), canonical(&b.map));
}

#[test]
fn undo_takes_back_only_ones_own_edit() {
    let mut a = Peer::host(sample("checkout-outage.json"));
    let mut b = Peer::join(&a);
    let (one, two) = (a.map.events[0].id.clone(), a.map.events[1].id.clone());
    let old_title = a.event(one.as_str()).title.clone();
    let mut mine = a.event(one.as_str()).clone();
    mine.title = "A's change".into();
    a.edit(Op::UpdateEvent(mine));
    let mut theirs = b.event(two.as_str()).clone();
    theirs.title = "B's change".into();
    b.edit(Op::UpdateEvent(theirs));
    sync(&mut a, &mut b);
    a.undo();
    sync(&mut a, &mut b);
    for peer in [&a, &b] {
        assert_eq!(peer.event(one.as_str()).title, old_title);
        assert_eq!(peer.event(two.as_str()).title, "B's change");
    }
    assert!(
        a.shared.undo_label().is_none(),
        "the load is not an undo step"
    );
}

#[test]
fn undo_leaves_a_value_a_peer_wrote_afterwards() {
    let mut a = Peer::host(sample("small.json"));
    let mut b = Peer::join(&a);
    let id = a.map.events[0].id.clone();
    let mut card = a.event(id.as_str()).clone();
    card.title = "A's title".into();
    a.edit(Op::UpdateEvent(card));
    sync(&mut a, &mut b);
    let mut card = b.event(id.as_str()).clone();
    card.title = "B's later title".into();
    b.edit(Op::UpdateEvent(card));
    sync(&mut a, &mut b);
    a.shared.undo();
    a.refresh();
    sync(&mut a, &mut b);
    assert_eq!(a.event(id.as_str()).title, "B's later title");
    assert_eq!(b.event(id.as_str()).title, "B's later title");
}

#[test]
fn typing_in_one_field_is_one_undo_step_with_its_label() {
    let mut a = Peer::host(sample("small.json"));
    let id = a.map.events[0].id.clone();
    let old = a.event(id.as_str()).title.clone();
    for title in ["D", "Di", "Dis", "Disk"] {
        let mut card = a.event(id.as_str()).clone();
        card.title = title.into();
        let op = Op::UpdateEvent(card);
        op.clone().apply(&mut a.map).unwrap();
        a.shared.record(&a.map, &op, "Edit title", Some("title"));
    }
    assert_eq!(a.shared.undo_label(), Some("Edit title"));
    a.undo();
    assert_eq!(a.event(id.as_str()).title, old);
    assert_eq!(a.shared.redo_label(), Some("Edit title"));
    a.shared.redo();
    a.refresh();
    assert_eq!(a.event(id.as_str()).title, "Disk");
}

#[test]
fn a_lane_removed_while_a_card_was_added_to_it_comes_back() {
    let mut map = sample("small.json");
    // A lane with no cards, so removing it is allowed.
    let empty =
        crate::model::Lane::new(LaneId::from("l-empty"), "Database team", Default::default());
    map.lanes.push(empty);
    let mut a = Peer::host(map);
    let mut b = Peer::join(&a);
    a.edit(Op::RemoveLane(LaneId::from("l-empty")));
    let mut card = b.map.events[0].clone();
    card.id = EventId::from("e-db");
    card.lane = LaneId::from("l-empty");
    card.annotations.clear();
    card.themes.clear();
    b.edit(Op::InsertEvent {
        index: b.map.events.len(),
        event: card,
    });
    // The host mends first; the joiner then sees the mended map.
    exchange(a.shared.doc(), b.shared.doc());
    let (mended, notes) = a.shared.read_map(&a.map, true).expect("mended");
    assert!(
        notes.iter().any(|n| n.contains("Database team")),
        "{notes:?}"
    );
    a.map = mended;
    sync(&mut a, &mut b);
    for peer in [&a, &b] {
        assert!(peer.map.lane(&LaneId::from("l-empty")).is_some());
        assert!(peer.map.event(&EventId::from("e-db")).is_some());
    }
    assert_eq!(canonical(&a.map), canonical(&b.map));
}

#[test]
fn a_late_joiner_gets_everything_edited_before() {
    let mut a = Peer::host(sample("tokyo-dns.json"));
    for i in 0..50 {
        let mut card = a.map.events[i % a.map.events.len()].clone();
        card.title = format!("Edit {i}");
        a.edit(Op::UpdateEvent(card));
    }
    let late = Peer::join(&a);
    assert_eq!(canonical(&late.map), canonical(&a.map));
}

#[test]
fn a_hostile_document_is_refused_not_shown() {
    let a = Peer::host(sample("small.json"));
    let doc = a.shared.doc();
    {
        let events = doc.get_or_insert_map("events");
        let mut txn = doc.transact_mut_with("remote");
        use yrs::Map as _;
        events.insert(
            &mut txn,
            "evil",
            yrs::MapPrelim::from([("id", yrs::In::from("evil"))]),
        );
    }
    let mut shared = SharedMap::joining(Doc::new());
    send(doc, shared.doc());
    assert!(shared.read_map(&Map::new(""), false).is_err());
}

#[test]
fn cards_two_people_add_at_the_same_moment_are_both_kept() {
    let mut a = Peer::host(sample("small.json"));
    let mut b = Peer::join(&a);
    a.map.fresh_id_suffix = crate::model::IdSuffix(Some("aaaa".into()));
    b.map.fresh_id_suffix = crate::model::IdSuffix(Some("bbbb".into()));
    for (peer, title) in [(&mut a, "A's new card"), (&mut b, "B's new card")] {
        let mut card = peer.map.events[0].clone();
        card.id = peer.map.next_event_id();
        card.title = title.into();
        card.annotations.clear();
        peer.edit(Op::InsertEvent {
            index: peer.map.events.len(),
            event: card,
        });
    }
    let suffix = a.map.fresh_id_suffix.clone();
    sync(&mut a, &mut b);
    a.map.fresh_id_suffix = suffix;
    let titles: Vec<&str> = a.map.events.iter().map(|e| e.title.as_str()).collect();
    assert!(
        titles.contains(&"A's new card") && titles.contains(&"B's new card"),
        "{titles:?}"
    );
    assert_eq!(canonical(&a.map), canonical(&b.map));
    // The next card of the same person gets a number past every card in the room.
    let next = a.map.next_event_id();
    assert!(a.map.event(&next).is_none());
    assert!(next.as_str().ends_with("-aaaa"), "{next}");
}

#[test]
fn two_open_documents_share_edits_and_each_undoes_only_their_own() {
    use crate::document::Document;
    use crate::ops::Edit;
    let mut a = Document::new(sample("checkout-outage.json"), None);
    let shared = SharedMap::hosting(Doc::new(), a.map());
    a.share_live(shared, true, "aaaa");
    let mut b = Document::new(Map::new(""), None);
    b.share_live(SharedMap::joining(Doc::new()), false, "bbbb");
    let both = |a: &mut Document, b: &mut Document| {
        exchange(a.live().unwrap().doc(), b.live().unwrap().doc());
        a.take_room_changes().expect("a reads the room");
        b.take_room_changes().expect("b reads the room");
    };
    both(&mut a, &mut b);
    assert_eq!(canonical(b.map()), canonical(a.map()));
    assert!(b.undo_label().is_none(), "joining is not an undo step");

    let (one, two) = (a.map().events[0].id.clone(), a.map().events[1].id.clone());
    let mut card = a.map().event(&one).unwrap().clone();
    card.title = "Facilitator's wording".into();
    a.apply(Edit::new("Edit title", Op::UpdateEvent(card)))
        .unwrap();
    let mut card = b.map().event(&two).unwrap().clone();
    card.description = "Note-taker's note".into();
    let old_description = b.map().event(&two).unwrap().description.clone();
    b.apply(Edit::new("Edit description", Op::UpdateEvent(card)))
        .unwrap();
    both(&mut a, &mut b);
    assert_eq!(canonical(b.map()), canonical(a.map()));
    assert!(a.has_unsaved_changes() && b.has_unsaved_changes());

    assert_eq!(b.undo_label(), Some("Edit description"));
    assert_eq!(b.undo().as_deref(), Some("Edit description"));
    both(&mut a, &mut b);
    for doc in [&a, &b] {
        assert_eq!(
            doc.map().event(&one).unwrap().title,
            "Facilitator's wording"
        );
        assert_eq!(doc.map().event(&two).unwrap().description, old_description);
    }
    // A new card made during the session carries the maker's suffix.
    assert!(b.map().next_event_id().as_str().ends_with("-bbbb"));
}

#[test]
fn a_peer_s_field_edits_arrive_as_updates_of_those_cards_only_and_new_cards_as_the_whole_map() {
    use super::RoomNews;
    let mut a = Peer::host(sample("checkout-outage.json"));
    let mut b = Peer::join(&a);
    let mut card = a.map.events[3].clone();
    card.title = "Moved and renamed".into();
    card.pos += 1.5;
    a.edit(Op::UpdateEvent(card.clone()));
    let mut lane = a.map.lanes[0].clone();
    lane.name = "On-call SRE".into();
    a.edit(Op::UpdateLane(lane.clone()));
    exchange(a.shared.doc(), b.shared.doc());
    match b.shared.read_news(&b.map, false).expect("news reads") {
        RoomNews::Edits(ops) => {
            assert_eq!(ops.len(), 2, "{ops:?}");
            assert!(ops.contains(&Op::UpdateEvent(card)));
            assert!(ops.contains(&Op::UpdateLane(lane)));
            Op::Batch(ops).apply(&mut b.map).expect("the updates fit");
        }
        other => panic!("expected field edits, got {other:?}"),
    }
    // Applying the updates gives what reading the whole map gives.
    let (whole, _) = b.shared.read_map(&b.map, false).unwrap();
    assert_eq!(canonical(&b.map), canonical(&whole));
    assert!(matches!(
        b.shared.read_news(&b.map, false),
        Ok(RoomNews::Nothing)
    ));

    let mut added = a.map.events[0].clone();
    added.id = EventId::from("e-added");
    added.annotations.clear();
    a.edit(Op::InsertEvent {
        index: 2,
        event: added,
    });
    exchange(a.shared.doc(), b.shared.doc());
    match b.shared.read_news(&b.map, false).expect("news reads") {
        RoomNews::Whole(map, _) => assert!(map.event(&EventId::from("e-added")).is_some()),
        other => panic!("expected the whole map, got {other:?}"),
    }
}

/// Real incidents (public reviews rebuilt as timelines: several days, untimed rows, many
/// lanes, messages, paths not taken) shared, joined and edited by two people.
#[test]
fn real_incidents_are_shared_joined_and_edited_as_they_are() {
    for name in [
        "github-2018-october-21-incident",
        "gitlab-2017-database-outage",
        "atlassian-2022-site-deletion-outage",
    ] {
        let path = format!("{}/tests/timelines/{name}.csv", env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(&path).expect("the timeline reads");
        let map = crate::import::import_timeline(&bytes, name)
            .expect("the timeline imports")
            .map;
        let mut a = Peer::host(map.clone());
        let mut b = Peer::join(&a);
        assert_eq!(canonical(&b.map), canonical(&map), "{name}");
        // A note-taker annotates a card while the facilitator moves another.
        let mut card = b.map.events[b.map.events.len() / 2].clone();
        card.annotations.push(Annotation {
            kind: AnnotationKind::Question,
            text: "What did the dashboard show at this point?".into(),
            themes: Vec::new(),
            kept_words: Vec::new(),
            extra: Default::default(),
        });
        b.edit(Op::UpdateEvent(card));
        let mut moved = a.map.events[1].clone();
        moved.pos += 0.5;
        a.edit(Op::UpdateEvent(moved));
        sync(&mut a, &mut b);
        assert_eq!(canonical(&a.map), canonical(&b.map), "{name}");
    }
}
