//! Several selected cards in the inspector: kind, lane and themes set on all at once,
//! "(mixed)" where they differ, one undo step per change.

use crate::common::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use waterline::model::{EventId, EventKind, Map};
use waterline::ui::WaterlineApp;

/// Error rate up (api) and Looks at db graphs (Bo): different lanes, different kinds.
fn two_selected() -> Harness<'static, WaterlineApp> {
    let mut harness = app_on(SMALL);
    click_label(&mut harness, "Event: Error rate up");
    harness
        .get_by_label("Event: Looks at db graphs")
        .click_modifiers(Modifiers::SHIFT);
    harness.run();
    assert!(harness.query_by_label("2 cards selected").is_some());
    harness
}

fn event<'a>(map: &'a Map, id: &str) -> &'a waterline::model::Event {
    map.event(&EventId::from(id)).unwrap()
}

#[test]
fn the_kind_is_set_on_every_selected_card_with_one_undo() {
    let mut harness = two_selected();
    let before = map(&harness).clone();
    click_label(&mut harness, "Kind");
    click_label(&mut harness, "Decision");
    for id in ["e1", "e4"] {
        assert_eq!(event(map(&harness), id).kind, Some(EventKind::Decision));
    }
    assert_eq!(
        event(map(&harness), "e2").kind,
        before.event(&"e2".into()).unwrap().kind
    );
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(map(&harness), &before, "one undo restores both");
}

#[test]
fn a_lane_that_differs_reads_mixed_and_choosing_one_moves_them_all() {
    let mut harness = two_selected();
    let before = map(&harness).clone();
    let lane = harness.get_by_label("Lane");
    let shown = lane.value();
    assert_eq!(shown.as_deref(), Some("(mixed)"), "the lanes differ");
    click_label(&mut harness, "Lane");
    let ana = harness
        .query_all_by_label("Ana (on-call)")
        .last()
        .expect("Ana's lane offered")
        .rect()
        .center();
    click_at(&mut harness, ana);
    for id in ["e1", "e4"] {
        assert_eq!(event(map(&harness), id).lane.as_str(), "ana");
        assert_eq!(
            event(map(&harness), id).pos,
            before.event(&id.into()).unwrap().pos
        );
    }
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(map(&harness), &before, "one undo moves both back");
}

#[test]
fn a_theme_goes_on_and_comes_off_all_selected_cards() {
    let mut harness = two_selected();
    let before = map(&harness).clone();
    harness.get_by_label("Add theme to all").focus();
    harness.run();
    type_text(&mut harness, "Alarm fatigue");
    key(&mut harness, Modifiers::NONE, Key::Enter);
    let theme = map(&harness)
        .themes
        .iter()
        .next()
        .expect("a theme")
        .id
        .clone();
    for id in ["e1", "e4"] {
        assert_eq!(
            event(map(&harness), id).themes,
            std::slice::from_ref(&theme)
        );
    }
    assert!(
        harness
            .query_by_label_contains("Alarm fatigue (all)")
            .is_some(),
        "the inspector says all carry it"
    );
    let coded = map(&harness).clone();
    click_label(&mut harness, "Remove theme from all: Alarm fatigue");
    for id in ["e1", "e4"] {
        assert!(event(map(&harness), id).themes.is_empty());
    }
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(map(&harness), &coded, "one undo puts it back on both");
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(map(&harness), &before);
}
