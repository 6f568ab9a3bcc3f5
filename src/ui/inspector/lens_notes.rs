//! The hindsight lens in the inspector: a field's flagged words underlined as they are
//! typed, and under the field what each finding means with its one-click answers. The
//! document's lens is current after every keystroke's edit, so nothing here scans text.

use super::fields::text_field_flagged;
use crate::lens::{LiveLens, MapFinding, Place};
use crate::model::Map;
use crate::ui::Intents;
use crate::ui::lens_view::{finding_ui, lens_colour};
use egui::{Response, Ui};

/// What the inspector needs of the lens: its findings, and the map they are in.
pub(super) struct Found<'a> {
    pub lens: &'a LiveLens,
    pub map: &'a Map,
}

impl<'a> Found<'a> {
    /// The findings in the text at `place`.
    pub fn at(&self, place: &Place) -> Vec<&'a MapFinding> {
        self.lens.at(place).collect()
    }
}

/// A labelled text field with the lens's findings in it underlined and told under it.
pub(super) fn flagged_field(
    ui: &mut Ui,
    found: &Found<'_>,
    place: &Place,
    (label, value, multiline): (&str, &str, bool),
    intents: &mut Intents,
) -> (Option<String>, Response) {
    let findings = found.at(place);
    let field = text_field_flagged(ui, label, value, multiline, &findings);
    findings_under(ui, found.map, &findings, intents);
    field
}

/// Each finding in a framed note under its field.
pub(super) fn findings_under(
    ui: &mut Ui,
    map: &Map,
    findings: &[&MapFinding],
    intents: &mut Intents,
) {
    for finding in findings {
        egui::Frame::group(ui.style())
            .stroke(egui::Stroke::new(1.0, lens_colour(ui).gamma_multiply(0.6)))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                finding_ui(ui, map, finding, intents);
            });
    }
}
