//! The command line, run as a user would: the real binary, real files.

use std::process::Command;

fn waterline() -> Command {
    Command::new(env!("CARGO_BIN_EXE_waterline"))
}

#[test]
fn help_describes_the_command_line() {
    let output = waterline().arg("--help").output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success());
    assert!(text.contains("incident maps"), "{text}");
    assert!(text.contains("check"), "{text}");
    assert!(text.contains("[FILE]"), "{text}");
}

#[test]
fn check_accepts_the_sample_maps() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/sample_maps");
    let output = waterline()
        .arg("check")
        .args(
            ["checkout-outage.json", "small.json", "tokyo-dns.json"].map(|f| format!("{dir}/{f}")),
        )
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout)
            .matches(": ok")
            .count(),
        3
    );
}

#[test]
fn check_reports_each_problem_with_where_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let syntax = dir.path().join("syntax.json");
    std::fs::write(
        &syntax,
        "{\n  \"format\": \"waterline-map\",\n  \"version\": 1,,\n}",
    )
    .unwrap();
    let dangling = dir.path().join("dangling.json");
    let text = waterline::samples::SMALL.replace("\"to\": \"e2\"", "\"to\": \"e99\"");
    std::fs::write(&dangling, text).unwrap();

    let output = waterline()
        .arg("check")
        .arg(&syntax)
        .arg(&dangling)
        .output()
        .unwrap();
    let errors = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(errors.contains("line 3, column"), "{errors}");
    assert!(
        errors.contains("link 'k1': its to event 'e99' does not exist"),
        "{errors}"
    );
}
