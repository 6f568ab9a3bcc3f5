//! Whether an edit to one card leaves the whole layout as it was, so typing in a card's
//! title, changing its kind or noting what someone was thinking does not place every
//! card of a 50,000-event map again. The answer must be exact: it is yes only when every
//! input the layout reads from the card is unchanged (a property test holds it against a
//! fresh layout).

use super::lanes::{same_width_need, width_for_top_row};
use super::{Geometry, LayoutSettings, title_lines, title_width_of};
use crate::model::{Branch, Event};

/// `new` replaces `old` (the same event) on a map laid out as `geometry` with `settings`:
/// whether the new layout would equal `geometry`.
pub fn event_edit_keeps_layout(
    old: &Event,
    new: &Event,
    geometry: &Geometry,
    settings: &LayoutSettings,
) -> bool {
    // Where it goes, what the ruler and the gaps read, and how tall its notes are.
    let same_place = old.id == new.id
        && old.lane == new.lane
        && old.pos == new.pos
        && old.time == new.time
        && old.approximate == new.approximate
        && (!settings.annotations_inline || old.annotations.len() == new.annotations.len());
    if !same_place {
        return false;
    }
    // A card on a hidden lane is not laid out: nothing else of it counts.
    let Some(lane) = geometry.lane(&new.lane) else {
        return true;
    };
    // The lane's width (from the top row and the title) and the card's height.
    width_for_top_row(old) == width_for_top_row(new)
        && (old.title == new.title
            || (same_width_need(&old.title, &new.title, settings)
                && title_lines(&old.title, title_width_of(lane.card_width))
                    == title_lines(&new.title, title_width_of(lane.card_width))))
}

/// Whether `new` is `old` (the same event) moved: nothing but `pos` differs, so the
/// layout after it can reuse the cards' measures ([`super::layout_after_move`]).
pub fn event_only_moved(old: &Event, new: &Event) -> bool {
    // Whole-value comparison, so a field added to events later counts by default.
    *old == Event {
        pos: old.pos,
        ..new.clone()
    }
}

/// Whether `new` is `old` (the same path not taken) moved: nothing but `pos` differs.
pub fn branch_only_moved(old: &Branch, new: &Branch) -> bool {
    *old == Branch {
        pos: old.pos,
        ..new.clone()
    }
}
