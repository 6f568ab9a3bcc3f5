//! The hindsight lens panel (Shift+L): every phrase to revisit in map order, the current
//! one told in full with its answers, and a walk through them (F7 and Shift+F7, or Next
//! and Previous), each selected and scrolled into view like a spell checker's.

use super::Intents;
use super::app::WaterlineApp;
use super::canvas::ViewRequest;
use super::lens_view::{finding_ui, lens_colour};
use super::mode::{Editing, Mode};
use super::selection::{GapKey, Selection};
use crate::document::Document;
use crate::lens::{MapFinding, Place};
use crate::model::Map;
use egui::{Panel, RichText, Ui};

/// The panel's state while it is open.
#[derive(Clone, Debug, Default)]
pub struct LensPanel {
    /// Which finding is shown in full (0-based), among the current ones.
    pub current: usize,
    /// The findings in map order at map revision `listed.0`: put in order again only
    /// after an edit.
    listed: Option<(u64, Vec<MapFinding>)>,
}

impl LensPanel {
    /// The current finding's place in the list, and the findings in map order, as of the
    /// document's current revision.
    pub fn findings(&mut self, doc: &Document) -> (usize, &[MapFinding]) {
        if self
            .listed
            .as_ref()
            .is_none_or(|(at, _)| *at != doc.revision())
        {
            let found = doc.lens().in_map_order(doc.map());
            self.current = self.current.min(found.len().saturating_sub(1));
            self.listed = Some((doc.revision(), found));
        }
        let found = self.listed.as_ref().map_or(&[][..], |(_, found)| found);
        (self.current, found)
    }
}

impl WaterlineApp {
    /// Opens or closes the lens panel.
    pub(super) fn toggle_lens_panel(&mut self) {
        if let Some(editing) = self.screen.editing_mut() {
            editing.lens = match editing.lens.take() {
                Some(_) => None,
                None => Some(LensPanel::default()),
            };
        }
    }

    /// Whether the lens panel is open.
    pub fn lens_panel_is_open(&self) -> bool {
        matches!(
            &self.screen.mode,
            Mode::Editing(Editing { lens: Some(_), .. })
        )
    }

    /// Goes to the next (`step` 1) or previous (-1) finding, opening the panel on the
    /// first when it was closed, and shows it: its card or link selected and in view.
    pub(super) fn walk_findings(&mut self, step: isize) {
        let Some(editing) = self.screen.editing_mut() else {
            return;
        };
        let opening = editing.lens.is_none();
        let panel = editing.lens.get_or_insert_with(LensPanel::default);
        let (current, found) = panel.findings(&self.doc);
        if found.is_empty() {
            self.status = "The lens finds nothing to revisit".to_owned();
            return;
        }
        let count = found.len() as isize;
        let current = match (opening, step < 0) {
            // Opening, F7 starts at the first phrase and Shift+F7 at the last.
            (true, false) => 0,
            (true, true) => found.len() - 1,
            (false, _) => (current as isize + step).rem_euclid(count) as usize,
        };
        let finding = found[current].clone();
        panel.current = current;
        self.show_finding(&finding);
    }

    /// Selects what holds the finding's text and brings it into view.
    fn show_finding(&mut self, finding: &MapFinding) {
        let map = self.doc.map();
        self.canvas.selection = match (&finding.place, finding.place.card()) {
            (_, Some(card)) => {
                self.canvas.request(ViewRequest::Reveal(card.clone()));
                Selection::only(card)
            }
            (Place::LinkLabel(id), _) => Selection {
                link: Some(id.clone()),
                ..Selection::default()
            },
            (Place::GapNote { gap, .. }, _) => Selection {
                gap: gap_showing(&self.doc, *gap),
                ..Selection::default()
            },
            // The map's own texts are in the inspector when nothing is selected.
            _ => Selection::default(),
        };
        self.status = format!(
            "“{}” in {}",
            crate::render::shown_text(&finding.phrase),
            where_in_words(map, &finding.place)
        );
    }

    /// The lens panel at the left of the canvas, when open.
    pub(super) fn lens_panel_ui(&mut self, ui: &mut Ui, intents: &mut Intents) {
        let Mode::Editing(Editing {
            lens: Some(panel), ..
        }) = &mut self.screen.mode
        else {
            return;
        };
        let mut walk: Option<isize> = None;
        let mut pick: Option<usize> = None;
        let mut close = false;
        let doc = &self.doc;
        Panel::left("lens-panel")
            .default_size(320.0)
            .min_size(240.0)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.heading("Hindsight lens");
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        if ui.button("Close").clicked() {
                            close = true;
                        }
                    });
                });
                let (current, found) = panel.findings(doc);
                if found.is_empty() {
                    ui.label("Nothing to revisit: no counterfactual, normative or closing language in this map.");
                    return;
                }
                ui.horizontal(|ui| {
                    if ui.button("Previous").on_hover_text("Shift+F7").clicked() {
                        walk = Some(-1);
                    }
                    if ui.button("Next").on_hover_text("F7").clicked() {
                        walk = Some(1);
                    }
                    ui.label(format!("{} of {} to revisit", current + 1, found.len()));
                });
                ui.separator();
                egui::Frame::group(ui.style())
                    .stroke(egui::Stroke::new(1.0, lens_colour(ui)))
                    .show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        ui.weak(where_in_words(doc.map(), &found[current].place));
                        finding_ui(ui, doc.map(), &found[current], intents);
                    });
                ui.separator();
                // Only the rows in view are laid out: a map can hold thousands of phrases.
                let row_height = 2.0 * ui.text_style_height(&egui::TextStyle::Small) + 4.0;
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show_rows(ui, row_height, found.len(), |ui, rows| {
                        for index in rows {
                            let finding = &found[index];
                            let text = format!(
                                "“{}” · {}",
                                crate::render::shown_text(&finding.phrase),
                                where_in_words(doc.map(), &finding.place)
                            );
                            let row = ui.add_sized(
                                [ui.available_width(), row_height],
                                egui::Button::selectable(
                                    index == current,
                                    RichText::new(text).small(),
                                )
                                .wrap_mode(egui::TextWrapMode::Truncate),
                            );
                            if row.clicked() {
                                pick = Some(index);
                            }
                        }
                    });
            });
        if close {
            if let Some(editing) = self.screen.editing_mut() {
                editing.lens = None;
            }
            return;
        }
        if let Some(index) = pick {
            panel.current = index;
            let picked = panel.findings(&self.doc).1.get(index).cloned();
            if let Some(finding) = picked {
                self.show_finding(&finding);
            }
        }
        if let Some(step) = walk {
            self.walk_findings(step);
        }
    }
}

/// The gap being shown whose notes are at `index` in the map's gap notes, for selecting it.
fn gap_showing(doc: &Document, index: usize) -> Option<GapKey> {
    doc.geometry()
        .gap_scan
        .gaps
        .iter()
        .find(|gap| gap.notes.contains(&index))
        .map(GapKey::of)
}

/// Where a text is, for people, safe to show (see [`Place::describe`]).
pub fn where_in_words(map: &Map, place: &Place) -> String {
    crate::render::shown_text(&place.describe(map)).into_owned()
}
