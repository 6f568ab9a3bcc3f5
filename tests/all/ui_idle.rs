//! A window left alone costs nothing: on a large map, once the app has drawn what changed,
//! it asks for no further frame (no repaint loop), with the pointer resting on the map or
//! away from it. The idle CPU of the real window is measured by `scripts/idle-cpu.sh`.

use crate::common::*;
use egui::{Pos2, ViewportId};
use std::time::Duration;
use waterline::document::Document;

fn asks_for_no_frame(harness: &egui_kittest::Harness<'_, waterline::ui::WaterlineApp>) -> bool {
    harness
        .output()
        .viewport_output
        .get(&ViewportId::ROOT)
        .is_some_and(|viewport| viewport.repaint_delay == Duration::MAX)
}

#[test]
fn a_large_map_left_alone_asks_for_no_frame() {
    let map = waterline::samples::synthetic(10_000, 8);
    let mut harness = app_with(Document::new(map, None));
    // Settling: the first frames lay out and size panels.
    harness.run();
    harness.step();
    assert!(asks_for_no_frame(&harness), "idle with the pointer away");

    // The pointer resting on cards (hover highlights, a tooltip) settles too.
    harness.hover_at(Pos2::new(300.0, 300.0));
    harness.run();
    for _ in 0..120 {
        harness.step();
    }
    harness.step();
    assert!(
        asks_for_no_frame(&harness),
        "idle with the pointer resting on the map"
    );
}
