//! A theme's colour: the one the reviewer chose, or one from a small palette by the
//! theme's place in the map's list, so themes tell apart from the start. One palette for
//! the whole app: it lives with the drawing (`render::THEME_PALETTE`), so a chip, the
//! Themes panel and the iceberg show a theme in the same colour.

use egui::Color32;

pub use crate::render::{THEME_PALETTE as PALETTE, colour_of_theme as theme_colour};

/// `#rrggbb` for a colour.
pub fn hex(colour: Color32) -> String {
    format!("#{:02x}{:02x}{:02x}", colour.r(), colour.g(), colour.b())
}
