//! Hostile input through the real binary: each test is a way that was found to lose work,
//! hang or blow up, and shows it no longer does. Files are made in temporary folders
//! (never the real /dev/stdout).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

fn waterline() -> Command {
    Command::new(env!("CARGO_BIN_EXE_waterline"))
}

/// Runs the binary; a run that has not ended after a generous while is a hang, reported
/// as a failure instead of blocking the test suite forever.
fn run(command: &mut Command) -> Output {
    let child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let id = child.id();
    let (done, ended) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(child.wait_with_output());
    });
    match ended.recv_timeout(Duration::from_secs(60)) {
        Ok(output) => output.unwrap(),
        Err(_) => {
            let _ = Command::new("kill").args(["-9", &id.to_string()]).status();
            panic!("waterline hung (killed after 60 s)");
        }
    }
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn write(dir: &Path, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

fn small_map(dir: &Path, name: &str) -> PathBuf {
    write(dir, name, waterline::samples::SMALL)
}

fn check_passes(path: &Path) {
    let output = run(waterline().arg("check").arg(path));
    assert!(output.status.success(), "check failed: {}", stderr(&output));
}

fn mkfifo(path: &Path) -> bool {
    Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn import_keeps_times_a_map_cannot_hold_as_notes_and_writes_what_check_accepts() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write(
        dir.path(),
        "y.csv",
        "time,lane,text\n9999-12-31T23:58:00Z,ana,a\n00:01,ana,b\n-0001-03-01T10:00:00Z,ana,c\n",
    );
    let out = dir.path().join("y.json");
    let output = run(waterline().arg("import").arg(&csv).arg("-o").arg(&out));
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("outside the years"),
        "{}",
        stderr(&output)
    );
    check_passes(&out);
    let map = waterline::io::load_file(&out).unwrap();
    let b = map.events.iter().find(|e| e.title == "b").unwrap();
    assert!(b.time.is_none());
    assert!(
        b.annotations
            .iter()
            .any(|a| a.text.contains("time as written: 00:01"))
    );
}

#[test]
fn import_of_more_lanes_than_a_map_holds_writes_a_map_that_loads() {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("lane,text\n");
    for i in 0..5_100 {
        csv.push_str(&format!("responder {i},did thing {i}\n"));
    }
    let csv = write(dir.path(), "many.csv", csv);
    let out = dir.path().join("many.json");
    let output = run(waterline().arg("import").arg(&csv).arg("-o").arg(&out));
    assert!(output.status.success(), "{}", stderr(&output));
    check_passes(&out);
    let map = waterline::io::load_file(&out).unwrap();
    assert_eq!(map.events.len(), 5_100, "no row is dropped");
    let last = map
        .events
        .iter()
        .find(|e| e.title == "did thing 5099")
        .unwrap();
    assert!(
        last.annotations
            .iter()
            .any(|a| a.text == "lane: responder 5099"),
        "the event says which lane it came from"
    );
}

#[test]
fn a_cell_with_thousands_of_options_makes_a_bounded_number_of_paths() {
    let dir = tempfile::tempdir().unwrap();
    let options: Vec<String> = (0..20_000).map(|i| format!("option {i}")).collect();
    let csv = format!("text,not_taken\npaged,\"{}\"\n", options.join("\n"));
    let csv = write(dir.path(), "options.csv", csv);
    let out = dir.path().join("options.json");
    let output = run(waterline().arg("import").arg(&csv).arg("-o").arg(&out));
    assert!(output.status.success(), "{}", stderr(&output));
    check_passes(&out);
    let map = waterline::io::load_file(&out).unwrap();
    assert_eq!(map.branches.len(), waterline::import::MAX_OPTIONS_PER_CELL);
    let note = &map.events[0].annotations[0].text;
    assert!(note.contains("option 19999"), "the rest are kept as a note");
}

#[cfg(unix)]
#[test]
fn saving_through_a_symlink_writes_its_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.json");
    // Not canonical (compact), so fmt rewrites it.
    let compact: serde_json::Value = serde_json::from_str(waterline::samples::SMALL).unwrap();
    std::fs::write(&real, serde_json::to_vec(&compact).unwrap()).unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&real, &link).unwrap();

    let output = run(waterline().arg("fmt").arg(&link));
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    let check = run(waterline().args(["fmt", "--check"]).arg(&real));
    assert!(check.status.success(), "the target was rewritten");

    let csv = write(dir.path(), "t.csv", "text\nsomething happened\n");
    let output = run(waterline()
        .arg("import")
        .arg(&csv)
        .arg("-o")
        .arg(&link)
        .arg("--force"));
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    let map = waterline::io::load_file(&real).unwrap();
    assert_eq!(map.events[0].title, "something happened");
}

#[cfg(unix)]
#[test]
fn a_text_export_to_a_fifo_is_written_into_it_not_over_it() {
    let dir = tempfile::tempdir().unwrap();
    let map = small_map(dir.path(), "m.json");
    let fifo = dir.path().join("out.md");
    if !mkfifo(&fifo) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let output = run(waterline()
        .arg("export")
        .arg(&map)
        .arg("--markdown")
        .arg(&fifo));
    assert!(output.status.success(), "{}", stderr(&output));
    let text = reader.join().unwrap();
    assert!(text.starts_with("# "), "{text}");
    use std::os::unix::fs::FileTypeExt;
    assert!(
        fifo.metadata().unwrap().file_type().is_fifo(),
        "still a FIFO"
    );
}

#[test]
fn a_dash_writes_a_text_export_to_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let map = small_map(dir.path(), "m.json");
    for flag in ["--markdown", "--mermaid", "--plantuml", "--svg"] {
        let output = run(waterline().arg("export").arg(&map).arg(flag).arg("-"));
        assert!(output.status.success(), "{flag}: {}", stderr(&output));
        assert!(!output.stdout.is_empty(), "{flag} printed nothing");
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(
            !text.contains(": written"),
            "status lines stay out of the export"
        );
        assert!(!dir.path().join("-").exists());
    }
}

#[test]
fn an_export_never_replaces_the_map_it_reads_nor_another_map_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let map = small_map(dir.path(), "m.json");
    let before = std::fs::read(&map).unwrap();
    for flag in ["--markdown", "--svg", "--png"] {
        let output = run(waterline().arg("export").arg(&map).arg(flag).arg(&map));
        assert!(!output.status.success(), "{flag} wrote over its own map");
        assert!(
            stderr(&output).contains("file being read"),
            "{}",
            stderr(&output)
        );
        assert_eq!(std::fs::read(&map).unwrap(), before);
    }
    // Not with --force either, and not through another name for the same file.
    #[cfg(unix)]
    {
        let alias = dir.path().join("alias.md");
        std::os::unix::fs::symlink(&map, &alias).unwrap();
        let output = run(waterline()
            .arg("export")
            .arg(&map)
            .arg("--markdown")
            .arg(&alias)
            .arg("--force"));
        assert!(!output.status.success());
        assert_eq!(std::fs::read(&map).unwrap(), before);
    }
    let other = small_map(dir.path(), "other.json");
    let output = run(waterline()
        .arg("export")
        .arg(&map)
        .arg("--markdown")
        .arg(&other));
    assert!(!output.status.success());
    assert!(stderr(&output).contains("--force"), "{}", stderr(&output));
    assert_eq!(std::fs::read(&other).unwrap(), before);
    let output = run(waterline()
        .arg("export")
        .arg(&map)
        .arg("--markdown")
        .arg(&other)
        .arg("--force"));
    assert!(output.status.success(), "{}", stderr(&output));
    // An earlier export of the same kind is simply replaced.
    let md = dir.path().join("m.md");
    for _ in 0..2 {
        let output = run(waterline()
            .arg("export")
            .arg(&map)
            .arg("--markdown")
            .arg(&md));
        assert!(output.status.success(), "{}", stderr(&output));
    }
}

#[test]
fn import_never_writes_over_the_timeline_it_reads() {
    let dir = tempfile::tempdir().unwrap();
    let csv = write(dir.path(), "t.csv", "text\nsomething\n");
    let output = run(waterline()
        .arg("import")
        .arg(&csv)
        .arg("-o")
        .arg(&csv)
        .arg("--force"));
    assert!(!output.status.success());
    assert_eq!(std::fs::read_to_string(&csv).unwrap(), "text\nsomething\n");
}

#[test]
fn duplicate_keys_are_refused_with_line_and_column_and_never_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let text =
        waterline::samples::SMALL.replacen("\"events\": [", "\"events\": [],\n  \"events\": [", 1);
    assert_ne!(text, waterline::samples::SMALL);
    let path = write(dir.path(), "dup.json", &text);
    let output = run(waterline().arg("check").arg(&path));
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(err.contains("\"events\" appears twice"), "{err}");
    assert!(err.contains("line ") && err.contains("column "), "{err}");
    let output = run(waterline().arg("fmt").arg(&path));
    assert!(!output.status.success());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_given_as_a_map_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("map.json");
    if !mkfifo(&fifo) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    for args in [vec!["check"], vec!["fmt"], vec!["fmt", "--check"]] {
        let output = run(waterline().args(&args).arg(&fifo));
        assert!(!output.status.success());
        assert!(stderr(&output).contains("FIFO"), "{}", stderr(&output));
        let output = run(waterline().args(&args).arg("/dev/zero"));
        assert!(!output.status.success());
        assert!(stderr(&output).contains("a device"), "{}", stderr(&output));
    }
    let output = run(waterline()
        .arg("import")
        .arg(&fifo)
        .arg("-o")
        .arg(dir.path().join("x.json")));
    assert!(!output.status.success());
    assert!(stderr(&output).contains("FIFO"), "{}", stderr(&output));
}

#[test]
fn counts_are_refused_while_parsing() {
    let dir = tempfile::tempdir().unwrap();
    // A million empty events: refused at the first one over the limit.
    let mut text = String::from(
        "{\"format\": \"waterline-map\", \"version\": 2, \"title\": \"t\", \"events\": [",
    );
    text.push_str(&"{},".repeat(1_000_000));
    text.push_str("{}]}");
    let path = write(dir.path(), "million.json", text);
    let output = run(waterline().arg("check").arg(&path));
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("more than 200000 events"),
        "{}",
        stderr(&output)
    );

    // Millions of values in a field Waterline does not know.
    let mut text = String::from(
        "{\"format\": \"waterline-map\", \"version\": 2, \"title\": \"t\", \"junk\": [",
    );
    text.push_str(&"0,".repeat(9_000_000));
    text.push_str("0]}");
    let path = write(dir.path(), "junk.json", text);
    let output = run(waterline().arg("check").arg(&path));
    assert!(!output.status.success());
    assert!(stderr(&output).contains("values"), "{}", stderr(&output));
}

#[test]
fn messages_quoting_a_file_cannot_drive_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let text = waterline::samples::SMALL.replacen(
        "\"time\": \"",
        "\"time\": \"\\u001b]0;owned\\u0007\\u001b[2J",
        1,
    );
    let path = write(dir.path(), "esc.json", text);
    let output = run(waterline().arg("check").arg(&path));
    assert!(!output.status.success());
    assert!(!output.stderr.contains(&0x1b), "{}", stderr(&output));
    assert!(stderr(&output).contains("\\u{1b}"), "{}", stderr(&output));
}

#[test]
fn check_names_texts_too_long_to_show_whole_without_failing() {
    let dir = tempfile::tempdir().unwrap();
    let long = "x".repeat(50_000);
    let text = waterline::samples::SMALL.replacen("\"Paged\"", &format!("\"{long}\""), 1);
    let path = write(dir.path(), "long.json", text);
    let output = run(waterline().arg("check").arg(&path));
    assert!(output.status.success(), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(
        err.contains("warning:") && err.contains("50,000 characters"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn a_map_is_never_saved_into_a_fifo() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("map.json");
    if !mkfifo(&fifo) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let csv = write(dir.path(), "t.csv", "text\nsomething\n");
    let output = run(waterline()
        .arg("import")
        .arg(&csv)
        .arg("-o")
        .arg(&fifo)
        .arg("--force"));
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("not a regular file"),
        "{}",
        stderr(&output)
    );
}
