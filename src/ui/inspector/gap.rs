//! The inspector section for a gap: how long, between what, the notes on what people were
//! actually doing, and the questions to ask about it.

use super::InspectorState;
use super::annotations::{Owner, annotations_ui, prompts_ui};
use crate::model::{Annotation, GapNotes, Map};
use crate::ops::Op;
use crate::prompts;
use crate::timeline::{Gap, duration_label};
use crate::ui::Intents;
use crate::ui::selection::GapKey;
use chrono::FixedOffset;
use egui::Ui;

pub(super) fn gap_ui(
    ui: &mut Ui,
    map: &Map,
    gap: &Gap,
    zone: FixedOffset,
    state: &mut InspectorState,
    intents: &mut Intents,
) {
    let length = duration_label(gap.secs());
    ui.heading("Gap");
    let whose = match gap.lane.as_ref().and_then(|id| map.lane(id)) {
        Some(lane) => format!("{length} with nothing recorded on {}", lane.name),
        None => format!("{length} with nothing recorded"),
    };
    ui.label(whose);
    let title = |id| map.event(id).map_or("?", |e| e.title.as_str());
    ui.weak(format!(
        "From {} (after '{}') to {} (before '{}')",
        gap.start.clock_label_in(zone),
        title(&gap.before),
        gap.end.clock_label_in(zone),
        title(&gap.after)
    ));
    ui.label("What was going on here? Often this is where people were rebuilding their picture of the system: another dashboard, a question to someone, a guess being tested.");

    let notes: Vec<Annotation> = gap
        .notes
        .iter()
        .filter_map(|&i| map.gaps.get(i))
        .flat_map(|g| g.notes.iter().cloned())
        .collect();
    let write = |list: Vec<Annotation>| write_notes(map, gap, list);
    let owner = Owner {
        key: gap_owner_key(&GapKey::of(gap)),
        name: format!("the {length} gap"),
        list: &notes,
        write: &write,
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

/// The map's gap notes with this gap's replaced by `list`: kept in the first record that
/// was attached to it (so the file changes in one place), the others merged into it. A
/// gap without notes keeps no record.
fn write_notes(map: &Map, gap: &Gap, list: Vec<Annotation>) -> Op {
    let mut records = map.gaps.clone();
    match gap.notes.first() {
        Some(&first) => {
            records[first].notes = list;
            let mut merged: Vec<usize> = gap.notes[1..].to_vec();
            merged.sort_unstable();
            for i in merged.into_iter().rev() {
                records.remove(i);
            }
            if records[first].notes.is_empty() {
                records.remove(first);
            }
        }
        None => {
            let mut record = GapNotes::new(gap.start, gap.end, gap.lane.clone());
            record.notes = list;
            records.push(record);
        }
    }
    Op::SetGapNotes(records)
}
