use super::*;
use crate::model::Map;
use crate::timeline::GapScan;

/// Events `(id, lane)` told in this order, and links `(from, to)` where `to` is an event
/// id or `lane:<lane id>`.
fn map_of(events: &[(&str, &str)], links: &[(&str, &str)]) -> Map {
    let lanes: Vec<String> = ["ana", "bo", "cy"]
        .iter()
        .map(|id| format!(r#"{{"id":"{id}","name":"{id}"}}"#))
        .collect();
    let events: Vec<String> = events
        .iter()
        .enumerate()
        .map(|(i, (id, lane))| {
            format!(r#"{{"id":"{id}","lane":"{lane}","pos":{i},"title":"{id}"}}"#)
        })
        .collect();
    let links: Vec<String> = links
        .iter()
        .enumerate()
        .map(|(i, (from, to))| match to.strip_prefix("lane:") {
            Some(lane) => format!(r#"{{"id":"l{i}","from":"{from}","to_lane":"{lane}"}}"#),
            None => format!(r#"{{"id":"l{i}","from":"{from}","to":"{to}"}}"#),
        })
        .collect();
    let json = format!(
        r#"{{"format":"waterline-map","version":3,"title":"t","lanes":[{}],"events":[{}],"links":[{}]}}"#,
        lanes.join(","),
        events.join(","),
        links.join(",")
    );
    crate::io::parse_map(json.as_bytes()).expect("the test map loads")
}

fn story(map: &Map) -> Story {
    Story::of(map, &GapScan::default(), 0..map.events.len())
}

/// The ids of the events `lane` knew at `moment`.
fn known(map: &Map, lane: &str, moment: usize) -> Vec<String> {
    let knowledge = known_to(map, &story(map), &LaneId::from(lane), moment);
    map.events
        .iter()
        .enumerate()
        .filter(|(i, _)| knowledge.knows(*i))
        .map(|(_, event)| event.id.to_string())
        .collect()
}

/// Ana pages Bo at a2 (it reaches Bo at b2); Cy tells Ana something at c2 (reaching her
/// at a4); Ana hands over to Bo at a5.
fn paging() -> Map {
    map_of(
        &[
            ("a1", "ana"),
            ("c1", "cy"),
            ("b1", "bo"),
            ("a2", "ana"),
            ("a3", "ana"),
            ("b2", "bo"),
            ("c2", "cy"),
            ("a4", "ana"),
            ("a5", "ana"),
            ("b3", "bo"),
        ],
        &[("a2", "b2"), ("c2", "a4"), ("a5", "b3")],
    )
}

#[test]
fn a_lane_sees_a_page_only_once_it_arrives_with_what_the_pager_knew_then() {
    let map = paging();
    // Before the page reaches Bo (b2 is the 6th event, moment 5): only Bo's own.
    assert_eq!(known(&map, "bo", 4), ["b1"]);
    // Once it arrives: what Ana knew when she paged (a1, a2), not what she did after (a3),
    // nor what Cy knew, which had not reached Ana then.
    assert_eq!(known(&map, "bo", 5), ["a1", "b1", "a2", "b2"]);
    // The handover at a5 carries what had reached Ana by then, Cy's news included.
    assert_eq!(known(&map, "bo", 9).len(), 10);
    assert_eq!(
        known(&map, "bo", 8),
        ["a1", "b1", "a2", "b2"],
        "not arrived yet"
    );
}

#[test]
fn nothing_flows_backwards_through_a_link() {
    let map = paging();
    // Ana never heard from Bo: she knows her own and what Cy sent.
    assert_eq!(
        known(&map, "ana", 9),
        ["a1", "c1", "a2", "a3", "c2", "a4", "a5"]
    );
    // Before Cy's message arrives at a4 (moment 7), nothing of Cy's.
    assert_eq!(known(&map, "ana", 6), ["a1", "a2", "a3"]);
    // Cy knows only Cy's own.
    assert_eq!(known(&map, "cy", 9), ["c1", "c2"]);
}

#[test]
fn a_message_to_a_lane_arrives_as_it_is_sent() {
    let map = map_of(
        &[("a1", "ana"), ("b1", "bo"), ("a2", "ana"), ("b2", "bo")],
        &[("a2", "lane:bo")],
    );
    assert_eq!(known(&map, "bo", 1), ["b1"]);
    assert_eq!(known(&map, "bo", 2), ["a1", "b1", "a2"]);
}

#[test]
fn a_link_drawn_to_an_earlier_card_carries_nothing_before_it_is_sent() {
    // Bo's b1 is drawn as receiving Ana's a2, which comes later in the story.
    let map = map_of(
        &[("a1", "ana"), ("b1", "bo"), ("a2", "ana")],
        &[("a2", "b1")],
    );
    assert_eq!(known(&map, "bo", 1), ["b1"]);
    assert_eq!(known(&map, "bo", 2), ["a1", "b1", "a2"]);
}

#[test]
fn knowledge_passes_along_a_chain_and_round_a_loop() {
    // Cy tells Ana, Ana tells Bo, Bo tells Cy: each learns what came before, no more.
    let map = map_of(
        &[("c1", "cy"), ("a1", "ana"), ("b1", "bo"), ("c2", "cy")],
        &[("c1", "a1"), ("a1", "b1"), ("b1", "c2")],
    );
    assert_eq!(known(&map, "bo", 2), ["c1", "a1", "b1"]);
    assert_eq!(known(&map, "cy", 3).len(), 4);
    let knowledge = known_to(&map, &story(&map), &LaneId::from("bo"), 2);
    assert_eq!(knowledge.count(), 3);
    assert_eq!(knowledge.lane_reach(2), Some(0), "Cy's known up to c1");
}

#[test]
fn an_unknown_lane_knows_nothing() {
    let map = paging();
    assert!(known(&map, "nobody", 9).is_empty());
}

#[test]
fn a_lane_the_story_leaves_out_passes_nothing_on() {
    // Cy's lane hidden: the story tells only Ana's and Bo's events.
    let map = map_of(
        &[("c1", "cy"), ("a1", "ana"), ("b1", "bo")],
        &[("c1", "b1"), ("a1", "b1")],
    );
    let told = Story::of(&map, &GapScan::default(), [1, 2]);
    let knowledge = known_to(&map, &told, &LaneId::from("bo"), 1);
    let known: Vec<String> = map
        .events
        .iter()
        .enumerate()
        .filter(|(i, _)| knowledge.knows(*i))
        .map(|(_, e)| e.id.to_string())
        .collect();
    assert_eq!(known, ["a1", "b1"]);
}
