//! Coding moments with themes in the window: the inspector's theme chips and field, the
//! prompt that themes the selection (G), the Themes panel (rename, recolour, merge,
//! delete) and the highlight that makes one theme's moments stand out on the canvas.

mod chips;
pub mod colour;
mod field;
pub mod highlight;
mod panel;
mod prompt;

pub use chips::{NoteThemeChange, card_themes_ui, cards_themes_ui, note_themes_ui};
pub use highlight::Highlight;
pub use panel::ThemesPanel;
pub use prompt::ThemePrompt;
