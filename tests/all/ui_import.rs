//! Bringing a timeline in through the app: pasting chat lines onto the map, dropping a
//! CSV on the window, and File > Import.

use crate::common::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use std::path::PathBuf;

fn paste(harness: &mut egui_kittest::Harness<'_, waterline::ui::WaterlineApp>, text: &str) {
    harness.event(egui::Event::Paste(text.to_owned()));
    harness.run();
}

#[test]
fn pasted_chat_lines_join_the_map_as_one_undo_step() {
    let mut harness = app_on(SMALL);
    let before = map(&harness).clone();
    paste(
        &mut harness,
        "14:10 Bo (DB team): replicas 2 and 3 are lagging\n\
         [14:12] Marcus: joins as incident commander\n\
         and opens the status page\n",
    );
    let after = map(&harness).clone();
    assert_eq!(after.events.len(), before.events.len() + 2);
    let lagging = event_titled(&harness, "replicas 2 and 3 are lagging");
    assert_eq!(
        lagging.lane.as_str(),
        "bo",
        "an existing lane is matched by name"
    );
    assert_eq!(
        lagging.time.unwrap().to_rfc3339(),
        "2025-03-11T14:10:00+00:00",
        "a bare time takes the map's day and zone"
    );
    assert_eq!(
        after.lanes.last().unwrap().name,
        "Marcus",
        "a new lane for a new name"
    );
    assert!(
        harness
            .query_by_label("Event: joins as incident commander\nand opens the status page")
            .is_some(),
        "a line that is not a message continues the one before"
    );
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        map(&harness),
        &before,
        "one undo takes the whole paste back"
    );
}

#[test]
fn pasting_while_typing_in_a_field_goes_to_the_field() {
    let mut harness = app_on(SMALL);
    click_label(&mut harness, "Event: Paged");
    harness.get_by_label("Title").focus();
    harness.run();
    let events = map(&harness).events.len();
    paste(&mut harness, "14:10 Bo: hello");
    assert_eq!(map(&harness).events.len(), events);
}

#[test]
fn dropping_a_csv_imports_it_into_a_new_unsaved_map_and_lists_bad_rows() {
    let mut harness = app_on(SMALL);
    let path = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/timelines/bad-rows.csv"
    ));
    drop_file(&mut harness, &path);
    assert_eq!(map(&harness).title, "bad-rows");
    assert_eq!(map(&harness).events.len(), 3);
    assert!(harness.query_by_label("Timeline imported").is_some());
    assert!(harness.query_by_label_contains("row 4: 5 fields").is_some());
    click_label(&mut harness, "OK");
    assert!(
        waterline::ui::window_title(&harness.state().doc).starts_with("* "),
        "an imported map is unsaved until saved"
    );
    assert_eq!(
        harness.state().doc.path,
        None,
        "nothing is written anywhere"
    );
}

#[test]
fn file_import_asks_for_the_timeline_and_opens_it() {
    let mut harness = app_on(SMALL);
    key(&mut harness, Modifiers::COMMAND, Key::I);
    harness.get_by_label("File path").focus();
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/timelines/mixed-offsets.csv"
    );
    type_text(&mut harness, path);
    key(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(map(&harness).title, "mixed-offsets");
    assert!(harness.query_by_label("Event: Starts failover").is_some());
}

#[test]
fn cards_copied_by_an_older_import_fold_into_messages_with_one_undo() {
    use waterline::model::LinkEnd;
    let old = r#"{"format":"waterline-map","version":2,"title":"Old import",
        "lanes":[{"id":"pagerduty","name":"PagerDuty","kind":"system"},{"id":"ana","name":"Ana","kind":"person"}],
        "events":[{"id":"e1","lane":"pagerduty","pos":1.0,"title":"Pages Ana"},
                  {"id":"e2","lane":"ana","pos":1.0,"title":"From PagerDuty: Pages Ana"},
                  {"id":"e3","lane":"ana","pos":2.0,"title":"Acks the page"}],
        "links":[{"id":"k1","from":"e1","to":"e2"}]}"#;
    let mut harness = app_on(old);
    let before = map(&harness).clone();
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .run(waterline::ui::commands::Command::FoldCopiedMessages, &ctx);
    harness.run();
    assert_eq!(map(&harness).events.len(), 2, "the copy is gone");
    assert_eq!(map(&harness).links[0].to, LinkEnd::Lane("ana".into()));
    assert!(
        harness
            .query_by_label("Event: From PagerDuty: Pages Ana")
            .is_none()
    );
    key(&mut harness, egui::Modifiers::COMMAND, egui::Key::Z);
    assert_eq!(map(&harness), &before, "one undo brings the card back");
}
