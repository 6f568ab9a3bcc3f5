//! The inspector section for a lane: name, kind, order, and its cards.

use super::fields::{continuing, seal_on_leave, text_field};
use crate::model::{Lane, LaneKind, Map};
use crate::ops::{Edit, Op};
use crate::render::shown_text;
use crate::ui::Intents;
use crate::ui::commands::Command;
use egui::{ComboBox, Ui};

pub(super) fn lane_ui(ui: &mut Ui, map: &Map, lane: &Lane, intents: &mut Intents) {
    ui.heading("Lane");
    let (name, response) = text_field(ui, "Name", &lane.name, false);
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

    let kind_label = ui.label("Kind");
    let mut chosen = None;
    ComboBox::from_id_salt(("lane-kind", &lane.id))
        .selected_text(shown_text(lane.kind.label()))
        .show_ui(ui, |ui| {
            for kind in LaneKind::ALL {
                if ui
                    .selectable_label(&lane.kind == kind, kind.label())
                    .clicked()
                {
                    chosen = Some(kind.clone());
                }
            }
        })
        .response
        .labelled_by(kind_label.id);
    if let Some(kind) = chosen
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
