//! Ways to lose work found by hostile testing, through the window: a journal restored from
//! another working folder, a reused process id, a journal that cannot be written, stale
//! temporary files, replacing files from a typed path, and a file that cannot be opened
//! at start.

use crate::common::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};
use std::process::Command;
use waterline::document::Document;
use waterline::io::{self, recovery};
use waterline::ui::WaterlineApp;

const CHILD_JOURNAL_IN: &str = "WATERLINE_TEST_JOURNAL_FROM_CWD";

fn blank() -> Document {
    Document::new(io::parse_map(SMALL.as_bytes()).unwrap(), None)
}

/// In a child process started in another folder: a map opened by a relative path is
/// edited and journaled, and the process ends without saving (as a crash would).
#[test]
fn child_journals_a_map_opened_by_a_relative_path() {
    let Some(data_dir) = std::env::var_os(CHILD_JOURNAL_IN) else {
        return;
    };
    let mut doc = Document::opened(
        io::open_file(Path::new("co.json")).unwrap(),
        PathBuf::from("co.json"),
    );
    let op = waterline::ops::Op::SetTitle("Edited before the crash".to_owned());
    doc.apply(waterline::ops::Edit::new("Rename", op)).unwrap();
    let journal = doc.journal_id.journal_in(Path::new(&data_dir));
    let bytes =
        recovery::encode_journal(doc.map(), doc.path.as_deref(), chrono::Utc::now()).unwrap();
    recovery::write_journal(&journal, &bytes).unwrap();
}

#[test]
fn a_journal_restored_from_another_folder_saves_to_the_file_it_came_from() {
    let data = tempfile::tempdir().unwrap();
    let (a, original) = temp_file("co.json", SMALL.as_bytes());
    let status = Command::new(std::env::current_exe().unwrap())
        .args([
            crate::test_name(
                module_path!(),
                "child_journals_a_map_opened_by_a_relative_path",
            )
            .as_str(),
            "--exact",
            "--test-threads=1",
        ])
        .current_dir(a.path())
        .env(CHILD_JOURNAL_IN, data.path())
        // Its own test summary must not count among this run's.
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());

    // Started again from another folder, which happens to hold a co.json of its own.
    let b = tempfile::tempdir().unwrap();
    let bystander = b.path().join("co.json");
    std::fs::write(&bystander, SMALL).unwrap();
    let mut harness = app_in(blank(), data.path());
    click_label(&mut harness, "Restore");
    assert_eq!(map(&harness).title, "Edited before the crash");
    key(&mut harness, Modifiers::COMMAND, Key::S);
    harness.state().flush_journal();
    assert_eq!(
        io::load_file(&original).unwrap().title,
        "Edited before the crash"
    );
    assert_eq!(std::fs::read_to_string(&bystander).unwrap(), SMALL);
}

/// Writes a journal named as if kept by the Waterline `owner` (`<started>-<pid>`).
fn journal_of(data_dir: &Path, owner: &str) -> PathBuf {
    let key = recovery::JournalKey::parse(&format!("map-{owner}-0")).unwrap();
    let path = key.journal_in(data_dir);
    let map = io::parse_map(SMALL.as_bytes()).unwrap();
    let bytes = recovery::encode_journal(&map, None, chrono::Utc::now()).unwrap();
    recovery::write_journal(&path, &bytes).unwrap();
    path
}

#[test]
fn a_journal_is_offered_even_when_its_process_id_now_belongs_to_another_process() {
    let data = tempfile::tempdir().unwrap();
    // This test's own process id, alive, but from a run that started long ago.
    journal_of(data.path(), &format!("1000-{}", std::process::id()));
    let harness = app_in(blank(), data.path());
    assert!(harness.query_by_label("Recover unsaved work?").is_some());
}

#[test]
fn a_journal_kept_by_a_running_waterline_is_left_to_it() {
    let data = tempfile::tempdir().unwrap();
    let owner = "2000-4242";
    journal_of(data.path(), owner);
    // The running app's lock, held as a live Waterline holds it.
    let lock_path = data.path().join(format!("recovery/owners/{owner}.lock"));
    std::fs::create_dir_all(lock_path.parent().unwrap()).unwrap();
    let lock = std::fs::File::create(&lock_path).unwrap();
    lock.lock().unwrap();
    let harness = app_in(blank(), data.path());
    assert!(harness.query_by_label("Recover unsaved work?").is_none());
    drop(harness);
    // Once that Waterline has ended (its lock released), the journal is offered.
    drop(lock);
    let harness = app_in(blank(), data.path());
    assert!(harness.query_by_label("Recover unsaved work?").is_some());
}

#[test]
fn a_journal_that_cannot_be_written_is_said_in_the_window_until_one_is() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = app_in(blank(), data.path());
    // The journal folder is taken by a file: every journal write fails.
    let journals = data.path().join("recovery");
    std::fs::remove_dir_all(&journals).unwrap();
    std::fs::write(&journals, "in the way").unwrap();
    delete_event(&mut harness, "Paged");
    wait(&mut harness, 2.0);
    harness.state().flush_journal();
    wait(&mut harness, 0.5);
    assert!(
        harness
            .query_by_label_contains("Crash recovery is not protecting your edits")
            .is_some()
    );
    // Other messages do not hide it.
    click_label(&mut harness, "Event: Error rate up");
    assert!(
        harness
            .query_by_label_contains("Crash recovery is not protecting your edits")
            .is_some()
    );
    // The folder comes back: the next journal write clears the warning.
    std::fs::remove_file(&journals).unwrap();
    delete_event(&mut harness, "Asks Bo");
    wait(&mut harness, 2.0);
    harness.state().flush_journal();
    wait(&mut harness, 0.5);
    assert!(
        harness
            .query_by_label_contains("Crash recovery is not protecting your edits")
            .is_none(),
        "{:?}",
        harness.state().recovery_warning()
    );
}

#[test]
fn temporary_files_left_by_killed_saves_are_cleaned_at_start() {
    let data = tempfile::tempdir().unwrap();
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let stale = |path: PathBuf| {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "half a map").unwrap();
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(old)
            .unwrap();
        path
    };
    let in_backups = stale(data.path().join("backups/.review.json.a1B2c3.tmp"));
    let in_recovery = stale(data.path().join("recovery/.map-1-2-0.json.Zz9Yy8.tmp"));
    let (dir, path) = temp_file("review.json", SMALL.as_bytes());
    let beside = stale(dir.path().join(".review.json.Qq1Ww2.tmp"));
    let someone_elses = stale(dir.path().join("notes.tmp"));
    let _harness = app_on_file(&path, data.path());
    assert!(!in_backups.exists() && !in_recovery.exists() && !beside.exists());
    assert!(someone_elses.exists(), "only our own naming is touched");
}

#[test]
fn save_as_to_an_existing_file_asks_first() {
    let (dir, _) = temp_file("keep.json", b"precious");
    let target = dir.path().join("keep.json");
    let mut harness = app_on(SMALL);
    save_as(&mut harness, &target);
    assert!(harness.query_by_label("Replace the file?").is_some());
    click_label(&mut harness, "Cancel");
    assert_eq!(std::fs::read(&target).unwrap(), b"precious");

    save_as(&mut harness, &target);
    click_label(&mut harness, "Replace it");
    assert_eq!(io::load_file(&target).unwrap(), *map(&harness));

    // Saving again to the map's own file is an ordinary save: no question.
    save_as(&mut harness, &target);
    assert!(harness.query_by_label("Replace the file?").is_none());
}

#[test]
fn an_export_to_an_existing_file_asks_first_and_never_goes_over_the_map() {
    let data = tempfile::tempdir().unwrap();
    let (dir, path) = temp_file("review.json", SMALL.as_bytes());
    let mut harness = app_on_file(&path, data.path());
    let export_to = |harness: &mut egui_kittest::Harness<'static, WaterlineApp>, target: &Path| {
        let ctx = harness.ctx.clone();
        harness
            .state_mut()
            .run(waterline::ui::commands::Command::ExportMarkdown, &ctx);
        harness.run();
        harness.get_by_label("File path").focus();
        type_text(harness, target.to_str().unwrap());
        key(harness, Modifiers::NONE, Key::Enter);
    };
    export_to(&mut harness, &path);
    assert!(harness.query_by_label("Replace the file?").is_some());
    click_label(&mut harness, "Replace it");
    assert!(
        harness
            .query_by_label_contains("this map's own file")
            .is_some(),
        "refused"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), SMALL);

    let notes = dir.path().join("notes.md");
    std::fs::write(&notes, "my notes").unwrap();
    export_to(&mut harness, &notes);
    click_label(&mut harness, "Cancel");
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "my notes");
}

#[test]
fn a_file_that_cannot_be_opened_at_start_is_said_in_the_window() {
    let (_dir, broken) = temp_file("broken.json", b"{\"format\": \"waterline-map\",");
    let start = waterline::ui::startup(Some(&broken));
    let (title, message) = start.error.clone().expect("an error to show");
    assert!(title.contains("broken.json"));
    let mut app = WaterlineApp::new(
        start.doc,
        waterline::ui::Prefs::default(),
        waterline::ui::DialogBackend::Unavailable,
    );
    app.show_error(&title, message);
    let harness = harness_of(app);
    assert!(harness.query_by_label_contains("Could not open").is_some());
    assert!(harness.query_by_label_contains("line 1").is_some());
    assert!(harness.state().doc.path.is_none(), "never saves over it");

    let missing = waterline::ui::startup(Some(Path::new("/nonexistent/map.json")));
    assert!(missing.error.is_some());
}

#[cfg(unix)]
#[test]
fn a_fifo_among_the_journals_does_not_block_the_start() {
    let data = tempfile::tempdir().unwrap();
    let fifo = data.path().join("recovery/map-1-2-0.json");
    std::fs::create_dir_all(fifo.parent().unwrap()).unwrap();
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    // Reaching the next line at all is the test: reading the FIFO would wait forever.
    let harness = app_in(blank(), data.path());
    assert!(harness.query_by_label("Recover unsaved work?").is_none());
}
