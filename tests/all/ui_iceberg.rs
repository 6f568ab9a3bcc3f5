//! The iceberg view: I shows the map's themes above and below the waterline; dragging a
//! theme down places it below (one undo step); a theme lists its moments, and a moment
//! leads back to its card on the map.

use crate::common::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT, Queryable};
use waterline::model::{CardId, ThemeId};

/// Two themes: one above the waterline carried by two cards and an annotation, one not
/// placed yet.
const THEMED: &str = r#"{
  "format": "waterline-map", "version": 5, "title": "Themed",
  "lanes": [
    {"id": "ana", "name": "Ana", "kind": "person"},
    {"id": "db", "name": "Database", "kind": "system"}
  ],
  "events": [
    {"id": "a1", "lane": "ana", "pos": 1, "title": "Ana sees the alert", "themes": ["t1"]},
    {"id": "d1", "lane": "db", "pos": 2, "title": "Replication stops"},
    {"id": "a2", "lane": "ana", "pos": 3, "title": "Ana wipes the wrong host", "themes": ["t1"],
     "annotations": [{"kind": "thinking", "text": "this is the secondary", "themes": ["t2"]}]}
  ],
  "links": [],
  "themes": [
    {"id": "t1", "name": "Two terminals look the same", "depth": -0.5},
    {"id": "t2", "name": "Working late alone is normal"}
  ]
}"#;

fn depth(
    harness: &egui_kittest::Harness<'_, waterline::ui::WaterlineApp>,
    id: &str,
) -> Option<f64> {
    map(harness).theme(&ThemeId::from(id)).and_then(|t| t.depth)
}

#[test]
fn dragging_a_theme_down_places_it_below_the_waterline_and_undo_puts_it_back() {
    let mut harness = app_on(THEMED);
    assert!(harness.query_by_label("Iceberg").is_none());
    key(&mut harness, Modifiers::NONE, Key::I);
    let canvas = rect_of(&harness, "Iceberg");
    let theme = rect_of(&harness, "Theme: Two terminals look the same (2 moments)");
    assert!(
        theme.center().y < canvas.center().y,
        "placed above: high up"
    );
    // Down to near the bottom of the picture: deep below the waterline.
    let to = egui::pos2(theme.center().x, canvas.bottom() - 40.0);
    drag(&mut harness, theme.center(), to, Modifiers::NONE);
    let placed = depth(&harness, "t1").expect("still placed");
    assert!(placed > 0.0, "below the waterline now: {placed}");
    // Redrawn below the waterline.
    let moved = rect_of(&harness, "Theme: Two terminals look the same (2 moments)");
    assert!(moved.center().y > theme.center().y);

    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        depth(&harness, "t1"),
        Some(-0.5),
        "one undo step for the drag"
    );

    // A theme not placed yet comes off the shelf onto the iceberg.
    let shelf = rect_of(&harness, "Theme: Working late alone is normal (1 moment)");
    let to = egui::pos2(canvas.center().x, canvas.bottom() - 60.0);
    drag(&mut harness, shelf.center(), to, Modifiers::NONE);
    assert!(depth(&harness, "t2").is_some_and(|d| d > 0.0));

    key(&mut harness, Modifiers::NONE, Key::I);
    assert!(
        harness.query_by_label("Iceberg").is_none(),
        "I again: the map"
    );
}

#[test]
fn a_theme_lists_its_moments_and_a_moment_leads_to_its_card_on_the_map() {
    let mut harness = app_on(THEMED);
    key(&mut harness, Modifiers::NONE, Key::I);
    click_label(
        &mut harness,
        "Theme: Two terminals look the same (2 moments)",
    );
    // In story order, with time, lane and title.
    let rows: Vec<String> = harness
        .query_all_by_label_contains("Ana · Ana")
        .map(|node| node.accesskit_node().label().unwrap_or_default())
        .collect();
    assert_eq!(
        rows,
        // No clock time on these cards: no placeholder for one.
        ["Ana · Ana sees the alert", "Ana · Ana wipes the wrong host"]
    );
    click_label(&mut harness, "Ana · Ana wipes the wrong host");
    assert!(
        harness.query_by_label("Iceberg").is_none(),
        "back on the map"
    );
    assert_eq!(
        harness.state().canvas.selection.cards,
        [CardId::Event("a2".into())]
    );
    harness.get_by_label("Event: Ana wipes the wrong host");
}

#[test]
fn the_iceberg_exports_from_the_app_as_a_png() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_on(THEMED);
    key(&mut harness, Modifiers::COMMAND, Key::K);
    type_text(&mut harness, "export the iceberg");
    key(&mut harness, Modifiers::NONE, Key::Enter);
    harness.get_by_label("File path").focus();
    let path = dir.path().join("berg.png");
    type_text(&mut harness, path.to_str().unwrap());
    key(&mut harness, Modifiers::NONE, Key::Enter);
    harness.state_mut().wait_for_export();
    harness.run();
    let image = image::open(&path).expect("the PNG was written").to_rgba8();
    assert!(
        image.width() > 2000,
        "twice the picture's size: {}",
        image.width()
    );
    let status = &harness.state().status;
    assert!(
        status.contains("the iceberg") && status.contains("berg.png"),
        "{status}"
    );
}

#[test]
fn a_command_on_the_cards_shows_the_map_first() {
    let mut harness = app_on(THEMED);
    click_label(&mut harness, "Event: Ana sees the alert");
    key(&mut harness, Modifiers::NONE, Key::I);
    assert!(harness.query_by_label("Iceberg").is_some());
    // Undo stays on the iceberg; adding an event goes back to the map, where its editor is.
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(harness.query_by_label("Iceberg").is_some());
    key(&mut harness, Modifiers::NONE, Key::N);
    assert!(
        harness.query_by_label("Iceberg").is_none(),
        "the map, to type the new event"
    );
}

/// The debrief can end below the waterline: after the walk's last step comes the iceberg,
/// and Left goes back to the walk.
#[test]
fn presenting_ends_on_the_iceberg_after_the_last_step() {
    let mut harness = app_on(THEMED);
    key(&mut harness, Modifiers::NONE, Key::F5);
    key(&mut harness, Modifiers::NONE, Key::End);
    assert!(harness.query_by_label("Iceberg").is_none(), "still the map");
    key(&mut harness, Modifiers::NONE, Key::ArrowRight);
    assert!(
        harness.query_by_label("Iceberg").is_some(),
        "the iceberg after the last step"
    );
    assert!(
        harness
            .query_by_label_contains("Two terminals look the same")
            .is_some()
    );
    key(&mut harness, Modifiers::NONE, Key::ArrowLeft);
    assert!(
        harness.query_by_label("Iceberg").is_none(),
        "back to the walk"
    );
    assert!(harness.state().is_presenting());
}
