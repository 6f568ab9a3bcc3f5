//! The inspector section for a path not taken: the option, the note on why it looked
//! better or worse then, and where it branches off.

use super::fields::{continuing, seal_on_leave};
use super::lens_notes::{Found, flagged_field};
use crate::lens::Place;
use crate::model::Branch;
use crate::ops::Op;
use crate::ui::Intents;
use crate::ui::commands::Command;
use egui::Ui;

pub(super) fn branch_ui(ui: &mut Ui, found: &Found<'_>, branch: &Branch, intents: &mut Intents) {
    let map = found.map;
    ui.heading("Path not taken");
    ui.weak("An option that was visible or weighed at the time. Drawn grey and dashed, never as what happened.");
    ui.add_space(4.0);
    let place = Place::BranchLabel(branch.id.clone());
    let field = ("Option", branch.label.as_str(), false);
    let (label, response) = flagged_field(ui, found, &place, field, intents);
    if let Some(label) = label {
        continuing(
            intents,
            format!("Edit path not taken '{}'", branch.label),
            Op::UpdateBranch(Branch {
                label,
                ..branch.clone()
            }),
            format!("branch:{}:label", branch.id),
            &response,
        );
    }
    seal_on_leave(intents, &response);

    let place = Place::BranchNote(branch.id.clone());
    let field = (
        "What made it look better or worse then",
        branch.note.as_str(),
        true,
    );
    let (note, response) = flagged_field(ui, found, &place, field, intents);
    if let Some(note) = note {
        continuing(
            intents,
            format!("Edit note on '{}'", branch.label),
            Op::UpdateBranch(Branch {
                note,
                ..branch.clone()
            }),
            format!("branch:{}:note", branch.id),
            &response,
        );
    }
    seal_on_leave(intents, &response);

    let card = crate::model::CardId::Branch(branch.id.clone());
    crate::ui::themes::card_themes_ui(ui, map, &card, intents);

    ui.add_space(6.0);
    let from = crate::render::shown_text(map.card_title(&branch.from));
    let lane = map.lane(&branch.lane).map_or("?", |l| l.name.as_str());
    let lane = crate::render::shown_text(lane);
    ui.weak(format!(
        "Branches off: {from}   ·   on lane: {lane}   ·   id {}",
        crate::render::shown_text(&branch.id.0)
    ));
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui.button("Add a path from this one").clicked() {
            intents.commands.push(Command::AddBranch);
        }
        if ui.button("Delete path not taken").clicked() {
            intents.commands.push(Command::Delete);
        }
    });
}
