//! The window: canvas, inspector, menus and dialogs. UI code reads the document and emits
//! [`Intents`]; the app applies them in one place at the end of the frame.

mod app;
pub mod canvas;
pub mod card_walk;
mod chrome;
mod clipboard;
pub mod commands;
mod contacts_panel;
mod dialogs;
mod disk;
mod export;
mod file_dialogs;
mod files;
mod find;
mod focus;
pub mod iceberg_view;
mod inspector;
mod keyboard;
mod lens_panel;
mod lens_view;
mod live;
mod menus;
pub mod mode;
pub mod point_of_view;
mod prefs;
pub mod present;
mod recovery;
mod run;
pub mod selection;
mod shortcut_guard;
mod startup;
mod text_select;
mod themes;
mod undo_view;
mod view_chips;

pub use app::WaterlineApp;
pub use chrome::window_title;
pub use disk::{RealDisk, Storage};
pub use file_dialogs::{DialogBackend, FileDialogs};
pub use prefs::{Prefs, ThemeChoice};
pub use startup::{Startup, startup};

use crate::ops::Edit;
use commands::Command;

/// What the UI asked for during one frame.
#[derive(Debug, Default)]
pub struct Intents {
    /// Edits that are one undo step each.
    pub edits: Vec<Edit>,
    /// Keystrokes in a field: each joins the open step with the same key.
    pub continuing: Vec<(Edit, String)>,
    /// A field edit ended: the next edit starts a new step.
    pub seal: bool,
    pub commands: Vec<Command>,
}
