//! `waterline merge` as a real git merge driver: two branches of a repository edit one map,
//! `git merge` calls the driver, and the result holds both sides' work (or, for a true
//! conflict, a valid map with the conflict noted and the path left conflicted).

use std::path::Path;
use std::process::{Command, Output};
use waterline::io::{canonical_bytes, parse_map};
use waterline::model::{Annotation, AnnotationKind, EventId, Map};

/// git with only this repository's configuration: the user's own settings must not
/// change what the test sees.
fn git(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git runs")
}

fn ok(dir: &Path, args: &[&str]) {
    let out = git(dir, args);
    assert!(
        out.status.success(),
        "git {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn git_available() -> bool {
    Command::new("git")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A repository whose `map.json` (the small sample) is merged by the driver, on `main`.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path();
    ok(path, &["init", "-q", "-b", "main"]);
    ok(path, &["config", "user.name", "Test"]);
    ok(path, &["config", "user.email", "test@example.com"]);
    ok(
        path,
        &[
            "config",
            "merge.waterline.name",
            "Waterline map three-way merge",
        ],
    );
    let driver = format!(
        "'{}' merge %O %A %B --path %P",
        env!("CARGO_BIN_EXE_waterline")
    );
    ok(path, &["config", "merge.waterline.driver", &driver]);
    std::fs::write(path.join(".gitattributes"), "*.json merge=waterline\n").unwrap();
    write_map(path, &sample());
    ok(path, &["add", "."]);
    ok(path, &["commit", "-q", "-m", "base"]);
    dir
}

fn sample() -> Map {
    parse_map(waterline::samples::SMALL.as_bytes()).unwrap()
}

fn write_map(dir: &Path, map: &Map) {
    std::fs::write(dir.join("map.json"), canonical_bytes(map).unwrap()).unwrap();
}

fn read_map(dir: &Path) -> Map {
    parse_map(&std::fs::read(dir.join("map.json")).unwrap()).expect("the merged map loads")
}

/// Commits `edit` of the map on a new branch `name` made from main.
fn branch(dir: &Path, name: &str, edit: impl FnOnce(&mut Map)) {
    ok(dir, &["checkout", "-q", "-b", name, "main"]);
    let mut map = read_map(dir);
    edit(&mut map);
    write_map(dir, &map);
    ok(dir, &["commit", "-q", "-am", name]);
}

fn event_mut<'a>(map: &'a mut Map, id: &str) -> &'a mut waterline::model::Event {
    map.events
        .by_id_mut(&EventId::from(id))
        .expect("event exists")
}

fn title(map: &Map, id: &str) -> String {
    map.event(&EventId::from(id))
        .expect("event exists")
        .title
        .clone()
}

#[test]
fn edits_of_different_cards_on_two_branches_merge_cleanly() {
    if !git_available() {
        eprintln!("skipped: git is not installed");
        return;
    }
    let repo = repository();
    let dir = repo.path();
    // Both branches also add a note to the same card: a text merge would conflict there.
    branch(dir, "ana", |map| {
        event_mut(map, "e1").title = "Error rate up to 6%".into();
        event_mut(map, "e3")
            .annotations
            .push(Annotation::new(AnnotationKind::Thinking, "ana's note"));
    });
    branch(dir, "bo", |map| {
        event_mut(map, "e4").title = "Looks at db graphs, sees locks".into();
        event_mut(map, "e3")
            .annotations
            .push(Annotation::new(AnnotationKind::Question, "bo's question"));
    });
    ok(dir, &["checkout", "-q", "ana"]);
    ok(dir, &["merge", "-q", "--no-edit", "bo"]);

    let merged = read_map(dir);
    assert_eq!(title(&merged, "e1"), "Error rate up to 6%");
    assert_eq!(title(&merged, "e4"), "Looks at db graphs, sees locks");
    let notes: Vec<String> = merged
        .event(&EventId::from("e3"))
        .unwrap()
        .annotations
        .iter()
        .map(|a| a.text.clone())
        .collect();
    assert!(notes.contains(&"ana's note".to_owned()), "{notes:?}");
    assert!(notes.contains(&"bo's question".to_owned()), "{notes:?}");
    let status = git(dir, &["status", "--porcelain"]);
    assert_eq!(
        String::from_utf8_lossy(&status.stdout),
        "",
        "nothing left to resolve"
    );
}

#[test]
fn a_true_conflict_stops_the_merge_with_a_valid_map_carrying_the_note() {
    if !git_available() {
        eprintln!("skipped: git is not installed");
        return;
    }
    let repo = repository();
    let dir = repo.path();
    branch(dir, "ana", |map| {
        event_mut(map, "e2").title = "Paged at 14:04".into()
    });
    branch(dir, "bo", |map| {
        event_mut(map, "e2").title = "Paged twice".into()
    });
    ok(dir, &["checkout", "-q", "ana"]);
    let out = git(dir, &["merge", "--no-edit", "bo"]);
    assert!(!out.status.success(), "git reports the conflict");

    let merged = read_map(dir);
    assert_eq!(title(&merged, "e2"), "Paged at 14:04", "ours is kept");
    let e2 = merged.event(&EventId::from("e2")).unwrap();
    assert!(
        e2.annotations
            .iter()
            .any(|a| a.text.starts_with("Merge conflict") && a.text.contains("Paged twice")),
        "{:?}",
        e2.annotations
    );
    let status = String::from_utf8_lossy(&git(dir, &["status", "--porcelain"]).stdout).into_owned();
    assert!(status.contains("UU map.json"), "{status}");
}

fn waterline_merge(dir: &Path, files: [&str; 3]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_waterline"))
        .arg("merge")
        .args(files)
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn a_map_from_a_newer_waterline_is_left_untouched_with_status_2() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path();
    let newer = br#"{"format": "waterline-map", "version": 99, "title": "future"}"#;
    write_map(path, &sample());
    std::fs::rename(path.join("map.json"), path.join("base.json")).unwrap();
    std::fs::copy(path.join("base.json"), path.join("theirs.json")).unwrap();
    std::fs::write(path.join("ours.json"), newer).unwrap();
    let out = waterline_merge(path, ["base.json", "ours.json", "theirs.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(path.join("ours.json")).unwrap(), newer);
    assert!(String::from_utf8_lossy(&out.stderr).contains("newer"));
}

#[test]
fn other_json_is_merged_as_text_by_git() {
    if !git_available() {
        eprintln!("skipped: git is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path();
    std::fs::write(
        path.join("base.json"),
        "{\n\"a\": 1,\n\"b\": 1,\n\"c\": 1\n}\n",
    )
    .unwrap();
    std::fs::write(
        path.join("ours.json"),
        "{\n\"a\": 2,\n\"b\": 1,\n\"c\": 1\n}\n",
    )
    .unwrap();
    std::fs::write(
        path.join("theirs.json"),
        "{\n\"a\": 1,\n\"b\": 1,\n\"c\": 3\n}\n",
    )
    .unwrap();
    let out = waterline_merge(path, ["base.json", "ours.json", "theirs.json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(path.join("ours.json")).unwrap(),
        "{\n\"a\": 2,\n\"b\": 1,\n\"c\": 3\n}\n"
    );
}
