//! Notes on gaps: what people were doing in a stretch the timeline records nothing for.
//! Gaps themselves are found from timestamps (see `timeline::gaps`); only the notes are
//! stored, keyed by the stretch they were written for, so they follow the gap when cards
//! move and are kept, never dropped, when the gap goes away.

use super::{Annotation, Extra, LaneId, Timestamp};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Stretches at least this long between timestamped events are gaps unless the map says
/// otherwise: ten minutes.
pub const DEFAULT_GAP_THRESHOLD_SECS: u32 = 600;

/// The notes written for one gap.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct GapNotes {
    /// Start of the stretch the notes were written for (the last event before it).
    pub start: Timestamp,
    /// End of the stretch (the first event after it).
    pub end: Timestamp,
    /// The lane for a gap in one lane's timeline; absent for a gap across the whole map.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lane: Option<LaneId>,
    #[serde(default)]
    pub notes: Vec<Annotation>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl GapNotes {
    pub fn new(start: Timestamp, end: Timestamp, lane: Option<LaneId>) -> Self {
        GapNotes {
            start,
            end,
            lane,
            notes: Vec::new(),
            extra: Extra::new(),
        }
    }

    /// Seconds the notes' stretch shares with `start..end`; zero when they do not meet.
    pub fn overlap_secs(&self, start: Timestamp, end: Timestamp) -> i64 {
        let from = self.start.max(start).unix_secs();
        let to = self.end.min(end).unix_secs();
        (to - from).max(0)
    }
}
