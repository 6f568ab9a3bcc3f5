//! Properties that must hold for any sequence of edits: undoing everything gives back the
//! original map exactly, redoing everything gives the final one, and saving then loading
//! gives back what was in memory, fields this version does not know included.

use proptest::prelude::*;
use serde_json::json;
use waterline::io::{canonical_bytes, parse_map};
use waterline::model::{
    Annotation, AnnotationKind, Branch, CardId, Event, GapNotes, Lane, LaneKind, Link, Map,
    Timestamp,
};
use waterline::ops::{Edit, History, Op, arrange_by_time};

/// An edit a user could make, by position in the map's lists (taken modulo their length,
/// so every generated action means something whatever the map holds by then).
#[derive(Clone, Debug)]
enum Action {
    AddEvent {
        lane: usize,
        pos: f64,
        title: String,
        minute: Option<u32>,
    },
    MoveCard {
        card: usize,
        lane: usize,
        pos: f64,
    },
    Rename {
        card: usize,
        title: String,
    },
    Annotate {
        event: usize,
        kind: usize,
        text: String,
    },
    Link {
        from: usize,
        to: usize,
    },
    Branch {
        from: usize,
        lane: usize,
        pos: f64,
        label: String,
    },
    RemoveCards {
        first: usize,
        count: usize,
    },
    RemoveLink {
        link: usize,
    },
    AddLane {
        name: String,
    },
    RemoveLane {
        lane: usize,
    },
    MoveLane {
        lane: usize,
        to: usize,
    },
    SetTitle(String),
    ArrangeByTime,
    GapNote(String),
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-Z0-9 ,.'\"äöé日本\\-]{0,12}",
        // Language the hindsight lens points out, and a person's name it reads as one.
        1 => proptest::sample::select(vec![
            "We should have rolled back",
            "Root cause: DNS",
            "Ana failed to page",
            "Obviously, the cache",
            "If only we had known",
            "Ana",
        ])
        .prop_map(str::to_owned),
    ]
}

fn pos() -> impl Strategy<Value = f64> {
    (-50.0f64..150.0).prop_map(|p| (p * 1000.0).round() / 1000.0)
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        3 => (any::<usize>(), pos(), text(), proptest::option::of(0u32..180)).prop_map(
            |(lane, pos, title, minute)| Action::AddEvent { lane, pos, title, minute }
        ),
        3 => (any::<usize>(), any::<usize>(), pos())
            .prop_map(|(card, lane, pos)| Action::MoveCard { card, lane, pos }),
        2 => (any::<usize>(), text()).prop_map(|(card, title)| Action::Rename { card, title }),
        2 => (any::<usize>(), 0usize..5, text())
            .prop_map(|(event, kind, text)| Action::Annotate { event, kind, text }),
        2 => (any::<usize>(), any::<usize>()).prop_map(|(from, to)| Action::Link { from, to }),
        2 => (any::<usize>(), any::<usize>(), pos(), text())
            .prop_map(|(from, lane, pos, label)| Action::Branch { from, lane, pos, label }),
        1 => (any::<usize>(), 1usize..4)
            .prop_map(|(first, count)| Action::RemoveCards { first, count }),
        1 => any::<usize>().prop_map(|link| Action::RemoveLink { link }),
        1 => text().prop_map(|name| Action::AddLane { name }),
        1 => any::<usize>().prop_map(|lane| Action::RemoveLane { lane }),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(lane, to)| Action::MoveLane { lane, to }),
        1 => text().prop_map(Action::SetTitle),
        1 => Just(Action::ArrangeByTime),
        1 => text().prop_map(Action::GapNote),
    ]
}

fn pick<T>(items: &[T], i: usize) -> Option<&T> {
    (!items.is_empty()).then(|| &items[i % items.len()])
}

fn cards(map: &Map) -> Vec<CardId> {
    map.events
        .iter()
        .map(|e| CardId::Event(e.id.clone()))
        .chain(map.branches.iter().map(|b| CardId::Branch(b.id.clone())))
        .collect()
}

/// The op the action makes on this map, if it makes sense here.
fn op_for(map: &Map, action: &Action) -> Option<Op> {
    Some(match action {
        Action::AddEvent {
            lane,
            pos,
            title,
            minute,
        } => {
            let lane = pick(&map.lanes, *lane)?.id.clone();
            let mut event = Event::new(map.next_event_id(), lane, *pos, title.clone());
            event.time = minute.map(|m| {
                Timestamp::parse(&format!(
                    "2025-03-11T{:02}:{:02}:00+01:00",
                    13 + m / 60,
                    m % 60
                ))
                .unwrap()
            });
            Op::InsertEvent {
                index: map.events.len(),
                event,
            }
        }
        Action::MoveCard { card, lane, pos } => {
            let card = pick(&cards(map), *card)?.clone();
            let lane = pick(&map.lanes, *lane)?.id.clone();
            Op::place_card(map, &card, lane, *pos)?
        }
        Action::Rename { card, title } => match pick(&cards(map), *card)? {
            CardId::Event(id) => Op::UpdateEvent(Event {
                title: title.clone(),
                ..map.event(id)?.clone()
            }),
            CardId::Branch(id) => Op::UpdateBranch(Branch {
                label: title.clone(),
                ..map.branch(id)?.clone()
            }),
        },
        Action::Annotate { event, kind, text } => {
            let mut event = pick(&map.events, *event)?.clone();
            let kind = AnnotationKind::ALL[*kind].clone();
            event.annotations.push(Annotation::new(kind, text.clone()));
            Op::UpdateEvent(event)
        }
        Action::Link { from, to } => {
            let from = pick(&map.events, *from)?.id.clone();
            let to = pick(&map.events, *to)?.id.clone();
            Op::InsertLink {
                index: map.links.len(),
                link: Link::new(map.next_link_id(), from, to),
            }
        }
        Action::Branch {
            from,
            lane,
            pos,
            label,
        } => {
            let from = pick(&cards(map), *from)?.clone();
            let lane = pick(&map.lanes, *lane)?.id.clone();
            let branch = Branch::new(map.next_branch_id(), from, lane, *pos, label.clone());
            Op::InsertBranch {
                index: map.branches.len(),
                branch,
            }
        }
        Action::RemoveCards { first, count } => {
            let all = cards(map);
            let chosen: Vec<CardId> = (0..*count)
                .filter_map(|k| pick(&all, first + k).cloned())
                .collect();
            if chosen.is_empty() {
                return None;
            }
            Op::remove_cards(map, &chosen)
        }
        Action::RemoveLink { link } => Op::RemoveLink(pick(&map.links, *link)?.id.clone()),
        Action::AddLane { name } => Op::InsertLane {
            index: map.lanes.len(),
            lane: Lane::new(map.next_lane_id(), name.clone(), LaneKind::Team),
        },
        Action::RemoveLane { lane } => {
            Op::remove_lane_with_events(map, &pick(&map.lanes, *lane)?.id)
        }
        Action::MoveLane { lane, to } => Op::MoveLane {
            id: pick(&map.lanes, *lane)?.id.clone(),
            to_index: to % map.lanes.len().max(1),
        },
        Action::SetTitle(title) => Op::SetTitle(title.clone()),
        Action::ArrangeByTime => arrange_by_time(map)?,
        Action::GapNote(text) => {
            let mut gaps = map.gaps.clone();
            let start = Timestamp::parse("2025-03-11T14:00:00Z").unwrap();
            let end = Timestamp::parse("2025-03-11T14:30:00Z").unwrap();
            let mut notes = GapNotes::new(start, end, None);
            notes
                .notes
                .push(Annotation::new(AnnotationKind::Note, text.clone()));
            gaps.push(notes);
            Op::SetGapNotes(gaps)
        }
    })
}

/// The small sample with fields this version does not know at several levels.
fn starting_map() -> Map {
    let mut value: serde_json::Value = serde_json::from_str(waterline::samples::SMALL).unwrap();
    value["exported_by"] = json!({"tool": "future", "n": [1, 2]});
    value["lanes"][0]["avatar"] = json!("ana.png");
    value["events"][0]["severity"] = json!(3);
    value["events"][1]["annotations"] = json!([{"kind": "thinking", "text": "x", "who": "Ana"}]);
    value["links"][0]["style"] = json!("dotted");
    parse_map(&serde_json::to_vec(&value).unwrap()).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn undo_all_restores_the_original_and_redo_all_the_final_map(
        actions in proptest::collection::vec(action(), 1..40)
    ) {
        let original = starting_map();
        let mut map = original.clone();
        let mut history = History::default();
        for action in &actions {
            if let Some(op) = op_for(&map, action) {
                let before = map.clone();
                if history.apply(&mut map, Edit::new(format!("{action:?}"), op)).is_err() {
                    prop_assert_eq!(&map, &before, "a refused edit changes nothing");
                }
            }
        }
        let last = map.clone();
        while history.undo(&mut map).is_some() {}
        prop_assert_eq!(&map, &original);
        while history.redo(&mut map).is_some() {}
        prop_assert_eq!(&map, &last);
    }

    /// The hindsight lens the app shows is the lens of the map as it is, after every edit,
    /// every undo and every redo (it is kept edit by edit, never read whole again).
    #[test]
    fn the_app_lens_follows_every_edit_undo_and_redo(
        actions in proptest::collection::vec(action(), 1..30)
    ) {
        use waterline::document::Document;
        use waterline::lens::scan_map;
        let mut doc = Document::new(starting_map(), None);
        for action in &actions {
            if let Some(op) = op_for(doc.map(), action) {
                let _ = doc.apply(Edit::new(format!("{action:?}"), op));
                prop_assert_eq!(doc.lens().in_map_order(doc.map()), scan_map(doc.map()));
            }
            // Now and then keep the first phrase as written.
            if let Some(first) = scan_map(doc.map()).into_iter().next()
                && actions.len() % 3 == 0
                && let Some(op) = waterline::lens::keep_op(doc.map(), &first)
            {
                let _ = doc.apply(Edit::new("keep", op));
                prop_assert_eq!(doc.lens().in_map_order(doc.map()), scan_map(doc.map()));
            }
        }
        while doc.undo().is_some() {
            prop_assert_eq!(doc.lens().in_map_order(doc.map()), scan_map(doc.map()));
        }
        while doc.redo().is_some() {
            prop_assert_eq!(doc.lens().in_map_order(doc.map()), scan_map(doc.map()));
        }
        prop_assert_eq!(doc.lens().count(), scan_map(doc.map()).len());
    }

    #[test]
    fn save_then_load_gives_back_the_map_in_memory(
        actions in proptest::collection::vec(action(), 0..30)
    ) {
        let mut map = starting_map();
        let mut history = History::default();
        for action in &actions {
            if let Some(op) = op_for(&map, action) {
                let _ = history.apply(&mut map, Edit::new("edit", op));
            }
        }
        let bytes = canonical_bytes(&map).unwrap();
        let loaded = parse_map(&bytes).expect("what was saved loads");
        prop_assert_eq!(&loaded, &map);
        prop_assert_eq!(canonical_bytes(&loaded).unwrap(), bytes, "and saves the same bytes");
        prop_assert_eq!(&loaded.extra["exported_by"]["tool"], "future");
    }
}

/// A time cell as people (and hostile files) write them: full times at the edges of what
/// a map holds and past them, bare clock times that roll over, estimates, nonsense.
fn time_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        (0i32..=10_001, 1u32..=12, 1u32..=28, 0u32..24, 0u32..60)
            .prop_map(|(y, mo, d, h, mi)| format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:00Z")),
        Just("9999-12-31T23:59:00+14:00".to_owned()),
        Just("0000-01-01T00:00:00-12:00".to_owned()),
        Just("-0001-06-01T10:00:00Z".to_owned()),
        Just("+10000-01-01T00:00:00Z".to_owned()),
        (0u32..24, 0u32..60).prop_map(|(h, m)| format!("{h:02}:{m:02}")),
        (0u32..24, 0u32..60).prop_map(|(h, m)| format!("~{h}:{m:02}")),
        "[a-z ]{1,8}",
    ]
}

fn csv_row() -> impl Strategy<Value = [String; 5]> {
    (
        time_cell(),
        "[a-zA-Z ]{0,6}",
        prop_oneof![Just(String::new()), "[a-zA-Z ]{1,6}"],
        "[a-zA-Z0-9 ,\"\n]{0,10}",
        prop_oneof![Just(String::new()), "[a-z\n]{1,30}"],
    )
        .prop_map(|(time, lane, to, text, not_taken)| [time, lane, to, text, not_taken])
}

fn csv_of(rows: &[[String; 5]]) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(["time", "lane", "to", "text", "not_taken"])
        .unwrap();
    for row in rows {
        writer.write_record(row).unwrap();
    }
    writer.into_inner().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Whatever an import makes is a map Waterline opens again: saved, it loads, equal.
    #[test]
    fn every_imported_map_loads_back(rows in proptest::collection::vec(csv_row(), 1..30)) {
        let Ok(imported) = waterline::import::import_timeline(&csv_of(&rows), "t") else {
            return Ok(());
        };
        let bytes = canonical_bytes(&imported.map).unwrap();
        let loaded = parse_map(&bytes);
        prop_assert!(loaded.is_ok(), "{:?}", loaded.err());
        prop_assert_eq!(&loaded.unwrap(), &imported.map);
    }

    /// Whatever a paste adds to a map, the map still loads back.
    #[test]
    fn every_pasted_map_loads_back(rows in proptest::collection::vec(csv_row(), 1..20)) {
        let mut map = starting_map();
        let text = String::from_utf8(csv_of(&rows)).unwrap();
        let (op, _) = waterline::import::paste_into(&map, &text);
        if let Some(op) = op {
            op.apply(&mut map).unwrap();
        }
        let bytes = canonical_bytes(&map).unwrap();
        let loaded = parse_map(&bytes);
        prop_assert!(loaded.is_ok(), "{:?}", loaded.err());
        prop_assert_eq!(&loaded.unwrap(), &map);
    }
}

/// The starting map after the edits that apply.
fn edited(actions: &[Action]) -> Map {
    let mut map = starting_map();
    let mut history = History::default();
    for action in actions {
        if let Some(op) = op_for(&map, action) {
            let _ = history.apply(&mut map, Edit::new("edit", op));
        }
    }
    map
}

/// The ids of everything in a map, by collection.
fn ids_of(map: &Map) -> Vec<Vec<String>> {
    let sorted = |ids: Vec<String>| {
        let mut ids = ids;
        ids.sort();
        ids
    };
    vec![
        sorted(map.lanes.iter().map(|l| l.id.to_string()).collect()),
        sorted(map.events.iter().map(|e| e.id.to_string()).collect()),
        sorted(map.links.iter().map(|k| k.id.to_string()).collect()),
        sorted(map.branches.iter().map(|b| b.id.to_string()).collect()),
        sorted(map.themes.iter().map(|t| t.id.to_string()).collect()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 100, ..ProptestConfig::default() })]

    /// A merge where only one side changed, or both made the same changes, gives that
    /// side exactly: the driver never alters a one-sided merge.
    #[test]
    fn merging_a_one_sided_change_gives_that_side(
        actions in proptest::collection::vec(action(), 0..25)
    ) {
        use waterline::merge::merge3;
        let base = starting_map();
        let x = edited(&actions);
        prop_assert_eq!(&merge3(&base, &x, &base).map, &x);
        prop_assert_eq!(&merge3(&base, &base, &x).map, &x);
        prop_assert_eq!(&merge3(&base, &x, &x).map, &x);
    }

    /// Whatever both sides did, the merge is a map that saves, loads back and, when
    /// nothing conflicted, holds the same ids whichever side is "ours".
    #[test]
    fn every_merge_is_a_valid_map_with_the_same_ids_either_way(
        ours in proptest::collection::vec(action(), 0..20),
        theirs in proptest::collection::vec(action(), 0..20),
    ) {
        use waterline::merge::merge3;
        let base = starting_map();
        let (x, y) = (edited(&ours), edited(&theirs));
        let merged = merge3(&base, &x, &y);
        let bytes = canonical_bytes(&merged.map).unwrap();
        let loaded = parse_map(&bytes).expect("the merge loads");
        prop_assert_eq!(&loaded, &merged.map);
        prop_assert_eq!(canonical_bytes(&loaded).unwrap(), bytes, "fmt --check passes on it");
        // Without conflicts the sides are interchangeable. With one on a reference (a card
        // moved to different lanes) ours wins, and which deleted lane comes back follows.
        let swapped = merge3(&base, &y, &x);
        if merged.conflicts.is_empty() && swapped.conflicts.is_empty() {
            prop_assert_eq!(ids_of(&merged.map), ids_of(&swapped.map));
        }

    }
}
