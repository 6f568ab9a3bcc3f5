//! Preferences kept in eframe's storage: recent files, theme and view options. Never maps: eframe writes
//! its storage non-atomically, which is fine for preferences and not for a reviewer's work.

use crate::layout::{LayoutSettings, TimeScale, ZoneChoice};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// How many recent files the File menu lists.
const MAX_RECENT: usize = 10;
const STORAGE_KEY: &str = "waterline.prefs";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

impl ThemeChoice {
    pub fn preference(self) -> egui::ThemePreference {
        match self {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
        }
    }
}

/// How the map is shown: kept between sessions, the same for every map.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ViewPrefs {
    pub time_scale: TimeScale,
    pub show_branches: bool,
    pub annotations_inline: bool,
    pub zone: ZoneChoice,
    pub show_minimap: bool,
}

impl Default for ViewPrefs {
    fn default() -> Self {
        ViewPrefs::from_settings(&LayoutSettings::default())
    }
}

impl ViewPrefs {
    pub fn from_settings(settings: &LayoutSettings) -> Self {
        ViewPrefs {
            time_scale: settings.time_scale,
            show_branches: settings.show_branches,
            annotations_inline: settings.annotations_inline,
            zone: settings.zone,
            show_minimap: settings.show_minimap,
        }
    }

    pub fn apply_to(&self, settings: &mut LayoutSettings) {
        settings.time_scale = self.time_scale;
        settings.show_branches = self.show_branches;
        settings.annotations_inline = self.annotations_inline;
        settings.zone = self.zone;
        settings.show_minimap = self.show_minimap;
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub recent: Vec<PathBuf>,
    pub theme: ThemeChoice,
    pub view: ViewPrefs,
    /// The name shown to others in live sessions.
    pub live_name: String,
}

impl Prefs {
    pub fn load(storage: Option<&dyn eframe::Storage>) -> Self {
        storage
            .and_then(|s| eframe::get_value(s, STORAGE_KEY))
            .unwrap_or_default()
    }

    pub fn store(&self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, STORAGE_KEY, self);
    }

    /// Puts a file at the top of the recent list.
    pub fn remember(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }
}
