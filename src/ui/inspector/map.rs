//! The inspector section when nothing is selected: the map's title and description, the
//! gap threshold, notes whose gap is gone, and how to get started.

use super::fields::{continuing, seal_on_leave, text_field};
use crate::layout::Geometry;
use crate::model::{DEFAULT_GAP_THRESHOLD_SECS, Map};
use crate::ops::{Edit, Op};
use crate::render::shown_text;
use crate::timeline::duration_label;
use crate::ui::Intents;
use egui::Ui;

pub(super) fn map_ui(ui: &mut Ui, map: &Map, geometry: &Geometry, intents: &mut Intents) {
    ui.heading("Map");
    let (title, response) = text_field(ui, "Map title", &map.title, false);
    if let Some(title) = title {
        continuing(
            intents,
            "Rename map".to_owned(),
            Op::SetTitle(title),
            "map:title".to_owned(),
            &response,
        );
    }
    seal_on_leave(intents, &response);
    let (description, response) = text_field(ui, "Map description", &map.description, true);
    if let Some(description) = description {
        continuing(
            intents,
            "Edit map description".to_owned(),
            Op::SetDescription(description),
            "map:description".to_owned(),
            &response,
        );
    }
    seal_on_leave(intents, &response);
    ui.weak(format!(
        "{} lanes · {} events · {} links · {} paths not taken",
        map.lanes.len(),
        map.events.len(),
        map.links.len(),
        map.branches.len()
    ));

    ui.add_space(10.0);
    gap_threshold_ui(ui, map, geometry, intents);
    unplaced_notes_ui(ui, map, geometry, intents);

    ui.add_space(10.0);
    ui.strong("Getting started");
    ui.label("• Double-click a lifeline to add an event there; type its title, Enter to keep.");
    ui.label("• Click a card to select it, Shift-click to add more; Shift-drag on empty canvas to box-select.");
    ui.label("• Drag cards up and down, or into another lane. Drag the round handle on a card's right onto another card to link them, or onto empty space for a path not taken (B).");
    ui.label("• With a card selected, T, F, S, Q and M add what they were thinking, feeling, seeing, a question or a note.");
    ui.label("• Double-click a lane header to rename it; drag it to reorder lanes.");
    ui.label("• Drag empty canvas or scroll to pan; Ctrl+scroll to zoom; Home fits the map.");
    ui.label("• Ctrl+K lists every command.");
}

fn gap_threshold_ui(ui: &mut Ui, map: &Map, geometry: &Geometry, intents: &mut Intents) {
    let mut minutes = map.gap_threshold() / 60;
    ui.horizontal(|ui| {
        let label = ui.label("Gap threshold (minutes)");
        let response = ui
            .add(egui::DragValue::new(&mut minutes).range(1..=24 * 60))
            .labelled_by(label.id);
        if response.changed() {
            let secs = minutes * 60;
            let value = (secs != DEFAULT_GAP_THRESHOLD_SECS).then_some(secs);
            intents.continuing.push((
                Edit::new("Set gap threshold", Op::SetGapThreshold(value)),
                "map:gap-threshold".to_owned(),
            ));
        }
        if response.drag_stopped() || response.lost_focus() {
            intents.seal = true;
        }
    });
    let found = geometry.gap_scan.across_map().count();
    ui.weak(format!(
        "Stretches this long between timed events, or long for this map's usual pace, are gaps. {found} across the map."
    ));
}

/// Notes whose gap no longer exists (an event was added inside it, or times changed):
/// listed so nothing is lost, and back on the map when the gap returns.
fn unplaced_notes_ui(ui: &mut Ui, map: &Map, geometry: &Geometry, intents: &mut Intents) {
    let unplaced = &geometry.gap_scan.unplaced_notes;
    if unplaced.is_empty() {
        return;
    }
    ui.add_space(10.0);
    ui.strong("Notes on gaps that are gone");
    ui.weak("Kept in the file; they come back if the gap does.");
    for &index in unplaced {
        let Some(record) = map.gaps.get(index) else {
            continue;
        };
        let span = format!(
            "{}–{} ({})",
            record.start.clock_label_in(geometry.display_zone),
            record.end.clock_label_in(geometry.display_zone),
            duration_label(record.end.unix_secs() - record.start.unix_secs())
        );
        ui.horizontal(|ui| {
            ui.label(&span);
            if ui.small_button("Delete these notes").clicked() {
                let mut records = map.gaps.clone();
                records.remove(index);
                intents.edits.push(Edit::new(
                    format!("Delete notes of the {span} gap"),
                    Op::SetGapNotes(records),
                ));
            }
        });
        for note in &record.notes {
            ui.label(format!(
                "   {}: {}",
                shown_text(note.kind.label()),
                shown_text(&note.text)
            ));
        }
    }
}
