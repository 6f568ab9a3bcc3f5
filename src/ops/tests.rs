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

fn with_branch_chain(map: &mut Map) {
    use crate::model::{Branch, BranchId, CardId};
    map.branches.push(Branch::new(
        BranchId::from("b1"),
        CardId::Event(EventId::from("e1")),
        LaneId::from("b"),
        1.0,
        "roll back the deploy",
    ));
    map.branches.push(Branch::new(
        BranchId::from("b2"),
        CardId::Branch(BranchId::from("b1")),
        LaneId::from("b"),
        1.5,
        "then page the db team",
    ));
}

#[test]
fn removing_an_event_takes_its_chained_paths_not_taken_and_undo_restores_them() {
    let mut map = map_with_two_lanes();
    with_branch_chain(&mut map);
    let original = map.clone();
    let inverse = Op::remove_event_with_links(&map, &EventId::from("e1"))
        .apply(&mut map)
        .unwrap();
    assert!(map.branches.is_empty());
    inverse.apply(&mut map).unwrap();
    assert_eq!(map, original);
}

#[test]
fn a_branch_cannot_be_removed_under_its_chain_nor_made_to_loop() {
    use crate::model::{BranchId, CardId};
    let mut map = map_with_two_lanes();
    with_branch_chain(&mut map);
    assert_eq!(
        Op::RemoveBranch(BranchId::from("b1")).apply(&mut map),
        Err(OpError::BranchInUse(BranchId::from("b1")))
    );
    let mut looped = map.branch(&BranchId::from("b1")).unwrap().clone();
    looped.from = CardId::Branch(BranchId::from("b2"));
    assert_eq!(
        Op::UpdateBranch(looped).apply(&mut map),
        Err(OpError::BranchCycle(BranchId::from("b1")))
    );
    assert_eq!(
        Op::RemoveEvent(EventId::from("e2")).apply(&mut map),
        Err(OpError::EventInUse(EventId::from("e2"))),
        "e2 still has its link"
    );
}

#[test]
fn removing_a_lane_takes_the_branches_on_it_and_its_gap_notes() {
    use crate::model::{GapNotes, Timestamp};
    let mut map = map_with_two_lanes();
    with_branch_chain(&mut map);
    let t = |s| Timestamp::parse(s).unwrap();
    map.gaps.push(GapNotes::new(
        t("2025-03-11T14:00:00Z"),
        t("2025-03-11T14:30:00Z"),
        Some(LaneId::from("b")),
    ));
    let original = map.clone();
    let inverse = Op::remove_lane_with_events(&map, &LaneId::from("b"))
        .apply(&mut map)
        .unwrap();
    assert!(map.branches.is_empty() && map.gaps.is_empty());
    inverse.apply(&mut map).unwrap();
    assert_eq!(map, original);
}

/// Events `(id, lane, pos, time)` on lanes a and b.
fn timed_map(events: &[(&str, &str, f64, Option<&str>)]) -> Map {
    let mut map = map_with_two_lanes();
    map.links.clear();
    map.events.clear();
    for (id, lane, pos, time) in events {
        let mut event = Event::new(EventId::from(*id), LaneId::from(*lane), *pos, *id);
        event.time = time.map(|t| crate::model::Timestamp::parse(t).unwrap());
        map.events.push(event);
    }
    map
}

fn order_by_pos(map: &Map) -> Vec<String> {
    let mut cards: Vec<(f64, String)> = map
        .events
        .iter()
        .map(|e| (e.pos, e.id.to_string()))
        .chain(map.branches.iter().map(|b| (b.pos, b.id.to_string())))
        .collect();
    cards.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    cards.into_iter().map(|(_, id)| id).collect()
}

#[test]
fn arranging_by_time_orders_timed_events_and_keeps_untimed_ones_with_their_neighbours() {
    // Drawn out of time order: t3 at the top. u1 and u2 follow t2, in that order; u0 is
    // above every timed event.
    let mut map = timed_map(&[
        ("u0", "a", 0.0, None),
        ("t3", "a", 1.0, Some("2025-03-11T14:30:00Z")),
        ("t2", "b", 2.0, Some("2025-03-11T14:20:00Z")),
        ("u1", "b", 3.0, None),
        ("u2", "a", 4.0, None),
        ("t1", "b", 5.0, Some("2025-03-11T09:10:00-05:00")),
    ]);
    let original = map.clone();
    let op = arrange_by_time(&map).expect("out of order");
    let inverse = op.apply(&mut map).unwrap();
    assert_eq!(order_by_pos(&map), ["u0", "t1", "t2", "u1", "u2", "t3"]);
    assert!(arrange_by_time(&map).is_none(), "arranged maps stay put");
    inverse.apply(&mut map).unwrap();
    assert_eq!(map, original, "one undo restores every position");
}

#[test]
fn arranging_by_time_lines_up_simultaneous_events_and_carries_branches() {
    use crate::model::{Branch, BranchId, CardId};
    let mut map = timed_map(&[
        ("later", "a", 1.0, Some("2025-03-11T14:30:00Z")),
        ("same_a", "a", 2.0, Some("2025-03-11T14:00:00Z")),
        ("same_b", "b", 3.0, Some("2025-03-11T14:00:00Z")),
    ]);
    map.branches.push(Branch::new(
        BranchId::from("b1"),
        CardId::Event(EventId::from("later")),
        LaneId::from("b"),
        1.5,
        "wait and see",
    ));
    arrange_by_time(&map).unwrap().apply(&mut map).unwrap();
    let pos = |id| map.event(&EventId::from(id)).unwrap().pos;
    assert_eq!(pos("same_a"), pos("same_b"));
    assert!(pos("later") > pos("same_b"));
    let branch = map.branch(&BranchId::from("b1")).unwrap().pos;
    assert!(
        branch > pos("later"),
        "the ghost card stays just after its event"
    );
}

#[test]
fn writing_a_gap_s_notes_merges_its_records_into_the_first_and_keeps_no_empty_one() {
    use crate::model::{Annotation, AnnotationKind, GapNotes, Timestamp};
    use crate::timeline::find_gaps;
    let t = |s: &str| Timestamp::parse(s).unwrap();
    let mut map = timed_map(&[
        ("a", "a", 1.0, Some("2025-03-11T14:00:00Z")),
        ("b", "b", 2.0, Some("2025-03-11T14:40:00Z")),
    ]);
    // Two records left from when this stretch was two gaps.
    for (start, end, text) in [
        ("2025-03-11T14:00:00Z", "2025-03-11T14:15:00Z", "first"),
        ("2025-03-11T14:20:00Z", "2025-03-11T14:40:00Z", "second"),
    ] {
        let mut record = GapNotes::new(t(start), t(end), None);
        record
            .notes
            .push(Annotation::new(AnnotationKind::Note, text));
        map.gaps.push(record);
    }
    let gap = find_gaps(&map).gaps[0].clone();
    let mut notes = Op::notes_of_gap(&map, &gap);
    assert_eq!(notes.len(), 2);
    notes.push(Annotation::new(
        AnnotationKind::Question,
        "whom did they ask?",
    ));
    Op::set_gap_notes(&map, &gap, notes)
        .apply(&mut map)
        .unwrap();
    assert_eq!(map.gaps.len(), 1, "merged into one record");
    assert_eq!(map.gaps[0].notes.len(), 3);

    let gap = find_gaps(&map).gaps[0].clone();
    Op::set_gap_notes(&map, &gap, Vec::new())
        .apply(&mut map)
        .unwrap();
    assert!(map.gaps.is_empty(), "no empty record is kept");
}

#[test]
fn deleting_an_event_takes_a_long_chain_of_paths_with_it_and_undo_brings_it_back() {
    use crate::model::{Branch, BranchId, CardId};
    let mut map = map_with_two_lanes();
    // Listed from the far end, so a removal in list order would leave paths dangling.
    let chain = 3_000;
    for n in (1..=chain).rev() {
        let from = match n {
            1 => CardId::Event(EventId::from("e1")),
            n => CardId::Branch(BranchId::from(format!("b{}", n - 1))),
        };
        let id = BranchId::from(format!("b{n}"));
        map.branches
            .push(Branch::new(id, from, LaneId::from("a"), 1.0, "option"));
    }
    let before = map.clone();
    let op = Op::remove_cards(&map, &[CardId::Event(EventId::from("e1"))]);
    let undo = op
        .apply(&mut map)
        .expect("the chain goes, last paths first");
    assert!(map.branches.is_empty());
    assert!(map.event(&EventId::from("e1")).is_none());
    undo.apply(&mut map).expect("undo");
    assert_eq!(map, before);
}

#[test]
fn deleting_thousands_of_events_and_undoing_it_restores_the_map_exactly() {
    use crate::model::CardId;
    let mut map = map_with_two_lanes();
    for n in 3..20_000 {
        let lane = LaneId::from(if n % 3 == 0 { "b" } else { "a" });
        map.events.push(Event::new(
            EventId::from(format!("e{n}")),
            lane,
            n as f64,
            "x",
        ));
    }
    let before = map.clone();
    // Every other event, picked from the end, with the linked pair among them.
    let cards: Vec<CardId> = map
        .events
        .iter()
        .rev()
        .step_by(2)
        .map(|e| CardId::Event(e.id.clone()))
        .chain([
            CardId::Event(EventId::from("e1")),
            CardId::Event(EventId::from("e2")),
        ])
        .collect();
    let undo = Op::remove_cards(&map, &cards)
        .apply(&mut map)
        .expect("delete");
    assert_eq!(
        map.events.len(),
        before.events.len() - cards.len() + 1,
        "e2 was picked twice"
    );
    assert!(map.links.is_empty());
    assert!(
        map.event(&EventId::from("e19998")).is_some(),
        "the others stay, found by id"
    );
    let redo = undo.apply(&mut map).expect("undo");
    assert_eq!(map, before);
    redo.apply(&mut map).expect("redo");
    assert_eq!(map.events.len(), before.events.len() - cards.len() + 1);
}

#[test]
fn a_run_of_removals_that_cannot_all_go_is_refused_whole() {
    let mut map = map_with_two_lanes();
    let before = map.clone();
    // e1 is still linked to e2 (the link is not in the batch): nothing may change.
    let op = Op::Batch(vec![
        Op::RemoveEvent(EventId::from("e2")),
        Op::RemoveEvent(EventId::from("e1")),
    ]);
    assert!(op.apply(&mut map).is_err());
    assert_eq!(map, before);
}
