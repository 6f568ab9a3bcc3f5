//! Themes in the inspector: a chip for each theme a card, an annotation or a gap note
//! carries (its colour, its name, a button to take it off) and the field that adds one.

use super::colour::theme_colour;
use super::field::ThemeField;
use crate::model::{CardId, Map, ThemeId};
use crate::ops::{Edit, themes};
use crate::render::shown_text;
use crate::ui::Intents;
use egui::{Color32, Ui};

/// The "Themes" row of one card.
pub fn card_themes_ui(ui: &mut Ui, map: &Map, card: &CardId, intents: &mut Intents) {
    ui.add_space(6.0);
    ui.strong("Themes");
    let carried = themes::themes_of(map, card);
    let title = map.card_title(card);
    if let Some(removed) = chips_ui(ui, map, carried) {
        let name = map.theme(&removed).map_or("", |t| t.name.as_str());
        if let Some(op) = themes::uncode_card(map, card, &removed) {
            let label = format!("Take theme '{name}' off '{title}'");
            intents.edits.push(Edit::new(label, op));
        }
    }
    let field = ThemeField {
        label: "Add theme",
        exclude: carried,
        focus: false,
    };
    if let Some(name) = field.show(ui, map, ("card", card))
        && let Some(op) = themes::code_cards(map, std::slice::from_ref(card), &name)
    {
        let label = format!("Theme '{name}' on '{title}'");
        intents.edits.push(Edit::new(label, op));
    }
}

/// The field that adds a theme to every selected card.
pub fn cards_themes_ui(ui: &mut Ui, map: &Map, cards: &[CardId], intents: &mut Intents) {
    ui.add_space(6.0);
    let field = ThemeField {
        label: "Add theme to all",
        exclude: &[],
        focus: false,
    };
    if let Some(name) = field.show(ui, map, "selected-cards")
        && let Some(op) = themes::code_cards(map, cards, &name)
    {
        let label = format!("Theme '{name}' on {} cards", cards.len());
        intents.edits.push(Edit::new(label, op));
    }
}

/// What the reviewer did to a note's themes this frame.
#[derive(Clone, Debug, PartialEq)]
pub enum NoteThemeChange {
    /// Named a theme to add (the map's theme of that name, or a new one).
    Add(String),
    Remove(ThemeId),
}

/// The themes of an annotation or a gap note, under its text: its chips and a small
/// "+ Theme" button that opens the field, so a list of notes stays compact. `what` names
/// the note for screen readers and tests ("annotation 2").
pub fn note_themes_ui(
    ui: &mut Ui,
    map: &Map,
    carried: &[ThemeId],
    salt: impl std::hash::Hash + std::fmt::Debug + Clone,
    what: &str,
) -> Option<NoteThemeChange> {
    let open_id = egui::Id::unique(("note-theme-open", salt.clone()));
    let mut open: bool = ui.data(|d| d.get_temp(open_id).unwrap_or(false));
    let mut change = None;
    ui.horizontal_wrapped(|ui| {
        if let Some(removed) = chips_row(ui, map, carried, Some(what)) {
            change = Some(NoteThemeChange::Remove(removed));
        }
        if !open {
            let name = format!("Add a theme to {what}");
            let button = ui
                .small_button("+ Theme")
                .on_hover_text("Code this note with a theme");
            button.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
            if button.clicked() {
                open = true;
                ui.data_mut(|d| d.insert_temp(open_id.with("focus"), true));
            }
        }
    });
    if open {
        let focus = ui.data_mut(|d| d.remove_temp::<bool>(open_id.with("focus")));
        let label = format!("Theme for {what}");
        let field = ThemeField {
            label: &label,
            exclude: carried,
            focus: focus.unwrap_or(false),
        };
        if let Some(name) = field.show(ui, map, salt) {
            change = Some(NoteThemeChange::Add(name));
            open = false;
        } else if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            open = false;
        }
    }
    ui.data_mut(|d| d.insert_temp(open_id, open));
    change
}

/// A chip per theme; the theme whose remove button was clicked.
fn chips_ui(ui: &mut Ui, map: &Map, carried: &[ThemeId]) -> Option<ThemeId> {
    if carried.is_empty() {
        ui.weak("None yet: name a pattern you see here (G codes several cards at once).");
        return None;
    }
    let mut removed = None;
    ui.horizontal_wrapped(|ui| removed = chips_row(ui, map, carried, None));
    removed
}

/// The chips of `carried`, in the current row; the theme whose remove button was clicked.
/// `note` names the note the chips are on (none: the selected card), for the remove
/// button's name.
fn chips_row(ui: &mut Ui, map: &Map, carried: &[ThemeId], note: Option<&str>) -> Option<ThemeId> {
    let mut removed = None;
    for id in carried {
        let Some(index) = map.themes.index_of(id) else {
            continue;
        };
        let theme = &map.themes[index];
        let colour = theme_colour(theme, index);
        egui::Frame::NONE
            .fill(colour.gamma_multiply(0.25))
            .stroke(egui::Stroke::new(1.0, colour))
            .corner_radius(8.0)
            .inner_margin(egui::Margin::symmetric(6, 2))
            .show(ui, |ui| {
                ui.spacing_mut().item_spacing.x = 4.0;
                let name = shown_text(&theme.name);
                ui.label(name.as_ref());
                let button = egui::Button::new("×")
                    .frame(false)
                    .fill(Color32::TRANSPARENT);
                let response = ui.add(button).on_hover_text(format!(
                    "Take this theme off {}",
                    note.unwrap_or("the card")
                ));
                let label = match note {
                    Some(note) => format!("Remove theme from {note}: {name}"),
                    None => format!("Remove theme: {name}"),
                };
                response
                    .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
                if response.clicked() {
                    removed = Some(id.clone());
                }
            });
    }
    removed
}
