//! The live session's small window: the link to hand out, who is here (and who presents),
//! following the presenter, and leaving.

use super::session::{LiveSession, describe};
use egui::{Align2, RichText, Ui, vec2};

/// What the panel asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PanelAction {
    Leave,
    CopyLink,
}

pub fn panel_ui(ctx: &egui::Context, live: &mut LiveSession) -> Option<PanelAction> {
    let mut action = None;
    egui::Window::new("Live session")
        // Starts in the bottom right corner; it can be moved or folded away.
        .pivot(Align2::RIGHT_BOTTOM)
        .default_pos(ctx.content_rect().right_bottom() - vec2(12.0, 40.0))
        .resizable(false)
        .collapsible(true)
        .default_width(300.0)
        .show(ctx, |ui| {
            ui.label(describe(&live.status()));
            ui.add_space(4.0);
            ui.label("Others join with the link (File > Join live…):");
            // The room's name is its key: shown cut, so a shared screen does not give it
            // away; Copy link copies all of it.
            ui.label(RichText::new(masked(&live.link)).monospace());
            if ui.button("Copy link").clicked() {
                action = Some(PanelAction::CopyLink);
            }
            ui.separator();
            people_ui(ui, live);
            ui.separator();
            if ui.button("Leave session").clicked() {
                action = Some(PanelAction::Leave);
            }
        });
    action
}

/// The link with the room's name cut after a few characters.
fn masked(link: &str) -> String {
    match link.rsplit_once('/') {
        Some((server, room)) => {
            let shown: String = room.chars().take(6).collect();
            format!("{server}/{shown}…")
        }
        None => "…".to_owned(),
    }
}

fn people_ui(ui: &mut Ui, live: &mut LiveSession) {
    let people = live.people().to_vec();
    ui.label(format!(
        "{} here",
        match people.len() {
            0 => "Only you".to_owned(),
            n => format!("{} people", n + 1),
        }
    ));
    dot_line(ui, live.colour, &format!("{} (you)", live.name), false);
    for person in &people {
        dot_line(ui, person.colour, &person.name, person.presenting);
    }
    let someone_presents = people.iter().any(|p| p.presenting);
    ui.add_enabled_ui(someone_presents, |ui| {
        ui.checkbox(&mut live.follow, "Follow the presenter")
            .on_disabled_hover_text("Nobody is presenting");
    });
}

fn dot_line(ui: &mut Ui, colour: egui::Color32, name: &str, presenting: bool) {
    ui.horizontal(|ui| {
        // A painted dot: the bundled fonts have no bullet glyph.
        let (rect, _) = ui.allocate_exact_size(vec2(10.0, 10.0), egui::Sense::hover());
        ui.painter().circle_filled(rect.center(), 5.0, colour);
        let name = crate::render::shown_text(name);
        if presenting {
            ui.label(format!("{name}, presenting"));
        } else {
            ui.label(name.as_ref());
        }
    });
}
