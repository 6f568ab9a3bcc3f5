//! The inspector section for a lane (name, kind, order, and its cards), or for several
//! selected lanes (their kind, set at once).

use super::fields::{continuing, seal_on_leave, text_field};
use crate::model::{Lane, LaneId, LaneKind, Map};
use crate::ops::{Edit, Op};
use crate::render::shown_text;
use crate::ui::Intents;
use crate::ui::commands::Command;
use egui::{ComboBox, Ui};

pub(super) fn lane_ui(ui: &mut Ui, map: &Map, lane: &Lane, intents: &mut Intents) {
    ui.heading("Lane");
    let (name, response) = text_field(ui, "Name", &lane.name, false);
    if response.gained_focus() {
        // Renaming replaces the old name rather than adding to it.
        crate::ui::text_select::select_all(ui.ctx(), response.id, &lane.name);
    }
    if let Some(name) = name {
        let updated = Lane {
            name,
            ..lane.clone()
        };
        continuing(
            intents,
            format!("Rename lane '{}'", lane.name),
            Op::UpdateLane(updated),
            format!("lane:{}:name", lane.id),
            &response,
        );
    }
    seal_on_leave(intents, &response);

    if let Some(kind) = kind_picker(ui, ("lane-kind", &lane.id), Some(&lane.kind))
        && kind != lane.kind
    {
        intents.edits.push(Edit::new(
            format!("Set kind of lane '{}'", lane.name),
            Op::UpdateLane(Lane {
                kind,
                ..lane.clone()
            }),
        ));
    }

    let count = map.events_on(&lane.id).count();
    ui.weak(format!("{count} events   ·   id {}", lane.id));
    let index = map.lane_index(&lane.id).unwrap_or(0);
    ui.horizontal(|ui| {
        if ui
            .add_enabled(index > 0, egui::Button::new("Move left"))
            .clicked()
        {
            intents.edits.push(Edit::new(
                format!("Move lane '{}'", lane.name),
                Op::MoveLane {
                    id: lane.id.clone(),
                    to_index: index - 1,
                },
            ));
        }
        if ui
            .add_enabled(index + 1 < map.lanes.len(), egui::Button::new("Move right"))
            .clicked()
        {
            intents.edits.push(Edit::new(
                format!("Move lane '{}'", lane.name),
                Op::MoveLane {
                    id: lane.id.clone(),
                    to_index: index + 1,
                },
            ));
        }
    });
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui.button("Add event here").clicked() {
            intents.commands.push(Command::AddEvent);
        }
        if ui.button("Delete lane").clicked() {
            intents.commands.push(Command::Delete);
        }
    });
}

/// Several lanes selected: their kind, set for all of them in one undo step.
pub(super) fn lanes_ui(ui: &mut Ui, map: &Map, ids: &[LaneId], intents: &mut Intents) {
    let lanes: Vec<&Lane> = ids.iter().filter_map(|id| map.lane(id)).collect();
    ui.heading(format!("{} lanes selected", lanes.len()));
    let names: Vec<String> = lanes
        .iter()
        .map(|lane| shown_text(&lane.name).into_owned())
        .collect();
    ui.label(names.join(", "));
    let shared = lanes
        .first()
        .map(|first| &first.kind)
        .filter(|kind| lanes.iter().all(|lane| &lane.kind == *kind));
    if let Some(kind) = kind_picker(ui, "lanes-kind", shared) {
        let ops: Vec<Op> = lanes
            .iter()
            .filter(|lane| lane.kind != kind)
            .map(|lane| {
                Op::UpdateLane(Lane {
                    kind: kind.clone(),
                    ..(*lane).clone()
                })
            })
            .collect();
        if !ops.is_empty() {
            intents.edits.push(Edit::new(
                format!("Set kind of {} lanes to {}", ops.len(), kind.label()),
                Op::Batch(ops),
            ));
        }
    }
    ui.weak("Shift-click a lane's header to add it to the selection or take it out.");
}

/// A "Kind" drop-down showing `current` ("Mixed" when the selected lanes differ); the
/// kind picked this frame, if any.
fn kind_picker(
    ui: &mut Ui,
    salt: impl std::hash::Hash + std::fmt::Debug,
    current: Option<&LaneKind>,
) -> Option<LaneKind> {
    let kind_label = ui.label("Kind");
    let mut chosen = None;
    let shown = current.map_or_else(
        || "Mixed".to_owned(),
        |kind| shown_text(kind.label()).into_owned(),
    );
    ComboBox::from_id_salt(salt)
        .selected_text(shown)
        .show_ui(ui, |ui| {
            for kind in LaneKind::ALL {
                if ui
                    .selectable_label(current == Some(kind), kind.label())
                    .clicked()
                {
                    chosen = Some(kind.clone());
                }
            }
        })
        .response
        .labelled_by(kind_label.id);
    chosen
}
