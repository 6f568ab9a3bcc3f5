//! The menu bar, built from the command table so every menu item shows its real shortcut.

use super::commands::{Command, Menu, Switches};
use crate::layout::LayoutSettings;
use crate::render::shown_text;
use egui::{Button, Ui};
use std::path::PathBuf;

/// What the menu bar asked for.
pub enum MenuChoice {
    Run(Command),
    OpenRecent(PathBuf),
}

/// What the menus need to show: undo labels, recent files, the view's switches.
pub struct MenuState<'a> {
    /// What undo and redo would do, in words.
    pub undo_label: Option<&'a str>,
    pub redo_label: Option<&'a str>,
    pub recent: &'a [PathBuf],
    pub settings: &'a LayoutSettings,
    pub theme: super::ThemeChoice,
    pub point_of_view: bool,
    pub lens_panel: bool,
    pub contacts: bool,
    pub iceberg: bool,
    /// The view follows the live session's presenter.
    pub following: bool,
    /// What can run now: the rest is greyed out.
    pub now: super::commands::Availability,
}

pub fn menu_bar_ui(ui: &mut Ui, state: &MenuState<'_>) -> Option<MenuChoice> {
    let MenuState { recent, .. } = *state;
    let mut choice = None;
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            command_items(ui, Menu::File, state, &mut choice);
            ui.separator();
            ui.menu_button("Open recent", |ui| {
                if recent.is_empty() {
                    ui.weak("No recent files");
                }
                for path in recent {
                    if ui.button(path.display().to_string()).clicked() {
                        choice = Some(MenuChoice::OpenRecent(path.clone()));
                    }
                }
            });
        });
        ui.menu_button("Edit", |ui| {
            command_items(ui, Menu::Edit, state, &mut choice)
        });
        ui.menu_button("Annotate", |ui| {
            command_items(ui, Menu::Annotate, state, &mut choice)
        });
        ui.menu_button("View", |ui| {
            command_items(ui, Menu::View, state, &mut choice)
        });
    });
    choice
}

fn command_items(ui: &mut Ui, menu: Menu, state: &MenuState<'_>, choice: &mut Option<MenuChoice>) {
    for &command in Command::ALL.iter().filter(|c| c.menu() == menu) {
        let enabled = command.is_enabled(&state.now);
        let label = match (command, state.undo_label, state.redo_label) {
            (Command::Undo, Some(step), _) => format!("Undo {}", shown_text(step)),
            (Command::Redo, _, Some(step)) => format!("Redo {}", shown_text(step)),
            _ => command.label().to_owned(),
        };
        let switches = Switches {
            settings: state.settings,
            theme: state.theme,
            point_of_view: state.point_of_view,
            lens_panel: state.lens_panel,
            contacts: state.contacts,
            iceberg: state.iceberg,
            following: state.following,
        };
        if let Some(checked) = command.is_checked(&switches) {
            // Switches show their state: a check box, or a radio button for the ruler mode;
            // with their shortcut on the right, weak, as buttons show theirs.
            let shortcut = command.shortcut_text(ui.ctx());
            let atoms = (
                label,
                egui::Atom::grow(),
                egui::RichText::new(shortcut).weak(),
            );
            let clicked = if command.is_choice() {
                ui.radio(checked, atoms).clicked()
            } else {
                ui.checkbox(&mut checked.clone(), atoms).clicked()
            };
            if clicked {
                *choice = Some(MenuChoice::Run(command));
            }
            continue;
        }
        let button = Button::new(label).shortcut_text(command.shortcut_text(ui.ctx()));
        if ui.add_enabled(enabled, button).clicked() {
            *choice = Some(MenuChoice::Run(command));
        }
    }
}
