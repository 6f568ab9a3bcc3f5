//! The map by keyboard: arrows from card to card, Alt+arrows to nudge, Tab through the
//! story; never while a text field is being typed in.

use crate::common::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use waterline::model::{CardId, EventId};
use waterline::ui::WaterlineApp;

fn selected(harness: &Harness<'_, WaterlineApp>) -> Vec<String> {
    harness
        .state()
        .canvas
        .selection
        .events()
        .map(|e| e.as_str().to_owned())
        .collect()
}

// SMALL: lanes Ana (on-call), Bo (DB team), api; e1 api, e2 ana, e3 ana, e4 bo, e5 ana,
// top to bottom.
#[test]
fn arrows_move_the_selection_along_the_lane_and_across_lanes() {
    let mut harness = app_on(SMALL);
    click_label(&mut harness, "Event: Paged");
    key(&mut harness, Modifiers::NONE, Key::ArrowDown);
    assert_eq!(
        selected(&harness),
        ["e3"],
        "down: the next card on Ana's lane"
    );
    key(&mut harness, Modifiers::NONE, Key::ArrowRight);
    assert_eq!(
        selected(&harness),
        ["e4"],
        "right: the nearest card on Bo's lane"
    );
    key(&mut harness, Modifiers::NONE, Key::ArrowRight);
    assert_eq!(selected(&harness), ["e1"]);
    key(&mut harness, Modifiers::NONE, Key::ArrowLeft);
    key(&mut harness, Modifiers::NONE, Key::ArrowLeft);
    key(&mut harness, Modifiers::NONE, Key::ArrowUp);
    assert_eq!(selected(&harness), ["e2"]);
}

#[test]
fn tab_walks_the_cards_in_story_order_and_shift_tab_back() {
    let mut harness = app_on(SMALL);
    key(&mut harness, Modifiers::NONE, Key::Escape);
    let mut walked = Vec::new();
    for _ in 0..5 {
        key(&mut harness, Modifiers::NONE, Key::Tab);
        walked.extend(selected(&harness));
    }
    assert_eq!(walked, ["e1", "e2", "e3", "e4", "e5"]);
    key(&mut harness, Modifiers::SHIFT, Key::Tab);
    assert_eq!(selected(&harness), ["e4"]);
}

#[test]
fn a_card_walked_to_off_screen_is_scrolled_into_view() {
    let mut harness = app_on(SMALL);
    click_label(&mut harness, "Event: Paged");
    // Zoomed in far, the next card on the lane is off the window.
    for _ in 0..8 {
        key(&mut harness, Modifiers::COMMAND, Key::Plus);
    }
    let canvas = rect_of(&harness, "Map canvas");
    assert!(
        harness.query_by_label("Event: Asks Bo").is_none(),
        "off the window at first (cards off the window are not drawn)"
    );
    key(&mut harness, Modifiers::NONE, Key::ArrowDown);
    key(&mut harness, Modifiers::NONE, Key::ArrowDown);
    assert_eq!(selected(&harness), ["e5"]);
    let card = rect_of(&harness, "Event: Asks Bo");
    assert!(canvas.contains_rect(card), "{card:?} is in {canvas:?}");
}

#[test]
fn alt_arrows_nudge_the_selected_cards_one_undo_step_each() {
    let mut harness = app_on(SMALL);
    let before = map(&harness).clone();
    click_label(&mut harness, "Event: Opens api dashboard");
    key(&mut harness, Modifiers::ALT, Key::ArrowDown);
    let e3 = map(&harness).event(&EventId::from("e3")).unwrap();
    assert_eq!(e3.pos, 3.25, "a quarter row later");
    key(&mut harness, Modifiers::ALT, Key::ArrowRight);
    let e3 = map(&harness).event(&EventId::from("e3")).unwrap();
    assert_eq!(e3.lane.as_str(), "bo", "a lane to the right");
    assert_eq!(
        harness.state().canvas.selection.cards,
        [CardId::Event(EventId::from("e3"))],
        "the card stays selected"
    );
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        map(&harness)
            .event(&EventId::from("e3"))
            .unwrap()
            .lane
            .as_str(),
        "ana"
    );
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(map(&harness), &before, "one undo per nudge");
}

#[test]
fn arrows_in_a_text_field_move_the_cursor_not_the_selection() {
    let mut harness = app_on(SMALL);
    click_label(&mut harness, "Event: Paged");
    harness.get_by_label("Title").focus();
    harness.run();
    key(&mut harness, Modifiers::NONE, Key::ArrowDown);
    key(&mut harness, Modifiers::NONE, Key::Tab);
    key(&mut harness, Modifiers::ALT, Key::ArrowDown);
    assert_eq!(selected(&harness), ["e2"]);
    assert_eq!(map(&harness).event(&EventId::from("e2")).unwrap().pos, 2.0);
}

#[test]
fn a_click_in_the_inspector_leaves_the_arrows_to_the_map() {
    let mut harness = app_on(SMALL);
    click_label(&mut harness, "Event: Paged");
    // A click does not give a check box the keyboard focus (only Tab from a field does).
    click_label(&mut harness, "Approximate time");
    key(&mut harness, Modifiers::NONE, Key::ArrowDown);
    assert_eq!(selected(&harness), ["e3"]);
}
