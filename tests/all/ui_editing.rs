//! Sketching a map through the UI: adding, renaming, moving, linking, deleting, undoing.

use crate::common::*;
use egui::{Key, Modifiers, Pos2};
use egui_kittest::kittest::Queryable;
use waterline::model::{EventId, LaneId};

#[test]
fn double_clicking_a_lifeline_adds_an_event_with_the_typed_title() {
    let mut harness = app_on(SMALL);
    let spot = free_spot_on_lifeline(&harness, "Bo (DB team)");
    double_click_at(&mut harness, spot);
    assert!(
        harness.query_by_label("New event title").is_some(),
        "an in-place editor opens"
    );
    type_text(&mut harness, "Checks replica lag");
    key(&mut harness, Modifiers::NONE, Key::Enter);

    let event = event_titled(&harness, "Checks replica lag");
    assert_eq!(event.lane, LaneId::from("bo"));
    assert!(
        event.pos > 4.0,
        "placed below the existing cards, where it was double-clicked"
    );
    assert!(
        harness
            .query_by_label("Event: Checks replica lag")
            .is_some(),
        "the card is drawn"
    );
    assert_eq!(
        harness.state().doc.history().undo_label(),
        Some("Add event 'Checks replica lag'")
    );

    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(
        map(&harness)
            .events
            .iter()
            .all(|e| e.title != "Checks replica lag"),
        "one undo removes it"
    );
}

#[test]
fn escape_drops_a_new_event_and_nothing_is_added() {
    let mut harness = app_on(SMALL);
    let before = map(&harness).clone();
    let spot = free_spot_on_lifeline(&harness, "Ana (on-call)");
    double_click_at(&mut harness, spot);
    type_text(&mut harness, "never mind");
    key(&mut harness, Modifiers::NONE, Key::Escape);
    assert_eq!(map(&harness), &before);
    assert!(!harness.state().doc.has_unsaved_changes());
}

#[test]
fn the_n_key_adds_an_event_to_the_selected_lane() {
    let mut harness = app_on(SMALL);
    click_label(&mut harness, "Lane: api");
    key(&mut harness, Modifiers::NONE, Key::N);
    type_text(&mut harness, "Error rate falls");
    key(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(
        event_titled(&harness, "Error rate falls").lane,
        LaneId::from("api")
    );
}

#[test]
fn dragging_a_card_sideways_moves_it_to_that_lane_as_one_undo_step() {
    let mut harness = app_on(SMALL);
    let card = rect_of(&harness, "Event: Opens api dashboard");
    let target = Pos2::new(lane_x(&harness, "Bo (DB team)"), card.center().y);
    drag(&mut harness, card.center(), target, Modifiers::NONE);

    let moved = event_titled(&harness, "Opens api dashboard");
    assert_eq!(moved.lane, LaneId::from("bo"));
    assert_eq!(
        moved.pos, 3.0,
        "moved straight across: same place in the sequence"
    );
    assert_eq!(
        harness.state().doc.history().undo_label(),
        Some("Move 'Opens api dashboard'")
    );

    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        event_titled(&harness, "Opens api dashboard").lane,
        LaneId::from("ana")
    );
    key(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(
        event_titled(&harness, "Opens api dashboard").lane,
        LaneId::from("bo")
    );
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    key(&mut harness, Modifiers::COMMAND, Key::Y);
    assert_eq!(
        event_titled(&harness, "Opens api dashboard").lane,
        LaneId::from("bo"),
        "Ctrl+Y redoes too"
    );
}

#[test]
fn dragging_a_card_down_changes_its_place_in_the_sequence() {
    let mut harness = app_on(SMALL);
    let paged = rect_of(&harness, "Event: Paged");
    let asks = rect_of(&harness, "Event: Asks Bo");
    let below_asks = Pos2::new(paged.center().x, asks.center().y + 80.0);
    drag(&mut harness, paged.center(), below_asks, Modifiers::NONE);
    let paged = event_titled(&harness, "Paged").pos;
    let asks = event_titled(&harness, "Asks Bo").pos;
    assert!(
        paged > asks,
        "Paged now comes after Asks Bo ({paged} > {asks})"
    );
}

#[test]
fn dragging_from_a_card_handle_onto_another_card_links_them() {
    let mut harness = app_on(SMALL);
    click_label(&mut harness, "Event: Looks at db graphs");
    let handle = rect_of(&harness, "Link from: Looks at db graphs");
    let target = rect_of(&harness, "Event: Opens api dashboard");
    drag(
        &mut harness,
        handle.center(),
        target.center(),
        Modifiers::NONE,
    );

    let link = map(&harness).links.last().expect("a link").clone();
    assert_eq!(
        (link.from.as_str(), link.to.event().map(|e| e.as_str())),
        ("e4", Some("e3"))
    );
    assert_eq!(map(&harness).links.len(), 3);
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(map(&harness).links.len(), 2);
}

#[test]
fn deleting_a_lane_with_events_asks_first_and_can_be_undone() {
    let mut harness = app_on(SMALL);
    let before = map(&harness).clone();
    click_label(&mut harness, "Lane: Bo (DB team)");
    key(&mut harness, Modifiers::NONE, Key::Delete);
    assert!(
        harness.query_by_label_contains("holds 1 card").is_some(),
        "a confirmation names what goes"
    );
    assert_eq!(
        map(&harness).lanes.len(),
        3,
        "nothing deleted before confirming"
    );

    click_label(&mut harness, "Delete lane and events");
    assert!(map(&harness).lane(&LaneId::from("bo")).is_none());
    assert!(map(&harness).event(&EventId::from("e4")).is_none());
    assert!(
        map(&harness)
            .links
            .iter()
            .all(|l| l.to.event() != Some(&EventId::from("e4"))),
        "its links go too"
    );

    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        map(&harness),
        &before,
        "one undo restores lane, events and links in place"
    );
}

#[test]
fn cancelling_the_lane_confirmation_keeps_everything() {
    let mut harness = app_on(SMALL);
    click_label(&mut harness, "Lane: Bo (DB team)");
    key(&mut harness, Modifiers::NONE, Key::Delete);
    click_label(&mut harness, "Cancel");
    assert_eq!(map(&harness).lanes.len(), 3);
}

#[test]
fn delete_removes_selected_events_with_their_links() {
    let mut harness = app_on(SMALL);
    delete_event(&mut harness, "Paged");
    assert!(map(&harness).event(&EventId::from("e2")).is_none());
    assert_eq!(map(&harness).links.len(), 1, "the page link went with it");
}

#[test]
fn shift_click_and_box_select_build_a_selection() {
    let mut harness = app_on(SMALL);
    click_label(&mut harness, "Event: Paged");
    harness
        .get_by_label("Event: Looks at db graphs")
        .click_modifiers(Modifiers::SHIFT);
    harness.run();
    assert_eq!(harness.state().canvas.selection.events().count(), 2);

    let paged = rect_of(&harness, "Event: Paged");
    let asks = rect_of(&harness, "Event: Asks Bo");
    let start = Pos2::new(paged.min.x - 12.0, paged.min.y - 8.0);
    let end = Pos2::new(paged.max.x + 6.0, asks.max.y + 8.0);
    harness.get_by_label("Map canvas");
    // Clear first, then shift-drag a box around Ana's three cards.
    key(&mut harness, Modifiers::NONE, Key::Escape);
    click_at(&mut harness, Pos2::new(start.x, end.y + 60.0));
    drag(&mut harness, start, end, Modifiers::SHIFT);
    let mut selected: Vec<_> = harness
        .state()
        .canvas
        .selection
        .events()
        .map(|e| e.as_str().to_owned())
        .collect();
    selected.sort();
    assert_eq!(selected, ["e2", "e3", "e5"]);
}

#[test]
fn double_clicking_a_lane_header_renames_it() {
    let mut harness = app_on(SMALL);
    let header = rect_of(&harness, "Lane: api");
    double_click_at(&mut harness, header.center());
    harness.get_by_label("Lane name").focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    type_text(&mut harness, "checkout-api");
    key(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(
        map(&harness).lane(&LaneId::from("api")).unwrap().name,
        "checkout-api"
    );
}

#[test]
fn dragging_a_lane_header_reorders_lanes() {
    let mut harness = app_on(SMALL);
    let api = rect_of(&harness, "Lane: api");
    let ana = rect_of(&harness, "Lane: Ana (on-call)");
    drag(&mut harness, api.center(), ana.center(), Modifiers::NONE);
    let order: Vec<_> = map(&harness)
        .lanes
        .iter()
        .map(|l| l.id.as_str().to_owned())
        .collect();
    assert_eq!(order, ["api", "ana", "bo"]);
}

#[test]
fn typing_a_title_in_the_inspector_is_one_undo_step() {
    let mut harness = app_on(SMALL);
    click_label(&mut harness, "Event: Paged");
    harness.get_by_label("Title").focus();
    harness.run();
    for text in [" by", " PagerDuty"] {
        type_text(&mut harness, text);
    }
    assert_eq!(
        event_titled(&harness, "Paged by PagerDuty").id,
        EventId::from("e2")
    );
    // Leave the field by clicking the map, as a user would, then undo.
    let empty = free_spot_on_lifeline(&harness, "Bo (DB team)");
    click_at(&mut harness, empty);
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        map(&harness).event(&EventId::from("e2")).unwrap().title,
        "Paged",
        "all typing undone at once"
    );
}

#[test]
fn an_invalid_time_is_explained_and_not_written() {
    let mut harness = app_on(SMALL);
    click_label(&mut harness, "Event: Paged");
    harness.get_by_label("Time").focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    type_text(&mut harness, "half past two");
    assert!(harness.query_by_label_contains("is not a time").is_some());
    let time = map(&harness).event(&EventId::from("e2")).unwrap().time;
    assert!(
        time.is_some(),
        "the old time is kept while the typed one does not parse"
    );
}

#[test]
fn the_edit_menu_names_what_undo_will_undo() {
    let mut harness = app_on(SMALL);
    delete_event(&mut harness, "Paged");
    click_label(&mut harness, "Edit");
    assert!(
        harness
            .query_by_label_contains("Undo Delete 'Paged'")
            .is_some()
    );
}

#[test]
fn the_command_palette_runs_a_command() {
    let mut harness = app_on(SMALL);
    key(&mut harness, Modifiers::COMMAND, Key::K);
    type_text(&mut harness, "add lane");
    key(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(map(&harness).lanes.len(), 4);
}

#[test]
fn shift_clicking_lane_headers_sets_their_kind_at_once_with_one_undo() {
    use waterline::model::LaneKind;
    let mut harness = app_on(SMALL);
    click_label(&mut harness, "Lane: Ana (on-call)");
    harness
        .get_by_label("Lane: Bo (DB team)")
        .click_modifiers(Modifiers::SHIFT);
    harness.run();
    assert!(
        harness.query_by_label("2 lanes selected").is_some(),
        "the inspector edits both lanes"
    );
    click_label(&mut harness, "Kind");
    click_label(&mut harness, "Team");
    let kind = |harness: &egui_kittest::Harness<'_, _>, id: &str| {
        map(harness).lane(&LaneId::from(id)).unwrap().kind.clone()
    };
    assert_eq!(kind(&harness, "ana"), LaneKind::Team);
    assert_eq!(kind(&harness, "bo"), LaneKind::Team);
    assert_eq!(
        kind(&harness, "api"),
        LaneKind::System,
        "the other lane is left alone"
    );

    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        kind(&harness, "ana"),
        LaneKind::Person,
        "one undo restores both"
    );
    assert_eq!(kind(&harness, "bo"), LaneKind::Person);

    // Shift-click again takes a lane out of the selection.
    harness
        .get_by_label("Lane: Bo (DB team)")
        .click_modifiers(Modifiers::SHIFT);
    harness.run();
    assert!(harness.query_by_label("2 lanes selected").is_none());
    assert!(
        harness.query_by_label("Move left").is_some(),
        "one lane: its own inspector"
    );
}
