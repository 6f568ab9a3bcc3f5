//! Themes in the app: cards coded by the G prompt and the inspector (the map's themes
//! offered as you type), renaming and merging in the Themes panel with undo, and the
//! highlight stepping through a theme's moments.

use crate::common::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use waterline::model::{CardId, EventId, ThemeId};
use waterline::ui::WaterlineApp;

const REVIEW: &str = r#"{
  "format": "waterline-map", "version": 5, "title": "Review",
  "lanes": [
    {"id": "ana", "name": "Ana", "kind": "person"},
    {"id": "db", "name": "Database", "kind": "system"}
  ],
  "events": [
    {"id": "e1", "lane": "db", "pos": 1, "title": "Replication lag alert"},
    {"id": "e2", "lane": "ana", "pos": 2, "title": "Opens the dashboard"},
    {"id": "e3", "lane": "ana", "pos": 3, "title": "Ignores the logs"},
    {"id": "e4", "lane": "db", "pos": 4, "title": "Disk full"}
  ]
}"#;

/// The same incident with two themes already coded.
const CODED: &str = r#"{
  "format": "waterline-map", "version": 5, "title": "Review",
  "lanes": [
    {"id": "ana", "name": "Ana", "kind": "person"},
    {"id": "db", "name": "Database", "kind": "system"}
  ],
  "events": [
    {"id": "e1", "lane": "db", "pos": 1, "title": "Replication lag alert", "themes": ["t2"]},
    {"id": "e2", "lane": "ana", "pos": 2, "title": "Opens the dashboard", "themes": ["t1"]},
    {"id": "e3", "lane": "ana", "pos": 3, "title": "Ignores the logs", "themes": ["t1", "t2"]},
    {"id": "e4", "lane": "db", "pos": 4, "title": "Disk full", "themes": ["t1"]}
  ],
  "themes": [
    {"id": "t1", "name": "Trusts the dashboard"},
    {"id": "t2", "name": "Alarm fatigue"}
  ]
}"#;

fn themes_of(harness: &Harness<'_, WaterlineApp>, id: &str) -> Vec<String> {
    let map = map(harness);
    map.event(&EventId::from(id))
        .expect("event")
        .themes
        .iter()
        .map(|t| map.theme(t).expect("theme exists").name.clone())
        .collect()
}

fn theme_names(harness: &Harness<'_, WaterlineApp>) -> Vec<String> {
    map(harness).themes.iter().map(|t| t.name.clone()).collect()
}

/// The text of the first label whose text contains `part` (not a text field's).
fn text_containing(harness: &Harness<'_, WaterlineApp>, part: &str) -> Option<String> {
    harness
        .query_all_by_label_contains(part)
        .filter(|node| node.accesskit_node().role() != egui::accesskit::Role::TextInput)
        .find_map(|node| {
            let node = node.accesskit_node();
            node.label().or_else(|| node.value())
        })
}

fn selected(harness: &Harness<'_, WaterlineApp>) -> Vec<CardId> {
    harness.state().canvas.selection.cards.clone()
}

fn event(id: &str) -> CardId {
    CardId::Event(EventId::from(id))
}

#[test]
fn two_selected_cards_get_a_new_theme_by_key_and_typing_in_one_undo_step() {
    let mut harness = app_on(REVIEW);
    click_label(&mut harness, "Event: Opens the dashboard");
    harness
        .get_by_label("Event: Ignores the logs")
        .click_modifiers(Modifiers::SHIFT);
    harness.run();
    key(&mut harness, Modifiers::NONE, Key::G);
    assert!(
        text_containing(&harness, "Theme for 2 cards").is_some(),
        "G opens the prompt for the selection"
    );
    type_text(&mut harness, "Trusts the dashboard");
    key(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(theme_names(&harness), ["Trusts the dashboard"]);
    assert_eq!(themes_of(&harness, "e2"), ["Trusts the dashboard"]);
    assert_eq!(themes_of(&harness, "e3"), ["Trusts the dashboard"]);
    assert!(themes_of(&harness, "e1").is_empty());
    assert!(
        text_containing(&harness, "Theme for 2 cards").is_none(),
        "the prompt closes"
    );

    // On a third card the theme is offered as its name is typed.
    click_label(&mut harness, "Event: Disk full");
    harness.get_by_label("Add theme").focus();
    harness.run();
    type_text(&mut harness, "trusts");
    click_label(&mut harness, "Use theme: Trusts the dashboard");
    assert_eq!(themes_of(&harness, "e4"), ["Trusts the dashboard"]);
    assert_eq!(theme_names(&harness), ["Trusts the dashboard"]);

    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(themes_of(&harness, "e4").is_empty());
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(
        map(&harness).themes.is_empty(),
        "one undo takes it all back"
    );
    assert!(themes_of(&harness, "e2").is_empty() && themes_of(&harness, "e3").is_empty());
}

#[test]
fn the_inspector_offers_the_maps_theme_as_you_type_and_removes_it_from_a_card() {
    let mut harness = app_on(CODED);
    click_label(&mut harness, "Event: Replication lag alert");
    harness.get_by_label("Add theme").focus();
    harness.run();
    type_text(&mut harness, "DASH");
    click_label(&mut harness, "Use theme: Trusts the dashboard");
    assert_eq!(
        themes_of(&harness, "e1"),
        ["Alarm fatigue", "Trusts the dashboard"]
    );
    assert_eq!(
        theme_names(&harness).len(),
        2,
        "the theme is reused, not twinned"
    );

    click_label(&mut harness, "Remove theme: Alarm fatigue");
    assert_eq!(themes_of(&harness, "e1"), ["Trusts the dashboard"]);
    assert_eq!(
        theme_names(&harness).len(),
        2,
        "the theme stays for other moments"
    );
}

#[test]
fn renaming_and_merging_in_the_themes_panel_undo() {
    let mut harness = app_on(CODED);
    key(&mut harness, Modifiers::SHIFT, Key::G);
    assert_eq!(
        text_containing(&harness, "moments").as_deref(),
        Some("3 moments"),
        "the panel counts each theme's moments"
    );

    harness.get_by_label("Theme name: Alarm fatigue").focus();
    harness.run();
    key(&mut harness, Modifiers::COMMAND, Key::A);
    type_text(&mut harness, "Alarms nobody reads");
    key(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(
        theme_names(&harness),
        ["Trusts the dashboard", "Alarms nobody reads"]
    );
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        theme_names(&harness),
        ["Trusts the dashboard", "Alarm fatigue"]
    );

    click_label(&mut harness, "Merge Alarm fatigue into");
    click_label(&mut harness, "Trusts the dashboard");
    assert_eq!(theme_names(&harness), ["Trusts the dashboard"]);
    assert_eq!(themes_of(&harness, "e1"), ["Trusts the dashboard"]);
    assert_eq!(
        themes_of(&harness, "e3"),
        ["Trusts the dashboard"],
        "a card with both carries the kept one once"
    );
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        theme_names(&harness),
        ["Trusts the dashboard", "Alarm fatigue"]
    );
    assert_eq!(
        themes_of(&harness, "e3"),
        ["Trusts the dashboard", "Alarm fatigue"]
    );
}

#[test]
fn the_highlight_steps_through_the_themes_moments_and_esc_leaves_it() {
    let mut harness = app_on(CODED);
    key(&mut harness, Modifiers::SHIFT, Key::G);
    click_label(&mut harness, "Highlight: Trusts the dashboard");
    assert_eq!(
        harness.state().canvas.highlight.theme(),
        Some(&ThemeId::from("t1"))
    );
    let line = text_containing(&harness, "Theme: Trusts the dashboard").expect("the line says it");
    assert!(line.contains("3 moments"), "{line}");

    // Top to bottom: e2, e3, e4; then round again, and back.
    key(&mut harness, Modifiers::NONE, Key::F8);
    assert_eq!(selected(&harness), [event("e2")]);
    key(&mut harness, Modifiers::NONE, Key::F8);
    assert_eq!(selected(&harness), [event("e3")]);
    key(&mut harness, Modifiers::NONE, Key::F8);
    assert_eq!(selected(&harness), [event("e4")]);
    key(&mut harness, Modifiers::NONE, Key::F8);
    assert_eq!(selected(&harness), [event("e2")]);
    key(&mut harness, Modifiers::SHIFT, Key::F8);
    assert_eq!(selected(&harness), [event("e4")]);
    let line = text_containing(&harness, "Theme: Trusts the dashboard").expect("still shown");
    assert!(line.contains("card 3 of 3"), "{line}");

    // Escape reaches the canvas once nothing has the keyboard.
    harness.get_by_label("Map canvas");
    key(&mut harness, Modifiers::NONE, Key::Escape);
    assert_eq!(harness.state().canvas.highlight.theme(), None);
    assert!(text_containing(&harness, "Theme: Trusts the dashboard").is_none());
}

#[test]
fn splitting_moves_the_selected_cards_to_a_new_theme_in_one_undo_step() {
    let mut harness = app_on(CODED);
    click_label(&mut harness, "Event: Ignores the logs");
    harness
        .get_by_label("Event: Disk full")
        .click_modifiers(Modifiers::SHIFT);
    harness.run();
    key(&mut harness, Modifiers::SHIFT, Key::G);
    click_label(&mut harness, "Split selected off: Trusts the dashboard");
    assert_eq!(
        theme_names(&harness),
        [
            "Trusts the dashboard",
            "Alarm fatigue",
            "Trusts the dashboard (split)"
        ]
    );
    assert_eq!(themes_of(&harness, "e2"), ["Trusts the dashboard"]);
    assert_eq!(
        themes_of(&harness, "e3"),
        ["Trusts the dashboard (split)", "Alarm fatigue"]
    );
    assert_eq!(themes_of(&harness, "e4"), ["Trusts the dashboard (split)"]);
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(theme_names(&harness).len(), 2);
    assert_eq!(themes_of(&harness, "e4"), ["Trusts the dashboard"]);
}

/// Ana's thoughts at the dashboard, and a half-hour silence after it.
const NOTED: &str = r#"{
  "format": "waterline-map", "version": 5, "title": "Review",
  "lanes": [
    {"id": "ana", "name": "Ana", "kind": "person"},
    {"id": "db", "name": "Database", "kind": "system"}
  ],
  "events": [
    {"id": "e1", "lane": "db", "pos": 1, "title": "Replication lag alert", "time": "2025-03-11T14:00:00Z"},
    {"id": "e2", "lane": "ana", "pos": 2, "title": "Opens the dashboard", "time": "2025-03-11T14:05:00Z",
     "annotations": [{"kind": "thinking", "text": "the dashboard is always right"}]},
    {"id": "e3", "lane": "ana", "pos": 3, "title": "Finds the disk full", "time": "2025-03-11T14:35:00Z"}
  ],
  "themes": [{"id": "t1", "name": "Trusts the dashboard"}]
}"#;

#[test]
fn an_annotation_and_a_gap_note_are_coded_from_the_inspector_in_one_undo_step_each() {
    let mut harness = app_on(NOTED);
    click_label(&mut harness, "Event: Opens the dashboard");
    click_label(&mut harness, "Add a theme to annotation 1");
    type_text(&mut harness, "trusts");
    click_label(&mut harness, "Use theme: Trusts the dashboard");
    let annotation_themes = |harness: &Harness<'_, WaterlineApp>| {
        event_titled(harness, "Opens the dashboard").annotations[0]
            .themes
            .clone()
    };
    assert_eq!(annotation_themes(&harness), [ThemeId::from("t1")]);
    assert!(
        themes_of(&harness, "e2").is_empty(),
        "the annotation is coded, not its card"
    );

    // A gap note gets a theme the map does not have yet: made and carried in one step.
    click_label(&mut harness, "Gap: 30 min");
    click_label(&mut harness, "Add a note annotation");
    type_text(&mut harness, "Ana waited for the DBA to answer");
    key(&mut harness, Modifiers::NONE, Key::Enter);
    click_label(&mut harness, "Add a theme to annotation 1");
    type_text(&mut harness, "Waiting on one expert");
    key(&mut harness, Modifiers::NONE, Key::Enter);
    let note_theme_names = |harness: &Harness<'_, WaterlineApp>| -> Vec<String> {
        let map = map(harness);
        map.gaps[0].notes[0]
            .themes
            .iter()
            .map(|t| map.theme(t).expect("theme exists").name.clone())
            .collect()
    };
    assert_eq!(note_theme_names(&harness), ["Waiting on one expert"]);
    assert_eq!(
        theme_names(&harness),
        ["Trusts the dashboard", "Waiting on one expert"]
    );
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(note_theme_names(&harness).is_empty());
    assert_eq!(
        theme_names(&harness),
        ["Trusts the dashboard"],
        "one undo takes the new theme away with the coding"
    );
    key(&mut harness, Modifiers::COMMAND, Key::Y);
    assert_eq!(note_theme_names(&harness), ["Waiting on one expert"]);

    // And the chip takes it off again.
    click_label(
        &mut harness,
        "Remove theme from annotation 1: Waiting on one expert",
    );
    assert!(note_theme_names(&harness).is_empty());
    assert_eq!(theme_names(&harness).len(), 2, "the theme stays in the map");
}

#[test]
fn cards_dragged_onto_a_theme_in_the_panel_are_coded_and_stay_where_they_were() {
    let mut harness = app_on(CODED);
    key(&mut harness, Modifiers::SHIFT, Key::G);
    click_label(&mut harness, "Event: Disk full");
    harness
        .get_by_label("Event: Replication lag alert")
        .click_modifiers(Modifiers::SHIFT);
    harness.run();
    let before = map(&harness).clone();

    let card = rect_of(&harness, "Event: Disk full");
    let theme_row = rect_of(&harness, "Theme name: Alarm fatigue");
    assert!(
        !theme_row.intersects(card),
        "the card is clear of the panel: {card:?} {theme_row:?}"
    );
    drag(
        &mut harness,
        card.center(),
        theme_row.center(),
        Modifiers::NONE,
    );
    assert_eq!(
        themes_of(&harness, "e4"),
        ["Trusts the dashboard", "Alarm fatigue"]
    );
    assert_eq!(
        themes_of(&harness, "e1"),
        ["Alarm fatigue"],
        "carried already: once"
    );
    let disk = event_titled(&harness, "Disk full");
    let was = before.event(&EventId::from("e4")).expect("e4");
    assert_eq!(
        (&disk.lane, disk.pos),
        (&was.lane, was.pos),
        "dropped on the panel, not moved"
    );

    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(map(&harness), &before, "one undo step");
}

#[test]
fn escape_during_a_card_drag_leaves_the_card_where_it_was() {
    let mut harness = app_on(REVIEW);
    let card = rect_of(&harness, "Event: Disk full");
    let before = map(&harness).clone();
    harness.hover_at(card.center());
    harness.run();
    harness.event(egui::Event::PointerButton {
        pos: card.center(),
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    harness.run();
    for step in 1..=4 {
        let at = card.center() + egui::vec2(0.0, 40.0 * step as f32);
        harness.event(egui::Event::PointerMoved(at));
        harness.run();
    }
    key(&mut harness, Modifiers::NONE, Key::Escape);
    harness.event(egui::Event::PointerButton {
        pos: card.center() + egui::vec2(0.0, 160.0),
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    harness.run();
    assert_eq!(map(&harness), &before, "Escape cancels the move");
}
