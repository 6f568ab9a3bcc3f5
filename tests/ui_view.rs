//! View aids: the overview of the whole map in the canvas's corner.

mod common;

use common::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

#[test]
fn the_overview_shows_by_default_moves_the_view_when_clicked_and_can_be_hidden() {
    let mut harness = app_on(waterline::samples::CHECKOUT_OUTAGE);
    let overview = rect_of(&harness, "Map overview");
    let before = harness.state().canvas.camera.pan;
    // The bottom of the overview is the end of the map.
    click_at(
        &mut harness,
        egui::pos2(overview.center().x, overview.max.y - 3.0),
    );
    let after = harness.state().canvas.camera.pan;
    assert!(
        after.y > before.y + 500.0,
        "scrolled down: {before:?} -> {after:?}"
    );

    key(&mut harness, Modifiers::SHIFT, Key::M);
    assert!(harness.query_by_label("Map overview").is_none());
    key(&mut harness, Modifiers::SHIFT, Key::M);
    assert!(harness.query_by_label("Map overview").is_some());
}
