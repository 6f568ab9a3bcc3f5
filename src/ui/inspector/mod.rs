//! The inspector panel: edits what is selected (an event, a path not taken, a gap, a lane,
//! a link) or the map itself when nothing is. Each field's typing is one undo step, ended
//! when the field is left.

mod annotations;
mod branch;
mod cards;
mod event;
mod fields;
mod gap;
mod lane;
mod lens_notes;
mod link;
mod map;

pub use annotations::AnnotationDraft;

use super::Intents;
use super::selection::{GapKey, Selection};
use crate::document::Document;
use crate::model::{AnnotationKind, CardId, EventId};
use egui::{Id, Ui};

/// Inspector view state: half-typed values and the annotation being written.
#[derive(Default)]
pub struct InspectorState {
    /// Text typed into fields whose value must parse (time, tags), kept while a field has
    /// focus, and after it when the text does not parse, so typing is never thrown away.
    drafts: std::collections::HashMap<Id, String>,
    /// What the time field reads `+5m` and clock times against, taken when its editing
    /// began: each accepted keystroke moves the card, and the next must not count from
    /// where the last one put it.
    time_context: Option<(EventId, crate::model::EntryContext)>,
    /// A new annotation being typed.
    pub annotation: Option<AnnotationDraft>,
}

impl InspectorState {
    /// Opens a new annotation of `kind` under the owner and puts the cursor in it.
    fn start_annotation(&mut self, owner: String, kind: AnnotationKind) {
        self.annotation = Some(AnnotationDraft {
            owner,
            kind,
            text: String::new(),
            focus: true,
        });
    }

    pub fn start_event_annotation(&mut self, event: &EventId, kind: AnnotationKind) {
        self.start_annotation(event::event_owner_key(event), kind);
    }

    pub fn start_gap_note(&mut self, gap: &GapKey, kind: AnnotationKind) {
        self.start_annotation(gap::gap_owner_key(gap), kind);
    }
}

pub fn inspector_ui(
    ui: &mut Ui,
    doc: &Document,
    selection: &Selection,
    state: &mut InspectorState,
    intents: &mut Intents,
) {
    let map = doc.map();
    let geometry = doc.geometry();
    let found = lens_notes::Found {
        lens: doc.lens(),
        map,
    };
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let gap = selection
                .gap
                .as_ref()
                .and_then(|key| geometry.gap_scan.gaps.iter().find(|gap| key.matches(gap)));
            match selection.single_card() {
                Some(CardId::Event(id)) if let Some(event) = map.event(id) => {
                    event::event_ui(ui, &found, geometry, event, state, intents);
                }
                Some(CardId::Branch(id)) if let Some(branch) = map.branch(id) => {
                    branch::branch_ui(ui, &found, branch, intents);
                }
                _ if selection.cards.len() > 1 => {
                    cards::cards_ui(ui, map, &selection.cards, intents);
                }
                _ => {
                    if let Some(gap) = gap {
                        gap::gap_ui(ui, &found, gap, geometry.display_zone, state, intents);
                    } else if selection.lanes.len() > 1 {
                        lane::lanes_ui(ui, map, &selection.lanes, intents);
                    } else if let Some(lane) = selection.single_lane().and_then(|id| map.lane(id)) {
                        lane::lane_ui(ui, map, lane, intents);
                    } else if let Some(link) = selection.link.as_ref().and_then(|id| map.link(id)) {
                        link::link_ui(ui, &found, link, intents);
                    } else {
                        map::map_ui(ui, &found, geometry, intents);
                    }
                }
            }
        });
}
