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

#[test]
fn fmt_check_names_files_that_are_not_canonical_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let canonical = dir.path().join("canonical.json");
    std::fs::write(&canonical, waterline::samples::SMALL).unwrap();
    let squashed = dir.path().join("squashed.json");
    let value: serde_json::Value = serde_json::from_str(waterline::samples::SMALL).unwrap();
    let compact = serde_json::to_string(&value).unwrap();
    std::fs::write(&squashed, &compact).unwrap();

    let clean = waterline()
        .args(["fmt", "--check"])
        .arg(&canonical)
        .output()
        .unwrap();
    assert!(clean.status.success());

    let output = waterline()
        .args(["fmt", "--check"])
        .arg(&canonical)
        .arg(&squashed)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text.contains("squashed.json: not in canonical form"),
        "{text}"
    );
    assert!(!text.contains("canonical.json:"), "{text}");
    assert_eq!(std::fs::read_to_string(&squashed).unwrap(), compact);
}

#[test]
fn fmt_rewrites_to_the_canonical_form_keeping_unknown_fields() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.json");
    // A version 1 file, squashed onto one line, with a field this version does not know.
    let mut value: serde_json::Value =
        serde_json::from_str(include_str!("../migrations/v1-checkout-outage.json")).unwrap();
    value["events"][0]["screenshot"] = serde_json::json!("grafana-14-02.png");
    std::fs::write(&path, serde_json::to_string(&value).unwrap()).unwrap();

    let output = waterline().arg("fmt").arg(&path).output().unwrap();
    assert!(output.status.success());
    let written = std::fs::read(&path).unwrap();
    let map = waterline::io::parse_map(&written).unwrap();
    assert_eq!(written, waterline::io::canonical_bytes(&map).unwrap());
    let reread: serde_json::Value = serde_json::from_slice(&written).unwrap();
    assert_eq!(reread["version"], waterline::model::VERSION);
    assert_eq!(reread["events"][0]["screenshot"], "grafana-14-02.png");

    let again = waterline()
        .args(["fmt", "--check"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(again.status.success(), "formatting is stable");
}

#[test]
fn fmt_never_rewrites_a_file_it_cannot_read_fully() {
    let dir = tempfile::tempdir().unwrap();
    let newer = dir.path().join("newer.json");
    let text = "{\"format\": \"waterline-map\", \"version\": 99, \"title\": \"t\"}";
    std::fs::write(&newer, text).unwrap();
    let output = waterline().arg("fmt").arg(&newer).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("newer Waterline"));
    assert_eq!(std::fs::read_to_string(&newer).unwrap(), text);
}

/// The synthetic incident the peer tools are measured on
/// (`shared/peers/gen_peer_diagrams.py 1000 8`, kept as test data).
const PEER_TIMELINE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/timelines/peers-n1000-l8.csv"
);

#[test]
fn import_turns_the_peer_benchmark_timeline_into_a_map_with_every_event() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("incident.json");
    let output = waterline()
        .args(["import", PEER_TIMELINE, "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let map = waterline::io::load_file(&out).unwrap();
    assert_eq!(map.lanes.len(), 8);
    let rows = std::fs::read_to_string(PEER_TIMELINE)
        .unwrap()
        .lines()
        .count()
        - 1;
    let senders = map
        .events
        .iter()
        .filter(|e| !e.title.starts_with("From "))
        .count();
    assert_eq!(senders, rows, "one event per row");
    for n in [1, 500, 1000] {
        assert!(
            map.events
                .iter()
                .any(|e| e.title.starts_with(&format!("e{n} "))),
            "event e{n} is there"
        );
    }
}

#[test]
fn import_never_replaces_a_file_without_force_and_reports_bad_rows() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("map.json");
    std::fs::write(&out, "precious").unwrap();
    let bad = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/timelines/bad-rows.csv");
    let refused = waterline()
        .args(["import", bad, "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--force"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "precious");

    let forced = waterline()
        .args(["import", bad, "--force", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    let errors = String::from_utf8_lossy(&forced.stderr);
    assert_eq!(forced.status.code(), Some(1), "rows were skipped");
    assert!(errors.contains("row 4: 5 fields"), "{errors}");
    assert!(errors.contains("row 5: the text is empty"), "{errors}");
    assert_eq!(waterline::io::load_file(&out).unwrap().events.len(), 3);
}

#[test]
fn import_stops_on_a_file_that_is_not_a_timeline() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("numbers.csv");
    std::fs::write(&csv, "a,b\n1,2\n").unwrap();
    let out = dir.path().join("map.json");
    let output = waterline()
        .args(["import"])
        .arg(&csv)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no text column"));
    assert!(!out.exists());
}

#[test]
fn lens_prints_one_finding_a_line_and_fails_only_when_something_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let mut map = waterline::model::Map::new("Checkout outage");
    map.description = "The root\n  cause was a bad deploy. The replica should be back soon.".into();
    let judged = dir.path().join("judged.json");
    waterline::io::save_file(&map, &judged).unwrap();
    let plain = dir.path().join("plain.json");
    waterline::io::save_file(&waterline::model::Map::new("Checkout outage"), &plain).unwrap();

    let output = waterline().arg("lens").arg(&judged).output().unwrap();
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert_eq!(
        text.lines().collect::<Vec<_>>(),
        [format!(
            "{}: description: \"root cause\": closure",
            judged.display()
        )]
    );

    let output = waterline().arg("lens").arg(&plain).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stdout.is_empty());
}

#[test]
fn lens_says_which_map_it_could_not_read_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{ not a map").unwrap();
    let output = waterline().arg("lens").arg(&broken).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("broken.json"));
}

#[test]
fn lens_joins_a_team_phrase_list_and_refuses_a_broken_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut map = waterline::model::Map::new("Checkout outage");
    map.description = "An act of God took the region down.".into();
    let path = dir.path().join("map.json");
    waterline::io::save_file(&map, &path).unwrap();
    let team = dir.path().join("team.toml");
    std::fs::write(
        &team,
        "[[phrase]]\nfamily = \"closure\"\npattern = \"act of god\"\n",
    )
    .unwrap();

    let without = waterline().arg("lens").arg(&path).output().unwrap();
    assert_eq!(without.status.code(), Some(0));
    let with = waterline()
        .args(["lens", "--phrases"])
        .arg(&team)
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(with.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&with.stdout).contains("description: \"act of God\": closure"));

    std::fs::write(&team, "[[phrase]]\nfamily = \"blame\"\npattern = \"x\"\n").unwrap();
    let broken = waterline()
        .args(["lens", "--phrases"])
        .arg(&team)
        .arg(&path)
        .output()
        .unwrap();
    let errors = String::from_utf8_lossy(&broken.stderr);
    assert_eq!(broken.status.code(), Some(2));
    assert!(
        errors.contains("team.toml") && errors.contains("blame"),
        "{errors}"
    );
}

fn questions_of(args: &[&str], map: &std::path::Path) -> std::process::Output {
    waterline()
        .arg("questions")
        .args(args)
        .arg(map)
        .output()
        .unwrap()
}

fn sample_map(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample_maps")
        .join(name)
}

#[test]
fn questions_prints_a_list_per_person_in_story_order() {
    let output = questions_of(&[], &sample_map("checkout-outage.json"));
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{text}");
    let headings: Vec<&str> = text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with(' '))
        .collect();
    assert_eq!(
        headings,
        [
            "Ana Reyes (on-call SRE)",
            "Marcus Lee (incident commander)",
            "Priya Nair (DB on-call)",
            "Customer support",
            "Everyone"
        ]
    );
    let priya: Vec<&str> = text
        .split("Priya Nair (DB on-call)\n")
        .nth(1)
        .unwrap()
        .lines()
        .take_while(|l| !l.is_empty())
        .collect();
    assert_eq!(priya[0], "  14:58 Per-replica lag: 40-90 s");
    assert!(priya[1].ends_with("(open question)"), "{}", priya[1]);
    assert!(
        priya[2].starts_with("    seeing: \"The per-replica panel"),
        "{}",
        priya[2]
    );
    assert_eq!(priya[3], "      - Which cues did you go by here?");
    assert!(priya.contains(&"  15:05–15:18 13 min with nothing recorded"));
}

#[test]
fn questions_for_one_person_by_the_name_they_are_called() {
    let map = sample_map("checkout-outage.json");
    let output = questions_of(&["--person", "priya"], &map);
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0));
    assert!(text.starts_with("Priya Nair (DB on-call)\n"), "{text}");
    assert!(
        !text.contains("Ana Reyes") && !text.contains("Everyone"),
        "{text}"
    );

    let output = questions_of(&["--person", "checkout-api"], &map);
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0));
    assert!(text.contains("checkout-api: nothing to ask"), "{text}");

    let output = questions_of(&["--person", "Zoe"], &map);
    let errors = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        errors.contains("\"Zoe\"") && errors.contains("Marcus Lee"),
        "{errors}"
    );
}

#[test]
fn questions_says_which_map_it_could_not_read_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{ not a map").unwrap();
    let output = questions_of(&[], &broken);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("broken.json"));
    assert!(output.stdout.is_empty());
}

/// Map text reaches the terminal as text: no escape sequence from a name, a title or a
/// question, and each on its own line.
#[test]
fn questions_print_no_terminal_escape_from_map_text() {
    use waterline::model::{Annotation, AnnotationKind, Event, EventId, EventKind, Lane, LaneId};
    let mut map = waterline::model::Map::new("Checkout");
    map.lanes.push(Lane::new(
        LaneId::from("ana"),
        "Ana\u{1b}[2J\u{1b}]0;owned\u{7}",
        waterline::model::LaneKind::Person,
    ));
    let mut event = Event::new(
        EventId::from("e1"),
        LaneId::from("ana"),
        1.0,
        "Rolls\u{1b}[31m back\nnow",
    );
    event.kind = Some(EventKind::Decision);
    event.annotations.push(Annotation::new(
        AnnotationKind::Question,
        "Which\r\n  replica?\u{9b}31m",
    ));
    map.events.push(event);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("map.json");
    waterline::io::save_file(&map, &path).unwrap();
    let output = questions_of(&[], &path);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{text:?}"
    );
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5, "{text}");
    assert!(lines[0].starts_with("Ana"), "{text}");
    assert!(
        lines[1].contains("Rolls") && lines[1].contains("back now"),
        "{text}"
    );
    assert!(lines[2].contains("Which replica?"), "{text}");
}

/// `export --iceberg` draws the map's themes on the iceberg: a PNG, or an SVG whose text
/// stays text, from the same shapes; never to standard output.
#[test]
fn export_draws_the_iceberg_as_png_and_svg() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("themed.json");
    std::fs::write(
        &map,
        r##"{"format": "waterline-map", "version": 5, "title": "Themed",
  "lanes": [{"id": "ana", "name": "Ana", "kind": "person"}],
  "events": [{"id": "a1", "lane": "ana", "pos": 1, "title": "Ana wipes the wrong host", "themes": ["t1", "t2"]}],
  "links": [],
  "themes": [
    {"id": "t1", "name": "Two terminals look the same", "depth": -0.4, "colour": "#c05621"},
    {"id": "t2", "name": "Working late alone & <unseen>", "depth": 0.6},
    {"id": "t3", "name": "Luck"}
  ]}"##,
    )
    .unwrap();
    let (png, svg) = (dir.path().join("berg.png"), dir.path().join("berg.svg"));
    let output = waterline()
        .args([
            "export",
            map.to_str().unwrap(),
            "--iceberg",
            png.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("the iceberg, 3 themes"));
    let image = image::open(&png).unwrap().to_rgba8();
    assert!(
        image.width() > 1000 && image.height() > 700,
        "{:?}",
        image.dimensions()
    );
    // The theme's own colour is drawn (its strip and border).
    assert!(image.pixels().any(|p| p.0[..3] == [0xC0, 0x56, 0x21]));

    let output = waterline()
        .args([
            "export",
            map.to_str().unwrap(),
            "--iceberg",
            svg.to_str().unwrap(),
        ])
        .args(["--theme", "dark"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.starts_with("<svg"), "{}", &text[..100]);
    for words in [
        "Two terminals",
        "Above the waterline",
        "Not placed yet",
        "Luck",
    ] {
        assert!(text.contains(words), "{words} is in the SVG");
    }
    assert!(text.contains("&lt;unseen&gt;") && !text.contains("<unseen>"));

    let output = waterline()
        .args(["export", map.to_str().unwrap(), "--iceberg", "-"])
        .output()
        .unwrap();
    assert!(!output.status.success());
}

#[test]
fn export_sizes_a_png_for_a_document_when_asked() {
    // A real incident of 21 lanes: far wider than a report page at full size.
    let dir = tempfile::tempdir().unwrap();
    let timeline = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/timelines/github-2018-october-21-incident.csv"
    );
    let map = dir.path().join("github.json");
    let imported = waterline()
        .args(["import", timeline, "-o", map.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(imported.status.success(), "{imported:?}");
    let size_of = |args: &[&str]| {
        let png = dir.path().join("out.png");
        let output = waterline()
            .args([
                "export",
                map.to_str().unwrap(),
                "--png",
                png.to_str().unwrap(),
            ])
            .args(args)
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        image::image_dimensions(&png).unwrap()
    };
    let (full_width, full_height) = size_of(&[]);
    let (width, height) = size_of(&["--document"]);
    assert!(2 * full_width > 3200, "{full_width}");
    assert!((3199..=3200).contains(&width), "{width}x{height}");
    let (full, doc) = (
        full_height as f32 / full_width as f32,
        height as f32 / width as f32,
    );
    assert!((full - doc).abs() < 0.01, "same shape: {full} and {doc}");
    // --document chooses the scale itself.
    let refused = dir.path().join("refused.png");
    let output = waterline()
        .args(["export", map.to_str().unwrap(), "--png"])
        .arg(&refused)
        .args(["--document", "--scale", "2"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(!refused.exists());
}
