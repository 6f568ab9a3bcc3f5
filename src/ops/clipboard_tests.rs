//! Copying cards out of a map and pasting them into the same map or another.

use super::*;
use crate::model::{Annotation, AnnotationKind, Link};

fn small() -> Map {
    crate::io::parse_map(crate::samples::SMALL.as_bytes()).unwrap()
}

fn cards(ids: &[&str]) -> Vec<CardId> {
    ids.iter()
        .map(|id| CardId::Event(EventId::from(*id)))
        .collect()
}

fn pasted_into(map: &mut Map, pasted: &Pasted) {
    pasted
        .op
        .clone()
        .apply(map)
        .expect("the paste fits the map");
}

#[test]
fn copy_takes_the_cards_their_lanes_and_the_links_among_them_only() {
    let map = small();
    // e1 -> e2 is a link between copied cards; e5 -> e4 leaves the selection.
    let clip = Clip::copy(&map, &cards(&["e1", "e2", "e5"])).unwrap();
    let events: Vec<&str> = clip.map.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(events, ["e1", "e2", "e5"]);
    assert_eq!(
        clip.map.links.len(),
        1,
        "only the link with both ends copied"
    );
    let lanes: Vec<&str> = clip.map.lanes.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(lanes, ["Ana (on-call)", "api"]);
    assert_eq!(
        clip.map.events[2].annotations.len(),
        1,
        "annotations come along"
    );
    assert!(Clip::copy(&map, &cards(&["nope"])).is_none());
}

#[test]
fn the_clipboard_text_reads_as_chat_lines_and_round_trips_as_data() {
    let map = small();
    let clip = Clip::copy(&map, &cards(&["e1", "e2", "e5"])).unwrap();
    let text = clip.to_text();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "[2025-03-11 14:03:00+00:00] api: Error rate up");
    assert_eq!(lines[1], "[2025-03-11 14:04:00+00:00] Ana (on-call): Paged");
    assert_eq!(lines[2], "Ana (on-call): Asks Bo");
    assert!(lines[3].starts_with("{\"format\":\"waterline-cards\",\"version\":1"));
    let back = Clip::from_text(&text).unwrap().unwrap();
    assert_eq!(back, clip);
    // Another app's text (or the chat lines alone) holds no cards.
    assert!(Clip::from_text("14:05 Ana: paged").is_none());
    assert!(Clip::from_text(&lines[..3].join("\n")).is_none());
}

#[test]
fn hostile_clipboard_text_is_refused_without_panicking() {
    let map = small();
    let good = Clip::copy(&map, &cards(&["e1", "e2"])).unwrap().to_text();
    let data = good.lines().last().unwrap();
    let hostile = [
        data[..data.len() / 2].to_owned(),
        data.replace("\"version\":1", "\"version\":99"),
        data.replace("\"version\":1", "\"version\":-1"),
        data.replace("\"from\":\"e1\"", "\"from\":\"e404\""),
        data.replace("\"id\":\"e2\"", "\"id\":\"e1\""),
        data.replace("\"map\":", "\"nap\":"),
        format!("{{\"format\":\"waterline-cards\",\"version\":1,\"map\":{}}}", "[".repeat(10_000)),
        "{\"format\":\"waterline-cards\",\"version\":1,\"map\":{\"format\":\"waterline-map\",\"version\":5,\"title\":\"x\"}}".to_owned(),
    ];
    for text in hostile {
        match Clip::from_text(&text) {
            Some(Err(_)) => {}
            other => panic!("{text:.80} gave {other:?}"),
        }
    }
    // Arbitrary bytes that mention the marker are no cards, or refused: never a panic.
    for text in [
        "{waterline-cards",
        "{\"format\":\"waterline-cards\"",
        "\u{0}{waterline-cards}",
    ] {
        assert!(!matches!(Clip::from_text(text), Some(Ok(_))), "{text}");
    }
}

#[test]
fn pasting_in_the_same_map_makes_new_ids_and_links_just_after_the_originals() {
    let mut map = small();
    let clip = Clip::copy(&map, &cards(&["e1", "e2"])).unwrap();
    let pasted = clip.paste(&map, &Placement::default());
    assert!(pasted.new_lanes.is_empty(), "the lanes are there");
    pasted_into(&mut map, &pasted);
    assert_eq!(map.events.len(), 7);
    assert_eq!(map.links.len(), 3);
    let new: Vec<&Event> = pasted
        .cards
        .iter()
        .map(|c| map.event(c.event().unwrap()).unwrap())
        .collect();
    assert_eq!(new[0].title, "Error rate up");
    assert_ne!(new[0].id.as_str(), "e1");
    assert_eq!(new[0].lane.as_str(), "api");
    assert_eq!(new[0].pos, 2.5, "just after the last original");
    assert_eq!(new[1].pos, 3.5);
    let link = map.links.iter().last().unwrap();
    assert_eq!(
        (&link.from, link.to.event()),
        (&new[0].id, Some(&new[1].id)),
        "the link joins the copies, not the originals"
    );
    crate::io::validate(&map, &Default::default())
        .is_empty()
        .then_some(())
        .expect("the map is still sound");
}

#[test]
fn pasting_into_another_map_matches_lanes_by_name_or_makes_them() {
    let source = small();
    let clip = Clip::copy(&source, &cards(&["e4", "e5"])).unwrap();
    let mut target = Map::new("Other");
    target.lanes.push(Lane::new(
        LaneId::from("x9"),
        "bo (db team)",
        crate::model::LaneKind::Person,
    ));
    let pasted = clip.paste(
        &target,
        &Placement {
            lane: None,
            pos: Some(10.0),
        },
    );
    assert_eq!(pasted.new_lanes, ["Ana (on-call)"]);
    pasted_into(&mut target, &pasted);
    let asks = target.events.iter().find(|e| e.title == "Asks Bo").unwrap();
    let looks = target
        .events
        .iter()
        .find(|e| e.title == "Looks at db graphs")
        .unwrap();
    assert_eq!(
        looks.lane.as_str(),
        "x9",
        "joined the lane of the same name"
    );
    assert_eq!(looks.pos, 10.0, "the first card lands at the pointer");
    assert_eq!(asks.pos, 11.0, "the others keep their distance to it");
    assert_eq!(target.lane(&asks.lane).unwrap().name, "Ana (on-call)");
    assert_eq!(target.links.len(), 1);
}

#[test]
fn cards_of_one_lane_go_to_the_lane_under_the_pointer() {
    let mut map = small();
    let clip = Clip::copy(&map, &cards(&["e2", "e3"])).unwrap();
    let pasted = clip.paste(
        &map,
        &Placement {
            lane: Some(LaneId::from("bo")),
            pos: Some(7.0),
        },
    );
    pasted_into(&mut map, &pasted);
    for card in &pasted.cards {
        assert_eq!(
            map.event(card.event().unwrap()).unwrap().lane.as_str(),
            "bo"
        );
    }
}

#[test]
fn paths_not_taken_and_themes_come_along_and_themes_match_by_name() {
    let mut map = small();
    map.themes.push(Theme {
        id: ThemeId::from("t1"),
        name: "Trusts the dashboard".into(),
        colour: None,
        depth: None,
        kept_words: Vec::new(),
        extra: Default::default(),
    });
    let e3 = map.events.by_id_mut(&EventId::from("e3")).unwrap();
    e3.themes.push(ThemeId::from("t1"));
    e3.annotations.push(Annotation {
        kind: AnnotationKind::Thinking,
        text: "it is the db".into(),
        themes: vec![ThemeId::from("t1")],
        kept_words: Vec::new(),
        extra: Default::default(),
    });
    map.branches.push(Branch::new(
        BranchId::from("b1"),
        CardId::Event(EventId::from("e3")),
        LaneId::from("ana"),
        3.1,
        "roll back",
    ));
    map.branches.push(Branch::new(
        BranchId::from("b2"),
        CardId::Branch(BranchId::from("b1")),
        LaneId::from("ana"),
        3.2,
        "fail over",
    ));
    map.links.push(Link::message(
        LinkId::from("k9"),
        EventId::from("e3"),
        LaneId::from("bo"),
    ));
    let mut selection = cards(&["e3"]);
    selection.push(CardId::Branch(BranchId::from("b2")));
    selection.push(CardId::Branch(BranchId::from("b1")));
    let clip = Clip::copy(&map, &selection).unwrap();
    assert_eq!(clip.map.branches.len(), 2);
    assert_eq!(clip.map.themes.len(), 1);
    assert_eq!(clip.map.lanes.len(), 2, "the message's lane comes along");
    let round = Clip::from_text(&clip.to_text()).unwrap().unwrap();

    // Into another map that has the theme under another id.
    let mut other = Map::new("Other");
    other.themes.push(Theme {
        id: ThemeId::from("t7"),
        ..map.themes.iter().next().unwrap().clone()
    });
    let pasted = round.paste(&other, &Placement::default());
    assert_eq!(pasted.new_lanes.len(), 2);
    pasted_into(&mut other, &pasted);
    assert_eq!(other.themes.len(), 1, "the theme of the same name is used");
    let event = other.events.iter().next().unwrap();
    assert_eq!(event.themes, [ThemeId::from("t7")]);
    assert_eq!(event.annotations[1].themes, [ThemeId::from("t7")]);
    assert_eq!(other.branches.len(), 2);
    assert_eq!(other.links.len(), 1);
    assert!(crate::io::validate(&other, &Default::default()).is_empty());

    // A branch copied without what it grows from is left out: it would hang from nothing.
    let lone = Clip::copy(
        &map,
        &[
            cards(&["e1"])[0].clone(),
            CardId::Branch(BranchId::from("b1")),
        ],
    )
    .unwrap();
    assert!(lone.map.branches.is_empty());
}

#[test]
fn a_paste_that_would_make_the_map_too_large_is_refused() {
    let map = small();
    let clip = Clip::copy(&map, &cards(&["e1", "e2"])).unwrap();
    assert!(clip.too_much_for(&map).is_none());
    let mut full = Map::new("Full");
    full.lanes.push(Lane::new(
        LaneId::from("l1"),
        "x",
        crate::model::LaneKind::Person,
    ));
    for n in 0..crate::io::Limits::default().max_events - 1 {
        full.events.push(Event::new(
            EventId::new(format!("e{n}")),
            LaneId::from("l1"),
            n as f64,
            "x",
        ));
    }
    let err = clip.too_much_for(&full).expect("refused");
    assert!(err.to_string().contains("at most 200000 events"), "{err}");
}

#[test]
fn a_chain_of_twenty_thousand_paths_listed_backwards_copies_and_pastes() {
    const CHAIN: usize = 20_000;
    let mut map = Map::new("Chain");
    map.lanes.push(Lane::new(
        LaneId::from("l1"),
        "Ana",
        crate::model::LaneKind::Person,
    ));
    map.events.push(Event::new(
        EventId::from("e1"),
        LaneId::from("l1"),
        1.0,
        "paged",
    ));
    // b1 grows from e1, b2 from b1, ... and the list starts at the far end.
    for n in (1..=CHAIN).rev() {
        let from = match n {
            1 => CardId::Event(EventId::from("e1")),
            n => CardId::Branch(BranchId::new(format!("b{}", n - 1))),
        };
        map.branches.push(Branch::new(
            BranchId::new(format!("b{n}")),
            from,
            LaneId::from("l1"),
            1.0 + n as f64 / CHAIN as f64,
            format!("option {n}"),
        ));
    }
    let mut everything = cards(&["e1"]);
    everything.extend(map.branches.iter().map(|b| CardId::Branch(b.id.clone())));
    let clip = Clip::copy(&map, &everything).unwrap();
    assert_eq!(clip.map.branches.len(), CHAIN);
    // The clip as pasted from a hostile clipboard: the chain listed backwards.
    let clip = Clip { map: map.clone() };
    let pasted = clip.paste(&map, &Placement::default());
    let Op::Batch(ops) = &pasted.op else {
        panic!("a paste is one batch")
    };
    let mut inserted: HashSet<CardId> = HashSet::new();
    for op in ops {
        match op {
            Op::InsertEvent { event, .. } => {
                inserted.insert(CardId::Event(event.id.clone()));
            }
            Op::InsertBranch { branch, .. } => {
                assert!(
                    inserted.contains(&branch.from),
                    "{} is pasted after what it grows from",
                    branch.id
                );
                inserted.insert(CardId::Branch(branch.id.clone()));
            }
            _ => {}
        }
    }
    assert_eq!(inserted.len(), CHAIN + 1, "every path not taken is pasted");
    // And the map takes it: inserting a path no longer walks its whole chain.
    let mut map = map;
    pasted_into(&mut map, &pasted);
    assert_eq!(map.branches.len(), 2 * CHAIN);
    assert!(crate::io::validate(&map, &Default::default()).is_empty());
}

/// `small` with the path not taken "roll back" off "Opens api dashboard" (e3) and "fail
/// over" chained off it.
fn small_with_paths() -> Map {
    let mut map = small();
    map.branches.push(Branch::new(
        BranchId::from("b1"),
        CardId::Event(EventId::from("e3")),
        LaneId::from("ana"),
        3.1,
        "roll back",
    ));
    map.branches.push(Branch::new(
        BranchId::from("b2"),
        CardId::Branch(BranchId::from("b1")),
        LaneId::from("ana"),
        3.2,
        "fail over",
    ));
    map
}

#[test]
fn a_copied_event_brings_every_path_not_taken_growing_from_it_selected_or_not() {
    let map = small_with_paths();
    let clip = Clip::copy(&map, &cards(&["e3"])).unwrap();
    let paths: Vec<&str> = clip.map.branches.iter().map(|b| b.label.as_str()).collect();
    assert_eq!(paths, ["roll back", "fail over"]);
    let mut pasted_map = Map::new("Other");
    let pasted = clip.paste(&pasted_map, &Placement::default());
    pasted_into(&mut pasted_map, &pasted);
    assert_eq!(pasted_map.branches.len(), 2);
    assert!(crate::io::validate(&pasted_map, &Default::default()).is_empty());
}

#[test]
fn cut_removes_exactly_what_its_clip_holds_so_a_paste_brings_it_all_back() {
    let mut map = small_with_paths();
    let before = map.clone();
    // The event and a path off another event that is not cut: that path cannot be
    // pasted without what it grows from, so it is not cut either.
    map.branches.push(Branch::new(
        BranchId::from("b3"),
        CardId::Event(EventId::from("e1")),
        LaneId::from("api"),
        1.1,
        "ignore it",
    ));
    let mut selection = cards(&["e3"]);
    selection.push(CardId::Branch(BranchId::from("b3")));
    let clip = Clip::copy(&map, &selection).unwrap();
    let cut = clip.cut(&map);
    cut.apply(&mut map).unwrap();
    assert!(map.event(&EventId::from("e3")).is_none());
    assert!(map.branch(&BranchId::from("b1")).is_none());
    assert!(map.branch(&BranchId::from("b2")).is_none());
    assert!(
        map.branch(&BranchId::from("b3")).is_some(),
        "a path whose event is not cut stays"
    );
    let pasted = clip.paste(&map, &Placement::default());
    pasted_into(&mut map, &pasted);
    let titles = |m: &Map| {
        let mut t: Vec<String> = m.branches.iter().map(|b| b.label.clone()).collect();
        t.sort();
        t
    };
    assert_eq!(titles(&map), ["fail over", "ignore it", "roll back"]);
    assert_eq!(map.events.len(), before.events.len());
}

#[test]
fn a_lane_of_the_same_id_but_another_name_is_not_joined() {
    let mut source = Map::new("Source");
    source.lanes.push(Lane::new(
        LaneId::from("l1"),
        "Ana",
        crate::model::LaneKind::Person,
    ));
    source.events.push(Event::new(
        EventId::from("e1"),
        LaneId::from("l1"),
        1.0,
        "paged",
    ));
    let mut target = Map::new("Target");
    target.lanes.push(Lane::new(
        LaneId::from("l1"),
        "Bo",
        crate::model::LaneKind::Person,
    ));
    let clip = Clip::copy(&source, &cards(&["e1"])).unwrap();
    let pasted = clip.paste(&target, &Placement::default());
    assert_eq!(pasted.new_lanes, ["Ana"]);
    pasted_into(&mut target, &pasted);
    let event = target.events.iter().find(|e| e.title == "paged").unwrap();
    assert_eq!(target.lane(&event.lane).unwrap().name, "Ana");
    assert_eq!(target.lanes.len(), 2);
}

#[test]
fn pasting_into_a_map_whose_ids_reach_the_largest_number_makes_free_ids() {
    let mut map = small();
    let top = "18446744073709551615";
    map.events.push(Event::new(
        EventId::new(format!("e{top}")),
        LaneId::from("ana"),
        9.0,
        "last",
    ));
    map.branches.push(Branch::new(
        BranchId::new(format!("b{top}")),
        CardId::Event(EventId::from("e1")),
        LaneId::from("ana"),
        1.5,
        "wait",
    ));
    map.links.push(Link::new(
        LinkId::new(format!("k{top}")),
        EventId::from("e1"),
        EventId::from("e3"),
    ));
    map.themes
        .push(Theme::new(ThemeId::new(format!("t{top}")), "a"));
    map.lanes.push(Lane::new(
        LaneId::new(format!("l{top}")),
        "Cy",
        crate::model::LaneKind::Person,
    ));
    let clip = Clip::copy(&map, &cards(&["e1", "e2"])).unwrap();
    let mut other = clip.map.clone();
    other.themes.push(Theme::new(ThemeId::from("t2"), "b"));
    other.events[0].themes.push(ThemeId::from("t2"));
    other.lanes.push(Lane::new(
        LaneId::from("dee"),
        "Dee",
        crate::model::LaneKind::Person,
    ));
    other.events[1].lane = LaneId::from("dee");
    let clip = Clip { map: other };
    let pasted = clip.paste(&map, &Placement::default());
    assert_eq!(pasted.new_lanes, ["Dee"]);
    pasted_into(&mut map, &pasted);
    assert_eq!(pasted.cards.len(), 3, "two cards and their path not taken");
    assert_eq!(map.themes.len(), 2, "a new theme");
    assert_eq!(map.links.len(), 4, "the link between the copies");
    assert!(crate::io::validate(&map, &Default::default()).is_empty());
}
