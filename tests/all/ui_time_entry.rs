//! Typing a time as people write it into the inspector's Time field: clock times, 12-hour
//! times, steps from the previous card, dates when needed, the full form; and text that
//! does not parse staying in the field, marked, until fixed or Esc.

use crate::common::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use waterline::model::EventId;

/// Types `text` into the Time field of "Opens api dashboard" (14:06 on 2025-03-11, after
/// "Paged" at 14:04), presses Enter, and returns the card's stored time.
fn typed_time(text: &str) -> Option<String> {
    let mut harness = app_on(SMALL);
    click_label(&mut harness, "Event: Opens api dashboard");
    harness.get_by_label("Time").focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    if text.is_empty() {
        key(&mut harness, Modifiers::NONE, Key::Backspace);
    }
    type_text(&mut harness, text);
    key(&mut harness, Modifiers::NONE, Key::Enter);
    stored(&harness)
}

/// The stored time of "Opens api dashboard".
fn stored(harness: &egui_kittest::Harness<'_, waterline::ui::WaterlineApp>) -> Option<String> {
    map(harness)
        .event(&EventId::from("e3"))
        .unwrap()
        .time
        .map(|t| t.to_rfc3339())
}

#[test]
fn each_typed_form_sets_the_time() {
    for (typed, stored) in [
        ("14:05", "2025-03-11T14:05:00+00:00"),
        ("14:05:30", "2025-03-11T14:05:30+00:00"),
        ("2:05 pm", "2025-03-11T14:05:00+00:00"),
        // Steps count from the previous card, "Paged" at 14:04.
        ("+5m", "2025-03-11T14:09:00+00:00"),
        ("+1h30m", "2025-03-11T15:34:00+00:00"),
        ("-2m", "2025-03-11T14:02:00+00:00"),
        ("2025-03-12 09:00", "2025-03-12T09:00:00+00:00"),
        ("Mar 12 9:00", "2025-03-12T09:00:00+00:00"),
        ("2025-03-11T15:00:00+01:00", "2025-03-11T15:00:00+01:00"),
    ] {
        assert_eq!(
            typed_time(typed).as_deref(),
            Some(stored),
            "typed {typed:?}"
        );
    }
}

#[test]
fn the_time_field_shows_the_date_and_clock_as_it_takes_them() {
    let mut harness = app_on(SMALL);
    click_label(&mut harness, "Event: Opens api dashboard");
    let field = harness.get_by_label("Time");
    assert_eq!(field.value().as_deref(), Some("2025-03-11 14:06"));
}

#[test]
fn an_empty_time_field_makes_the_time_unknown() {
    assert_eq!(typed_time(""), None);
}

#[test]
fn bad_text_stays_marked_after_leaving_the_field_and_esc_restores() {
    let mut harness = app_on(SMALL);
    click_label(&mut harness, "Event: Opens api dashboard");
    harness.get_by_label("Time").focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    type_text(&mut harness, "half past two");
    key(&mut harness, Modifiers::NONE, Key::Enter);
    harness.run();
    let field = harness.get_by_label("Time");
    assert_eq!(
        field.value().as_deref(),
        Some("half past two"),
        "kept after leaving"
    );
    assert!(harness.query_by_label_contains("Try 14:05").is_some());
    assert_eq!(
        stored(&harness).as_deref(),
        Some("2025-03-11T14:06:00+00:00")
    );

    harness.get_by_label("Time").focus();
    harness.run();
    key(&mut harness, Modifiers::NONE, Key::Escape);
    harness.run();
    let field = harness.get_by_label("Time");
    assert_eq!(
        field.value().as_deref(),
        Some("2025-03-11 14:06"),
        "Esc puts the stored time back"
    );
    assert!(harness.query_by_label_contains("Try 14:05").is_none());
    assert_eq!(
        stored(&harness).as_deref(),
        Some("2025-03-11T14:06:00+00:00")
    );
}

#[test]
fn a_time_typed_key_by_key_is_written_only_when_kept_and_esc_gives_the_old_one_back() {
    let mut harness = app_on(SMALL);
    click_label(&mut harness, "Event: Opens api dashboard");
    harness.get_by_label("Time").focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    // "2:0" on the way to "2:05 pm" reads as 02:00: nothing is written while typing.
    for typed in "2:05 p".chars() {
        type_text(&mut harness, &typed.to_string());
        assert_eq!(
            stored(&harness).as_deref(),
            Some("2025-03-11T14:06:00+00:00"),
            "after typing {typed:?}"
        );
    }
    key(&mut harness, Modifiers::NONE, Key::Escape);
    harness.run();
    assert_eq!(
        stored(&harness).as_deref(),
        Some("2025-03-11T14:06:00+00:00"),
        "Esc keeps the old time"
    );

    harness.get_by_label("Time").focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    for typed in "2:05 pm".chars() {
        type_text(&mut harness, &typed.to_string());
    }
    key(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(
        stored(&harness).as_deref(),
        Some("2025-03-11T14:05:00+00:00"),
        "Enter keeps it"
    );
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        stored(&harness).as_deref(),
        Some("2025-03-11T14:06:00+00:00"),
        "one undo step"
    );
}
