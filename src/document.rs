//! An open map: the data, where it lives on disk, its undo history, and its layout, cached
//! until the next change. Every edit to a map goes through here.

use crate::layout::{Geometry, LayoutSettings, layout};
use crate::model::Map;
use crate::ops::{Edit, History, OpError};
use std::path::PathBuf;

/// One open map.
pub struct Document {
    map: Map,
    /// Where it is saved; `None` for a new map or the built-in sample.
    pub path: Option<PathBuf>,
    history: History,
    settings: LayoutSettings,
    geometry: Geometry,
}

impl Document {
    pub fn new(map: Map, path: Option<PathBuf>) -> Self {
        Self::with_settings(map, path, LayoutSettings::default())
    }

    pub fn with_settings(map: Map, path: Option<PathBuf>, settings: LayoutSettings) -> Self {
        let geometry = layout(&map, &settings);
        Document {
            map,
            path,
            history: History::default(),
            settings,
            geometry,
        }
    }

    pub fn map(&self) -> &Map {
        &self.map
    }

    pub fn geometry(&self) -> &Geometry {
        &self.geometry
    }

    pub fn settings(&self) -> &LayoutSettings {
        &self.settings
    }

    /// Changes how the map is laid out (ruler mode, what is shown) and lays it out again.
    /// A view change, not an edit: no undo step, the map is untouched.
    pub fn set_settings(&mut self, settings: LayoutSettings) {
        if settings != self.settings {
            self.settings = settings;
            self.changed();
        }
    }

    pub fn history(&self) -> &History {
        &self.history
    }

    /// Applies an edit as one undo step.
    pub fn apply(&mut self, edit: Edit) -> Result<(), OpError> {
        self.history.apply(&mut self.map, edit)?;
        self.changed();
        Ok(())
    }

    /// Applies an edit that continues typing in one field (see [`History::apply_continuing`]).
    pub fn apply_continuing(&mut self, edit: Edit, key: &str) -> Result<(), OpError> {
        self.history.apply_continuing(&mut self.map, edit, key)?;
        self.changed();
        Ok(())
    }

    /// Ends an ongoing field edit.
    pub fn seal(&mut self) {
        self.history.seal();
    }

    pub fn undo(&mut self) -> Option<String> {
        let label = self.history.undo(&mut self.map)?;
        self.changed();
        Some(label)
    }

    pub fn redo(&mut self) -> Option<String> {
        let label = self.history.redo(&mut self.map)?;
        self.changed();
        Some(label)
    }

    pub fn has_unsaved_changes(&self) -> bool {
        self.history.has_unsaved_changes()
    }

    /// Records a successful save to `path`.
    pub fn mark_saved(&mut self, path: PathBuf) {
        self.path = Some(path);
        self.history.mark_saved();
    }

    /// The file name shown in the title bar and dialogs.
    pub fn display_name(&self) -> String {
        match &self.path {
            Some(path) => path.file_name().map_or_else(
                || path.display().to_string(),
                |name| name.to_string_lossy().into_owned(),
            ),
            None => "unsaved map".to_owned(),
        }
    }

    /// Lays the map out again; the canvas reuses this geometry until the next change.
    fn changed(&mut self) {
        self.geometry = layout(&self.map, &self.settings);
    }
}
