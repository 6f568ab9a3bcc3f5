use super::*;
use crate::timeline::find_gaps;

/// PagerDuty pages Ana, who looks at Grafana, asks Bo (a team) for help, hears nothing
/// for 40 minutes while Bo digs, then hands over to Bo; a message from Bo reaches Cy, who joins last.
const PAGING: &str = r#"{
  "format": "waterline-map", "version": 4, "title": "Paging", "gap_threshold_secs": 900,
  "lanes": [
    {"id": "pd", "name": "PagerDuty", "kind": "system"},
    {"id": "ana", "name": "Ana", "kind": "person"},
    {"id": "bo", "name": "Bo", "kind": "team"},
    {"id": "graf", "name": "Grafana", "kind": "system"},
    {"id": "cy", "name": "Cy", "kind": "person"}
  ],
  "events": [
    {"id": "p1", "lane": "pd", "pos": 1, "title": "Alert fires", "time": "2025-05-01T14:00:00Z"},
    {"id": "a1", "lane": "ana", "pos": 2, "title": "Acks the page", "time": "2025-05-01T14:02:00Z"},
    {"id": "a2", "lane": "ana", "pos": 3, "title": "Opens the dashboard", "time": "2025-05-01T14:03:00Z"},
    {"id": "g1", "lane": "graf", "pos": 4, "title": "p99 at 4 s", "time": "2025-05-01T14:04:00Z"},
    {"id": "a3", "lane": "ana", "pos": 5, "title": "Asks Bo in chat", "time": "2025-05-01T14:05:00Z"},
    {"id": "b1", "lane": "bo", "pos": 6, "title": "Bo answers", "time": "2025-05-01T14:06:00Z"},
    {"id": "bx", "lane": "bo", "pos": 6.1, "title": "Bo digs", "time": "2025-05-01T14:15:00Z"},
    {"id": "by", "lane": "bo", "pos": 6.2, "title": "Bo digs more", "time": "2025-05-01T14:25:00Z"},
    {"id": "bz", "lane": "bo", "pos": 6.3, "title": "Bo digs on", "time": "2025-05-01T14:35:00Z"},
    {"id": "a4", "lane": "ana", "pos": 7, "title": "Ana hands over to Bo", "time": "2025-05-01T14:45:00Z"},
    {"id": "b2", "lane": "bo", "pos": 8, "title": "Bo takes it", "time": "2025-05-01T14:46:00Z"},
    {"id": "b3", "lane": "bo", "pos": 9, "title": "Tells Cy"},
    {"id": "c1", "lane": "cy", "pos": 10, "title": "Cy looks", "time": "2025-05-01T14:50:00Z"}
  ],
  "links": [
    {"id": "k1", "from": "p1", "to": "a1", "label": "page"},
    {"id": "k2", "from": "a2", "to": "g1"},
    {"id": "k3", "from": "a3", "to": "b1", "label": "asks"},
    {"id": "k4", "from": "a4", "to": "b2"},
    {"id": "k5", "from": "b3", "to_lane": "cy"}
  ]
}"#;

fn contacts() -> (Map, Vec<LaneContacts>) {
    let map = crate::io::parse_map(PAGING.as_bytes()).expect("the test map loads");
    let scan = find_gaps(&map);
    // Told by pos, as the ordinal layout places them.
    let mut placed: Vec<usize> = (0..map.events.len()).collect();
    placed.sort_by(|&a, &b| map.events[a].pos.total_cmp(&map.events[b].pos));
    let story = Story::of(&map, &scan, placed);
    let rows = who_asked_whom(&map, &story, &scan);
    (map, rows)
}

fn name(map: &Map, lane: usize) -> &str {
    &map.lanes[lane].name
}

#[test]
fn people_and_teams_get_a_row_with_whom_they_reached_and_who_reached_them() {
    let (map, rows) = contacts();
    let names: Vec<&str> = rows.iter().map(|r| name(&map, r.lane)).collect();
    assert_eq!(names, ["Ana", "Bo", "Cy"], "systems get no row");
    let ana = &rows[0];
    assert_eq!(
        ana.joined.map(|j| map.events[j.event].id.to_string()),
        Some("a1".into())
    );
    let reached: Vec<(&str, &str)> = ana
        .reached
        .iter()
        .map(|c| (name(&map, c.other), map.links[c.link].label.as_str()))
        .collect();
    assert_eq!(reached, [("Bo", "asks"), ("Bo", "")]);
    // Where she got information: the alert PagerDuty sent her, the dashboard she opened.
    let looked: Vec<(&str, bool)> = ana
        .looked_at
        .iter()
        .map(|c| (name(&map, c.other), c.outgoing))
        .collect();
    assert_eq!(looked, [("PagerDuty", false), ("Grafana", true)]);
    assert!(ana.reached_by.is_empty(), "no person asked her anything");
    let brought_in = ana.brought_in_by.as_ref().map(|c| name(&map, c.other));
    assert_eq!(brought_in, Some("PagerDuty"), "the alert brought her in");
    // Bo was reached by Ana twice, and the handover is one by its card's words.
    let bo = &rows[1];
    assert_eq!(bo.reached_by.len(), 2);
    assert_eq!(ana.handoffs().count(), 1);
    assert_eq!(
        ana.handoffs().next().map(|c| c.at.event),
        map.event_index(&"a4".into())
    );
    // Bo was brought in by Ana's question; summed up per lane, Ana reached Bo twice.
    assert_eq!(bo.brought_in_by.as_ref(), bo.reached_by.first());
    let summary: Vec<(&str, usize)> = per_lane(&ana.reached)
        .into_iter()
        .map(|(other, count, _)| (name(&map, other), count))
        .collect();
    assert_eq!(summary, [("Bo", 2)]);
}

#[test]
fn a_message_without_a_time_is_told_after_the_last_time_and_silences_are_the_lanes_gaps() {
    let (map, rows) = contacts();
    let cy = &rows[2];
    let by = &cy.reached_by[0];
    assert_eq!(name(&map, by.other), "Bo");
    assert_eq!(by.at.time, None);
    assert_eq!(
        by.at.after.map(|t| t.to_rfc3339()),
        Some("2025-05-01T14:46:00+00:00".into())
    );
    assert_eq!(
        cy.brought_in_by.as_ref(),
        Some(by),
        "the message came before Cy's first card"
    );
    // Ana's 40 quiet minutes (14:05 to 14:45) are hers alone: the map is busy with Bo.
    let scan = find_gaps(&map);
    let silences: Vec<String> = rows[0]
        .silences
        .iter()
        .map(|&g| scan.gaps[g].summary())
        .collect();
    assert_eq!(silences, ["40 min with nothing recorded"]);
}

#[test]
fn handoffs_are_told_by_their_words() {
    for yes in [
        "handover",
        "Hand-off to SRE",
        "Ana hands over to Bo",
        "takes over IC",
        "HANDOFF",
    ] {
        assert!(says_handoff(yes), "{yes}");
    }
    for no in [
        "handled the page",
        "hands on keyboard",
        "over the wall",
        "take a look",
        "",
    ] {
        assert!(!says_handoff(no), "{no}");
    }
}

/// A large generated incident: every person gets a row, and each link between two people
/// is told once on each side.
#[test]
fn a_large_map_tells_every_contact_once_on_each_side() {
    let map = crate::samples::synthetic(50_000, 12);
    let scan = find_gaps(&map);
    let story = Story::of(&map, &scan, 0..map.events.len());
    let rows = who_asked_whom(&map, &story, &scan);
    assert_eq!(rows.len(), 8, "the synthetic map's person lanes");
    assert!(rows.iter().all(|row| row.joined.is_some()));
    let reached: usize = rows.iter().map(|r| r.reached.len()).sum();
    let reached_by: usize = rows.iter().map(|r| r.reached_by.len()).sum();
    assert_eq!(reached, reached_by);
    assert!(reached > 0);
}
