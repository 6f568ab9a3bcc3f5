//! Live sessions in the window, two app windows in one test: one shares the map from the
//! File menu (hosting the room on this computer), the other joins with the link; each
//! sees the other's edits and selection, and a note-taker's view follows the presenter.

use crate::common::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::time::{Duration, Instant};
use waterline::document::Document;
use waterline::model::Map;
use waterline::ui::WaterlineApp;

/// Every wait gives up after this long, so a hang cannot stall CI.
const WATCHDOG: Duration = Duration::from_secs(20);

/// Steps both windows until `done` holds (each frame exchanges with the room; the
/// network answers in its own time, so this polls frames, it does not sleep).
fn until(
    a: &mut Harness<'_, WaterlineApp>,
    b: &mut Harness<'_, WaterlineApp>,
    what: &str,
    done: impl Fn(&WaterlineApp, &WaterlineApp) -> bool,
) {
    let deadline = Instant::now() + WATCHDOG;
    while !done(a.state(), b.state()) {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        a.step();
        b.step();
        std::thread::yield_now();
    }
    a.run();
    b.run();
}

/// Runs a command from the command palette (Ctrl+K), as the File menu would.
fn command(harness: &mut Harness<'_, WaterlineApp>, name: &str) {
    key(harness, Modifiers::COMMAND, Key::K);
    type_text(harness, name);
    key(harness, Modifiers::NONE, Key::Enter);
}

fn fill(harness: &mut Harness<'_, WaterlineApp>, field: &str, text: &str) {
    harness.get_by_label(field).focus();
    harness.run();
    key(harness, Modifiers::COMMAND, Key::A);
    type_text(harness, text);
}

/// A shares SMALL from the File menu as "Ana"; B (on a blank map) joins as "Ben".
fn two_windows() -> (
    Harness<'static, WaterlineApp>,
    Harness<'static, WaterlineApp>,
) {
    let mut a = app_on(SMALL);
    command(&mut a, "Share live");
    fill(&mut a, "Your name", "Ana");
    click_label(&mut a, "Start sharing");
    let link = a.state().live_link().expect("sharing").to_owned();
    assert!(
        link.starts_with("ws://127.0.0.1:"),
        "hosted on this computer only: {link}"
    );
    // The room's name is its key: cut on screen (a shared screen would give it away),
    // whole through Copy link.
    assert!(a.query_by_label_contains(&link).is_none());
    let shown = &link[..link.rfind('/').unwrap() + 4];
    assert!(
        a.query_by_label_contains(shown).is_some(),
        "the link's start is shown"
    );
    assert!(a.query_by_label("Copy link").is_some());

    let mut b = app_with(Document::new(Map::new(""), None));
    command(&mut b, "Join live");
    fill(&mut b, "Your name", "Ben");
    fill(&mut b, "Link", &link);
    click_label(&mut b, "Join");
    until(&mut a, &mut b, "B has the map", |a, b| {
        !b.doc.map().events.is_empty() && b.doc.map() == a.doc.map()
    });
    (a, b)
}

#[test]
fn a_map_shared_from_the_menu_is_joined_by_link_and_edits_go_both_ways() {
    let (mut a, mut b) = two_windows();
    let deadline = Instant::now() + WATCHDOG;
    while a.query_by_label_contains("2 people here").is_none() {
        assert!(Instant::now() < deadline, "A never listed B");
        a.step();
        b.step();
        std::thread::yield_now();
    }
    let first = map(&a).events[0].title.clone();

    // B renames a card in place; A sees it.
    click_label(&mut b, &format!("Event: {first}"));
    key(&mut b, Modifiers::NONE, Key::F2);
    key(&mut b, Modifiers::COMMAND, Key::A);
    type_text(&mut b, "Renamed by Ben");
    key(&mut b, Modifiers::NONE, Key::Enter);
    until(&mut a, &mut b, "A sees B's title", |a, _| {
        a.doc
            .map()
            .events
            .iter()
            .any(|e| e.title == "Renamed by Ben")
    });

    // A's undo does not take back B's edit: A has made none.
    assert!(a.state().doc.undo_label().is_none());
    // B's undo does, for everyone.
    key(&mut b, Modifiers::COMMAND, Key::Z);
    until(&mut a, &mut b, "A sees B's undo", |a, _| {
        a.doc.map().events.iter().any(|e| e.title == first)
    });

    // Leaving keeps the map as the room had it, unsaved.
    command(&mut b, "Leave the live session");
    assert!(!b.state().is_live());
    assert!(b.state().doc.has_unsaved_changes());
    let deadline = Instant::now() + WATCHDOG;
    while a.query_by_label_contains("Only you here").is_none() {
        assert!(Instant::now() < deadline, "A never saw B leave");
        a.step();
        std::thread::yield_now();
    }
}

#[test]
fn a_card_selected_in_one_window_is_outlined_with_the_name_in_the_other() {
    let (mut a, mut b) = two_windows();
    let title = map(&a).events[1].title.clone();
    click_label(&mut b, &format!("Event: {title}"));
    let wanted = format!("Event: {title} (selected by Ben)");
    let deadline = Instant::now() + WATCHDOG;
    while a.query_by_label(&wanted).is_none() {
        assert!(Instant::now() < deadline, "A never showed B's selection");
        a.step();
        b.step();
        std::thread::yield_now();
    }
}

#[test]
fn a_note_taker_following_the_presenter_sees_what_the_presenter_sees() {
    let (mut a, mut b) = two_windows();
    key(&mut a, Modifiers::NONE, Key::F5);
    assert!(a.state().is_presenting());
    // "Follow the presenter" is offered once someone presents.
    let deadline = Instant::now() + WATCHDOG;
    while b.query_by_label_contains("Ana, presenting").is_none() {
        assert!(Instant::now() < deadline, "B never saw A presenting");
        a.step();
        b.step();
        std::thread::yield_now();
    }
    click_label(&mut b, "Follow the presenter");
    // The presenter walks on: the follower's view moves with each step.
    for _ in 0..3 {
        let before = a.state().canvas.look();
        key(&mut a, Modifiers::NONE, Key::ArrowDown);
        wait(&mut a, 1.0);
        assert_ne!(
            a.state().canvas.look(),
            before,
            "the presenter's view moved"
        );
        until(&mut a, &mut b, "B's view follows A's", |a, b| {
            // B's canvas is narrower (its inspector is open): it shows all A shows, centred,
            // as large as it fits.
            let (seen, shown) = (a.canvas.look(), b.canvas.look());
            (seen.center() - shown.center()).length() < 1.0
                && shown.expand(1.0).contains_rect(seen)
                && ((seen.width() - shown.width()).abs() < 1.0
                    || (seen.height() - shown.height()).abs() < 1.0)
        });
    }
}
