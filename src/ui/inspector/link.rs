//! The inspector section for a link: its ends, label and direction.

use super::fields::{continuing, seal_on_leave};
use super::lens_notes::{Found, flagged_field};
use crate::lens::Place;
use crate::model::{Event, Link, LinkEnd};
use crate::ops::{Edit, Op};
use crate::render::shown_text;
use crate::ui::Intents;
use crate::ui::commands::Command;
use egui::Ui;

pub(super) fn link_ui(ui: &mut Ui, found: &Found<'_>, link: &Link, intents: &mut Intents) {
    let map = found.map;
    ui.heading("Link");
    let title = |id| {
        map.event(id)
            .map_or("?", |e: &Event| e.title.as_str())
            .to_owned()
    };
    ui.label(format!("From: {}", shown_text(&title(&link.from))));
    match &link.to {
        LinkEnd::Event(to) => ui.label(format!("To: {}", shown_text(&title(to)))),
        LinkEnd::Lane(lane) => ui.label(format!(
            "To: the lane {} (a message: no card of theirs)",
            shown_text(map.lane(lane).map_or("?", |l| l.name.as_str()))
        )),
    };
    let place = Place::LinkLabel(link.id.clone());
    let field = ("Label", link.label.as_str(), false);
    let (label, response) = flagged_field(ui, found, &place, field, intents);
    if let Some(label) = label {
        let updated = Link {
            label,
            ..link.clone()
        };
        continuing(
            intents,
            "Edit link label".to_owned(),
            Op::UpdateLink(updated),
            format!("link:{}:label", link.id),
            &response,
        );
    }
    seal_on_leave(intents, &response);
    ui.horizontal(|ui| {
        // A message has no card at its end to start from.
        if let LinkEnd::Event(to) = &link.to
            && ui.button("Reverse direction").clicked()
        {
            let reversed = Link {
                from: to.clone(),
                to: LinkEnd::Event(link.from.clone()),
                ..link.clone()
            };
            intents
                .edits
                .push(Edit::new("Reverse link", Op::UpdateLink(reversed)));
        }
        if ui.button("Delete link").clicked() {
            intents.commands.push(Command::Delete);
        }
    });
}
