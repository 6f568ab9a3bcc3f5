//! The theme prompt (G): a small window over the canvas with the theme field, coding every
//! selected card with the theme chosen, as one undo step.

use super::field::ThemeField;
use crate::ops::{Edit, themes};
use crate::ui::Intents;
use crate::ui::app::WaterlineApp;
use crate::ui::mode::{Editing, Mode};
use egui::{Key, Ui};

/// The prompt while it is open.
#[derive(Clone, Debug, Default)]
pub struct ThemePrompt {
    /// The field still has to take the keyboard (the frame the prompt opens).
    focus: bool,
}

impl WaterlineApp {
    /// Opens the prompt for the selected cards, or says what to select.
    pub(in crate::ui) fn open_theme_prompt(&mut self) {
        if self.canvas.selection.cards.is_empty() {
            self.status = "Select one or more cards (Shift-click for several) to give them a theme"
                .to_owned();
            return;
        }
        if let Some(editing) = self.screen.editing_mut() {
            editing.theme_prompt = Some(ThemePrompt { focus: true });
        }
    }

    /// The prompt, when open: the chosen theme goes on every selected card; Escape or
    /// Cancel closes it.
    pub(in crate::ui) fn theme_prompt_ui(&mut self, ui: &mut Ui, intents: &mut Intents) {
        let Mode::Editing(Editing {
            theme_prompt: Some(prompt),
            ..
        }) = &mut self.screen.mode
        else {
            return;
        };
        let cards = &self.canvas.selection.cards;
        let map = self.doc.map();
        let mut close = ui.input(|i| i.key_pressed(Key::Escape)) || cards.is_empty();
        let title = match cards.len() {
            1 => "Theme for 1 card".to_owned(),
            n => format!("Theme for {n} cards"),
        };
        egui::Window::new(title)
            .id(egui::Id::unique("waterline-theme-prompt"))
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 80.0))
            .default_width(320.0)
            .show(ui.ctx(), |ui| {
                let field = ThemeField {
                    label: "Theme",
                    exclude: &[],
                    focus: std::mem::take(&mut prompt.focus),
                };
                if let Some(name) = field.show(ui, map, "prompt") {
                    if let Some(op) = themes::code_cards(map, cards, &name) {
                        let label = match cards.as_slice() {
                            [one] => format!("Theme '{name}' on '{}'", map.card_title(one)),
                            many => format!("Theme '{name}' on {} cards", many.len()),
                        };
                        intents.edits.push(Edit::new(label, op));
                    }
                    close = true;
                }
                ui.horizontal(|ui| {
                    ui.weak("Enter: apply · Esc: cancel");
                    if ui.button("Cancel").clicked() {
                        close = true;
                    }
                });
            });
        if close && let Some(editing) = self.screen.editing_mut() {
            editing.theme_prompt = None;
        }
    }
}
