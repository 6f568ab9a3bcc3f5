//! The hindsight lens in the app: flagged words show as they are typed, a rewrite is one
//! click and one undo step, "Keep as written" quiets a phrase and is saved in the map, and
//! the panel walks every finding (F7, Shift+F7) with its card selected.

use crate::common::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use waterline::model::{CardId, EventId};
use waterline::ui::WaterlineApp;

const DRAFT: &str = r#"{
  "format": "waterline-map", "version": 4, "title": "Draft review",
  "lanes": [
    {"id": "ana", "name": "Ana", "kind": "person"},
    {"id": "db", "name": "Database", "kind": "system"}
  ],
  "events": [
    {"id": "e1", "lane": "db", "pos": 1, "title": "Replication lag alert"},
    {"id": "e2", "lane": "ana", "pos": 2, "title": "The on-call failed to escalate"},
    {"id": "e3", "lane": "ana", "pos": 3, "title": "Restarts the primary",
     "annotations": [{"kind": "note", "text": "Obviously the wrong host"}]},
    {"id": "e4", "lane": "db", "pos": 4, "title": "Root cause: disk full"}
  ]
}"#;

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

/// Clicks the first button with this label (the panel and the inspector may both offer it).
fn click_first(harness: &mut Harness<'_, WaterlineApp>, label: &str) {
    harness
        .query_all_by_label(label)
        .next()
        .unwrap_or_else(|| panic!("no {label:?}"))
        .click();
    harness.run();
}

fn to_revisit(harness: &Harness<'_, WaterlineApp>) -> usize {
    harness.state().doc.lens().count()
}

fn selected(harness: &Harness<'_, WaterlineApp>) -> Vec<CardId> {
    harness.state().canvas.selection.cards.clone()
}

#[test]
fn a_flagged_phrase_shows_under_the_field_as_it_is_typed() {
    let mut harness = app_on(DRAFT);
    click_label(&mut harness, "Event: Replication lag alert");
    assert_eq!(text_containing(&harness, ": normative"), None);
    harness.get_by_label("Title").focus();
    harness.run();
    type_text(&mut harness, ": Ana should have looked");
    harness.run();
    let told = text_containing(&harness, "should have looked")
        .expect("the finding is told under the field while typing");
    assert!(told.contains("normative"), "{told}");
    assert!(
        text_containing(
            &harness,
            "Ask instead: What made this look like the right call then?"
        )
        .is_some()
    );
    assert_eq!(
        text_containing(&harness, "to revisit").as_deref(),
        Some("4 phrases to revisit"),
        "the status bar counts it"
    );
    // Typing the judgement away clears it.
    for _ in 0..": Ana should have looked".len() {
        key(&mut harness, Modifiers::NONE, Key::Backspace);
    }
    assert_eq!(text_containing(&harness, "should have looked"), None);
    assert_eq!(to_revisit(&harness), 3);
}

#[test]
fn a_rewrite_is_one_click_and_one_undo_step() {
    let mut harness = app_on(DRAFT);
    click_label(&mut harness, "Event: The on-call failed to escalate");
    click_label(&mut harness, "Rewrite as “did not”");
    assert_eq!(
        map(&harness).event(&EventId::from("e2")).unwrap().title,
        "The on-call did not escalate"
    );
    assert_eq!(to_revisit(&harness), 2);
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        map(&harness).event(&EventId::from("e2")).unwrap().title,
        "The on-call failed to escalate",
        "one undo puts the words back"
    );
    assert_eq!(to_revisit(&harness), 3);
}

#[test]
fn keep_as_written_quiets_the_phrase_and_is_saved_with_the_map() {
    let mut harness = app_on(DRAFT);
    click_label(&mut harness, "Event: Restarts the primary");
    assert!(text_containing(&harness, "“Obviously”: normative").is_some());
    click_label(&mut harness, "Keep as written");
    assert_eq!(text_containing(&harness, "“Obviously”: normative"), None);
    assert_eq!(to_revisit(&harness), 2);
    let event = map(&harness).event(&EventId::from("e3")).unwrap();
    assert_eq!(event.annotations[0].text, "Obviously the wrong host");
    assert_eq!(event.annotations[0].kept_words, ["obviously"]);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kept.json");
    save_as(&mut harness, &path);
    let saved = std::fs::read_to_string(&path).unwrap();
    let reopened = waterline::io::parse_map(saved.as_bytes()).unwrap();
    assert_eq!(waterline::lens::scan_map(&reopened).len(), 2, "still quiet");

    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(to_revisit(&harness), 3, "undo brings the flag back");
}

#[test]
fn the_panel_walks_every_finding_in_map_order() {
    let mut harness = app_on(DRAFT);
    assert!(!harness.state().lens_panel_is_open());
    key(&mut harness, Modifiers::NONE, Key::F7);
    assert!(harness.state().lens_panel_is_open(), "F7 opens the panel");
    let card = |id: &str| vec![CardId::Event(EventId::from(id))];
    assert_eq!(selected(&harness), card("e2"), "on the first finding");
    assert!(text_containing(&harness, "1 of 3 to revisit").is_some());
    key(&mut harness, Modifiers::NONE, Key::F7);
    assert_eq!(selected(&harness), card("e3"));
    key(&mut harness, Modifiers::NONE, Key::F7);
    assert_eq!(selected(&harness), card("e4"));
    assert!(text_containing(&harness, "3 of 3 to revisit").is_some());
    key(&mut harness, Modifiers::NONE, Key::F7);
    assert_eq!(selected(&harness), card("e2"), "round to the first");
    key(&mut harness, Modifiers::SHIFT, Key::F7);
    assert_eq!(selected(&harness), card("e4"), "Shift+F7 goes back");

    // Answering the current one from the panel moves the count on.
    click_first(&mut harness, "Rewrite as “contributing factor”");
    assert_eq!(
        map(&harness).event(&EventId::from("e4")).unwrap().title,
        "Contributing factor: disk full"
    );
    assert!(text_containing(&harness, "of 2 to revisit").is_some());

    key(&mut harness, Modifiers::SHIFT, Key::L);
    assert!(!harness.state().lens_panel_is_open(), "Shift+L closes it");
}

#[test]
fn the_status_bar_count_opens_the_panel() {
    let mut harness = app_on(DRAFT);
    click_label(&mut harness, "3 phrases to revisit");
    assert!(harness.state().lens_panel_is_open());
}
