//! The Themes panel (Shift+G): every theme of the map with how many moments carry it, and
//! per theme its colour, its name to edit in place, Highlight, Merge into another, and
//! Delete; cards dragged from the map onto a theme are coded with it. Each change is one
//! undo step.

use super::colour::{PALETTE, hex, theme_colour};
use crate::model::{CardId, Map, Theme, ThemeId};
use crate::ops::{Edit, themes};
use crate::render::shown_text;
use crate::ui::Intents;
use crate::ui::app::WaterlineApp;
use crate::ui::canvas::DraggedCards;
use crate::ui::mode::{Editing, Mode};
use egui::{Color32, Sense, Ui, vec2};
use std::sync::Arc;

/// The panel while it is open.
#[derive(Clone, Debug, Default)]
pub struct ThemesPanel {
    /// A name being typed, kept while its field has the keyboard; written on Enter or
    /// when the field is left, as one undo step.
    draft: Option<(ThemeId, String)>,
    /// Moments per theme at map revision `counted.0`: counted again only after an edit.
    counted: Option<(u64, Arc<crate::model::FastHashMap<ThemeId, usize>>)>,
}

/// What a click in the panel asks for besides edits.
enum Ask {
    Highlight(ThemeId),
}

impl WaterlineApp {
    pub(in crate::ui) fn toggle_themes_panel(&mut self) {
        if let Some(editing) = self.screen.editing_mut() {
            editing.themes = match editing.themes.take() {
                Some(_) => None,
                None => Some(Box::default()),
            };
        }
    }

    /// Whether the Themes panel is open.
    pub fn themes_panel_is_open(&self) -> bool {
        matches!(
            &self.screen.mode,
            Mode::Editing(Editing {
                themes: Some(_),
                ..
            })
        )
    }

    /// The panel, when open, as a window over the canvas.
    pub(in crate::ui) fn themes_panel_ui(&mut self, ui: &mut Ui, intents: &mut Intents) {
        let Mode::Editing(Editing {
            themes: Some(panel),
            ..
        }) = &mut self.screen.mode
        else {
            return;
        };
        let doc = &self.doc;
        let counts = match &panel.counted {
            Some((at, counts)) if *at == doc.revision() => Arc::clone(counts),
            _ => {
                let counts = Arc::new(themes::counts(doc.map()));
                panel.counted = Some((doc.revision(), Arc::clone(&counts)));
                counts
            }
        };
        let highlighted = self.canvas.highlight.theme().cloned();
        let selected = &self.canvas.selection.cards;
        let mut open = true;
        let mut ask = None;
        egui::Window::new("Themes")
            .id(egui::Id::unique("waterline-themes-panel"))
            .open(&mut open)
            .default_pos(ui.ctx().content_rect().left_top() + vec2(40.0, 80.0))
            .default_width(560.0)
            .show(ui.ctx(), |ui| {
                let map = doc.map();
                if map.themes.is_empty() {
                    ui.label("No themes yet. Select cards and press G to name a pattern you see in them.");
                    return;
                }
                ui.weak("Click a name to rename it. Drag cards from the map onto a theme to code them. Merge puts the other theme on every moment of this one. Split moves the selected cards to a new theme.");
                egui::ScrollArea::vertical().max_height(420.0).show(ui, |ui| {
                    egui::Grid::new("themes-grid")
                        .num_columns(5)
                        .spacing(vec2(8.0, 6.0))
                        .show(ui, |ui| {
                            for index in 0..map.themes.len() {
                                let shown = highlighted.as_ref() == Some(&map.themes[index].id);
                                let count = counts.get(&map.themes[index].id).copied().unwrap_or(0);
                                let row = Row {
                                    map,
                                    index,
                                    count,
                                    highlighted: shown,
                                    selected,
                                };
                                if let Some(asked) = row.show(ui, panel, intents) {
                                    ask = Some(asked);
                                }
                                ui.end_row();
                            }
                        });
                });
            });
        if !open && let Some(editing) = self.screen.editing_mut() {
            editing.themes = None;
        }
        match ask {
            Some(Ask::Highlight(theme)) => self.toggle_highlight(theme),
            None => {}
        }
    }
}

/// One theme's row.
struct Row<'a> {
    map: &'a Map,
    index: usize,
    count: usize,
    highlighted: bool,
    /// The selected cards: those carrying the theme can be split off it.
    selected: &'a [CardId],
}

impl Row<'_> {
    fn show(self, ui: &mut Ui, panel: &mut ThemesPanel, intents: &mut Intents) -> Option<Ask> {
        let Row {
            map,
            index,
            count,
            highlighted,
            selected,
        } = self;
        let theme = &map.themes[index];
        let name = shown_text(&theme.name).into_owned();
        let first = colour_ui(ui, map, index, intents);

        // The name, edited in place.
        let editing = panel.draft.as_ref().filter(|(id, _)| id == &theme.id);
        let mut text = editing.map_or_else(|| theme.name.clone(), |(_, t)| t.clone());
        // Sized, not desired: a grid column would otherwise shrink it to a few letters.
        let field = ui.add_sized([220.0, 20.0], egui::TextEdit::singleline(&mut text));
        ui.ctx().accesskit_node_builder(field.id, |node| {
            node.set_label(format!("Theme name: {name}"));
        });
        if field.has_focus() {
            panel.draft = Some((theme.id.clone(), text));
        } else if field.lost_focus() {
            panel.draft = None;
            if let Some(op) = themes::rename(map, &theme.id, &text) {
                let label = format!("Rename theme '{}' to '{}'", theme.name, text.trim());
                intents.edits.push(Edit::new(label, op));
            }
        }

        ui.label(match count {
            1 => "1 moment".to_owned(),
            n => format!("{n} moments"),
        });

        let mut ask = None;
        let button = ui
            .add(egui::Button::new("Highlight").selected(highlighted))
            .on_hover_text(
                "Its moments stand out on the map, the rest fades; F8 steps through them",
            );
        button.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Highlight: {name}"))
        });
        if button.clicked() {
            ask = Some(Ask::Highlight(theme.id.clone()));
        }

        let last = ui.horizontal(|ui| {
            let mut into = None;
            egui::ComboBox::from_id_salt(("merge-into", &theme.id))
                .selected_text("Merge into…")
                .width(120.0)
                .show_ui(ui, |ui| {
                    for other in map.themes.iter().filter(|t| t.id != theme.id) {
                        if ui
                            .selectable_label(false, shown_text(&other.name).as_ref())
                            .clicked()
                        {
                            into = Some(other);
                        }
                    }
                })
                .response
                .widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::ComboBox,
                        true,
                        format!("Merge {name} into"),
                    )
                });
            if let Some(into) = into
                && let Some(op) = themes::merge(map, &theme.id, &into.id)
            {
                let label = format!("Merge theme '{}' into '{}'", theme.name, into.name);
                intents.edits.push(Edit::new(label, op));
            }
            let delete = ui
                .button("Delete")
                .on_hover_text("Takes it off every moment (Ctrl+Z brings it back)");
            delete.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Delete theme: {name}"))
            });
            if delete.clicked()
                && let Some(op) = themes::delete(map, &theme.id)
            {
                intents
                    .edits
                    .push(Edit::new(format!("Delete theme '{}'", theme.name), op));
            }
            split_ui(ui, map, theme, selected, intents);
        });
        drop_target_ui(ui, map, index, first.union(last.response.rect), intents);
        ask
    }
}

/// Cards dragged from the canvas onto a theme's row: the row lights up while they are
/// over it, and dropping them codes them all with the theme, one undo step.
fn drop_target_ui(ui: &Ui, map: &Map, index: usize, row: egui::Rect, intents: &mut Intents) {
    let theme = &map.themes[index];
    if !egui::DragAndDrop::has_payload_of_type::<DraggedCards>(ui.ctx()) {
        return;
    }
    let over = ui.input(|i| i.pointer.latest_pos()).is_some_and(|at| {
        row.expand(3.0).contains(at) && ui.ctx().layer_id_at(at) == Some(ui.layer_id())
    });
    if !over {
        return;
    }
    let colour = theme_colour(theme, index);
    ui.painter().rect_stroke(
        row.expand(3.0),
        4.0,
        egui::Stroke::new(2.0, colour),
        egui::StrokeKind::Outside,
    );
    if !ui.input(|i| i.pointer.any_released()) {
        return;
    }
    let Some(cards) = egui::DragAndDrop::take_payload::<DraggedCards>(ui.ctx()) else {
        return;
    };
    if let Some(op) = themes::code_cards_with(map, &cards.0, &theme.id) {
        let label = match cards.0.as_slice() {
            [card] => format!("Theme '{}' on '{}'", theme.name, map.card_title(card)),
            many => format!("Theme '{}' on {} cards", theme.name, many.len()),
        };
        intents.edits.push(Edit::new(label, op));
    }
}

/// "Split": the selected cards carrying the theme move to a new theme, named after this
/// one so it can be told apart, to rename in place. Shown only when some do.
fn split_ui(ui: &mut Ui, map: &Map, theme: &Theme, selected: &[CardId], intents: &mut Intents) {
    let carrying = selected
        .iter()
        .filter(|card| themes::themes_of(map, card).contains(&theme.id))
        .count();
    if carrying == 0 {
        return;
    }
    let name = shown_text(&theme.name).into_owned();
    let button = ui
        .button(format!("Split {carrying} off"))
        .on_hover_text("The selected cards carrying this theme get a new theme instead");
    button.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Button,
            true,
            format!("Split selected off: {name}"),
        )
    });
    if !button.clicked() {
        return;
    }
    let new_name = (1..)
        .map(|n| match n {
            1 => format!("{} (split)", theme.name),
            n => format!("{} (split {n})", theme.name),
        })
        .find(|candidate| themes::find_by_name(map, candidate).is_none())
        .unwrap_or_default();
    if let Some(op) = themes::split(map, &theme.id, selected, &new_name) {
        let label = format!("Split {carrying} cards off theme '{}'", theme.name);
        intents.edits.push(Edit::new(label, op));
    }
}

/// The theme's colour as a swatch; a click offers the palette. Returns where the swatch is.
fn colour_ui(ui: &mut Ui, map: &Map, index: usize, intents: &mut Intents) -> egui::Rect {
    let theme = &map.themes[index];
    let colour = theme_colour(theme, index);
    let (rect, swatch) = ui.allocate_exact_size(vec2(18.0, 18.0), Sense::click());
    ui.painter().rect_filled(rect, 4.0, colour);
    let name = shown_text(&theme.name).into_owned();
    swatch.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Colour of {name}"))
    });
    let swatch = swatch.on_hover_text("Change the colour");
    egui::Popup::menu(&swatch).show(|ui| {
        ui.horizontal(|ui| {
            for choice in PALETTE {
                if swatch_button(ui, choice, colour == choice).clicked()
                    && let Some(op) = themes::recolour(map, &theme.id, Some(hex(choice)))
                {
                    intents
                        .edits
                        .push(Edit::new(format!("Recolour theme '{}'", theme.name), op));
                }
            }
        });
    });
    rect
}

fn swatch_button(ui: &mut Ui, colour: Color32, chosen: bool) -> egui::Response {
    let (rect, response) = ui.allocate_exact_size(vec2(20.0, 20.0), Sense::click());
    ui.painter().rect_filled(rect.shrink(2.0), 4.0, colour);
    if chosen || response.hovered() {
        ui.painter().rect_stroke(
            rect,
            4.0,
            egui::Stroke::new(2.0, ui.visuals().strong_text_color()),
            egui::StrokeKind::Inside,
        );
    }
    let hex = hex(colour);
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Colour {hex}"))
    });
    response
}
