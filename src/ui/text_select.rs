//! Selecting a text field's whole text when editing starts, so the first key typed replaces
//! what was there ("Lane 4" + typing "Incident commander" gives "Incident commander")
//! instead of adding to it.

use egui::text_edit::TextEditState;
use egui::text_selection::CCursorRange;
use egui::{Context, Id};

/// Selects all of `text` in the text field `id` (from the next keystroke on).
pub fn select_all(ctx: &Context, id: Id, text: &str) {
    let mut state = TextEditState::load(ctx, id).unwrap_or_default();
    state
        .cursor
        .set_char_range(Some(CCursorRange::select_all_str(text)));
    state.store(ctx, id);
}
