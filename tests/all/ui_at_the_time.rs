//! "What it looked like at the time", driven like a user: paths not taken, thinking /
//! feeling / seeing annotations, gap notes, the debrief questions, and the view switches.

use crate::common::*;
use egui::{Key, Modifiers, Pos2};
use egui_kittest::kittest::Queryable;
use waterline::model::{AnnotationKind, CardId, EventId};

/// Drags from the round handle of the selected card to `to`, then types a label and
/// presses Enter.
fn branch_by_handle(
    harness: &mut egui_kittest::Harness<'_, waterline::ui::WaterlineApp>,
    handle: &str,
    to: Pos2,
    label: &str,
) {
    let from = rect_of(harness, handle).center();
    drag(harness, from, to, Modifiers::NONE);
    assert!(
        harness.query_by_label("New path not taken").is_some(),
        "dropping on empty space opens the label editor"
    );
    type_text(harness, label);
    key(harness, Modifiers::NONE, Key::Enter);
}

#[test]
fn a_path_not_taken_branches_off_an_event_chains_moves_and_undoes() {
    let mut harness = app_on(SMALL);
    click_label(&mut harness, "Event: Opens api dashboard");
    let spot = Pos2::new(
        lane_x(&harness, "Bo (DB team)"),
        rect_of(&harness, "Event: Opens api dashboard").center().y,
    );
    branch_by_handle(
        &mut harness,
        "Link from: Opens api dashboard",
        spot,
        "roll back the deploy",
    );
    let first = map(&harness).branches[0].clone();
    assert_eq!(first.label, "roll back the deploy");
    assert_eq!(first.from, CardId::Event(EventId::from("e3")));
    assert_eq!(first.lane.as_str(), "bo");
    assert!(
        harness
            .query_by_label("Path not taken: roll back the deploy")
            .is_some(),
        "the ghost card is on the map"
    );

    // The new ghost card is selected: its handle starts a second path chained from it.
    let ghost = rect_of(&harness, "Path not taken: roll back the deploy");
    let spot = Pos2::new(lane_x(&harness, "api"), ghost.center().y + 90.0);
    branch_by_handle(
        &mut harness,
        "Branch from: roll back the deploy",
        spot,
        "freeze deploys",
    );
    let second = map(&harness).branches[1].clone();
    assert_eq!(second.from, CardId::Branch(first.id.clone()));
    assert_eq!(second.lane.as_str(), "api");

    // Moving a ghost card is one undo step, like moving an event.
    let ghost = rect_of(&harness, "Path not taken: freeze deploys");
    let to = Pos2::new(lane_x(&harness, "Ana (on-call)"), ghost.center().y + 40.0);
    drag(&mut harness, ghost.center(), to, Modifiers::NONE);
    let moved = map(&harness).branch(&second.id).unwrap().clone();
    assert_eq!(moved.lane.as_str(), "ana");
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(map(&harness).branch(&second.id).unwrap(), &second);

    // Deleting the event takes both paths with it; one undo brings all back.
    delete_event(&mut harness, "Opens api dashboard");
    assert!(map(&harness).branches.is_empty());
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(map(&harness).branches.len(), 2);
}

#[test]
fn b_adds_a_path_not_taken_beside_the_selected_event_and_escape_drops_it() {
    let mut harness = app_on(SMALL);
    click_label(&mut harness, "Event: Paged");
    key(&mut harness, Modifiers::NONE, Key::B);
    key(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(map(&harness).branches.is_empty(), "Escape keeps nothing");

    click_label(&mut harness, "Event: Paged");
    key(&mut harness, Modifiers::NONE, Key::B);
    type_text(&mut harness, "wait for the next alert");
    key(&mut harness, Modifiers::NONE, Key::Enter);
    let branch = &map(&harness).branches[0];
    let paged = event_titled(&harness, "Paged");
    assert_eq!(branch.lane.as_str(), "bo", "on the next lane to the right");
    assert_eq!(branch.pos, paged.pos, "level with the event");
}

#[test]
fn hiding_paths_not_taken_takes_the_ghost_cards_off_the_map_and_back() {
    let mut harness = app_on(SMALL);
    click_label(&mut harness, "Event: Paged");
    key(&mut harness, Modifiers::NONE, Key::B);
    type_text(&mut harness, "wait");
    key(&mut harness, Modifiers::NONE, Key::Enter);
    assert!(harness.query_by_label("Path not taken: wait").is_some());
    key(&mut harness, Modifiers::SHIFT, Key::B);
    assert!(harness.query_by_label("Path not taken: wait").is_none());
    assert_eq!(map(&harness).branches.len(), 1, "hidden, not deleted");
    key(&mut harness, Modifiers::SHIFT, Key::B);
    assert!(harness.query_by_label("Path not taken: wait").is_some());
}

#[test]
fn each_kind_of_annotation_is_added_by_its_key_with_the_cursor_in_it() {
    let mut harness = app_on(SMALL);
    let keys = [
        (
            Key::T,
            AnnotationKind::Thinking,
            "probably yesterday's deploy",
        ),
        (Key::F, AnnotationKind::Feeling, "uneasy"),
        (Key::S, AnnotationKind::Seeing, "lag panel flat"),
        (Key::Q, AnnotationKind::Question, "who else was looking?"),
        (Key::M, AnnotationKind::Note, "from the chat log"),
    ];
    for (key_, kind, text) in &keys {
        click_label(&mut harness, "Event: Paged");
        key(&mut harness, Modifiers::NONE, *key_);
        // The field has the keyboard: the typed text lands in it, not in shortcuts.
        type_text(&mut harness, text);
        key(&mut harness, Modifiers::NONE, Key::Enter);
        let last = event_titled(&harness, "Paged").annotations.last().cloned();
        let last = last.expect("an annotation was added");
        assert_eq!((&last.kind, last.text.as_str()), (kind, *text));
    }
    assert_eq!(event_titled(&harness, "Paged").annotations.len(), 5);

    // Each was its own undo step.
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(event_titled(&harness, "Paged").annotations.len(), 4);

    // Escape drops a half-written one.
    click_label(&mut harness, "Event: Paged");
    key(&mut harness, Modifiers::NONE, Key::T);
    type_text(&mut harness, "never mind");
    key(&mut harness, Modifiers::NONE, Key::Escape);
    assert_eq!(event_titled(&harness, "Paged").annotations.len(), 4);
}

#[test]
fn annotations_are_added_edited_reordered_and_deleted_in_the_inspector() {
    let mut harness = app_on(SMALL);
    click_label(&mut harness, "Event: Opens api dashboard");
    for (button, text) in [
        ("Add a seeing annotation", "api p99 at 4 s"),
        ("Add a feeling annotation", "relieved it was not the db"),
    ] {
        click_label(&mut harness, button);
        type_text(&mut harness, text);
        key(&mut harness, Modifiers::NONE, Key::Enter);
    }
    let kinds = |h: &egui_kittest::Harness<'_, waterline::ui::WaterlineApp>| {
        event_titled(h, "Opens api dashboard")
            .annotations
            .iter()
            .map(|a| a.kind.clone())
            .collect::<Vec<_>>()
    };
    // The sample already holds one seeing annotation on this card.
    use AnnotationKind::{Feeling, Seeing};
    assert_eq!(kinds(&harness), [Seeing, Seeing, Feeling]);

    click_label(&mut harness, "Move annotation 3 up");
    assert_eq!(kinds(&harness), [Seeing, Feeling, Seeing]);

    click_label(&mut harness, "Annotation 3");
    key(&mut harness, Modifiers::NONE, Key::End);
    type_text(&mut harness, " and climbing");
    click_at(&mut harness, Pos2::new(700.0, 880.0));
    let texts: Vec<String> = event_titled(&harness, "Opens api dashboard")
        .annotations
        .iter()
        .map(|a| a.text.clone())
        .collect();
    assert_eq!(texts[2], "api p99 at 4 s and climbing");

    click_label(&mut harness, "Event: Opens api dashboard");
    click_label(&mut harness, "Delete annotation 2");
    assert_eq!(kinds(&harness), [Seeing, Seeing]);
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(kinds(&harness), [Seeing, Feeling, Seeing], "delete undoes");
}

#[test]
fn a_debrief_question_becomes_a_question_annotation_in_one_click() {
    let mut harness = app_on(SMALL);
    click_label(&mut harness, "Event: Paged");
    let prompt = "How did you first notice this? What did it look like on your screen?";
    click_label(&mut harness, &format!("Ask: {prompt}"));
    let last = event_titled(&harness, "Paged")
        .annotations
        .last()
        .cloned()
        .unwrap();
    assert_eq!(last.kind, AnnotationKind::Question);
    assert_eq!(last.text, prompt);
}

/// The debrief questions follow what people said: a feeling noted on a card brings the
/// guide's question about pressures, "I knew" brings "How did you know?", each offered
/// as one click.
#[test]
fn questions_follow_what_people_said_on_the_card() {
    let mut harness = app_on(SMALL);
    click_label(&mut harness, "Event: Paged");
    let asked = |h: &egui_kittest::Harness<'_, waterline::ui::WaterlineApp>, prompt: &str| {
        h.query_by_label(&format!("Ask: {prompt}")).is_some()
    };
    assert!(!asked(&harness, "What pressures were around you then?"));
    for (button, text) in [
        ("Add a feeling annotation", "uneasy: second page this week"),
        (
            "Add a thinking annotation",
            "I knew the deploy was the trigger",
        ),
    ] {
        click_label(&mut harness, button);
        type_text(&mut harness, text);
        key(&mut harness, Modifiers::NONE, Key::Enter);
    }
    assert!(asked(&harness, "What pressures were around you then?"));
    assert!(asked(&harness, "How did you know?"));
    assert!(
        !asked(&harness, "How could you tell?"),
        "a thought stated as knowing"
    );
    click_label(&mut harness, "Ask: How did you know?");
    let last = event_titled(&harness, "Paged").annotations.last().cloned();
    assert_eq!(last.map(|a| a.text), Some("How did you know?".to_owned()));
}

/// Two lanes, a 30-minute silence between 14:05 and 14:35.
const GAPPY: &str = r#"{
  "format": "waterline-map", "version": 2, "title": "Gappy",
  "lanes": [
    {"id": "a", "name": "Ana", "kind": "person"},
    {"id": "b", "name": "Bo", "kind": "person"}
  ],
  "events": [
    {"id": "e1", "lane": "a", "pos": 1, "title": "Paged", "kind": "alert", "time": "2025-03-11T14:00:00Z"},
    {"id": "e2", "lane": "b", "pos": 2, "title": "Looks at graphs", "time": "2025-03-11T14:05:00Z"},
    {"id": "e3", "lane": "a", "pos": 3, "title": "Finds the config push", "time": "2025-03-11T14:35:00Z"},
    {"id": "e4", "lane": "b", "pos": 4, "title": "Rolls back", "time": "2025-03-11T14:40:00Z"}
  ]
}"#;

#[test]
fn a_gap_note_stays_with_its_gap_when_events_move() {
    let mut harness = app_on(GAPPY);
    click_label(&mut harness, "Gap: 30 min");
    click_label(&mut harness, "Add a note annotation");
    type_text(&mut harness, "Bo was reading replica dashboards");
    key(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(map(&harness).gaps.len(), 1);
    assert_eq!(
        map(&harness).gaps[0].notes[0].text,
        "Bo was reading replica dashboards"
    );

    // Move the cards on both sides of the gap to other lanes and down the map.
    for (title, lane) in [("Looks at graphs", "Ana"), ("Finds the config push", "Bo")] {
        let card = rect_of(&harness, &format!("Event: {title}"));
        let to = Pos2::new(lane_x(&harness, lane), card.center().y + 30.0);
        drag(&mut harness, card.center(), to, Modifiers::NONE);
    }
    assert_eq!(event_titled(&harness, "Looks at graphs").lane.as_str(), "a");
    let geometry = harness.state().doc.geometry();
    let gap = &geometry.gap_scan.gaps[0];
    assert_eq!(gap.notes, vec![0], "the note is still on the gap");
    assert!(geometry.gap_scan.unplaced_notes.is_empty());

    // And the inspector shows it again when the gap is selected.
    click_label(&mut harness, "Gap: 30 min");
    assert!(harness.query_by_label("Annotation 1").is_some());
    let note = harness.get_by_label("Annotation 1");
    assert_eq!(
        note.value().as_deref(),
        Some("Bo was reading replica dashboards")
    );
}

#[test]
fn a_question_key_on_a_selected_gap_writes_a_gap_note() {
    let mut harness = app_on(GAPPY);
    click_label(&mut harness, "Gap: 30 min");
    key(&mut harness, Modifiers::NONE, Key::Q);
    type_text(&mut harness, "whom did Bo ask?");
    key(&mut harness, Modifiers::NONE, Key::Enter);
    let note = &map(&harness).gaps[0].notes[0];
    assert_eq!(note.kind, AnnotationKind::Question);
}

#[test]
fn arrange_by_time_is_one_undo_step() {
    let mut harness = app_on(GAPPY);
    // Put the last event first by hand, then ask for time order back.
    let rolls = rect_of(&harness, "Event: Rolls back");
    let paged = rect_of(&harness, "Event: Paged");
    drag(
        &mut harness,
        rolls.center(),
        Pos2::new(rolls.center().x, paged.min.y - 60.0),
        Modifiers::NONE,
    );
    let out_of_order = map(&harness).clone();
    assert!(
        event_titled(&harness, "Rolls back").pos < event_titled(&harness, "Paged").pos,
        "dragged to the top"
    );
    key(&mut harness, Modifiers::COMMAND, Key::K);
    type_text(&mut harness, "arrange by time");
    key(&mut harness, Modifiers::NONE, Key::Enter);
    let order: Vec<&str> = {
        let mut events: Vec<_> = map(&harness).events.iter().collect();
        events.sort_by(|a, b| a.pos.total_cmp(&b.pos));
        events.iter().map(|e| e.id.as_str()).collect()
    };
    assert_eq!(order, ["e1", "e2", "e3", "e4"]);
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(map(&harness), &out_of_order);
}

#[test]
fn shift_enter_starts_a_new_line_in_an_annotation_and_enter_keeps_it() {
    let mut harness = app_on(SMALL);
    click_label(&mut harness, "Event: Paged");
    key(&mut harness, Modifiers::NONE, Key::S);
    type_text(&mut harness, "error rate 6%");
    key(&mut harness, Modifiers::SHIFT, Key::Enter);
    type_text(&mut harness, "latency normal");
    key(&mut harness, Modifiers::NONE, Key::Enter);
    let last = event_titled(&harness, "Paged").annotations.last().cloned();
    assert_eq!(last.unwrap().text, "error rate 6%\nlatency normal");
}
