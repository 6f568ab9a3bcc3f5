//! Copy, cut, paste and duplicate of cards in the window, in one map and between two.

use crate::common::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use waterline::model::Map;
use waterline::ui::WaterlineApp;

/// Selects the cards with these titles (the first by click, the others by Shift-click).
fn select(harness: &mut Harness<'_, WaterlineApp>, titles: &[&str]) {
    click_label(harness, &format!("Event: {}", titles[0]));
    for title in &titles[1..] {
        harness
            .get_by_label(&format!("Event: {title}"))
            .click_modifiers(Modifiers::SHIFT);
        harness.run();
    }
}

/// Sends a copy (or cut) as the platform does for Ctrl+C (Ctrl+X) and returns the text
/// the app put on the clipboard.
fn clipboard_after(harness: &mut Harness<'_, WaterlineApp>, event: egui::Event) -> String {
    harness.event(event);
    harness.step();
    let copied = harness
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|command| match command {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
        .expect("text was put on the clipboard");
    harness.run();
    copied
}

fn paste(harness: &mut Harness<'_, WaterlineApp>, text: &str) {
    harness.event(egui::Event::Paste(text.to_owned()));
    harness.run();
}

fn titled<'a>(map: &'a Map, title: &str) -> Vec<&'a waterline::model::Event> {
    map.events.iter().filter(|e| e.title == title).collect()
}

#[test]
fn copy_and_paste_in_one_map_makes_new_cards_with_their_link_as_one_undo_step() {
    let mut harness = app_on(SMALL);
    let before = map(&harness).clone();
    select(&mut harness, &["Error rate up", "Paged"]);
    let copied = clipboard_after(&mut harness, egui::Event::Copy);
    assert!(
        copied.starts_with("[2025-03-11 14:03:00+00:00] api: Error rate up\n"),
        "other apps get chat lines: {copied}"
    );
    assert!(copied.contains("\"format\":\"waterline-cards\""));
    assert_eq!(map(&harness), &before, "copying changes nothing");

    paste(&mut harness, &copied);
    let after = map(&harness);
    assert_eq!(after.events.len(), before.events.len() + 2);
    assert_eq!(after.links.len(), before.links.len() + 1);
    let copies = titled(after, "Error rate up");
    assert_eq!(copies.len(), 2);
    assert_ne!(copies[0].id, copies[1].id, "the copy has a new id");
    let paged = titled(after, "Paged");
    let new_link = after.links.iter().last().unwrap();
    assert_eq!(new_link.from, copies[1].id);
    assert_eq!(new_link.to.event(), Some(&paged[1].id));
    let selected: Vec<_> = harness.state().canvas.selection.events().cloned().collect();
    assert_eq!(
        selected,
        [copies[1].id.clone(), paged[1].id.clone()],
        "the copies are selected"
    );
    assert!(
        harness
            .state()
            .status
            .contains("Pasted 2 cards (Ctrl+Z takes it back)"),
        "{}",
        harness.state().status
    );

    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(map(&harness), &before, "one undo takes the paste back");
}

#[test]
fn cut_removes_the_cards_and_paste_brings_them_back() {
    let mut harness = app_on(SMALL);
    let before = map(&harness).clone();
    select(&mut harness, &["Asks Bo"]);
    let cut = clipboard_after(&mut harness, egui::Event::Cut);
    assert!(titled(map(&harness), "Asks Bo").is_empty());
    assert_eq!(
        map(&harness).links.len(),
        before.links.len() - 1,
        "its link went with it"
    );
    paste(&mut harness, &cut);
    let back = titled(map(&harness), "Asks Bo");
    assert_eq!(back.len(), 1);
    assert_eq!(back[0].lane.as_str(), "ana");
    assert_eq!(
        back[0].annotations,
        before.event(&"e5".into()).unwrap().annotations
    );
    // Undo the paste, then the cut: the map as it was.
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(
        titled(map(&harness), "Asks Bo").is_empty(),
        "one undo per paste"
    );
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(map(&harness), &before, "one undo per cut");
}

#[test]
fn ctrl_d_duplicates_the_selection_just_after_it() {
    let mut harness = app_on(SMALL);
    let before = map(&harness).clone();
    select(&mut harness, &["Paged", "Opens api dashboard"]);
    key(&mut harness, Modifiers::COMMAND, Key::D);
    let after = map(&harness);
    assert_eq!(after.events.len(), before.events.len() + 2);
    let opens = titled(after, "Opens api dashboard");
    assert_eq!(opens.len(), 2);
    assert!(
        opens[1].pos > opens[0].pos,
        "the copy lands after the original"
    );
    assert_eq!(opens[1].lane, opens[0].lane);
    assert_eq!(opens[1].annotations, opens[0].annotations);
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(map(&harness), &before, "one undo takes the duplicate back");
}

#[test]
fn cards_paste_from_one_map_into_another() {
    let mut source = app_on(SMALL);
    select(&mut source, &["Looks at db graphs", "Asks Bo"]);
    let copied = clipboard_after(&mut source, egui::Event::Copy);

    let mut target = app_on_any_glyphs(waterline::samples::TOKYO_DNS);
    let before = map(&target).clone();
    paste(&mut target, &copied);
    let after = map(&target);
    assert_eq!(after.events.len(), before.events.len() + 2);
    assert_eq!(
        after.links.len(),
        before.links.len() + 1,
        "the link among them came along"
    );
    let asks = titled(after, "Asks Bo")[0];
    assert_eq!(after.lane(&asks.lane).unwrap().name, "Ana (on-call)");
    let status = &target.state().status;
    assert!(
        status.contains("new lanes \"Ana (on-call)\", \"Bo (DB team)\""),
        "the status names the lanes it made: {status}"
    );
    key(&mut target, Modifiers::COMMAND, Key::Z);
    assert_eq!(map(&target), &before);
}

#[test]
fn chat_lines_still_paste_as_a_timeline_and_broken_card_data_is_refused() {
    let mut harness = app_on(SMALL);
    let before = map(&harness).clone();
    paste(
        &mut harness,
        "{\"format\":\"waterline-cards\",\"version\":1,\"map\":{\"events\":[",
    );
    assert_eq!(map(&harness), &before);
    assert!(
        harness.state().status.contains("could not be read"),
        "{}",
        harness.state().status
    );
    paste(&mut harness, "14:20 Bo (DB team): replicas caught up");
    assert_eq!(titled(map(&harness), "replicas caught up").len(), 1);
}

#[test]
fn the_edit_menu_offers_copy_cut_paste_and_duplicate_with_their_shortcuts() {
    let mut harness = app_on(SMALL);
    click_label(&mut harness, "Edit");
    for label in ["Copy cards", "Cut cards", "Paste", "Duplicate cards"] {
        assert!(
            harness.query_all_by_label_contains(label).next().is_some(),
            "the Edit menu has {label}"
        );
    }
    key(&mut harness, Modifiers::NONE, Key::Escape);
    select(&mut harness, &["Paged"]);
    click_label(&mut harness, "Edit");
    harness
        .query_all_by_label_contains("Duplicate cards")
        .next()
        .unwrap()
        .click();
    harness.run();
    assert_eq!(titled(map(&harness), "Paged").len(), 2);
    // And in the command palette.
    key(&mut harness, Modifiers::COMMAND, Key::K);
    type_text(&mut harness, "duplicate");
    key(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(
        titled(map(&harness), "Paged").len(),
        3,
        "the copy, selected after the first duplicate, is duplicated"
    );
}

#[test]
fn pasted_chat_lines_from_a_short_name_join_that_persons_lane_and_the_status_says_which() {
    let mut harness = app_on(SMALL);
    let lanes = map(&harness).lanes.len();
    paste(&mut harness, "14:20 Ana: opens the status page");
    let event = titled(map(&harness), "opens the status page")[0];
    assert_eq!(event.lane.as_str(), "ana", "joined \"Ana (on-call)\"");
    assert_eq!(map(&harness).lanes.len(), lanes, "no lane beside it");
    let status = &harness.state().status;
    assert!(
        status.contains("\"Ana\" joined the lane \"Ana (on-call)\""),
        "{status}"
    );
}

#[test]
fn cut_takes_the_paths_not_taken_off_the_card_and_paste_brings_them_back() {
    let mut source = waterline::io::parse_map(SMALL.as_bytes()).unwrap();
    source.branches.push(waterline::model::Branch::new(
        "b1".into(),
        waterline::model::CardId::Event("e5".into()),
        "ana".into(),
        5.5,
        "asks the DBA instead",
    ));
    let mut harness = app_with(waterline::document::Document::new(source, None));
    select(&mut harness, &["Asks Bo"]);
    let cut = clipboard_after(&mut harness, egui::Event::Cut);
    assert!(map(&harness).branches.is_empty(), "the path went with it");
    paste(&mut harness, &cut);
    let after = map(&harness);
    let asks = titled(after, "Asks Bo")[0];
    let paths: Vec<_> = after.branches.iter().collect();
    assert_eq!(paths.len(), 1, "the path not taken is back");
    assert_eq!(paths[0].label, "asks the DBA instead");
    assert_eq!(
        paths[0].from,
        waterline::model::CardId::Event(asks.id.clone()),
        "hanging from the pasted card"
    );
}

#[test]
fn a_paste_naming_many_lanes_says_the_first_three_and_how_many_more() {
    let mut source = Map::new("Many");
    for (id, name) in [
        ("ana", "Ana (on-call)"),
        ("bo", "Bo (DB team)"),
        ("cy", "Cy (network)"),
        ("dee", "Dee (support)"),
        ("ed", "Ed (IC)"),
    ] {
        source.lanes.push(waterline::model::Lane::new(
            id.into(),
            name,
            waterline::model::LaneKind::Person,
        ));
    }
    let mut harness = app_with(waterline::document::Document::new(source, None));
    paste(
        &mut harness,
        "14:01 Ana: a\n14:02 Bo: b\n14:03 Cy: c\n14:04 Dee: d\n14:05 Ed: e",
    );
    assert_eq!(map(&harness).events.len(), 5);
    let status = &harness.state().status;
    assert!(status.contains("\"Cy\" joined"), "{status}");
    assert!(!status.contains("\"Dee\" joined"), "{status}");
    assert!(status.contains("and 2 more"), "{status}");
}
