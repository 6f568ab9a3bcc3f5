//! A theme's colour: the one the reviewer chose, or one from a small palette by the
//! theme's place in the map's list, so themes tell apart from the start.

use crate::model::{Theme, parse_colour};
use egui::Color32;

/// Colours that read on light and dark backgrounds and apart from each other.
pub const PALETTE: [Color32; 8] = [
    Color32::from_rgb(0x4e, 0x79, 0xa7),
    Color32::from_rgb(0xf2, 0x8e, 0x2b),
    Color32::from_rgb(0x59, 0xa1, 0x4f),
    Color32::from_rgb(0xe1, 0x57, 0x59),
    Color32::from_rgb(0x76, 0xb7, 0xb2),
    Color32::from_rgb(0xed, 0xc9, 0x48),
    Color32::from_rgb(0xb0, 0x7a, 0xa1),
    Color32::from_rgb(0x9c, 0x75, 0x5f),
];

/// The theme's colour; `index` is its place in the map's themes.
pub fn theme_colour(theme: &Theme, index: usize) -> Color32 {
    theme
        .colour
        .as_deref()
        .and_then(parse_colour)
        .map_or(PALETTE[index % PALETTE.len()], |[r, g, b]| {
            Color32::from_rgb(r, g, b)
        })
}

/// `#rrggbb` for a colour.
pub fn hex(colour: Color32) -> String {
    format!("#{:02x}{:02x}{:02x}", colour.r(), colour.g(), colour.b())
}
