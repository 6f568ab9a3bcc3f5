//! Writing a gap's notes back: the notes live in records keyed by the stretch of time they
//! were written for, and a gap may have gathered several records (when two gaps merged).

use super::Op;
use crate::model::{Annotation, GapNotes, Map};
use crate::timeline::Gap;

impl Op {
    /// The map's gap notes with `gap`'s replaced by `notes`: kept in the first record
    /// attached to the gap (so the file changes in one place), the others merged into it;
    /// a gap left without notes keeps no record.
    pub fn set_gap_notes(map: &Map, gap: &Gap, notes: Vec<Annotation>) -> Op {
        let mut records = map.gaps.clone();
        match gap.notes.first() {
            Some(&first) => {
                records[first].notes = notes;
                // Attached records are in ascending order: the later ones go first, so
                // the first one's index stays put.
                for &i in gap.notes[1..].iter().rev() {
                    records.remove(i);
                }
                if records[first].notes.is_empty() {
                    records.remove(first);
                }
            }
            None if notes.is_empty() => {}
            None => {
                let mut record = GapNotes::new(gap.start, gap.end, gap.lane.clone());
                record.notes = notes;
                records.push(record);
            }
        }
        Op::SetGapNotes(records)
    }

    /// Every note currently attached to `gap`, in record order.
    pub fn notes_of_gap(map: &Map, gap: &Gap) -> Vec<Annotation> {
        gap.notes
            .iter()
            .filter_map(|&i| map.gaps.get(i))
            .flat_map(|record| record.notes.iter().cloned())
            .collect()
    }
}
