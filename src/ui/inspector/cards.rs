//! The inspector for several selected cards: the fields they share (kind, lane, themes),
//! with "(mixed)" where they differ. Each change applies to all of them as one undo step.

use crate::model::{CardId, EventKind, Map};
use crate::ops::Edit;
use crate::ops::many::{self, Shared};
use crate::render::shown_text;
use crate::ui::Intents;
use crate::ui::commands::Command;
use egui::{ComboBox, Ui};

const MIXED: &str = "(mixed)";

pub(super) fn cards_ui(ui: &mut Ui, map: &Map, cards: &[CardId], intents: &mut Intents) {
    let n = cards.len();
    ui.heading(format!("{n} cards selected"));
    ui.label("Drag any of them to move them together; what you set here applies to all.");
    if ui.button("Delete selected cards").clicked() {
        intents.commands.push(Command::Delete);
    }
    ui.add_space(8.0);
    kind_ui(ui, map, cards, intents);
    lane_ui(ui, map, cards, intents);
    themes_ui(ui, map, cards, intents);
    // Below the rest, so the themes offered as you type never push a field under the
    // pointer.
    crate::ui::themes::cards_themes_ui(ui, map, cards, intents);
}

fn kind_ui(ui: &mut Ui, map: &Map, cards: &[CardId], intents: &mut Intents) {
    let current = match many::shared_kind(map, cards) {
        Shared::Nothing => return, // only paths not taken: they have no kind
        Shared::Mixed => MIXED.to_owned(),
        Shared::All(kind) => kind.as_ref().map_or("(none)", |k| k.label()).to_owned(),
    };
    let label = ui.label("Kind");
    let mut chosen: Option<Option<EventKind>> = None;
    ComboBox::from_id_salt("cards-kind")
        .selected_text(shown_text(&current).into_owned())
        .show_ui(ui, |ui| {
            if ui.selectable_label(false, "(none)").clicked() {
                chosen = Some(None);
            }
            for kind in EventKind::ALL {
                if ui.selectable_label(false, kind.label()).clicked() {
                    chosen = Some(Some(kind.clone()));
                }
            }
        })
        .response
        .labelled_by(label.id);
    if let Some(kind) = chosen {
        let name = kind.as_ref().map_or("none", |k| k.label()).to_owned();
        if let Some(op) = many::set_kind(map, cards, kind) {
            // Paths not taken have no kind: only the events change.
            let events = cards.iter().filter(|card| card.event().is_some()).count();
            let label = format!("Set kind of {events} cards to {name}");
            intents.edits.push(Edit::new(label, op));
        }
    }
}

fn lane_ui(ui: &mut Ui, map: &Map, cards: &[CardId], intents: &mut Intents) {
    let current = match many::shared_lane(map, cards) {
        Shared::All(lane) => map.lane(&lane).map_or(String::new(), |l| l.name.clone()),
        _ => MIXED.to_owned(),
    };
    let label = ui.label("Lane");
    let mut chosen = None;
    ComboBox::from_id_salt("cards-lane")
        .selected_text(shown_text(&current).into_owned())
        .show_ui(ui, |ui| {
            for lane in map.lanes.iter() {
                if ui
                    .selectable_label(false, shown_text(&lane.name).as_ref())
                    .clicked()
                {
                    chosen = Some(lane);
                }
            }
        })
        .response
        .labelled_by(label.id);
    if let Some(lane) = chosen
        && let Some(op) = many::move_to_lane(map, cards, &lane.id)
    {
        let label = format!("Move {} cards to '{}'", cards.len(), lane.name);
        intents.edits.push(Edit::new(label, op));
    }
}

/// The themes any of the cards carry: on all, or on some (how many), each with a button
/// that takes it off all of them.
fn themes_ui(ui: &mut Ui, map: &Map, cards: &[CardId], intents: &mut Intents) {
    ui.add_space(6.0);
    ui.strong("Themes");
    let carried = many::carried_themes(map, cards);
    if carried.is_empty() {
        ui.weak("None of them carries a theme yet.");
    }
    for (id, count) in carried {
        let Some(theme) = map.theme(&id) else {
            continue;
        };
        let name = shown_text(&theme.name).into_owned();
        ui.horizontal(|ui| {
            let on = if count == cards.len() {
                "all".to_owned()
            } else {
                format!("{count} of {}", cards.len())
            };
            ui.label(format!("{name} ({on})"));
            let remove = ui
                .small_button("×")
                .on_hover_text("Take this theme off every selected card");
            remove.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::Button,
                    true,
                    format!("Remove theme from all: {name}"),
                )
            });
            if remove.clicked()
                && let Some(op) = many::uncode_cards(map, cards, &id)
            {
                let label = format!("Take theme '{}' off {count} cards", theme.name);
                intents.edits.push(Edit::new(label, op));
            }
        });
    }
}
