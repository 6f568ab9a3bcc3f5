//! Modal dialogs: unsaved changes, errors, confirmations, the typed-path fallback and the
//! command palette. Each returns what the user chose; the app acts on it.

use super::commands::Command;
use super::file_dialogs::DialogPurpose;
use crate::model::LaneId;
use crate::render::shown_text;
use egui::{Id, Key, Modal, Role, TextEdit, Ui, WidgetInfo};
use std::path::PathBuf;

/// Something that must wait until unsaved changes are dealt with.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    NewMap,
    /// Open a file: a given one, or ask for one.
    Open(Option<PathBuf>),
    /// Import a timeline into a new map: a given file, or ask for one.
    Import(Option<PathBuf>),
    CloseWindow,
    /// Join a live room (its map replaces the open one).
    JoinLive {
        link: String,
        name: String,
    },
}

impl Pending {
    fn verb(&self) -> &'static str {
        match self {
            Pending::NewMap => "starting a new map",
            Pending::Open(_) => "opening another map",
            Pending::Import(_) => "importing a timeline",
            Pending::CloseWindow => "closing",
            Pending::JoinLive { .. } => "joining the live session",
        }
    }
}

/// The dialog on screen, if any.
#[derive(Clone, Debug, PartialEq)]
pub enum Dialog {
    UnsavedChanges {
        then: Pending,
        name: String,
    },
    Error {
        title: String,
        message: String,
    },
    ConfirmDeleteLane {
        lane: LaneId,
        name: String,
        events: usize,
    },
    TypePath {
        purpose: DialogPurpose,
        text: String,
    },
    Palette {
        filter: String,
        focus: super::focus::FocusOnce,
    },
    /// A typed path for Save as or an export names a file that exists.
    ConfirmReplace {
        purpose: DialogPurpose,
        path: PathBuf,
    },
    /// The file was changed by someone else since it was opened or saved.
    ChangedOnDisk {
        path: PathBuf,
    },
    /// Work from an earlier run that was never saved.
    Recover {
        what: String,
        when: String,
    },
    /// PNG options before choosing where to write it.
    ExportPng {
        /// The scale at full size.
        scale: f32,
        dark: bool,
        /// Every point at `scale`, rather than sized for documents.
        full_size: bool,
        /// The page's size in points, to say the image's size in pixels.
        page: egui::Vec2,
    },
    /// What an import did, and the rows it had trouble with.
    ImportReport {
        summary: String,
        lines: Vec<String>,
    },
    /// Where to share the map live, and under which name.
    ShareLive(super::live::dialog::ShareForm),
    /// The link of a live room to join.
    JoinLive(super::live::dialog::JoinForm),
}

/// What the user answered.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    Save(Pending),
    Discard(Pending),
    DeleteLane(LaneId),
    Path(DialogPurpose, PathBuf),
    /// Write to this existing file: the user said to replace it.
    Replace(DialogPurpose, PathBuf),
    Run(Command),
    /// Write over the file changed on disk.
    Overwrite(PathBuf),
    /// Keep the changed file and save this map under another name.
    SaveElsewhere,
    /// Load the file as it is on disk, dropping the open edits.
    Reload(PathBuf),
    /// Open the recovered map.
    Restore,
    /// Delete the recovered map for good.
    DiscardRecovered,
    /// Ask again next time.
    RecoverLater,
    /// Ask where to write this export.
    Export(super::file_dialogs::ExportKind),
    /// Start a live session this way, under this name.
    StartLive(super::live::session::Start, String),
    /// Closed without choosing (Cancel, Escape, OK on an error).
    Dismissed,
}

/// Shows the dialog; `None` while it stays open.
pub fn dialog_ui(
    ctx: &egui::Context,
    dialog: &mut Dialog,
    now: &super::commands::Availability,
    switches: &super::commands::Switches<'_>,
) -> Option<Answer> {
    let mut answer = None;
    let response = Modal::new(Id::unique("waterline-dialog")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        answer = match dialog {
            Dialog::UnsavedChanges { then, name } => unsaved_ui(ui, then, name),
            Dialog::Error { title, message } => error_ui(ui, title, message),
            Dialog::ConfirmDeleteLane { lane, name, events } => {
                delete_lane_ui(ui, lane, name, *events)
            }
            Dialog::TypePath { purpose, text } => type_path_ui(ui, *purpose, text),
            Dialog::Palette { filter, focus } => palette_ui(ui, filter, focus, now, switches),
            Dialog::ConfirmReplace { purpose, path } => confirm_replace_ui(ui, *purpose, path),
            Dialog::ChangedOnDisk { path } => changed_on_disk_ui(ui, path),
            Dialog::Recover { what, when } => recover_ui(ui, what, when),
            Dialog::ImportReport { summary, lines } => import_report_ui(ui, summary, lines),
            Dialog::ExportPng {
                scale,
                dark,
                full_size,
                page,
            } => export_png_ui(ui, scale, dark, full_size, *page),
            Dialog::ShareLive(form) => super::live::dialog::share_ui(ui, form),
            Dialog::JoinLive(form) => super::live::dialog::join_ui(ui, form),
        };
    });
    if answer.is_none() && response.should_close() {
        answer = Some(Answer::Dismissed);
    }
    answer
}

fn unsaved_ui(ui: &mut Ui, then: &Pending, name: &str) -> Option<Answer> {
    ui.heading("Unsaved changes");
    ui.label(format!(
        "{name} has changes that are not saved. Save them before {}?",
        then.verb()
    ));
    ui.add_space(8.0);
    let mut answer = None;
    ui.horizontal(|ui| {
        if ui.button("Save").clicked() {
            answer = Some(Answer::Save(then.clone()));
        }
        if ui.button("Discard changes").clicked() {
            answer = Some(Answer::Discard(then.clone()));
        }
        if ui.button("Cancel").clicked() {
            answer = Some(Answer::Dismissed);
        }
    });
    answer
}

fn error_ui(ui: &mut Ui, title: &str, message: &str) -> Option<Answer> {
    ui.heading(title);
    ui.add_space(4.0);
    egui::ScrollArea::vertical()
        .max_height(320.0)
        .show(ui, |ui| {
            ui.label(shown_text(message));
        });
    ui.add_space(8.0);
    (ui.button("OK").clicked() || ui.input(|i| i.key_pressed(Key::Enter)))
        .then_some(Answer::Dismissed)
}

fn confirm_replace_ui(
    ui: &mut Ui,
    purpose: DialogPurpose,
    path: &std::path::Path,
) -> Option<Answer> {
    ui.heading("Replace the file?");
    ui.label(format!(
        "{} already exists. Replacing it loses what it holds now.",
        path.display()
    ));
    ui.add_space(8.0);
    let mut answer = None;
    ui.horizontal(|ui| {
        if ui.button("Replace it").clicked() {
            answer = Some(Answer::Replace(purpose, path.to_owned()));
        }
        if ui.button("Cancel").clicked() {
            answer = Some(Answer::Dismissed);
        }
    });
    answer
}

fn changed_on_disk_ui(ui: &mut Ui, path: &std::path::Path) -> Option<Answer> {
    ui.heading("The file changed on disk");
    ui.label(format!(
        "{} was changed by someone or something else since you opened or last saved it. Saving now would overwrite those changes.",
        path.display()
    ));
    ui.add_space(8.0);
    let mut answer = None;
    ui.horizontal_wrapped(|ui| {
        if ui.button("Save as another file…").clicked() {
            answer = Some(Answer::SaveElsewhere);
        }
        if ui.button("Reload from disk (drop my changes)").clicked() {
            answer = Some(Answer::Reload(path.to_owned()));
        }
        if ui.button("Overwrite their changes").clicked() {
            answer = Some(Answer::Overwrite(path.to_owned()));
        }
        if ui.button("Cancel").clicked() {
            answer = Some(Answer::Dismissed);
        }
    });
    answer
}

fn export_png_ui(
    ui: &mut Ui,
    scale: &mut f32,
    dark: &mut bool,
    full_size: &mut bool,
    page: egui::Vec2,
) -> Option<Answer> {
    use crate::export::png_size::{DOCUMENT_HEIGHT_PX, DOCUMENT_WIDTH_PX, pixel_size, png_scale};
    ui.heading("Export the whole map as PNG");
    ui.horizontal(|ui| {
        ui.label("Size");
        ui.radio_value(
            full_size,
            false,
            format!("For documents (at most {DOCUMENT_WIDTH_PX:.0} px wide)"),
        );
        ui.radio_value(full_size, true, "Full size");
    });
    if *full_size {
        ui.horizontal(|ui| {
            let label = ui.label("Scale");
            ui.add(
                egui::DragValue::new(scale)
                    .range(0.5..=4.0)
                    .speed(0.05)
                    .suffix("x"),
            )
            .labelled_by(label.id);
            ui.weak("2x for print and high-density screens");
        });
    }
    ui.horizontal(|ui| {
        ui.label("Colours");
        ui.radio_value(dark, false, "Light");
        ui.radio_value(dark, true, "Dark");
    });
    let chosen = png_scale(*full_size, *scale, page);
    let (width, height) = pixel_size(page, chosen);
    ui.label(format!("The image will be {width} x {height} pixels."));
    if width.max(height) as f32 > DOCUMENT_HEIGHT_PX {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            "Over 16,384 pixels on a side: many image viewers and tools will not open it.",
        );
    }
    ui.add_space(8.0);
    let mut answer = None;
    ui.horizontal(|ui| {
        if ui.button("Choose file…").clicked() {
            answer = Some(Answer::Export(super::file_dialogs::ExportKind::Png {
                scale: chosen,
                dark: *dark,
            }));
        }
        if ui.button("Cancel").clicked() {
            answer = Some(Answer::Dismissed);
        }
    });
    answer
}

fn import_report_ui(ui: &mut Ui, summary: &str, lines: &[String]) -> Option<Answer> {
    ui.heading("Timeline imported");
    ui.label(summary);
    ui.add_space(6.0);
    egui::ScrollArea::vertical()
        .max_height(280.0)
        .show(ui, |ui| {
            for line in lines {
                ui.label(shown_text(line));
            }
        });
    ui.add_space(8.0);
    ui.button("OK").clicked().then_some(Answer::Dismissed)
}

fn recover_ui(ui: &mut Ui, what: &str, when: &str) -> Option<Answer> {
    ui.heading("Recover unsaved work?");
    ui.label(format!(
        "Waterline closed before these changes were saved: {what}. Last changed {when}."
    ));
    ui.add_space(8.0);
    let mut answer = None;
    ui.horizontal_wrapped(|ui| {
        if ui.button("Restore").clicked() {
            answer = Some(Answer::Restore);
        }
        if ui.button("Discard these changes").clicked() {
            answer = Some(Answer::DiscardRecovered);
        }
        if ui.button("Decide later").clicked() {
            answer = Some(Answer::RecoverLater);
        }
    });
    answer
}

fn delete_lane_ui(ui: &mut Ui, lane: &LaneId, name: &str, events: usize) -> Option<Answer> {
    ui.heading("Delete lane?");
    let plural = if events == 1 { "card" } else { "cards" };
    let name = shown_text(name);
    ui.label(format!("The lane \"{name}\" holds {events} {plural}. Deleting it deletes them with their links, paths not taken and gap notes too (you can undo)."));
    ui.add_space(8.0);
    let mut answer = None;
    ui.horizontal(|ui| {
        if ui.button("Delete lane and events").clicked() {
            answer = Some(Answer::DeleteLane(lane.clone()));
        }
        if ui.button("Cancel").clicked() {
            answer = Some(Answer::Dismissed);
        }
    });
    answer
}

fn type_path_ui(ui: &mut Ui, purpose: DialogPurpose, text: &mut String) -> Option<Answer> {
    let (title, action) = match purpose {
        DialogPurpose::Open => ("Open a map", "Open"),
        DialogPurpose::SaveAs => ("Save the map as", "Save"),
        DialogPurpose::Import => ("Import a timeline (CSV)", "Import"),
        DialogPurpose::Export(_) => ("Export to", "Export"),
    };
    ui.heading(title);
    ui.label("No file dialog could be shown on this system (it needs xdg-desktop-portal or zenity). Type the file's path instead:");
    let label = ui.label("File path");
    let field = ui
        .add(
            TextEdit::singleline(text)
                .desired_width(f32::INFINITY)
                .hint_text("/path/to/map.json"),
        )
        .labelled_by(label.id);
    if !field.has_focus() && text.is_empty() {
        field.request_focus();
    }
    let entered = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
    let mut answer = None;
    ui.horizontal(|ui| {
        if (ui.button(action).clicked() || entered) && !text.trim().is_empty() {
            answer = Some(Answer::Path(
                purpose,
                PathBuf::from(expand_home(text.trim())),
            ));
        }
        if ui.button("Cancel").clicked() {
            answer = Some(Answer::Dismissed);
        }
    });
    answer
}

fn expand_home(path: &str) -> String {
    match (path.strip_prefix("~/"), std::env::var("HOME")) {
        (Some(rest), Ok(home)) => format!("{home}/{rest}"),
        _ => path.to_owned(),
    }
}

/// Commands matching every word of the filter, in table order.
pub fn palette_matches(filter: &str) -> Vec<Command> {
    let words: Vec<String> = filter.split_whitespace().map(str::to_lowercase).collect();
    Command::ALL
        .iter()
        .copied()
        .filter(|c| *c != Command::CommandPalette)
        .filter(|c| {
            let label = c.label().to_lowercase();
            words.iter().all(|w| label.contains(w.as_str()))
        })
        .collect()
}

fn palette_ui(
    ui: &mut Ui,
    filter: &mut String,
    focus: &mut super::focus::FocusOnce,
    now: &super::commands::Availability,
    switches: &super::commands::Switches<'_>,
) -> Option<Answer> {
    ui.heading("Command palette");
    let field = ui.add(
        TextEdit::singleline(filter)
            .hint_text("Type to filter commands")
            .desired_width(f32::INFINITY),
    );
    field.widget_info(|| WidgetInfo::labeled(Role::TextInput, true, "Command filter"));
    focus.take(&field);
    let matches = palette_matches(filter);
    let mut answer = None;
    if ui.input(|i| i.key_pressed(Key::Enter))
        && let Some(first) = matches.iter().find(|c| c.is_enabled(now))
    {
        answer = Some(Answer::Run(*first));
    }
    ui.add_space(4.0);
    egui::ScrollArea::vertical()
        .max_height(360.0)
        .show(ui, |ui| {
            for command in &matches {
                let shortcut = command.shortcut_text(ui.ctx());
                // A switch shows whether it is on, as in the menus.
                let checked = command.is_checked(switches).unwrap_or(false);
                let button = egui::Button::new(command.label())
                    .shortcut_text(shortcut)
                    .selected(checked)
                    .min_size(egui::vec2(ui.available_width(), 0.0));
                if ui.add_enabled(command.is_enabled(now), button).clicked() {
                    answer = Some(Answer::Run(*command));
                }
            }
            if matches.is_empty() {
                ui.weak("No command matches.");
            }
        });
    answer
}
