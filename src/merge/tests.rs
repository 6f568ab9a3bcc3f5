//! What a reviewer merging two branches of a map expects: both sides' work kept, true
//! conflicts visible on the card or in the description, and always a valid map.

use super::merge3;
use crate::io::{Limits, parse_map, validate};
use crate::model::{Annotation, AnnotationKind, EventId, LaneId, Map};

fn small() -> Map {
    parse_map(crate::samples::SMALL.as_bytes()).expect("the sample loads")
}

fn event<'a>(map: &'a Map, id: &str) -> &'a crate::model::Event {
    map.event(&EventId::from(id)).expect("event exists")
}

fn event_mut<'a>(map: &'a mut Map, id: &str) -> &'a mut crate::model::Event {
    map.events
        .iter_mut()
        .find(|e| e.id.as_str() == id)
        .expect("event exists")
}

fn notes(map: &Map, id: &str) -> Vec<String> {
    event(map, id)
        .annotations
        .iter()
        .filter(|a| a.text.starts_with("Merge conflict"))
        .map(|a| a.text.clone())
        .collect()
}

fn valid(map: &Map) {
    assert_eq!(validate(map, &Limits::default()), Vec::new());
}

#[test]
fn annotations_added_to_the_same_event_on_both_sides_are_both_kept() {
    let base = small();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    event_mut(&mut ours, "e1")
        .annotations
        .push(Annotation::new(AnnotationKind::Thinking, "ours"));
    event_mut(&mut theirs, "e1")
        .annotations
        .push(Annotation::new(AnnotationKind::Question, "theirs"));
    let merged = merge3(&base, &ours, &theirs);
    let texts: Vec<&str> = event(&merged.map, "e1")
        .annotations
        .iter()
        .map(|a| a.text.as_str())
        .collect();
    assert_eq!(texts, ["ours", "theirs"]);
    assert!(merged.conflicts.is_empty());
    valid(&merged.map);
}

#[test]
fn moves_of_different_cards_are_both_kept() {
    let base = small();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    event_mut(&mut ours, "e1").pos = 42.0;
    event_mut(&mut theirs, "e4").lane = LaneId::from("api");
    let merged = merge3(&base, &ours, &theirs);
    assert_eq!(event(&merged.map, "e1").pos, 42.0);
    assert_eq!(event(&merged.map, "e4").lane.as_str(), "api");
    assert!(merged.conflicts.is_empty());
}

#[test]
fn renames_of_different_lanes_are_both_kept() {
    let base = small();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    ours.lanes
        .iter_mut()
        .find(|l| l.id.as_str() == "ana")
        .unwrap()
        .name = "Ana (IC)".into();
    theirs
        .lanes
        .iter_mut()
        .find(|l| l.id.as_str() == "bo")
        .unwrap()
        .name = "Bo (DBA)".into();
    let merged = merge3(&base, &ours, &theirs);
    let names: Vec<&str> = merged.map.lanes.iter().map(|l| l.name.as_str()).collect();
    assert!(
        names.contains(&"Ana (IC)") && names.contains(&"Bo (DBA)"),
        "{names:?}"
    );
    assert_eq!(merged.map.description, base.description);
}

#[test]
fn a_title_changed_two_ways_keeps_ours_and_notes_theirs_on_the_card() {
    let base = small();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    event_mut(&mut ours, "e2").title = "Paged at 14:02".into();
    event_mut(&mut theirs, "e2").title = "Paged twice".into();
    let merged = merge3(&base, &ours, &theirs);
    assert_eq!(event(&merged.map, "e2").title, "Paged at 14:02");
    let notes = notes(&merged.map, "e2");
    assert_eq!(notes.len(), 1);
    assert!(
        notes[0].contains("«title»") && notes[0].contains("Paged twice"),
        "{notes:?}"
    );
    assert_eq!(merged.conflicts.len(), 1);
    valid(&merged.map);
}

#[test]
fn a_lane_renamed_two_ways_is_noted_in_the_map_description() {
    let base = small();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    ours.lanes
        .iter_mut()
        .find(|l| l.id.as_str() == "bo")
        .unwrap()
        .name = "Bo Z".into();
    theirs
        .lanes
        .iter_mut()
        .find(|l| l.id.as_str() == "bo")
        .unwrap()
        .name = "Bo Y".into();
    let merged = merge3(&base, &ours, &theirs);
    assert!(merged.map.description.contains("Merge conflicts:"));
    assert!(merged.map.description.contains("lane 'bo'"));
    assert!(merged.map.description.contains("Bo Y"));
}

#[test]
fn deleted_and_unchanged_is_deleted() {
    let base = small();
    let mut ours = base.clone();
    let unlinked = "e4";
    ours.links.retain(|k| !k.touches(&EventId::from(unlinked)));
    ours.events.retain(|e| e.id.as_str() != unlinked);
    let merged = merge3(&base, &ours, &base);
    assert!(merged.map.event(&EventId::from(unlinked)).is_none());
    assert!(merged.conflicts.is_empty());
    valid(&merged.map);
}

#[test]
fn deleted_on_one_side_and_changed_on_the_other_is_kept_with_a_note() {
    let base = small();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    ours.links.retain(|k| !k.touches(&EventId::from("e4")));
    ours.events.retain(|e| e.id.as_str() != "e4");
    event_mut(&mut theirs, "e4").title = "Looks at db graphs, sees locks".into();
    let merged = merge3(&base, &ours, &theirs);
    assert_eq!(
        event(&merged.map, "e4").title,
        "Looks at db graphs, sees locks"
    );
    assert_eq!(notes(&merged.map, "e4").len(), 1);
    valid(&merged.map);
}

#[test]
fn a_card_added_on_a_lane_the_other_side_deleted_brings_the_lane_back() {
    let base = small();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    // Ours deletes lane bo and its card; theirs adds a card on bo.
    ours.links.retain(|k| !k.touches(&EventId::from("e4")));
    ours.events.retain(|e| e.lane.as_str() != "bo");
    ours.lanes.retain(|l| l.id.as_str() != "bo");
    let id = theirs.next_event_id();
    theirs.events.push(crate::model::Event::new(
        id.clone(),
        "bo".into(),
        9.0,
        "Bo checks replicas",
    ));
    let merged = merge3(&base, &ours, &theirs);
    assert!(merged.map.event(&id).is_some());
    assert!(merged.map.lane(&LaneId::from("bo")).is_some());
    assert!(!merged.conflicts.is_empty());
    valid(&merged.map);
}

#[test]
fn the_same_id_added_differently_on_both_sides_renames_theirs_and_its_references() {
    let base = small();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    let id = base.next_event_id();
    ours.events.push(crate::model::Event::new(
        id.clone(),
        "ana".into(),
        10.0,
        "Ours new",
    ));
    theirs.events.push(crate::model::Event::new(
        id.clone(),
        "bo".into(),
        11.0,
        "Theirs new",
    ));
    let link = theirs.next_link_id();
    theirs.links.push(crate::model::Link::new(
        link.clone(),
        "e1".into(),
        id.clone(),
    ));
    let merged = merge3(&base, &ours, &theirs);
    assert_eq!(event(&merged.map, id.as_str()).title, "Ours new");
    let renamed = merged
        .map
        .events
        .iter()
        .find(|e| e.title == "Theirs new")
        .expect("theirs kept");
    assert_ne!(renamed.id, id);
    assert_eq!(
        merged.map.link(&link).and_then(|k| k.to.event()),
        Some(&renamed.id)
    );
    assert!(merged.conflicts.is_empty());
    valid(&merged.map);
}

#[test]
fn one_sided_and_identical_changes_give_that_side() {
    let base = small();
    let mut x = base.clone();
    event_mut(&mut x, "e3")
        .annotations
        .insert(0, Annotation::new(AnnotationKind::Note, "first"));
    x.lanes.swap(0, 2);
    x.title = "Renamed".into();
    assert_eq!(merge3(&base, &x, &base).map, x);
    assert_eq!(merge3(&base, &base, &x).map, x);
    assert_eq!(merge3(&base, &x, &x).map, x);
}

#[test]
fn an_annotation_edited_both_ways_keeps_both_edits_and_says_so() {
    let base = small();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    event_mut(&mut ours, "e3").annotations[0].text = "error rate at 6%".into();
    event_mut(&mut theirs, "e3").annotations[0].text = "latency normal".into();
    let merged = merge3(&base, &ours, &theirs);
    let texts: Vec<&str> = event(&merged.map, "e3")
        .annotations
        .iter()
        .map(|a| a.text.as_str())
        .collect();
    assert_eq!(texts[..2], ["error rate at 6%", "latency normal"]);
    assert_eq!(notes(&merged.map, "e3").len(), 1, "{texts:?}");
    valid(&merged.map);
}
