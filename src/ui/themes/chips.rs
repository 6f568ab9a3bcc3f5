//! A card's themes in the inspector: a chip for each (its colour, its name, a button to
//! take it off) and the field that adds one.

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

/// A chip per theme; the theme whose remove button was clicked.
fn chips_ui(ui: &mut Ui, map: &Map, carried: &[ThemeId]) -> Option<ThemeId> {
    if carried.is_empty() {
        ui.weak("None yet: name a pattern you see here (G codes several cards at once).");
        return None;
    }
    let mut removed = None;
    ui.horizontal_wrapped(|ui| {
        for id in carried {
            let Some((index, theme)) = map.themes.iter().enumerate().find(|(_, t)| &t.id == id)
            else {
                continue;
            };
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
                    let response = ui.add(button).on_hover_text("Take this theme off the card");
                    response.widget_info(|| {
                        egui::WidgetInfo::labeled(
                            egui::Role::Button,
                            true,
                            format!("Remove theme: {name}"),
                        )
                    });
                    if response.clicked() {
                        removed = Some(id.clone());
                    }
                });
        }
    });
    removed
}
