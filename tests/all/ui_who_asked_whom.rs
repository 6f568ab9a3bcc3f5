//! Who asked whom: W opens a table of each person's and team's contacts (when they
//! joined and who brought them in, whom they reached, who reached them, the systems they
//! looked at, their silences); it follows edits, and W again closes it.

use crate::common::*;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use waterline::ui::WaterlineApp;

/// PagerDuty pages Ana, who opens Grafana, asks Bo, and hands over to Bo.
const PAGING: &str = r#"{
  "format": "waterline-map", "version": 4, "title": "Paging",
  "lanes": [
    {"id": "pd", "name": "PagerDuty", "kind": "system"},
    {"id": "ana", "name": "Ana", "kind": "person"},
    {"id": "bo", "name": "Bo", "kind": "team"},
    {"id": "graf", "name": "Grafana", "kind": "system"}
  ],
  "events": [
    {"id": "p1", "lane": "pd", "pos": 1, "title": "Alert fires", "time": "2025-05-01T14:00:00Z"},
    {"id": "a1", "lane": "ana", "pos": 2, "title": "Acks the page", "time": "2025-05-01T14:02:00Z"},
    {"id": "a2", "lane": "ana", "pos": 3, "title": "Opens the dashboard", "time": "2025-05-01T14:03:00Z"},
    {"id": "g1", "lane": "graf", "pos": 4, "title": "p99 at 4 s", "time": "2025-05-01T14:04:00Z"},
    {"id": "a3", "lane": "ana", "pos": 5, "title": "Asks Bo in chat", "time": "2025-05-01T14:05:00Z"},
    {"id": "b1", "lane": "bo", "pos": 6, "title": "Bo answers", "time": "2025-05-01T14:06:00Z"},
    {"id": "a4", "lane": "ana", "pos": 7, "title": "Ana hands over to Bo", "time": "2025-05-01T14:45:00Z"},
    {"id": "b2", "lane": "bo", "pos": 8, "title": "Bo takes it", "time": "2025-05-01T14:46:00Z"}
  ],
  "links": [
    {"id": "k1", "from": "p1", "to": "a1", "label": "page"},
    {"id": "k2", "from": "a2", "to": "g1"},
    {"id": "k3", "from": "a3", "to": "b1", "label": "asks"},
    {"id": "k4", "from": "a4", "to": "b2"}
  ]
}"#;

/// The text of the first label holding `text`, if one is shown.
fn shown(harness: &Harness<'_, WaterlineApp>, text: &str) -> Option<String> {
    harness.query_by_label_contains(text).and_then(|node| {
        let node = node.accesskit_node();
        // A text label carries its text as its value.
        node.label().or_else(|| node.value())
    })
}

#[test]
fn w_shows_whom_each_person_reached_and_who_brought_them_in() {
    let mut harness = app_on(PAGING);
    assert_eq!(shown(&harness, "Who asked whom"), None);
    key(&mut harness, Modifiers::NONE, Key::W);
    assert!(
        shown(&harness, "Who asked whom").is_some(),
        "the panel is open"
    );
    // Ana: brought in by the alert, reached Bo twice and handed over, looked at both
    // systems (the alert she got, the dashboard she opened).
    assert_eq!(
        shown(&harness, "14:02, by").as_deref(),
        Some("14:02, by PagerDuty")
    );
    assert_eq!(
        shown(&harness, "Bo ×2").as_deref(),
        Some("Bo ×2 from 14:05, handed over")
    );
    assert_eq!(
        shown(&harness, "PagerDuty 14:02").as_deref(),
        Some("PagerDuty 14:02\nGrafana 14:03")
    );
    // Bo was reached by Ana, who handed over to him, and brought in by her question.
    assert_eq!(
        shown(&harness, "14:06, by").as_deref(),
        Some("14:06, by Ana")
    );
    assert_eq!(
        shown(&harness, "Ana ×2").as_deref(),
        Some("Ana ×2 from 14:05, handed over")
    );

    // The table follows an edit: without the handover card, Ana reached Bo once.
    key(&mut harness, Modifiers::NONE, Key::Home);
    delete_event(&mut harness, "Ana hands over to Bo");
    assert_eq!(shown(&harness, "Bo ×2"), None);
    assert_eq!(shown(&harness, "Bo 14:05").as_deref(), Some("Bo 14:05"));

    key(&mut harness, Modifiers::NONE, Key::W);
    assert_eq!(shown(&harness, "Who asked whom"), None, "W again closes it");
}
