//! Texts far too long to edit in a text field (an egui text field lays out its whole text
//! every frame): the inspector shows their start read-only and says how long they are, the
//! in-place editor does not open on them, and the map keeps them whole.

use crate::common::*;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use serde_json::{Value, json};
use waterline::render::{EDITABLE_CHARS, shown_text};

/// The small sample with one event's title and description replaced.
fn small_with_event_text(title: &str, description: &str) -> String {
    let mut map: Value = serde_json::from_str(SMALL).unwrap();
    map["events"][0]["title"] = json!(title);
    map["events"][0]["description"] = json!(description);
    serde_json::to_string(&map).unwrap()
}

#[test]
fn a_five_megabyte_title_is_shown_read_only_and_kept_whole() {
    let title = "all work and no play ".repeat(250_000);
    let description = "d".repeat(EDITABLE_CHARS + 1);
    let mut harness = app_on(&small_with_event_text(&title, &description));
    let card = format!("Event: {}", shown_text(&title));
    click_label(&mut harness, &card);

    let notes = harness.query_all_by_label_contains("too long to edit here");
    assert_eq!(notes.count(), 2, "the title and the description");
    assert!(
        harness
            .query_by_label("The title is 5,250,000 characters long, too long to edit here. The map keeps all of it and shows the first 4,000.")
            .is_some()
    );
    assert!(
        harness
            .query_by_role_and_label(Role::TextInput, "Title")
            .is_none()
    );
    assert!(
        harness
            .query_by_role_and_label(Role::MultilineTextInput, "Description")
            .is_none()
    );

    // Neither a double-click nor F2 opens the in-place editor on it.
    let at = rect_of(&harness, &card).center();
    double_click_at(&mut harness, at);
    assert!(harness.query_by_label("Event title").is_none());
    key(&mut harness, Modifiers::NONE, Key::F2);
    assert!(harness.query_by_label("Event title").is_none());
    assert!(harness.state().status.contains("too long to edit here"));

    let event = &map(&harness).events[0];
    assert_eq!(event.title, title);
    assert_eq!(event.description, description);
}

#[test]
fn a_text_at_the_limit_is_still_edited_in_place() {
    let title = "t".repeat(EDITABLE_CHARS);
    let mut harness = app_on(&small_with_event_text(&title, "short"));
    click_label(&mut harness, &format!("Event: {}", shown_text(&title)));
    assert!(
        harness
            .query_by_label_contains("too long to edit here")
            .is_none()
    );
    assert!(
        harness
            .query_by_role_and_label(Role::TextInput, "Title")
            .is_some()
    );
    assert!(
        harness
            .query_by_role_and_label(Role::MultilineTextInput, "Description")
            .is_some()
    );
}
