//! The find bar (Ctrl+F): type to find cards by their text; Enter and Shift+Enter (or Next
//! and Previous) step through the matches, each selected and scrolled into view.

use super::app::WaterlineApp;
use super::canvas::ViewRequest;
use super::focus::FocusOnce;
use super::mode::{Editing, Mode};
use super::selection::Selection;
use crate::model::CardId;
use crate::search::find_cards;
use egui::{Key, Modifiers, Panel, TextEdit, Ui};

/// The find bar's state while it is open.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FindState {
    pub query: String,
    /// Which match is shown (0-based), among the current matches.
    pub current: usize,
    focus: FocusOnce,
    /// The matches for `query` at map revision `searched.0`, kept so the bar does not
    /// search every card every frame.
    searched: Option<(u64, String, Vec<CardId>)>,
}

impl FindState {
    /// The cards matching the query, searched again only when the query or map changed.
    fn matches(&mut self, doc: &crate::document::Document) -> Vec<CardId> {
        let fresh = self.searched.as_ref().is_some_and(|(revision, query, _)| {
            *revision == doc.revision() && *query == self.query
        });
        if !fresh {
            let found = find_cards(doc.map(), doc.geometry(), &self.query);
            self.searched = Some((doc.revision(), self.query.clone(), found));
        }
        self.searched
            .as_ref()
            .map(|(_, _, found)| found.clone())
            .unwrap_or_default()
    }

    pub fn opened() -> Self {
        FindState {
            focus: FocusOnce::pending(),
            ..FindState::default()
        }
    }
}

impl WaterlineApp {
    /// Whether the find bar is open.
    pub fn find_is_open(&self) -> bool {
        matches!(
            &self.screen.mode,
            Mode::Editing(Editing { find: Some(_), .. })
        )
    }

    /// Shows the find bar under the menu when it is open.
    pub(super) fn find_bar_ui(&mut self, ui: &mut Ui) {
        let Mode::Editing(Editing {
            find: Some(find), ..
        }) = &mut self.screen.mode
        else {
            return;
        };
        // Counted before the field (for the "2 of 5" beside it) and again after, when the
        // text has just changed.
        let mut matches = find.matches(&self.doc);
        let before = find.query.clone();
        let mut step: Option<isize> = None;
        let mut close = false;
        Panel::top("find-bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                let label = ui.label("Find");
                let id = egui::Id::unique("waterline-find-field");
                let focused = ui.memory(|m| m.has_focus(id));
                let (enter, shift_enter) = if focused {
                    // Shift+Enter first: a plain Enter pattern also matches it.
                    ui.input_mut(|i| {
                        let back = i.consume_key(Modifiers::SHIFT, Key::Enter);
                        (i.consume_key(Modifiers::NONE, Key::Enter), back)
                    })
                } else {
                    (false, false)
                };
                let field = ui
                    .add(
                        TextEdit::singleline(&mut find.query)
                            .id(id)
                            .hint_text("text on a card")
                            .desired_width(260.0),
                    )
                    .labelled_by(label.id);
                find.focus.take(&field);
                if field.changed() {
                    find.current = 0;
                    step = Some(0);
                }
                if enter {
                    step = Some(1);
                }
                if shift_enter {
                    step = Some(-1);
                }
                if (focused || field.lost_focus()) && ui.input(|i| i.key_pressed(Key::Escape)) {
                    close = true;
                }
                let shown = if find.query.trim().is_empty() {
                    String::new()
                } else if matches.is_empty() {
                    "no matches".to_owned()
                } else {
                    format!(
                        "{} of {}",
                        find.current.min(matches.len() - 1) + 1,
                        matches.len()
                    )
                };
                ui.label(shown);
                if ui
                    .add_enabled(!matches.is_empty(), egui::Button::new("Previous"))
                    .clicked()
                {
                    step = Some(-1);
                }
                if ui
                    .add_enabled(!matches.is_empty(), egui::Button::new("Next"))
                    .clicked()
                {
                    step = Some(1);
                }
                if ui.button("Close").clicked() {
                    close = true;
                }
            });
        });
        if find.query != before {
            matches = find.matches(&self.doc);
        }
        if let Some(step) = step
            && !matches.is_empty()
        {
            let count = matches.len() as isize;
            find.current =
                (find.current.min(matches.len() - 1) as isize + step).rem_euclid(count) as usize;
            let card = matches[find.current].clone();
            self.canvas.selection = Selection::only(card.clone());
            self.canvas.request(ViewRequest::Reveal(card));
        }
        if close && let Some(editing) = self.screen.editing_mut() {
            editing.find = None;
        }
    }
}
