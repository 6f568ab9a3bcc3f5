//! One lane's point of view: pick a lane (V) and the map shows what it could know at the
//! selected card, or at the current step while presenting; the spotlight says whose view
//! it is and how much of the story it held.

use crate::common::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use waterline::ui::WaterlineApp;

/// Ana is paged and pages Bo; Cy tells Ana something later; Ana hands over to Bo.
const PAGING: &str = r#"{
  "format": "waterline-map", "version": 3, "title": "Paging",
  "lanes": [
    {"id": "ana", "name": "Ana", "kind": "person"},
    {"id": "bo", "name": "Bo", "kind": "person"},
    {"id": "cy", "name": "Cy", "kind": "team"}
  ],
  "events": [
    {"id": "a1", "lane": "ana", "pos": 1, "title": "Ana sees errors"},
    {"id": "c1", "lane": "cy", "pos": 2, "title": "Cy deploys"},
    {"id": "b1", "lane": "bo", "pos": 3, "title": "Bo at lunch"},
    {"id": "a2", "lane": "ana", "pos": 4, "title": "Ana pages Bo"},
    {"id": "a3", "lane": "ana", "pos": 5, "title": "Ana restarts pods"},
    {"id": "b2", "lane": "bo", "pos": 6, "title": "Bo gets the page"},
    {"id": "c2", "lane": "cy", "pos": 7, "title": "Cy posts the deploy"},
    {"id": "a4", "lane": "ana", "pos": 8, "title": "Ana reads the post"},
    {"id": "a5", "lane": "ana", "pos": 9, "title": "Ana hands over"},
    {"id": "b3", "lane": "bo", "pos": 10, "title": "Bo takes over"}
  ],
  "links": [
    {"id": "l1", "from": "a2", "to": "b2", "label": "page"},
    {"id": "l2", "from": "c2", "to": "a4"},
    {"id": "l3", "from": "a5", "to": "b3", "label": "handover"}
  ]
}"#;

fn spotlight(harness: &Harness<'_, WaterlineApp>) -> Option<String> {
    harness
        .query_by_label_contains("events known")
        .and_then(|node| {
            let node = node.accesskit_node();
            // A text label carries its text as its value.
            node.label().or_else(|| node.value())
        })
}

#[test]
fn a_lane_sees_a_page_only_once_it_arrives_and_v_again_leaves() {
    let mut harness = app_on(PAGING);
    assert_eq!(spotlight(&harness), None);
    click_label(&mut harness, "Event: Bo gets the page");
    key(&mut harness, Modifiers::NONE, Key::V);
    // Bo at the page: his own two cards and what Ana knew when she paged (a1, a2).
    let text = spotlight(&harness).expect("the spotlight says whose view it is");
    assert!(text.starts_with("Seen from Bo:"), "{text}");
    assert!(text.contains("4 of 10 events known"), "{text}");

    // Before the page arrived he knew only his own.
    click_label(&mut harness, "Event: Bo at lunch");
    let text = spotlight(&harness).expect("still Bo's view");
    assert!(text.contains("1 of 10 events known"), "{text}");

    // At the handover, everything Ana knew by then, Cy's post included.
    click_label(&mut harness, "Event: Bo takes over");
    let text = spotlight(&harness).expect("still Bo's view");
    assert!(text.contains("10 of 10 events known"), "{text}");

    key(&mut harness, Modifiers::NONE, Key::V);
    assert_eq!(
        spotlight(&harness),
        None,
        "V on the same lane leaves the view"
    );
}

#[test]
fn presenting_follows_the_current_step_and_v_takes_the_lane_on_screen() {
    let mut harness = app_on(PAGING);
    key(&mut harness, Modifiers::NONE, Key::F5);
    // Steps: a1, c1, b1 (Bo at lunch).
    for _ in 0..2 {
        key(&mut harness, Modifiers::NONE, Key::ArrowRight);
    }
    key(&mut harness, Modifiers::NONE, Key::V);
    let text = spotlight(&harness).expect("Bo's view while presenting");
    assert!(text.starts_with("Seen from Bo:"), "{text}");
    assert!(text.contains("1 of 10 events known"), "{text}");
    // Three steps on, the page has reached him.
    for _ in 0..3 {
        key(&mut harness, Modifiers::NONE, Key::ArrowRight);
    }
    let text = spotlight(&harness).expect("still Bo's view");
    assert!(text.contains("4 of 10 events known"), "{text}");
    // The next step is Cy's: V switches to Cy's view, who never heard from anyone.
    key(&mut harness, Modifiers::NONE, Key::ArrowRight);
    key(&mut harness, Modifiers::NONE, Key::V);
    let text = spotlight(&harness).expect("Cy's view");
    assert!(text.starts_with("Seen from Cy:"), "{text}");
    assert!(text.contains("2 of 10 events known"), "{text}");
}
