//! The hindsight lens over whole maps: every place text lives, in map order, each
//! finding saying where it is, with a key a "keep as written" list can hold.

use waterline::lens::{Family, Place, scan_map};
use waterline::model::{
    Annotation, AnnotationKind, Branch, BranchId, CardId, Event, EventId, GapNotes, Lane, LaneId,
    LaneKind, Link, LinkId, Map, Timestamp,
};

fn map_with_text_everywhere() -> Map {
    let mut map = Map::new("Checkout outage: the root cause");
    map.description = "If only we knew.".into();
    map.lanes.push(Lane::new(
        LaneId::new("l1"),
        "on-call: Ana",
        LaneKind::Person,
    ));
    map.lanes
        .push(Lane::new(LaneId::new("l2"), "api", LaneKind::System));
    let mut paged = Event::new(EventId::new("e1"), LaneId::new("l1"), 1.0, "Paged");
    paged.description = "The replica should be back in 5 minutes.".into();
    paged.annotations.push(Annotation::new(
        AnnotationKind::Thinking,
        "probably yesterday's deploy",
    ));
    paged.annotations.push(Annotation::new(
        AnnotationKind::Note,
        "Ana failed to check the lag graph.",
    ));
    map.events.push(paged);
    map.events.push(Event::new(
        EventId::new("e2"),
        LaneId::new("l2"),
        2.0,
        "api failed to start",
    ));
    let mut branch = Branch::new(
        BranchId::new("b1"),
        CardId::Event(EventId::new("e1")),
        LaneId::new("l1"),
        1.5,
        "Roll back the deploy",
    );
    branch.note = "Would have prevented the outage.".into();
    map.branches.push(branch);
    let mut link = Link::new(LinkId::new("k1"), EventId::new("e1"), EventId::new("e2"));
    link.label = "asks: could not connect".into();
    map.links.push(link);
    let start = Timestamp::parse("2025-03-11T14:06:00Z").unwrap();
    let end = Timestamp::parse("2025-03-11T14:33:00Z").unwrap();
    let mut gap = GapNotes::new(start, end, None);
    gap.notes.push(Annotation::new(
        AnnotationKind::Note,
        "Human error, plain and simple.",
    ));
    map.gaps.push(gap);
    map
}

#[test]
fn every_text_of_the_map_is_read_in_map_order_with_where() {
    let map = map_with_text_everywhere();
    let found: Vec<(String, String, Family)> = scan_map(&map)
        .into_iter()
        .map(|f| (f.place.to_string(), f.phrase.clone(), f.family()))
        .collect();
    let expect = |place: &str, phrase: &str, family| (place.to_owned(), phrase.to_owned(), family);
    assert_eq!(
        found,
        [
            expect("title", "root cause", Family::Closure),
            expect("description", "If only", Family::Counterfactual),
            // "Ana" is a person lane's name, so this judges a person ...
            expect("e1.annotations[1]", "failed to", Family::Normative),
            expect("b1.note", "Would have prevented", Family::Counterfactual),
            expect("gaps[0].notes[0]", "Human error", Family::Closure),
        ]
    );
    // ... while "api failed to start", "should be back" and "could not connect" say
    // how systems were, and are left alone.
}

#[test]
fn a_path_not_taken_may_say_what_the_option_would_have_done() {
    let mut map = map_with_text_everywhere();
    map.branches[0].note =
        "Would have held back the afternoon's payment fixes; nobody could say what it would protect."
            .into();
    assert!(scan_map(&map).iter().all(|f| {
        f.place
            .card()
            .is_none_or(|card| card != CardId::Branch(BranchId::new("b1")))
    }));
    map.branches[0].note = "It would have prevented the outage.".into();
    let on_branch: Vec<_> = scan_map(&map)
        .into_iter()
        .filter(|f| f.place == Place::BranchNote(BranchId::new("b1")))
        .map(|f| f.phrase)
        .collect();
    assert_eq!(on_branch, ["would have prevented"]);
}

#[test]
fn a_finding_has_a_stable_key_for_keeping_the_words_as_written() {
    let mut map = map_with_text_everywhere();
    let before = scan_map(&map);
    let key = before[0].key();
    assert_eq!(key.place, Place::MapTitle);
    assert_eq!(key.phrase, "root cause");
    // Editing elsewhere in the text keeps the key; rewriting the words drops it.
    map.title = "The root cause, as the first draft had it".into();
    assert_eq!(scan_map(&map)[0].key(), key);
    map.title = "What had to be true for this to happen".into();
    assert!(scan_map(&map).iter().all(|f| f.key() != key));
}

#[test]
fn findings_carry_why_they_matter_and_what_to_ask_instead() {
    let map = map_with_text_everywhere();
    for finding in scan_map(&map) {
        let entry = &finding.finding.entry;
        assert!(entry.why.ends_with('.'), "{}", entry.why);
        assert!(entry.ask.ends_with('?'), "{}", entry.ask);
    }
}

#[test]
fn real_incident_maps_are_read_without_a_flood() {
    // The sample maps and the four real incidents' timelines (GitHub 2018, GitLab 2017,
    // Atlassian 2022, Roblox 2021) are written in the spirit of the talk: the lens should
    // be nearly silent on them, as a spell checker is on a careful text.
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/timelines");
    let mut maps = Vec::new();
    for sample in [
        waterline::samples::CHECKOUT_OUTAGE,
        waterline::samples::GITLAB_2017,
        waterline::samples::TOKYO_DNS,
        waterline::samples::SMALL,
    ] {
        maps.push(waterline::io::parse_map(sample.as_bytes()).unwrap());
    }
    for name in [
        "github-2018-october-21-incident",
        "gitlab-2017-database-outage",
        "atlassian-2022-site-deletion-outage",
        "roblox-2021-consul-outage",
    ] {
        let bytes = std::fs::read(format!("{dir}/{name}.csv")).unwrap();
        maps.push(
            waterline::import::import_timeline(&bytes, name)
                .unwrap()
                .map,
        );
    }
    let mut total = 0;
    for map in &maps {
        // The app's lens, kept edit by edit, lists what a scan of the file lists.
        let live = waterline::lens::LiveLens::new(map);
        assert_eq!(live.in_map_order(map), scan_map(map), "{}", map.title);
        for finding in scan_map(map) {
            total += 1;
            println!(
                "{}: {}: \"{}\": {}",
                map.title,
                finding.place,
                finding.phrase,
                finding.family()
            );
        }
    }
    assert!(total <= 3, "{total} findings");
}

/// Paths not taken are read after the event they branch off, chained ones too, in the
/// map's order; a loop of paths (a hand-edited file) is still read, after the events.
#[test]
fn chained_and_looping_paths_not_taken_are_each_read_once() {
    let mut map = map_with_text_everywhere();
    let branch = |id: &str, from: CardId, note: &str| {
        let mut branch = Branch::new(BranchId::new(id), from, LaneId::new("l2"), 2.5, "x");
        branch.note = note.into();
        branch
    };
    let off = |id: &str| CardId::Branch(BranchId::new(id));
    map.branches.clear();
    map.branches.push(branch(
        "b9",
        off("b1"),
        "It would have prevented the outage.",
    ));
    map.branches.push(branch(
        "b1",
        CardId::Event(EventId::new("e2")),
        "It would have avoided the outage.",
    ));
    map.branches.push(branch(
        "c1",
        off("c2"),
        "It would have prevented the outage.",
    ));
    map.branches.push(branch(
        "c2",
        off("c1"),
        "It would have prevented the outage.",
    ));
    let places: Vec<String> = scan_map(&map)
        .iter()
        .filter(|f| matches!(f.place, Place::BranchNote(_)))
        .map(|f| f.place.to_string())
        .collect();
    assert_eq!(places, ["b9.note", "b1.note", "c1.note", "c2.note"]);
}

/// The app's lens keeps up with a map being written: on the map full of language, after
/// each finding is kept or rewritten, it lists what a fresh scan lists.
#[test]
fn the_app_lens_follows_keeping_and_rewriting_everywhere() {
    let mut map = map_with_text_everywhere();
    let mut live = waterline::lens::LiveLens::new(&map);
    assert_eq!(live.in_map_order(&map), scan_map(&map));
    let mut rounds = 0;
    while let Some(finding) = live.in_map_order(&map).into_iter().next() {
        rounds += 1;
        assert!(rounds < 100, "every answer quiets a finding");
        let op = waterline::lens::rewrite_op(&map, &finding)
            .filter(|_| rounds % 2 == 0)
            .or_else(|| waterline::lens::keep_op(&map, &finding))
            .expect("every finding can be kept");
        let touched = waterline::lens::Touched::by(&op, &map);
        op.apply(&mut map).unwrap();
        live.update(&map, touched);
        assert_eq!(live.in_map_order(&map), scan_map(&map), "after {finding:?}");
    }
    assert!(rounds >= 5, "the map had findings everywhere");
}

/// `waterline lens` in CI passes once every finding is rewritten or kept as written.
#[test]
fn the_lens_command_passes_once_every_phrase_is_kept() {
    let mut map = map_with_text_everywhere();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.json");
    let run = |map: &Map| {
        std::fs::write(&path, waterline::io::canonical_bytes(map).unwrap()).unwrap();
        std::process::Command::new(env!("CARGO_BIN_EXE_waterline"))
            .arg("lens")
            .arg(&path)
            .output()
            .unwrap()
    };
    assert_eq!(run(&map).status.code(), Some(1));
    let mut rounds = 0;
    while let Some(finding) = scan_map(&map).into_iter().next() {
        rounds += 1;
        assert!(rounds < 100, "every keep quiets a finding");
        let op = waterline::lens::keep_op(&map, &finding).unwrap();
        op.apply(&mut map).unwrap();
    }
    let passed = run(&map);
    assert_eq!(passed.status.code(), Some(0), "{passed:?}");
    assert!(passed.stdout.is_empty());
}
