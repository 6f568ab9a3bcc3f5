//! Text editing and single-key shortcuts: renaming selects the old text so typing replaces
//! it; single keys (B, Shift+B…) act only when no text field has the keyboard and no
//! missed double-click suggests the user is typing; a view toggle left off shows a chip
//! in the status bar that turns it back on.

use crate::common::*;
use egui::{Key, Modifiers, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use waterline::model::LaneId;
use waterline::ui::WaterlineApp;

fn lane_name(harness: &Harness<'_, WaterlineApp>, id: &str) -> String {
    map(harness).lane(&LaneId::from(id)).unwrap().name.clone()
}

fn branches_shown(harness: &Harness<'_, WaterlineApp>) -> bool {
    harness.state().doc.settings().show_branches
}

/// Stray typing as it reaches the app: the key and its text, a frame each.
fn type_keys(harness: &mut Harness<'_, WaterlineApp>, keys: &[(Modifiers, Key, &str)]) {
    for &(modifiers, key, text) in keys {
        harness.key_press_modifiers(modifiers, key);
        harness.event(egui::Event::Text(text.to_owned()));
        harness.run();
    }
}

const BOB: [(Modifiers, Key, &str); 3] = [
    (Modifiers::SHIFT, Key::B, "B"),
    (Modifiers::NONE, Key::O, "o"),
    (Modifiers::NONE, Key::B, "b"),
];

/// A point on the canvas right of every lane: nothing there to double-click.
fn empty_canvas(harness: &Harness<'_, WaterlineApp>) -> Pos2 {
    let api = rect_of(harness, "Lane: api");
    Pos2::new(api.right() + 120.0, api.bottom() + 200.0)
}

#[test]
fn renaming_a_lane_on_the_canvas_replaces_its_old_name() {
    let mut harness = app_on(SMALL);
    let header = rect_of(&harness, "Lane: api").center();
    double_click_at(&mut harness, header);
    type_text(&mut harness, "checkout-api");
    key(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(lane_name(&harness, "api"), "checkout-api");
}

#[test]
fn naming_a_new_lane_replaces_its_placeholder() {
    let mut harness = app_on(SMALL);
    key(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::L);
    harness.run();
    type_text(&mut harness, "Incident commander");
    key(&mut harness, Modifiers::NONE, Key::Enter);
    let names: Vec<_> = map(&harness).lanes.iter().map(|l| l.name.clone()).collect();
    assert!(
        names.iter().any(|n| n == "Incident commander"),
        "lanes: {names:?}"
    );
}

#[test]
fn renaming_a_lane_in_the_inspector_replaces_its_old_name() {
    let mut harness = app_on(SMALL);
    click_label(&mut harness, "Lane: api");
    harness.get_by_label("Name").focus();
    harness.run();
    type_text(&mut harness, "payments");
    key(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(lane_name(&harness, "api"), "payments");
}

#[test]
fn letters_typed_in_a_text_field_toggle_nothing() {
    let mut harness = app_on(SMALL);
    click_label(&mut harness, "Event: Paged");
    harness.get_by_label("Title").focus();
    harness.run();
    type_keys(&mut harness, &BOB);
    assert!(branches_shown(&harness), "Shift+B typed into a field");
    assert!(map(&harness).branches.is_empty(), "B typed into a field");
    assert!(
        harness
            .query_by_label_contains("Paths not taken hidden")
            .is_none()
    );
}

#[test]
fn typing_after_a_missed_double_click_fires_no_shortcut() {
    let mut harness = app_on(SMALL);
    click_label(&mut harness, "Event: Paged");
    let empty = empty_canvas(&harness);
    double_click_at(&mut harness, empty);
    type_keys(&mut harness, &BOB);
    assert!(branches_shown(&harness), "Shift+B of a typed title");
    assert!(map(&harness).branches.is_empty(), "b of a typed title");

    // A click ends it: the same keys on purpose act again.
    click_at(&mut harness, empty);
    key(&mut harness, Modifiers::SHIFT, Key::B);
    assert!(!branches_shown(&harness), "Shift+B after a click");
}

#[test]
fn a_chip_says_paths_are_hidden_and_brings_them_back() {
    let mut harness = app_on(SMALL);
    assert!(
        harness
            .query_by_label_contains("Paths not taken hidden")
            .is_none()
    );
    key(&mut harness, Modifiers::SHIFT, Key::B);
    assert!(!branches_shown(&harness));
    let chip = harness.get_by_label_contains("Paths not taken hidden");
    chip.click();
    harness.run();
    assert!(branches_shown(&harness), "the chip turns them back on");
    assert!(
        harness
            .query_by_label_contains("Paths not taken hidden")
            .is_none()
    );
}
