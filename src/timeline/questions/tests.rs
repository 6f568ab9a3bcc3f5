use super::*;
use crate::layout::{LayoutSettings, layout};
use crate::model::{Event, EventId, Lane, LaneId, Link, LinkId, Timestamp};

fn lane(map: &mut Map, id: &str, kind: LaneKind) {
    map.lanes.push(Lane::new(LaneId::from(id), id, kind));
}

fn event(map: &mut Map, id: &str, lane: &str, time: &str, kind: Option<EventKind>) {
    let pos = map.events.len() as f64;
    let mut event = Event::new(EventId::from(id), LaneId::from(lane), pos, id);
    event.time = Some(Timestamp::parse(time).unwrap());
    event.kind = kind;
    map.events.push(event);
}

fn note(map: &mut Map, id: &str, kind: AnnotationKind, text: &str) {
    let i = map.event_index(&EventId::from(id)).unwrap();
    map.events[i].annotations.push(Annotation::new(kind, text));
}

/// Ana is paged by the monitoring system, looks, decides; Bo acts; the database only
/// records. Told by time (the layout's story).
fn incident() -> Map {
    let mut map = Map::new("Checkout");
    lane(&mut map, "monitoring", LaneKind::System);
    lane(&mut map, "ana", LaneKind::Person);
    lane(&mut map, "bo", LaneKind::Team);
    event(
        &mut map,
        "page",
        "monitoring",
        "2025-03-11T14:04:00Z",
        Some(EventKind::Alert),
    );
    event(
        &mut map,
        "look",
        "ana",
        "2025-03-11T14:05:00Z",
        Some(EventKind::Observation),
    );
    event(
        &mut map,
        "quiet",
        "ana",
        "2025-03-11T14:06:00Z",
        Some(EventKind::Observation),
    );
    event(
        &mut map,
        "restart",
        "bo",
        "2025-03-11T14:07:00Z",
        Some(EventKind::Action),
    );
    event(
        &mut map,
        "decide",
        "ana",
        "2025-03-11T14:08:00Z",
        Some(EventKind::Decision),
    );
    map.links.push(Link::message(
        LinkId::from("k1"),
        EventId::from("page"),
        LaneId::from("ana"),
    ));
    note(
        &mut map,
        "page",
        AnnotationKind::Question,
        "Was the runbook link broken?",
    );
    note(&mut map, "look", AnnotationKind::Seeing, "p99 at 4 s");
    note(
        &mut map,
        "look",
        AnnotationKind::Question,
        "Which dashboard was it?",
    );
    note(
        &mut map,
        "look",
        AnnotationKind::Seeing,
        "errors on two hosts",
    );
    map
}

fn prepare(map: &Map) -> Vec<ForWhom<'_>> {
    let geometry = layout(map, &LayoutSettings::default());
    questions_to_prepare(map, &geometry.story, &geometry.gap_scan)
}

fn events_of<'a>(map: &'a Map, whom: &ForWhom<'_>) -> Vec<&'a str> {
    whom.items
        .iter()
        .filter_map(|item| match item.about {
            About::Event(i) => Some(map.events[i].id.as_str()),
            About::Gap(_) | About::Notes(_) => None,
        })
        .collect()
}

#[test]
fn each_person_sees_their_own_moments_in_story_order_and_no_system_gets_a_heading() {
    let map = incident();
    let lists = prepare(&map);
    let whom: Vec<Option<&str>> = lists
        .iter()
        .map(|w| w.lane.map(|l| map.lanes[l].id.as_str()))
        .collect();
    // The monitoring system is nobody to talk to; Ana and Bo's team are.
    assert_eq!(whom, [Some("ana"), Some("bo")]);
    // The page that reached Ana is asked of her, first, as the story tells it; the moment
    // with nothing to ask ("quiet", an observation nobody annotated) is left out.
    assert_eq!(events_of(&map, &lists[0]), ["page", "look", "decide"]);
    assert_eq!(events_of(&map, &lists[1]), ["restart"]);
}

#[test]
fn the_reviewers_own_question_comes_first_then_what_follows_what_was_said() {
    let map = incident();
    let lists = prepare(&map);
    let look = &lists[0].items[1];
    let texts: Vec<&str> = look.questions.iter().map(|q| q.text).collect();
    assert_eq!(
        texts,
        [
            "Which dashboard was it?",
            "Which cues did you go by here?",
            "What does normal look like there, and how did this differ?",
        ],
        "asked once though two things were seen; no generic observation questions"
    );
    assert_eq!(look.questions[0].from, Source::Reviewer);
    assert!(matches!(look.questions[1].from, Source::Said(a) if a.text == "p99 at 4 s"));
}

#[test]
fn decisions_and_unspoken_actions_get_the_kinds_openers_only() {
    let map = incident();
    let lists = prepare(&map);
    let decide = lists[0].items.last().unwrap();
    let texts: Vec<&str> = decide.questions.iter().map(|q| q.text).collect();
    assert_eq!(
        texts,
        [
            "Which options could you see at that moment?",
            "What made this one look best then?"
        ]
    );
    let restart = &lists[1].items[0];
    let texts: Vec<&str> = restart.questions.iter().map(|q| q.text).collect();
    assert_eq!(texts, ["What were you hoping this would do?"]);
    assert_eq!(restart.questions[0].from, Source::Kind);
    // Once the team said what it thought, that is what is asked.
    let mut map = incident();
    note(&mut map, "restart", AnnotationKind::Feeling, "rushed");
    let lists = prepare(&map);
    assert!(
        lists[1].items[0]
            .questions
            .iter()
            .all(|q| matches!(q.from, Source::Said(_)))
    );
}

#[test]
fn a_system_moment_nobody_is_linked_to_is_for_everyone_and_so_is_a_whole_map_gap() {
    let mut map = incident();
    map.links = Default::default();
    event(&mut map, "late", "ana", "2025-03-11T15:30:00Z", None);
    let lists = prepare(&map);
    let everyone = lists.last().unwrap();
    assert_eq!(everyone.lane, None);
    assert_eq!(everyone.items[0].about, About::Event(0));
    let gap = &everyone.items[1];
    assert!(matches!(gap.about, About::Gap(_)));
    assert_eq!(gap.questions[0].text, "What was going on here?");
    assert_eq!(events_of(&map, &lists[0]), ["look", "decide"]);
}

#[test]
fn a_gap_on_a_persons_lane_is_asked_of_them_before_the_moment_that_ends_it() {
    let mut map = incident();
    // Bo's team keeps busy; Ana's lane is quiet from 14:08 to 15:00.
    for (n, minute) in (10..=58).step_by(4).enumerate() {
        let time = format!("2025-03-11T14:{minute:02}:00Z");
        event(&mut map, &format!("b{n}"), "bo", &time, None);
    }
    event(
        &mut map,
        "back",
        "ana",
        "2025-03-11T15:00:00Z",
        Some(EventKind::Decision),
    );
    let lists = prepare(&map);
    let ana = &lists[0];
    let n = ana.items.len();
    assert!(matches!(ana.items[n - 2].about, About::Gap(_)), "{ana:?}");
    assert_eq!(ana.items[n - 1].about, About::Event(map.events.len() - 1));
    // Bo's list holds no gap of Ana's.
    assert!(
        lists[1]
            .items
            .iter()
            .all(|i| matches!(i.about, About::Event(_)))
    );
}

/// "Every open question": each question the reviewer wrote on an event or a gap of the
/// sample maps is in someone's list, in its own words.
#[test]
fn no_open_question_of_the_sample_maps_is_lost() {
    for text in [
        crate::samples::CHECKOUT_OUTAGE,
        crate::samples::SMALL,
        crate::samples::TOKYO_DNS,
        crate::samples::GITLAB_2017,
    ] {
        let map = crate::io::parse_map(text.as_bytes()).unwrap();
        let lists = prepare(&map);
        let asked: Vec<&str> = lists
            .iter()
            .flat_map(|w| &w.items)
            .flat_map(|i| &i.questions)
            .filter(|q| q.from == Source::Reviewer)
            .map(|q| q.text)
            .collect();
        let written = map
            .events
            .iter()
            .flat_map(|e| &e.annotations)
            .chain(map.gaps.iter().flat_map(|g| &g.notes))
            .filter(|a| a.kind == AnnotationKind::Question);
        for question in written {
            assert!(asked.contains(&question.text.trim()), "{}", question.text);
        }
    }
}

#[test]
fn the_questions_of_notes_whose_gap_has_gone_are_still_asked() {
    let mut map = incident();
    let mut notes = crate::model::GapNotes::new(
        Timestamp::parse("2025-03-11T13:00:00Z").unwrap(),
        Timestamp::parse("2025-03-11T13:30:00Z").unwrap(),
        Some(LaneId::from("bo")),
    );
    notes.notes.push(Annotation::new(
        AnnotationKind::Question,
        "Who was on the bridge?",
    ));
    map.gaps.push(notes);
    let lists = prepare(&map);
    let last = lists[1].items.last().unwrap();
    assert_eq!(last.about, About::Notes(0));
    assert_eq!(last.questions[0].text, "Who was on the bridge?");
}

/// A question the reviewer wrote on a system's quiet stretch is asked of everyone (the
/// stretch itself, without one, is not: it is a question for the logs).
#[test]
fn a_question_on_a_systems_gap_is_still_asked() {
    let mut map = incident();
    // Bo's team keeps busy while the monitoring lane records nothing until 15:00.
    for (n, minute) in (10..=58).step_by(4).enumerate() {
        let time = format!("2025-03-11T14:{minute:02}:00Z");
        event(&mut map, &format!("b{n}"), "bo", &time, None);
    }
    let end = "2025-03-11T15:00:00Z";
    event(&mut map, "later", "monitoring", end, None);
    // The questions listed about the monitoring lane's own quiet stretch.
    let asked = |map: &Map| -> Vec<String> {
        let geometry = layout(map, &LayoutSettings::default());
        let monitoring = LaneId::from("monitoring");
        questions_to_prepare(map, &geometry.story, &geometry.gap_scan)
            .iter()
            .flat_map(|w| &w.items)
            .filter(|i| match i.about {
                About::Gap(g) => geometry.gap_scan.gaps[g].lane.as_ref() == Some(&monitoring),
                _ => false,
            })
            .flat_map(|i| &i.questions)
            .map(|q| q.text.to_owned())
            .collect()
    };
    assert!(asked(&map).is_empty(), "a system's quiet alone asks nobody");
    let mut notes = crate::model::GapNotes::new(
        Timestamp::parse("2025-03-11T14:04:00Z").unwrap(),
        Timestamp::parse("2025-03-11T15:00:00Z").unwrap(),
        Some(LaneId::from("monitoring")),
    );
    notes.notes.push(Annotation::new(
        AnnotationKind::Question,
        "Did it alert at all after 14:04?",
    ));
    map.gaps.push(notes);
    assert!(
        asked(&map).contains(&"Did it alert at all after 14:04?".to_owned()),
        "{:?}",
        asked(&map)
    );
}
