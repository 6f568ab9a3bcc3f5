//! The window around the map: its title, theme, full screen and whether closing it was
//! confirmed. Each is sent to the window only when it changes.

use super::prefs::ThemeChoice;
use crate::document::Document;
use egui::ViewportCommand;

/// What the window was last told.
#[derive(Default)]
pub struct Chrome {
    shown_title: String,
    /// The theme last set from the preferences; `None` makes the next frame set it again.
    applied_theme: Option<ThemeChoice>,
    fullscreen: bool,
    /// The user chose to close despite unsaved changes: the next close goes through.
    pub close_confirmed: bool,
}

impl Chrome {
    /// Makes the window follow the mode: full screen in the light theme while presenting
    /// (projectors wash out dark themes; D switches from there), and the user's theme
    /// otherwise. Called every frame, so however presenting ends, the window follows.
    pub fn follow(&mut self, ctx: &egui::Context, presenting: bool, theme: ThemeChoice) {
        if self.fullscreen != presenting {
            ctx.send_viewport_cmd(ViewportCommand::Fullscreen(presenting));
            self.fullscreen = presenting;
            if presenting {
                ctx.set_theme(egui::ThemePreference::Light);
            }
            // Presenting sets its own theme: the user's goes back on when it ends.
            self.applied_theme = None;
        }
        if !presenting && self.applied_theme != Some(theme) {
            ctx.set_theme(theme.preference());
            self.applied_theme = Some(theme);
        }
    }

    /// The window title for `doc`, sent when it changed.
    pub fn update_title(&mut self, ctx: &egui::Context, doc: &Document) {
        let title = window_title(doc);
        if title != self.shown_title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
    }
}

/// "<map title> (<file>) - Waterline", with a leading "* " while there are unsaved changes.
pub fn window_title(doc: &Document) -> String {
    let dirty = if doc.has_unsaved_changes() { "* " } else { "" };
    let title = if doc.map().title.trim().is_empty() {
        "Untitled map".into()
    } else {
        crate::render::shown_text(doc.map().title.trim())
    };
    match &doc.path {
        Some(_) => format!("{dirty}{title} ({}) - Waterline", doc.display_name()),
        None => format!("{dirty}{title} - Waterline"),
    }
}
