//! Public post-incident reviews rebuilt as timeline CSVs in our own words
//! (`tests/timelines/*.csv`, each with a `.md` naming the review it follows): untimed
//! rows, several days, many lanes, messages between lanes. What a reviewer would check
//! when they open one is checked here.

use waterline::import::{Imported, guess_lane_kind, import_timeline};
use waterline::io::{canonical_bytes, parse_map};
use waterline::model::LaneKind;
use waterline::timeline::find_gaps;

const INCIDENTS: &[(&str, &[u8])] = &[
    (
        "gitlab-2017-database-outage",
        include_bytes!("../timelines/gitlab-2017-database-outage.csv"),
    ),
    (
        "github-2018-october-21-incident",
        include_bytes!("../timelines/github-2018-october-21-incident.csv"),
    ),
    (
        "roblox-2021-consul-outage",
        include_bytes!("../timelines/roblox-2021-consul-outage.csv"),
    ),
    (
        "atlassian-2022-site-deletion-outage",
        include_bytes!("../timelines/atlassian-2022-site-deletion-outage.csv"),
    ),
];

fn import(name: &str, bytes: &[u8]) -> Imported {
    let imported = import_timeline(bytes, name).unwrap();
    assert_eq!(imported.skipped(), 0, "{name}: {:?}", imported.problems);
    imported
}

/// The rows of a timeline as (lane, lane_kind) pairs.
fn labelled_lanes(bytes: &[u8]) -> Vec<(String, String)> {
    let mut reader = csv::Reader::from_reader(bytes);
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (lane, kind) = (column("lane"), column("lane_kind"));
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[lane].to_owned(), r[kind].to_owned())
        })
        .collect()
}

#[test]
fn each_incident_imports_whole_and_loads_back() {
    for (name, bytes) in INCIDENTS {
        let imported = import(name, bytes);
        let map = &imported.map;
        assert!(map.lanes.len() >= 12, "{name}: {} lanes", map.lanes.len());
        // One card per row: a `to` cell is a message, not a copied card.
        let rows = labelled_lanes(bytes).len();
        assert!(
            map.events.len() <= rows,
            "{name}: {} cards from {rows} rows",
            map.events.len()
        );
        assert!(
            !map.events.iter().any(|e| e.title.starts_with("From ")),
            "{name}"
        );
        assert!(
            map.links.iter().any(|l| l.to.lane().is_some()),
            "{name}: its to cells are messages"
        );
        let loaded = parse_map(&canonical_bytes(map).unwrap()).unwrap();
        assert_eq!(&loaded, map, "{name}");
    }
}

#[test]
fn the_lane_kind_column_is_used_and_the_guess_agrees_with_it_on_most_lanes() {
    for (name, bytes) in INCIDENTS {
        let map = import(name, bytes).map;
        let labels = labelled_lanes(bytes);
        let mut guessed_right = 0;
        let mut lanes = 0;
        for lane in &map.lanes {
            let Some((_, label)) = labels.iter().find(|(l, _)| l == &lane.name) else {
                continue; // a lane only named in `to` cells
            };
            lanes += 1;
            let labelled = LaneKind::from(label.clone());
            assert_eq!(lane.kind, labelled, "{name}: {}", lane.name);
            if guess_lane_kind(&lane.name) == labelled {
                guessed_right += 1;
            }
        }
        let share = guessed_right as f64 / lanes as f64;
        assert!(
            share >= 0.85,
            "{name}: the guess is right for {guessed_right} of {lanes} lanes"
        );
    }
}

#[test]
fn no_gap_claims_nothing_was_recorded_over_events_without_a_time() {
    for (name, bytes) in INCIDENTS {
        let map = import(name, bytes).map;
        let scan = find_gaps(&map);
        for gap in &scan.gaps {
            let summary = gap.summary();
            if !gap.untimed.is_empty() {
                assert!(!summary.contains("nothing recorded"), "{name}: {summary}");
            }
            // Every untimed event the gap claims is really placed inside it.
            for &i in &gap.untimed {
                let event = &map.events[i];
                assert!(event.time.is_none());
                let before = map.events.iter().find(|e| e.id == gap.before).unwrap();
                let after = map.events.iter().find(|e| e.id == gap.after).unwrap();
                assert!(before.pos < event.pos && event.pos < after.pos, "{name}");
            }
        }
        let across: Vec<String> = scan.across_map().map(|g| g.summary()).collect();
        assert!(
            across.len() <= 12,
            "{name}: a reviewer is shown its long stretches, not every pause: {across:#?}"
        );
        println!("{name}: {across:#?}");
    }
}

#[test]
fn a_multi_day_incident_writes_dates_in_its_markdown_and_lists_gaps_longest_first() {
    use waterline::layout::{LayoutSettings, layout};
    for (name, bytes) in INCIDENTS {
        let map = import(name, bytes).map;
        let settings = LayoutSettings::default();
        let geometry = layout(&map, &settings);
        let clock = waterline::timeline::Clock::of(&map, geometry.display_zone);
        assert!(clock.spans_days(), "{name} spans several days");
        let text = waterline::export::markdown(&map, &geometry);
        // The reader is told which zone the times are in (Roblox's are in UTC-07:00).
        let zone = format!("Times are in {}.", clock.zone_name());
        assert!(text.contains(&zone), "{name}: {zone}");
        if *name == "roblox-2021-consul-outage" {
            assert_eq!(zone, "Times are in UTC-07:00.");
        }
        // Every day of the incident is named in the table, once per day.
        let mut days: Vec<String> = map
            .events
            .iter()
            .filter_map(|e| e.time)
            .map(|t| clock.date(t))
            .collect();
        days.sort();
        days.dedup();
        for day in &days {
            assert!(text.contains(day.as_str()), "{name}: {day} missing");
        }
        // Gaps: longest first, each with its dates.
        // (The section ends at the next heading.)
        let gaps = text.split("## Gaps").nth(1).unwrap_or_default();
        let gaps = gaps.split("\n## ").next().unwrap_or_default();
        let lengths: Vec<i64> = {
            let mut scan: Vec<_> = geometry.gap_scan.gaps.iter().map(|g| g.secs()).collect();
            scan.sort_by_key(|s| std::cmp::Reverse(*s));
            scan
        };
        let listed = gaps.lines().filter(|l| l.starts_with("- ")).count();
        assert_eq!(listed, lengths.len(), "{name}");
        for line in gaps.lines().filter(|l| l.starts_with("- ")) {
            assert!(
                line.contains(" Oct ")
                    || line.contains(" Jan ")
                    || line.contains(" Feb ")
                    || line.contains(" Apr "),
                "{name}: a gap without its date: {line}"
            );
        }
    }
}

#[test]
fn the_svg_shows_every_title_whole() {
    use waterline::layout::{LayoutSettings, layout};
    for (name, bytes) in INCIDENTS {
        let map = import(name, bytes).map;
        let settings = LayoutSettings::default();
        let geometry = layout(&map, &settings);
        let svg = waterline::export::svg(&map, &geometry, &settings, false);
        let document = roxmltree::Document::parse(&svg).unwrap();
        let mut checked = 0;
        for group in document.descendants().filter(|n| n.has_tag_name("g")) {
            let Some(title) = group
                .children()
                .find(|n| n.has_tag_name("title"))
                .and_then(|t| t.text())
            else {
                continue;
            };
            if !map.events.iter().any(|e| e.title == title) {
                continue;
            }
            let shown: Vec<&str> = group
                .children()
                .filter(|n| n.has_tag_name("text"))
                .filter_map(|n| n.text())
                .collect();
            let words = |s: &str| s.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
            let visible = words(&shown.join(" "));
            let whole = words(title);
            assert!(
                visible.ends_with(&whole) || visible.windows(whole.len()).any(|w| w == whole),
                "{name}: the SVG cuts \"{title}\": {shown:?}"
            );
            checked += 1;
        }
        assert_eq!(checked, map.events.len(), "{name}");
    }
}

#[test]
fn many_lanes_take_only_the_width_their_cards_need() {
    use waterline::layout::{LayoutSettings, layout};
    let settings = LayoutSettings::default();
    for (name, bytes) in INCIDENTS {
        let map = import(name, bytes).map;
        let geometry = layout(&map, &settings);
        let all_full_width =
            geometry.lanes.len() as f32 * (settings.lane_width + settings.lane_gap);
        let used = geometry.bounds.width() - settings.ruler_width;
        assert!(
            used <= 0.9 * all_full_width,
            "{name}: {} lanes take {used} points, {all_full_width} at full width",
            geometry.lanes.len()
        );
        // Narrower cards still show their whole titles.
        for card in &geometry.cards {
            let title = match card.event() {
                Some(_) => &map.events[card.index].title,
                None => continue,
            };
            let width = waterline::layout::title_width_of(card.rect.width());
            assert!(
                waterline::layout::title_lines(title, width) < waterline::layout::MAX_TITLE_LINES,
                "{name}: \"{title}\" is cut in a card {} wide",
                card.rect.width()
            );
        }
    }
}

/// The questions to prepare, on each real incident: a list for people and teams only;
/// whatever someone on a person's lane said at the moment is asked of that person, and
/// every list keeps the story's order.
#[test]
fn the_questions_to_prepare_are_for_people_and_follow_what_they_said() {
    use waterline::layout::{LayoutSettings, layout};
    use waterline::model::AnnotationKind;
    use waterline::timeline::{About, questions_to_prepare};
    for (name, bytes) in INCIDENTS {
        let map = import(name, bytes).map;
        let geometry = layout(&map, &LayoutSettings::default());
        let lists = questions_to_prepare(&map, &geometry.story, &geometry.gap_scan);
        assert!(!lists.is_empty(), "{name}");
        let story: Vec<usize> = geometry.story.events().collect();
        for whom in &lists {
            if let Some(lane) = whom.lane {
                let kind = &map.lanes[lane].kind;
                assert!(
                    !matches!(kind, LaneKind::System | LaneKind::External),
                    "{name}: {}",
                    map.lanes[lane].name
                );
            }
            let told: Vec<usize> = whom
                .items
                .iter()
                .filter_map(|item| match item.about {
                    About::Event(i) => story.iter().position(|&s| s == i),
                    _ => None,
                })
                .collect();
            assert!(told.is_sorted(), "{name}: story order");
        }
        for (i, event) in map.events.iter().enumerate() {
            let said = event.annotations.iter().any(|a| {
                matches!(
                    a.kind,
                    AnnotationKind::Thinking | AnnotationKind::Feeling | AnnotationKind::Seeing
                )
            });
            let lane = map.lane_index(&event.lane).unwrap();
            if !said || matches!(map.lanes[lane].kind, LaneKind::System | LaneKind::External) {
                continue;
            }
            let asked = lists.iter().any(|whom| {
                whom.lane == Some(lane)
                    && whom.items.iter().any(|item| item.about == About::Event(i))
            });
            assert!(asked, "{name}: {}", event.title);
        }
    }
}

#[test]
fn the_silences_inside_an_incident_are_gaps_though_its_review_came_weeks_later() {
    // Roblox 2021: a 73-hour outage with quiet nights of 7 to 13 hours, and a review
    // published 81 days on; GitHub 2018: two silences of about 6 hours, review 8 days on.
    for (name, nights) in [
        (
            "roblox-2021-consul-outage",
            &[7 * 60, 12 * 60, 13 * 60 + 9][..],
        ),
        (
            "github-2018-october-21-incident",
            &[6 * 60 + 10, 6 * 60 + 18][..],
        ),
    ] {
        let bytes = INCIDENTS.iter().find(|(n, _)| *n == name).unwrap().1;
        let map = import(name, bytes).map;
        let minutes: Vec<i64> = find_gaps(&map)
            .across_map()
            .map(|gap| gap.secs() / 60)
            .collect();
        for night in nights {
            assert!(
                minutes.contains(night),
                "{name}: {night} min in {minutes:?}"
            );
        }
        assert!(
            minutes.iter().any(|&m| m > 7 * 24 * 60),
            "{name}: the wait for the review is a gap too: {minutes:?}"
        );
    }
}
