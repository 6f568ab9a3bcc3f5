//! A field for a theme's name that offers the map's themes as it is typed: the themes whose
//! name holds the typed text are listed under it, those starting with it first. Enter
//! takes the typed name (the map's theme of that name whatever its case, or a new one); a
//! click takes a theme from the list.

use crate::model::{Map, Theme, ThemeId};
use crate::render::shown_text;
use egui::{Id, Key, TextEdit, Ui};

/// How many themes the list offers at most: enough to choose from, short enough to read.
const OFFERED: usize = 8;

/// What the field is for.
pub struct ThemeField<'a> {
    /// Names the field (and keeps its typed text apart from other fields').
    pub label: &'a str,
    /// Themes not worth offering (those the card already carries).
    pub exclude: &'a [ThemeId],
    /// Take the keyboard this frame.
    pub focus: bool,
}

impl ThemeField<'_> {
    /// Shows the field and its list; returns the name chosen this frame.
    pub fn show(
        self,
        ui: &mut Ui,
        map: &Map,
        salt: impl std::hash::Hash + std::fmt::Debug,
    ) -> Option<String> {
        let id = Id::unique(("theme-field", salt));
        let mut text: String = ui.data_mut(|d| d.get_temp(id).unwrap_or_default());
        let label = ui.label(self.label);
        let response = ui
            .add(
                TextEdit::singleline(&mut text)
                    .id(id.with("edit"))
                    .hint_text("a theme, in your words")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if self.focus {
            response.request_focus();
        }
        let entered = response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        let mut chosen = (entered && !text.trim().is_empty()).then(|| text.trim().to_owned());
        if chosen.is_none() && !text.trim().is_empty() {
            chosen = offered_ui(ui, map, &text, self.exclude);
        }
        // The field lets the keyboard go once a theme is chosen, so Ctrl+Z undoes it at once.
        if chosen.is_some() {
            text.clear();
        }
        ui.data_mut(|d| d.insert_temp(id, text));
        chosen
    }
}

/// The map's themes matching `typed`, as buttons; the name of the one clicked.
fn offered_ui(ui: &mut Ui, map: &Map, typed: &str, exclude: &[ThemeId]) -> Option<String> {
    let offered = matching(map, typed, exclude);
    if offered.is_empty() {
        // A theme the card carries already is not offered: say so rather than promise a
        // new one that Enter would not make.
        let known = crate::ops::themes::find_by_name(map, typed).is_some();
        ui.weak(if known {
            "Already here"
        } else {
            "Enter: a new theme"
        });
        return None;
    }
    let mut chosen = None;
    ui.weak("In this map (click, or Enter for what you typed):");
    for theme in offered {
        let name = shown_text(&theme.name);
        let button = egui::Button::new(name.as_ref());
        let response = ui.add(button);
        response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Use theme: {name}"))
        });
        // Pressing a button takes the keyboard from the field, and a field without
        // focus could hide the list before the release: the press is enough.
        if response.clicked() || response.is_pointer_button_down_on() {
            chosen = Some(theme.name.clone());
        }
    }
    chosen
}

/// The themes whose names hold `typed` (ignoring case), those starting with it first,
/// then in map order; at most [`OFFERED`].
pub fn matching<'a>(map: &'a Map, typed: &str, exclude: &[ThemeId]) -> Vec<&'a Theme> {
    let typed = typed.trim().to_lowercase();
    let mut found: Vec<(bool, &Theme)> = map
        .themes
        .iter()
        .filter(|theme| !exclude.contains(&theme.id))
        .filter_map(|theme| {
            let name = theme.name.to_lowercase();
            name.contains(&typed)
                .then(|| (!name.starts_with(&typed), theme))
        })
        .collect();
    // Stable: map order within each group.
    found.sort_by_key(|(later, _)| *later);
    found.into_iter().take(OFFERED).map(|(_, t)| t).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn themes_starting_with_the_typed_text_come_first_and_case_does_not_matter() {
        let mut map = Map::new("t");
        for (id, name) in [
            ("t1", "Late is worse"),
            ("t2", "Trusts the dashboard"),
            ("t3", "Alarm trust"),
        ] {
            map.themes.push(Theme::new(ThemeId::from(id), name));
        }
        let names = |typed, exclude: &[ThemeId]| -> Vec<String> {
            matching(&map, typed, exclude)
                .iter()
                .map(|t| t.name.clone())
                .collect()
        };
        assert_eq!(names("TRUST", &[]), ["Trusts the dashboard", "Alarm trust"]);
        assert_eq!(names("trust", &[ThemeId::from("t2")]), ["Alarm trust"]);
        assert!(names("nothing like it", &[]).is_empty());
    }
}
