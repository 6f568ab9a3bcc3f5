//! Importing timelines written for these tests the way real ones come: spreadsheet
//! exports with a BOM and CRLF, quoted commas and doubled quotes, line breaks in cells,
//! non-ASCII names, missing and extra columns, untimed rows, bare times over midnight,
//! mixed UTC offsets and bad rows.

use waterline::import::{ImportError, import_timeline};
use waterline::model::{AnnotationKind, EventKind, LaneKind, LinkEnd, Map};

fn import(bytes: &[u8]) -> waterline::import::Imported {
    import_timeline(bytes, "Imported").expect("imports")
}

fn titles_in_order(map: &Map) -> Vec<String> {
    let mut events: Vec<_> = map.events.iter().collect();
    events.sort_by(|a, b| a.pos.total_cmp(&b.pos).then(a.id.cmp(&b.id)));
    events.iter().map(|e| e.title.clone()).collect()
}

fn event<'a>(map: &'a Map, title: &str) -> &'a waterline::model::Event {
    map.events
        .iter()
        .find(|e| e.title == title)
        .unwrap_or_else(|| panic!("no event {title:?}"))
}

#[test]
fn a_spreadsheet_export_imports_whole() {
    let imported = import(include_bytes!("../timelines/spreadsheet-export.csv"));
    assert!(imported.problems.is_empty(), "{:?}", imported.problems);
    let map = &imported.map;
    let lanes: Vec<&str> = map.lanes.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(
        lanes,
        [
            "Config pipeline",
            "PagerDuty",
            "Ana Reyes",
            "Marcus Lee",
            "Priya Nair"
        ],
        "in order of first appearance, `to` included"
    );
    // Quoted commas and doubled quotes.
    let pushed = event(
        map,
        "Read-routing config pushed (orders-db, \"confirm\" reads)",
    );
    assert_eq!(pushed.kind, Some(EventKind::System));
    // Extra columns are kept as notes, never dropped.
    assert!(
        pushed
            .annotations
            .iter()
            .any(|a| a.kind == AnnotationKind::Note && a.text == "Ticket: CHG-2291")
    );
    // A line break inside a cell (written CRLF by the spreadsheet) stays one event.
    let sees = event(map, "Sees timeouts\nin the payment step");
    assert_eq!(sees.annotations[0].kind, AnnotationKind::Seeing);
    // Two options in one cell: two paths not taken off that event.
    let options: Vec<&str> = map
        .branches
        .iter()
        .filter(|b| b.from.event() == Some(&sees.id))
        .map(|b| b.label.as_str())
        .collect();
    assert_eq!(
        options,
        ["Roll back yesterday's deploy", "Page the DB on-call"]
    );
    // `to` makes a message to that lane: an arrow, no copied card.
    let paged = event(map, "Paged: checkout error rate > 2%");
    let link = map.links.iter().find(|l| l.from == paged.id).unwrap();
    assert_eq!(link.to, LinkEnd::Lane("ana-reyes".into()));
    assert!(!map.events.iter().any(|e| e.title.starts_with("From ")));
    // The untimed row stays right after the row before it.
    let order = titles_in_order(map);
    let sees_at = order
        .iter()
        .position(|t| t.starts_with("Sees timeouts"))
        .unwrap();
    assert!(order[sees_at + 1].starts_with("DMs Marcus"), "{order:?}");
    // Lane kinds from the words of the names.
    let kind_of = |name: &str| {
        map.lanes
            .iter()
            .find(|l| l.name == name)
            .unwrap()
            .kind
            .clone()
    };
    assert_eq!(kind_of("Config pipeline"), LaneKind::System);
    assert_eq!(kind_of("PagerDuty"), LaneKind::System);
    assert_eq!(kind_of("Ana Reyes"), LaneKind::Person);
}

#[test]
fn bare_times_cross_midnight_and_names_in_any_script_survive() {
    let imported = import(include_bytes!("../timelines/overnight.csv"));
    let map = &imported.map;
    assert!(imported.problems.is_empty(), "{:?}", imported.problems);
    let names: Vec<&str> = map.lanes.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["Jonás Müller", "石田 さくら"]);
    let paged = event(map, "Paged for api 5xx");
    assert_eq!(
        paged.time.unwrap().to_rfc3339(),
        "2025-03-12T00:04:00-05:00"
    );
    let joins = event(map, "Joins the bridge");
    assert!(joins.approximate, "~ marks an estimate");
    assert_eq!(
        titles_in_order(map),
        [
            "Deploy starts",
            "Health checks flap",
            "Paged for api 5xx",
            "Joins the bridge",
            "Rolls back"
        ]
    );
    let flap = event(map, "Health checks flap");
    assert_eq!(flap.annotations[0].kind, AnnotationKind::Feeling);
}

#[test]
fn times_in_different_utc_offsets_are_placed_by_the_instant() {
    let imported = import(include_bytes!("../timelines/mixed-offsets.csv"));
    // 09:05-05:00 is 14:05Z, 23:15+09:00 is 14:15Z: the row order was right all along
    // except the first row, at 14:10Z, which comes second.
    assert_eq!(
        titles_in_order(&imported.map),
        ["First ticket", "Sees the alert", "Starts failover"]
    );
    assert!(
        imported.notices.iter().any(|n| n.starts_with("row 3:")),
        "the row that goes back in time is reported: {:?}",
        imported.notices
    );
}

#[test]
fn bad_rows_are_reported_by_number_and_the_rest_imports() {
    let imported = import(include_bytes!("../timelines/bad-rows.csv"));
    let problems: Vec<String> = imported.problems.iter().map(ToString::to_string).collect();
    assert_eq!(problems.len(), 3, "{problems:#?}");
    assert!(
        problems[0].starts_with("row 3: 'yesterday-ish' is not a time"),
        "{}",
        problems[0]
    );
    assert!(
        problems[1].starts_with("row 4: 5 fields, but the header has 3"),
        "{}",
        problems[1]
    );
    assert!(
        problems[2].starts_with("row 5: the text is empty"),
        "{}",
        problems[2]
    );
    assert_eq!(imported.skipped(), 2);
    let map = &imported.map;
    assert_eq!(
        map.events.len(),
        3,
        "the good rows and the one without a time"
    );
    let opens = event(map, "Opens the dashboard");
    assert_eq!(opens.time, None);
    assert!(
        opens
            .annotations
            .iter()
            .any(|a| a.text == "time as written: yesterday-ish")
    );
}

#[test]
fn missing_optional_columns_are_fine_and_a_file_without_text_is_refused() {
    let imported = import(b"text\nPaged\nOpens dashboard\n");
    assert_eq!(imported.map.lanes[0].name, "unassigned");
    assert_eq!(imported.map.events.len(), 2);

    let err = import_timeline(b"time,lane\n14:00,Ana\n", "x").unwrap_err();
    assert!(matches!(err, ImportError::NoTextColumn { .. }));
    assert!(err.to_string().contains("found: time, lane"), "{err}");
    let err = import_timeline(&[0xff, 0xfe, 0x00, 0x41], "x").unwrap_err();
    assert!(err.to_string().contains("not a text file"), "{err}");
    assert_eq!(import_timeline(b"", "x").unwrap_err(), ImportError::Empty);
}

#[test]
fn tab_separated_text_imports_like_csv() {
    let imported = import(b"when\twho\twhat\n2025-03-11 14:05\tAna\tPaged, then dashboard\n");
    assert_eq!(imported.map.events[0].title, "Paged, then dashboard");
}

#[test]
fn an_imported_map_is_a_valid_map() {
    for bytes in [
        include_bytes!("../timelines/spreadsheet-export.csv").as_slice(),
        include_bytes!("../timelines/overnight.csv"),
        include_bytes!("../timelines/mixed-offsets.csv"),
        include_bytes!("../timelines/bad-rows.csv"),
    ] {
        let map = import(bytes).map;
        let saved = waterline::io::canonical_bytes(&map).unwrap();
        assert_eq!(waterline::io::parse_map(&saved).unwrap(), map);
    }
}
