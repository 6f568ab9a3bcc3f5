//! Paths not taken: options that were visible or weighed at the time, drawn as grey ghost
//! cards branching off the event (or the other option) they grew from.

use super::ids::{BranchId, ThemeId};
use super::{CardId, Extra, LaneId};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One option that was not taken, shown as a ghost card on a lane.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Branch {
    pub id: BranchId,
    /// The event or the other path not taken it branches off.
    pub from: CardId,
    /// The lane the ghost card sits on.
    pub lane: LaneId,
    /// Vertical place in the same sequence as events.
    #[serde(default)]
    pub pos: f64,
    /// The option, as people would have said it then: "roll back the deploy".
    pub label: String,
    /// What made it look better or worse at the time; what was visible.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The themes this path not taken carries (ids of the map's `themes`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<ThemeId>,
    /// Phrases the hindsight lens pointed out in the label or note that the reviewer chose to keep as
    /// written (lower case): the lens stays quiet about them here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kept_words: Vec<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Branch {
    pub fn new(
        id: BranchId,
        from: CardId,
        lane: LaneId,
        pos: f64,
        label: impl Into<String>,
    ) -> Self {
        Branch {
            id,
            from,
            lane,
            pos,
            label: label.into(),
            note: String::new(),
            themes: Vec::new(),
            kept_words: Vec::new(),
            extra: Extra::new(),
        }
    }
}
