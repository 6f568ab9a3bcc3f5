//! The inspector section for a gap: how long, between what, the notes on what people were
//! actually doing, and the questions to ask about it.

use super::InspectorState;
use super::annotations::{Owner, annotations_ui, prompts_ui};
use super::lens_notes::Found;
use crate::lens::Place;
use crate::model::Annotation;
use crate::ops::Op;
use crate::prompts;
use crate::render::shown_text;
use crate::timeline::{Gap, duration_label};
use crate::ui::Intents;
use crate::ui::selection::GapKey;
use chrono::FixedOffset;
use egui::Ui;

pub(super) fn gap_ui(
    ui: &mut Ui,
    found: &Found<'_>,
    gap: &Gap,
    zone: FixedOffset,
    state: &mut InspectorState,
    intents: &mut Intents,
) {
    let map = found.map;
    let length = duration_label(gap.secs());
    ui.heading("Gap");
    let whose = match gap.lane.as_ref().and_then(|id| map.lane(id)) {
        Some(lane) => format!("{} on {}", gap.summary(), shown_text(&lane.name)),
        None => gap.summary(),
    };
    ui.label(whose);
    let title = |id| shown_text(map.event(id).map_or("?", |e| e.title.as_str()));
    ui.weak(format!(
        "From {} (after '{}') to {} (before '{}')",
        gap.start.clock_label_in(zone),
        title(&gap.before),
        gap.end.clock_label_in(zone),
        title(&gap.after)
    ));
    ui.label("What was going on here? Often this is where people were rebuilding their picture of the system: another dashboard, a question to someone, a guess being tested.");

    let notes = Op::notes_of_gap(map, gap);
    let write = |list: Vec<Annotation>| Op::set_gap_notes(map, gap, list);
    let owner = Owner {
        key: gap_owner_key(&GapKey::of(gap)),
        name: format!("the {length} gap"),
        list: &notes,
        write: &write,
        // In the order `notes_of_gap` joins them.
        places: gap
            .notes
            .iter()
            .filter_map(|&index| Some((index, map.gaps.get(index)?)))
            .flat_map(|(gap, record)| {
                (0..record.notes.len()).map(move |note| Place::GapNote { gap, note })
            })
            .collect(),
        found,
    };
    ui.add_space(10.0);
    ui.strong("Notes: what people were actually doing");
    annotations_ui(ui, &owner, state, intents);
    prompts_ui(ui, &owner, prompts::FOR_GAP, intents);
}

/// The draft key of a gap's notes.
pub fn gap_owner_key(gap: &GapKey) -> String {
    let lane = gap.lane.as_ref().map_or("", |l| l.as_str());
    format!("gap:{lane}:{}:{}", gap.before, gap.after)
}
