//! Chips in the status bar for view toggles left away from their defaults (paths not taken
//! hidden, the overview hidden, annotations listed under cards, times in UTC). They are
//! kept between sessions, so after a restart nothing else on screen would say why paths
//! are missing; clicking a chip turns its toggle back.

use super::Intents;
use super::commands::Command;
use crate::layout::{LayoutSettings, ZoneChoice};
use egui::Ui;

/// Each toggle off its default: the chip's words, what clicking does, and its command.
pub fn deviations(settings: &LayoutSettings) -> Vec<(&'static str, &'static str, Command)> {
    let defaults = LayoutSettings::default();
    let mut chips = Vec::new();
    if settings.show_branches != defaults.show_branches {
        chips.push((
            "Paths not taken hidden ×",
            "Show paths not taken again (Shift+B)",
            Command::ToggleBranches,
        ));
    }
    if settings.annotations_inline != defaults.annotations_inline {
        chips.push((
            "Annotations listed under cards ×",
            "Back to badges only (Shift+A)",
            Command::ToggleInlineAnnotations,
        ));
    }
    if settings.show_minimap != defaults.show_minimap {
        chips.push((
            "Overview hidden ×",
            "Show the map overview again (Shift+M)",
            Command::ToggleMinimap,
        ));
    }
    if settings.zone != defaults.zone && settings.zone == ZoneChoice::Utc {
        chips.push((
            "Times in UTC ×",
            "Show times in the map's own zone again",
            Command::ToggleUtc,
        ));
    }
    chips
}

/// The chips, right to left in the status bar.
pub fn view_chips_ui(ui: &mut Ui, settings: &LayoutSettings, intents: &mut Intents) {
    for (words, hover, command) in deviations(settings) {
        let chip = egui::Button::new(egui::RichText::new(words).color(ui.visuals().warn_fg_color))
            .corner_radius(8.0)
            .small();
        if ui.add(chip).on_hover_text(hover).clicked() {
            intents.commands.push(command);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_show_no_chip_and_each_toggle_shows_one() {
        let mut settings = LayoutSettings::default();
        assert!(deviations(&settings).is_empty());
        settings.show_branches = false;
        settings.show_minimap = false;
        let commands: Vec<_> = deviations(&settings).into_iter().map(|c| c.2).collect();
        assert_eq!(commands, [Command::ToggleBranches, Command::ToggleMinimap]);
    }
}
