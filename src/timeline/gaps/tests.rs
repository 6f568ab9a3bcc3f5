use super::*;
use crate::model::{Annotation, AnnotationKind, Event, GapNotes, Lane, LaneKind};

fn at(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

/// A map with lanes `a` and `b` and events `(id, lane, pos, time)`.
fn map_with(events: &[(&str, &str, f64, Option<&str>)]) -> Map {
    let mut map = Map::new("gaps");
    for lane in ["a", "b"] {
        map.lanes.push(Lane::new(
            lane.into(),
            lane.to_uppercase(),
            LaneKind::Person,
        ));
    }
    for (id, lane, pos, time) in events {
        let mut event = Event::new((*id).into(), (*lane).into(), *pos, *id);
        event.time = time.map(at);
        map.events.push(event);
    }
    map
}

fn spans(scan: &GapScan) -> Vec<(String, String, Option<String>)> {
    scan.gaps
        .iter()
        .map(|g| {
            (
                g.before.to_string(),
                g.after.to_string(),
                g.lane.as_ref().map(ToString::to_string),
            )
        })
        .collect()
}

#[test]
fn a_stretch_past_the_threshold_is_a_gap_and_a_shorter_one_is_not() {
    let mut map = map_with(&[
        ("e1", "a", 1.0, Some("2025-03-11T14:00:00Z")),
        ("e2", "b", 2.0, Some("2025-03-11T14:09:00Z")),
        ("e3", "a", 3.0, Some("2025-03-11T14:19:00Z")),
    ]);
    assert_eq!(
        spans(&find_gaps(&map)),
        vec![("e2".into(), "e3".into(), None)]
    );
    map.gap_threshold_secs = Some(8 * 60);
    let scan = find_gaps(&map);
    assert_eq!(
        scan.across_map().count(),
        2,
        "both stretches pass 8 minutes"
    );
}

#[test]
fn mixed_utc_offsets_are_compared_as_instants() {
    // 14:00Z, then 09:05-05:00 (= 14:05Z), then 15:20+01:00 (= 14:20Z).
    let map = map_with(&[
        ("e1", "a", 1.0, Some("2025-03-11T14:00:00Z")),
        ("e2", "b", 2.0, Some("2025-03-11T15:20:00+01:00")),
        ("e3", "a", 3.0, Some("2025-03-11T09:05:00-05:00")),
    ]);
    let scan = find_gaps(&map);
    let gaps: Vec<_> = scan.across_map().collect();
    assert_eq!(gaps.len(), 1);
    assert_eq!(
        (gaps[0].before.as_str(), gaps[0].after.as_str()),
        ("e3", "e2")
    );
    assert_eq!(gaps[0].secs(), 15 * 60);
}

#[test]
fn untimed_events_do_not_fill_a_gap() {
    let map = map_with(&[
        ("e1", "a", 1.0, Some("2025-03-11T14:00:00Z")),
        ("e2", "b", 2.0, None),
        ("e3", "a", 3.0, None),
        ("e4", "b", 4.0, Some("2025-03-11T14:30:00Z")),
    ]);
    let scan = find_gaps(&map);
    assert_eq!(spans(&scan)[0], ("e1".into(), "e4".into(), None));
}

#[test]
fn a_quiet_lane_is_a_gap_of_its_own_while_the_map_is_busy() {
    let mut events = vec![
        ("a1", "a", 0.0, Some("2025-03-11T14:00:00Z".to_owned())),
        ("a2", "a", 20.0, Some("2025-03-11T14:20:00Z".to_owned())),
    ];
    // Lane b logs every two minutes in between, so the map as a whole has no gap.
    let names: Vec<String> = (0..10).map(|i| format!("b{i}")).collect();
    for (i, name) in names.iter().enumerate() {
        events.push((
            name.as_str(),
            "b",
            i as f64 * 2.0 + 1.0,
            Some(format!("2025-03-11T14:{:02}:00Z", i * 2 + 1)),
        ));
    }
    let events: Vec<(&str, &str, f64, Option<&str>)> = events
        .iter()
        .map(|(id, lane, pos, time)| (*id, *lane, *pos, time.as_deref()))
        .collect();
    let scan = find_gaps(&map_with(&events));
    assert_eq!(
        spans(&scan),
        vec![("a1".into(), "a2".into(), Some("a".into()))]
    );
}

#[test]
fn a_lane_gap_already_shown_by_a_map_gap_is_not_repeated() {
    let map = map_with(&[
        ("e1", "a", 1.0, Some("2025-03-11T14:00:00Z")),
        ("e2", "a", 2.0, Some("2025-03-11T14:30:00Z")),
    ]);
    let scan = find_gaps(&map);
    assert_eq!(spans(&scan), vec![("e1".into(), "e2".into(), None)]);
}

#[test]
fn a_stretch_long_for_this_map_is_a_gap_below_the_threshold() {
    // Events every 30 seconds, then a 5-minute silence: short of 10 minutes, but ten
    // times the usual spacing.
    let mut events = Vec::new();
    let times: Vec<String> = (0..8)
        .map(|i| format!("2025-03-11T14:0{}:{:02}Z", i / 2, (i % 2) * 30))
        .chain(["2025-03-11T14:08:30Z".to_owned()])
        .collect();
    let ids: Vec<String> = (0..times.len()).map(|i| format!("e{i}")).collect();
    for (i, time) in times.iter().enumerate() {
        events.push((ids[i].as_str(), "a", i as f64, Some(time.as_str())));
    }
    let scan = find_gaps(&map_with(&events));
    assert_eq!(spans(&scan), vec![("e7".into(), "e8".into(), None)]);
}

#[test]
fn notes_follow_their_gap_and_are_kept_when_it_goes() {
    let mut map = map_with(&[
        ("e1", "a", 1.0, Some("2025-03-11T14:00:00Z")),
        ("e2", "b", 2.0, Some("2025-03-11T14:30:00Z")),
    ]);
    let mut notes = GapNotes::new(at("2025-03-11T14:00:00Z"), at("2025-03-11T14:30:00Z"), None);
    notes.notes.push(Annotation::new(
        AnnotationKind::Note,
        "reading the db dashboard",
    ));
    map.gaps.push(notes);
    assert_eq!(find_gaps(&map).gaps[0].notes, vec![0]);

    // Moving cards changes nothing about the times: the note stays on its gap.
    map.events[0].pos = 5.0;
    map.events[0].lane = "b".into();
    assert_eq!(find_gaps(&map).gaps[0].notes, vec![0]);

    // An event recorded inside the gap splits it; the note goes to the larger part.
    let mut inside = Event::new("e3".into(), "a".into(), 1.5, "asked Bo");
    inside.time = Some(at("2025-03-11T14:12:00Z"));
    map.events.push(inside);
    let scan = find_gaps(&map);
    assert_eq!(scan.across_map().count(), 2);
    let holder = scan.gaps.iter().find(|g| !g.notes.is_empty()).unwrap();
    assert_eq!(holder.before.as_str(), "e3");

    // A time that closes the gap entirely leaves the note unplaced, not lost...
    map.events[2].time = None;
    map.events[1].time = Some(at("2025-03-11T14:05:00Z"));
    let scan = find_gaps(&map);
    assert!(scan.gaps.is_empty());
    assert_eq!(scan.unplaced_notes, vec![0]);

    // ...and the gap coming back brings it back.
    map.events[1].time = Some(at("2025-03-11T14:30:00Z"));
    assert_eq!(find_gaps(&map).gaps[0].notes, vec![0]);
}

#[test]
fn a_stretch_holding_untimed_events_says_so_instead_of_nothing_recorded() {
    let map = map_with(&[
        ("e1", "a", 1.0, Some("2025-03-11T22:00:00Z")),
        ("u1", "a", 2.0, None),
        ("u2", "b", 3.0, None),
        ("e2", "b", 4.0, Some("2025-03-11T23:00:00Z")),
        ("u3", "a", 5.0, None),
    ]);
    let scan = find_gaps(&map);
    let gap = scan.across_map().next().expect("the hour is a gap");
    let inside: Vec<&str> = gap
        .untimed
        .iter()
        .map(|&i| map.events[i].id.as_str())
        .collect();
    assert_eq!(inside, ["u1", "u2"], "u3 comes after the stretch");
    assert_eq!(gap.summary(), "1 h, 2 events with no time recorded");
    assert!(!gap.is_empty());

    let empty = map_with(&[
        ("e1", "a", 1.0, Some("2025-03-11T22:00:00Z")),
        ("e2", "b", 4.0, Some("2025-03-11T22:27:00Z")),
    ]);
    let scan = find_gaps(&empty);
    assert_eq!(
        scan.across_map().next().unwrap().summary(),
        "27 min with nothing recorded"
    );
}

#[test]
fn a_long_incident_shows_its_long_stretches_not_every_ten_minutes() {
    // Three days: busy stretches with 12-minute pauses, and one quiet night of 9 hours.
    let mut events = Vec::new();
    let mut texts = Vec::new();
    let mut minute = 0;
    for day in 0..3 {
        for step in 0..12 {
            minute = day * 24 * 60 + 8 * 60 + step * 12;
            texts.push((format!("d{day}s{step}"), minute));
        }
    }
    texts.push(("late".to_owned(), minute + 9 * 60));
    for (i, (id, minute)) in texts.iter().enumerate() {
        let time = chrono::DateTime::parse_from_rfc3339("2025-03-11T00:00:00Z").unwrap()
            + chrono::Duration::minutes(*minute);
        events.push((id.clone(), i as f64, time.to_rfc3339()));
    }
    let rows: Vec<(&str, &str, f64, Option<&str>)> = events
        .iter()
        .map(|(id, pos, time)| (id.as_str(), "a", *pos, Some(time.as_str())))
        .collect();
    let map = map_with(&rows);
    let scan = find_gaps(&map);
    let lengths: Vec<i64> = scan.across_map().map(|g| g.secs() / 60).collect();
    assert!(
        lengths.iter().all(|&m| m > 60),
        "no 12-minute pause is a gap in a three-day incident: {lengths:?}"
    );
    assert!(lengths.contains(&(9 * 60)), "{lengths:?}");

    // A threshold the reviewer sets still applies as set.
    let mut set = map.clone();
    set.gap_threshold_secs = Some(10 * 60);
    assert!(find_gaps(&set).across_map().count() > 30);
}

#[test]
fn a_writeup_weeks_later_does_not_hide_the_silences_of_the_incident() {
    // A three-day incident, busy by day with quiet nights of 7 to 13 hours, then the
    // review published 80 days on: the nights are gaps, and so is the wait for the review.
    let times = [
        "2021-10-28T13:37:00Z",
        "2021-10-28T14:00:00Z",
        "2021-10-28T16:00:00Z",
        "2021-10-28T19:00:00Z",
        // 7 h
        "2021-10-29T02:00:00Z",
        "2021-10-29T03:00:00Z",
        "2021-10-29T04:00:00Z",
        // 12 h
        "2021-10-29T16:00:00Z",
        "2021-10-29T18:00:00Z",
        "2021-10-30T05:00:00Z",
        "2021-10-30T07:00:00Z",
        "2021-10-30T09:00:00Z",
        "2021-10-31T16:45:00Z",
        "2022-01-20T13:00:00Z",
    ];
    let ids: Vec<String> = (0..times.len()).map(|i| format!("e{i}")).collect();
    let rows: Vec<(&str, &str, f64, Option<&str>)> = times
        .iter()
        .enumerate()
        .map(|(i, t)| (ids[i].as_str(), "a", i as f64, Some(*t)))
        .collect();
    let scan = find_gaps(&map_with(&rows));
    let hours: Vec<i64> = scan.across_map().map(|g| g.secs() / 3600).collect();
    for night in [7, 12] {
        assert!(hours.contains(&night), "the {night} h night: {hours:?}");
    }
    assert!(
        hours.iter().any(|&h| h > 80 * 24),
        "the wait for the review: {hours:?}"
    );
    assert!(
        hours.iter().all(|&h| h >= 3),
        "the two-hour steps of the day are not gaps: {hours:?}"
    );
}

#[test]
fn a_night_at_the_end_of_a_short_incident_still_counts_as_the_incident() {
    // Five hours of steps 15 minutes apart, a 20-hour night, one event the next day: the
    // night is the incident's, so the threshold stays about an hour and the steps are not
    // gaps (a rule that left out any long last stretch made each of them one).
    let mut times: Vec<String> = (0..21)
        .map(|i| format!("2025-03-11T{:02}:{:02}:00Z", 8 + i * 15 / 60, i * 15 % 60))
        .collect();
    times.push("2025-03-12T09:00:00Z".to_owned());
    let ids: Vec<String> = (0..times.len()).map(|i| format!("e{i}")).collect();
    let rows: Vec<(&str, &str, f64, Option<&str>)> = times
        .iter()
        .enumerate()
        .map(|(i, t)| (ids[i].as_str(), "a", i as f64, Some(t.as_str())))
        .collect();
    let scan = find_gaps(&map_with(&rows));
    let minutes: Vec<i64> = scan.across_map().map(|g| g.secs() / 60).collect();
    assert_eq!(minutes, vec![20 * 60], "only the night: {minutes:?}");
}
