//! The inspector section when nothing is selected: the map's title and description, the
//! gap threshold, notes whose gap is gone, and how to get started.

use super::fields::{continuing, seal_on_leave};
use super::lens_notes::{Found, flagged_field};
use crate::layout::Geometry;
use crate::lens::Place;
use crate::model::{DEFAULT_GAP_THRESHOLD_SECS, Map};
use crate::ops::{Edit, Op};
use crate::render::shown_text;
use crate::timeline::duration_label;
use crate::ui::Intents;
use egui::Ui;

pub(super) fn map_ui(ui: &mut Ui, found: &Found<'_>, geometry: &Geometry, intents: &mut Intents) {
    let map = found.map;
    ui.heading("Map");
    let field = ("Map title", map.title.as_str(), false);
    let (title, response) = flagged_field(ui, found, &Place::MapTitle, field, intents);
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
    let field = ("Map description", map.description.as_str(), true);
    let (description, response) = flagged_field(ui, found, &Place::MapDescription, field, intents);
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
    let scan = &geometry.gap_scan;
    let applied = u32::try_from(scan.threshold_secs / 60).unwrap_or(u32::MAX);
    let mut minutes = applied.max(1);
    ui.horizontal(|ui| {
        let label = ui.label("Gap threshold (minutes)");
        let response = ui
            .add(egui::DragValue::new(&mut minutes).range(1..=7 * 24 * 60))
            .labelled_by(label.id);
        if response.changed() {
            intents.continuing.push((
                Edit::new("Set gap threshold", Op::SetGapThreshold(Some(minutes * 60))),
                "map:gap-threshold".to_owned(),
            ));
        }
        if response.drag_stopped() || response.lost_focus() {
            intents.seal = true;
        }
    });
    if map.gap_threshold_secs.is_some() {
        if ui
            .button("Follow the incident's length")
            .on_hover_text("Let the threshold grow with the incident: 10 minutes, or an hour for each day it lasted")
            .clicked()
        {
            intents
                .edits
                .push(Edit::new("Automatic gap threshold", Op::SetGapThreshold(None)));
        }
    } else {
        ui.weak(format!(
            "Automatic: {} minutes, or an hour for each day the incident lasted.",
            DEFAULT_GAP_THRESHOLD_SECS / 60
        ));
    }
    let found = scan.across_map().count();
    ui.weak(format!(
        "Stretches this long between timed events, or long for this map's usual pace, are gaps. {found} across the map, longest first:"
    ));
    // Ranked by length: the stretches most worth asking about lead.
    let clock = geometry.clock;
    let mut ranked: Vec<_> = scan.across_map().collect();
    ranked.sort_by_key(|gap| std::cmp::Reverse(gap.secs()));
    for gap in ranked.iter().take(MAX_GAPS_LISTED) {
        ui.label(format!(
            "• {}: {}",
            clock.range(gap.start, gap.end),
            gap.summary()
        ));
    }
    if ranked.len() > MAX_GAPS_LISTED {
        ui.weak(format!(
            "and {} shorter ones",
            ranked.len() - MAX_GAPS_LISTED
        ));
    }
}

/// Gaps listed in the map's inspector; the rest are counted.
const MAX_GAPS_LISTED: usize = 8;

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
