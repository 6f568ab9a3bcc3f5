//! Find (Ctrl+F): type, and the first matching card is selected and scrolled into view;
//! Enter and Shift+Enter step through the matches; Escape closes.

use crate::common::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use waterline::model::CardId;

fn selected_title(harness: &egui_kittest::Harness<'_, waterline::ui::WaterlineApp>) -> String {
    let state = harness.state();
    let card = state
        .canvas
        .selection
        .single_card()
        .cloned()
        .expect("one card selected");
    state.doc.map().card_title(&card).to_owned()
}

#[test]
fn find_selects_matches_in_map_order_and_steps_through_them() {
    let mut harness = app_on(waterline::samples::CHECKOUT_OUTAGE);
    key(&mut harness, Modifiers::COMMAND, Key::F);
    type_text(&mut harness, "paywell");
    let first = selected_title(&harness);
    assert_eq!(
        first, "Acks page, opens checkout dashboard",
        "an annotation mentions Paywell"
    );
    let count = harness.query_all_by_label_contains("1 of ").count();
    assert_eq!(count, 1, "says which match of how many");

    key(&mut harness, Modifiers::NONE, Key::Enter);
    let second = selected_title(&harness);
    assert_ne!(second, first);
    key(&mut harness, Modifiers::SHIFT, Key::Enter);
    assert_eq!(selected_title(&harness), first, "Shift+Enter goes back");

    // The match is on screen: its card has a widget in the canvas.
    assert!(harness.query_by_label(&format!("Event: {first}")).is_some());

    key(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(!harness.state().find_is_open());
}

#[test]
fn find_reaches_annotations_and_paths_not_taken() {
    let mut harness = app_on(waterline::samples::CHECKOUT_OUTAGE);
    key(&mut harness, Modifiers::COMMAND, Key::F);
    type_text(&mut harness, "freeze all deploys");
    let card = harness.state().canvas.selection.single_card().cloned();
    assert!(matches!(card, Some(CardId::Branch(_))));
}
