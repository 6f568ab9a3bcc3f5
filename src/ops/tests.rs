use super::*;
use crate::model::{Event, EventId, Lane, LaneId, LaneKind, Link, LinkId, Map};

fn map_with_two_lanes() -> Map {
    let mut map = Map::new("t");
    map.lanes
        .push(Lane::new(LaneId::from("a"), "A", LaneKind::Person));
    map.lanes
        .push(Lane::new(LaneId::from("b"), "B", LaneKind::System));
    map.events.push(Event::new(
        EventId::from("e1"),
        LaneId::from("a"),
        1.0,
        "one",
    ));
    map.events.push(Event::new(
        EventId::from("e2"),
        LaneId::from("b"),
        2.0,
        "two",
    ));
    map.links.push(Link::new(
        LinkId::from("k1"),
        EventId::from("e1"),
        EventId::from("e2"),
    ));
    map
}

#[test]
fn removing_an_event_with_links_undoes_exactly() {
    let mut map = map_with_two_lanes();
    let original = map.clone();
    let op = Op::remove_event_with_links(&map, &EventId::from("e1"));
    let inverse = op.apply(&mut map).unwrap();
    assert!(map.event(&EventId::from("e1")).is_none());
    assert!(map.links.is_empty());
    inverse.apply(&mut map).unwrap();
    assert_eq!(map, original);
}

#[test]
fn removing_a_lane_takes_its_events_and_links_and_undo_restores_order() {
    let mut map = map_with_two_lanes();
    let original = map.clone();
    let op = Op::remove_lane_with_events(&map, &LaneId::from("a"));
    let inverse = op.apply(&mut map).unwrap();
    assert_eq!(map.lanes.len(), 1);
    assert_eq!(map.events.len(), 1);
    inverse.apply(&mut map).unwrap();
    assert_eq!(map, original);
}

#[test]
fn a_failing_batch_leaves_the_map_untouched() {
    let mut map = map_with_two_lanes();
    let original = map.clone();
    let op = Op::Batch(vec![
        Op::SetTitle("changed".into()),
        Op::RemoveLink(LinkId::from("missing")),
    ]);
    assert_eq!(
        op.apply(&mut map),
        Err(OpError::MissingLink(LinkId::from("missing")))
    );
    assert_eq!(map, original);
}

#[test]
fn an_event_cannot_be_removed_while_links_point_at_it() {
    let mut map = map_with_two_lanes();
    assert_eq!(
        Op::RemoveEvent(EventId::from("e2")).apply(&mut map),
        Err(OpError::EventInUse(EventId::from("e2")))
    );
}

#[test]
fn moving_a_lane_and_back() {
    let mut map = map_with_two_lanes();
    let inverse = Op::MoveLane {
        id: LaneId::from("a"),
        to_index: 1,
    }
    .apply(&mut map)
    .unwrap();
    assert_eq!(map.lanes[1].id, LaneId::from("a"));
    inverse.apply(&mut map).unwrap();
    assert_eq!(map.lanes[0].id, LaneId::from("a"));
}

#[test]
fn history_names_steps_and_tracks_saved_state() {
    let mut map = map_with_two_lanes();
    let mut history = History::default();
    assert!(!history.has_unsaved_changes());
    history
        .apply(
            &mut map,
            Edit::new("Rename map", Op::SetTitle("new".into())),
        )
        .unwrap();
    assert!(history.has_unsaved_changes());
    assert_eq!(history.undo_label(), Some("Rename map"));
    history.mark_saved();
    assert!(!history.has_unsaved_changes());
    assert_eq!(history.undo(&mut map).as_deref(), Some("Rename map"));
    assert_eq!(map.title, "t");
    assert!(
        history.has_unsaved_changes(),
        "undoing past the save is a change"
    );
    assert_eq!(history.redo_label(), Some("Rename map"));
    history.redo(&mut map);
    assert_eq!(map.title, "new");
    assert!(
        !history.has_unsaved_changes(),
        "redo returns to the saved state"
    );
}

#[test]
fn a_new_edit_clears_redo() {
    let mut map = map_with_two_lanes();
    let mut history = History::default();
    history
        .apply(&mut map, Edit::new("a", Op::SetTitle("a".into())))
        .unwrap();
    history.undo(&mut map);
    history
        .apply(&mut map, Edit::new("b", Op::SetTitle("b".into())))
        .unwrap();
    assert_eq!(history.redo_label(), None);
}

#[test]
fn typing_in_one_field_is_one_step() {
    let mut map = map_with_two_lanes();
    let mut history = History::default();
    for title in ["n", "ne", "new"] {
        history
            .apply_continuing(
                &mut map,
                Edit::new("Rename map", Op::SetTitle(title.into())),
                "title",
            )
            .unwrap();
    }
    history.seal();
    history
        .apply_continuing(
            &mut map,
            Edit::new("Rename map", Op::SetTitle("newer".into())),
            "title",
        )
        .unwrap();
    assert_eq!(map.title, "newer");
    history.undo(&mut map);
    assert_eq!(map.title, "new", "a sealed field edit is a step of its own");
    history.undo(&mut map);
    assert_eq!(map.title, "t", "all keystrokes of one edit undo together");
    assert_eq!(history.undo_label(), None);
}
