//! Files through the UI: opening broken files, saving, unsaved-changes questions, drops.

use crate::common::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use waterline::io;

#[test]
fn opening_a_broken_file_names_line_and_column_and_keeps_the_map() {
    let mut harness = app_on(SMALL);
    let before = map(&harness).clone();
    let (_dir, path) = temp_file(
        "broken.json",
        b"{\n  \"format\": \"waterline-map\",\n  \"version\": 1,\n  oops\n}\n",
    );
    key(&mut harness, Modifiers::COMMAND, Key::O);
    // No file dialog can be shown in tests: the app offers a path field instead.
    harness.get_by_label("File path").focus();
    type_text(&mut harness, path.to_str().unwrap());
    key(&mut harness, Modifiers::NONE, Key::Enter);

    assert!(
        harness
            .query_by_label_contains("line 4, column 3")
            .is_some(),
        "the message says where"
    );
    assert_eq!(map(&harness), &before, "the open map stays");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        b"{\n  \"format\": \"waterline-map\",\n  \"version\": 1,\n  oops\n}\n",
        "never overwritten"
    );
}

#[test]
fn dropping_a_map_with_a_dangling_reference_names_the_id() {
    let mut harness = app_on(SMALL);
    let text = SMALL.replace("\"lane\": \"bo\"", "\"lane\": \"carol\"");
    let (_dir, path) = temp_file("dangling.json", text.as_bytes());
    drop_file(&mut harness, &path);
    assert!(
        harness
            .query_by_label_contains("its lane 'carol' does not exist")
            .is_some()
    );
}

#[test]
fn dropping_a_valid_map_opens_it() {
    let mut harness = app_on(SMALL);
    let other = SMALL.replacen("\"title\": \"", "\"title\": \"Dropped: ", 1);
    let (_dir, path) = temp_file("dropped.json", other.as_bytes());
    drop_file(&mut harness, &path);
    assert!(map(&harness).title.starts_with("Dropped: "));
    assert_eq!(harness.state().doc.path.as_deref(), Some(path.as_path()));
    assert_eq!(
        harness.state().prefs.recent.first().map(|p| p.file_name()),
        Some(path.file_name())
    );
}

#[test]
fn save_as_writes_the_canonical_file_and_clears_the_unsaved_marker() {
    let mut harness = app_on(SMALL);
    delete_event(&mut harness, "Paged");
    assert!(waterline::ui::window_title(&harness.state().doc).starts_with("* "));

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("review");
    key(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    harness.get_by_label("File path").focus();
    type_text(&mut harness, path.to_str().unwrap());
    key(&mut harness, Modifiers::NONE, Key::Enter);

    let saved = dir.path().join("review.json");
    let on_disk = io::load_file(&saved).expect("saved file loads");
    assert_eq!(&on_disk, map(&harness));
    assert_eq!(
        std::fs::read(&saved).unwrap(),
        io::canonical_bytes(map(&harness)).unwrap()
    );
    let title = waterline::ui::window_title(&harness.state().doc);
    assert_eq!(
        title,
        "Small test map (review.json) - Waterline".replace("Small test map", &map(&harness).title)
    );
}

#[test]
fn new_map_with_unsaved_changes_asks_and_cancel_keeps_the_work() {
    let mut harness = app_on(SMALL);
    delete_event(&mut harness, "Paged");
    let edited = map(&harness).clone();

    key(&mut harness, Modifiers::COMMAND, Key::N);
    assert!(harness.query_by_label("Unsaved changes").is_some());
    click_label(&mut harness, "Cancel");
    assert_eq!(map(&harness), &edited);

    key(&mut harness, Modifiers::COMMAND, Key::N);
    click_label(&mut harness, "Discard changes");
    assert_eq!(map(&harness).title, "Untitled incident");
}

#[test]
fn a_map_named_dot_waterline_opens_by_drop_and_saves_under_its_own_name() {
    let mut harness = app_on(SMALL);
    let other = SMALL.replacen("\"title\": \"", "\"title\": \"Named for the desktop: ", 1);
    let (dir, path) = temp_file("review.waterline", other.as_bytes());
    drop_file(&mut harness, &path);
    assert!(map(&harness).title.starts_with("Named for the desktop: "));
    assert_eq!(harness.state().doc.path.as_deref(), Some(path.as_path()));

    // Save As to another .waterline name keeps it: no ".json" is added.
    let copy = dir.path().join("copy.waterline");
    key(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    harness.get_by_label("File path").focus();
    type_text(&mut harness, copy.to_str().unwrap());
    key(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(&io::load_file(&copy).expect("saved"), map(&harness));
    assert!(!dir.path().join("copy.waterline.json").exists());
}
