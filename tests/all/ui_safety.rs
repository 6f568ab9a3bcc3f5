//! Never losing work, through the UI: the file changed on disk before a save, the recovery
//! journal after a crash, the previous version kept, failed saves, newer-version files.

use crate::common::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use std::path::Path;
use std::sync::Arc;
use waterline::io;
use waterline::ui::{Storage, window_title};

fn journals(data_dir: &Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(data_dir.join("recovery"))
        .map(|listing| {
            listing
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "json"))
                .collect()
        })
        .unwrap_or_default()
}

/// A map opened from a file and edited (a card deleted) while someone else saves that
/// file; returns the folders to keep alive, the file, and what they saved.
fn edited_while_someone_saves() -> (
    egui_kittest::Harness<'static, waterline::ui::WaterlineApp>,
    (tempfile::TempDir, tempfile::TempDir),
    std::path::PathBuf,
    String,
) {
    let data = tempfile::tempdir().unwrap();
    let (dir, path) = temp_file("review.json", SMALL.as_bytes());
    let mut harness = app_on_file(&path, data.path());
    delete_event(&mut harness, "Paged");
    let theirs = SMALL.replacen("\"title\": \"", "\"title\": \"Theirs: ", 1);
    std::fs::write(&path, &theirs).unwrap();
    (harness, (data, dir), path, theirs)
}

#[test]
fn a_file_changed_on_disk_is_never_overwritten_silently() {
    let (mut harness, _folders, path, theirs) = edited_while_someone_saves();

    key(&mut harness, Modifiers::COMMAND, Key::S);
    assert!(harness.query_by_label("The file changed on disk").is_some());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs, "untouched");

    // Cancel keeps both: their file and my edits.
    click_label(&mut harness, "Cancel");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
    assert!(window_title(&harness.state().doc).starts_with("* "));

    // Overwrite is an explicit choice.
    key(&mut harness, Modifiers::COMMAND, Key::S);
    click_label(&mut harness, "Overwrite their changes");
    let on_disk = io::load_file(&path).unwrap();
    assert_eq!(&on_disk, map(&harness));
    assert!(!window_title(&harness.state().doc).starts_with("* "));

    // Saving again with nobody else touching the file asks nothing.
    delete_event(&mut harness, "Asks Bo");
    key(&mut harness, Modifiers::COMMAND, Key::S);
    assert!(harness.query_by_label("The file changed on disk").is_none());
    assert_eq!(&io::load_file(&path).unwrap(), map(&harness));
}

#[test]
fn reloading_a_file_changed_on_disk_shows_their_version() {
    let (mut harness, _folders, path, theirs) = edited_while_someone_saves();
    key(&mut harness, Modifiers::COMMAND, Key::S);
    click_label(&mut harness, "Reload from disk (drop my changes)");
    assert!(map(&harness).title.starts_with("Theirs: "));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
}

#[test]
fn saving_keeps_the_previous_version_in_the_data_folder() {
    let data = tempfile::tempdir().unwrap();
    let (_dir, path) = temp_file("review.json", SMALL.as_bytes());
    let mut harness = app_on_file(&path, data.path());
    delete_event(&mut harness, "Paged");
    key(&mut harness, Modifiers::COMMAND, Key::S);
    let backup = io::backup_path(data.path(), &path);
    assert_eq!(std::fs::read_to_string(&backup).unwrap(), SMALL);
    assert!(harness.state().status.contains("previous version kept"));
}

#[test]
fn unsaved_work_comes_back_after_the_app_is_killed() {
    let data = tempfile::tempdir().unwrap();
    let (_dir, path) = temp_file("review.json", SMALL.as_bytes());
    let edited = {
        let mut harness = app_on_file(&path, data.path());
        delete_event(&mut harness, "Paged");
        click_label(&mut harness, "Event: Asks Bo");
        key(&mut harness, Modifiers::NONE, Key::T);
        type_text(&mut harness, "Bo would know the replicas");
        key(&mut harness, Modifiers::NONE, Key::Enter);
        // Within about two seconds of the last edit the journal holds it.
        wait(&mut harness, 2.0);
        harness.state().flush_journal();
        assert_eq!(journals(data.path()).len(), 1);
        map(&harness).clone()
        // The harness is dropped here without saving: as good as a kill for the app.
    };
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        SMALL,
        "never saved"
    );

    let mut harness = app_in(
        waterline::document::Document::new(waterline::samples::startup_map().unwrap(), None),
        data.path(),
    );
    assert!(harness.query_by_label("Recover unsaved work?").is_some());
    assert!(
        harness.query_by_label_contains("review.json").is_some(),
        "says which file"
    );
    click_label(&mut harness, "Restore");
    assert_eq!(map(&harness), &edited);
    assert_eq!(harness.state().doc.path.as_deref(), Some(path.as_path()));
    assert!(
        window_title(&harness.state().doc).starts_with("* "),
        "restored work is unsaved until saved"
    );

    // Saving it clears the journal.
    key(&mut harness, Modifiers::COMMAND, Key::S);
    harness.state().flush_journal();
    assert!(journals(data.path()).is_empty());
    assert_eq!(&io::load_file(&path).unwrap(), &edited);
}

#[test]
fn discarding_recovered_work_removes_it_and_later_keeps_it() {
    let data = tempfile::tempdir().unwrap();
    {
        let mut harness = app_in(
            waterline::document::Document::new(io::parse_map(SMALL.as_bytes()).unwrap(), None),
            data.path(),
        );
        delete_event(&mut harness, "Paged");
        wait(&mut harness, 2.0);
        harness.state().flush_journal();
    }
    assert_eq!(
        journals(data.path()).len(),
        1,
        "a never-saved map is journaled too"
    );

    let mut harness = app_in(
        waterline::document::Document::new(io::parse_map(SMALL.as_bytes()).unwrap(), None),
        data.path(),
    );
    click_label(&mut harness, "Decide later");
    harness.state().flush_journal();
    assert_eq!(journals(data.path()).len(), 1);
    drop(harness);

    let mut harness = app_in(
        waterline::document::Document::new(io::parse_map(SMALL.as_bytes()).unwrap(), None),
        data.path(),
    );
    assert!(harness.query_by_label("Recover unsaved work?").is_some());
    click_label(&mut harness, "Discard these changes");
    harness.state().flush_journal();
    assert!(journals(data.path()).is_empty());
}

#[test]
fn a_journal_written_by_an_older_version_restores() {
    let data = tempfile::tempdir().unwrap();
    let v1 = include_str!("../migrations/v1-checkout-outage.json");
    let v1_map: serde_json::Value = serde_json::from_str(v1).unwrap();
    let journal = serde_json::json!({
        "format": "waterline-recovery",
        "version": 1,
        "written_at": "2026-11-24T22:15:00Z",
        "map": v1_map,
    });
    std::fs::create_dir_all(data.path().join("recovery")).unwrap();
    std::fs::write(
        data.path()
            .join("recovery/map-1732486500000-999999999-0.json"),
        serde_json::to_vec(&journal).unwrap(),
    )
    .unwrap();
    let mut harness = app_in(
        waterline::document::Document::new(io::parse_map(SMALL.as_bytes()).unwrap(), None),
        data.path(),
    );
    click_label(&mut harness, "Restore");
    assert_eq!(map(&harness).title, "Checkout outage, 11 March 2025");
    assert_eq!(map(&harness).version, waterline::model::VERSION);
}

/// Fails every write the way a full disk does.
struct FullDisk;

impl Storage for FullDisk {
    fn write_atomically(&self, _: &Path, _: &[u8]) -> std::io::Result<()> {
        Err(std::io::Error::from(std::io::ErrorKind::StorageFull))
    }
}

#[test]
fn a_failed_save_leaves_the_file_and_the_edits_and_says_what_to_do() {
    let data = tempfile::tempdir().unwrap();
    let (_dir, path) = temp_file("review.json", SMALL.as_bytes());
    let opened = io::open_file(&path).unwrap();
    let doc = waterline::document::Document::opened(opened, path.clone());
    let app = waterline::ui::WaterlineApp::new(
        doc,
        waterline::ui::Prefs::default(),
        waterline::ui::DialogBackend::Unavailable,
    )
    .with_data_dir(Some(data.path().to_owned()))
    .with_storage(Arc::new(FullDisk));
    let mut harness = harness_of(app);
    delete_event(&mut harness, "Paged");
    key(&mut harness, Modifiers::COMMAND, Key::S);
    assert!(
        harness
            .query_by_label_contains("the disk is full")
            .is_some()
    );
    assert!(
        harness
            .query_by_label_contains("The file on disk was not changed")
            .is_some()
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), SMALL);
    assert!(
        window_title(&harness.state().doc).starts_with("* "),
        "edits kept"
    );
}

const NEWER: &str = r#"{
  "format": "waterline-map",
  "version": 99,
  "title": "From the future",
  "lanes": [{"id": "a", "name": "Ana", "kind": "person", "hologram": true}],
  "events": [{"id": "e1", "lane": "a", "pos": 1, "title": "Paged"}],
  "timeline_v99": {"anything": [1, 2, 3]}
}
"#;

#[test]
fn a_file_from_a_newer_version_opens_read_only_and_is_never_overwritten() {
    let data = tempfile::tempdir().unwrap();
    let (dir, path) = temp_file("future.json", NEWER.as_bytes());
    let mut harness = app_on(SMALL);
    key(&mut harness, Modifiers::COMMAND, Key::O);
    harness.get_by_label("File path").focus();
    type_text(&mut harness, path.to_str().unwrap());
    key(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(map(&harness).title, "From the future");
    assert!(harness.query_by_label_contains("Read-only").is_some());

    // Edits are refused...
    delete_event(&mut harness, "Paged");
    assert_eq!(map(&harness).events.len(), 1);
    // ...and Save goes to Save As, never to the file itself.
    key(&mut harness, Modifiers::COMMAND, Key::S);
    assert!(harness.query_by_label("File path").is_some());
    let copy = dir.path().join("copy.json");
    harness.get_by_label("File path").focus();
    type_text(&mut harness, copy.to_str().unwrap());
    key(&mut harness, Modifiers::NONE, Key::Enter);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), NEWER, "untouched");
    let saved: serde_json::Value = serde_json::from_slice(&std::fs::read(&copy).unwrap()).unwrap();
    assert_eq!(saved["version"], 99, "the copy keeps what it is");
    assert_eq!(saved["timeline_v99"]["anything"][2], 3, "unknown data kept");
    assert_eq!(saved["lanes"][0]["hologram"], true);
    drop(data);
}
