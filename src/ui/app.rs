//! The application: one open document, its canvas and inspector, menus and dialogs. UI
//! pieces emit intents during the frame; they are applied here, in one place, at its end.

use super::Intents;
use super::canvas::{self, CanvasState};
use super::commands::commands_from_keys;
use super::dialogs::{Answer, Dialog, Pending, dialog_ui};
use super::file_dialogs::{DialogBackend, DialogPurpose, FileDialogs};
use super::files::{RealDisk, Storage};
use super::inspector::{InspectorState, inspector_ui};
use super::menus::{MenuChoice, MenuState, menu_bar_ui};
use super::prefs::{Prefs, ThemeChoice};
use super::recovery::Recovery;
use crate::document::Document;
use crate::ops::{Edit, Op};
use egui::{Panel, Ui, ViewportCommand};
use std::path::PathBuf;
use std::sync::Arc;

pub struct WaterlineApp {
    pub doc: Document,
    pub canvas: CanvasState,
    pub(super) inspector: InspectorState,
    pub prefs: Prefs,
    pub(super) dialogs: FileDialogs,
    pub dialog: Option<Dialog>,
    /// What to do once a save started from the unsaved-changes dialog has finished.
    pub(super) after_save: Option<Pending>,
    pub(super) storage: Arc<dyn Storage>,
    pub(super) recovery: Recovery,
    /// An export being written on a worker thread.
    pub(super) export_job: Option<super::export::ExportJob>,
    /// The map being drawn for the clipboard.
    pub(super) copy_job: Option<super::export::Background<image::RgbaImage>>,
    /// The find bar, while open.
    pub(super) find: Option<super::find::FindState>,
    /// Presentation mode, while on.
    pub(super) present: Option<super::present::Presenting>,
    /// The last thing the app did, shown in the status bar.
    pub status: String,
    shown_title: String,
    pub(super) applied_theme: Option<ThemeChoice>,
    close_confirmed: bool,
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

impl WaterlineApp {
    pub fn new(mut doc: Document, prefs: Prefs, backend: DialogBackend) -> Self {
        let mut settings = doc.settings().clone();
        prefs.view.apply_to(&mut settings);
        doc.set_settings(settings);
        WaterlineApp {
            doc,
            canvas: CanvasState::for_new_document(),
            inspector: InspectorState::default(),
            prefs,
            dialogs: FileDialogs::new(backend),
            dialog: None,
            after_save: None,
            storage: Arc::new(RealDisk),
            recovery: Recovery::start(None),
            export_job: None,
            copy_job: None,
            find: None,
            present: None,
            status: String::new(),
            shown_title: String::new(),
            applied_theme: None,
            close_confirmed: false,
        }
    }

    /// Keeps recovery journals and backups in `data_dir`, and offers work an earlier run
    /// left unsaved there.
    pub fn with_data_dir(mut self, data_dir: Option<PathBuf>) -> Self {
        self.recovery = Recovery::start(data_dir);
        self
    }

    /// Writes maps through `storage` (tests use one that fails like a full disk).
    pub fn with_storage(mut self, storage: Arc<dyn Storage>) -> Self {
        self.storage = storage;
        self
    }

    /// Waits until the recovery journal holds everything asked of it so far.
    pub fn flush_journal(&self) {
        self.recovery.flush();
    }

    /// One frame of the whole window.
    pub fn frame_ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.apply_theme(&ctx);
        self.handle_window_events(&ctx);
        self.poll_file_dialog(&ctx);
        self.poll_export(&ctx);
        self.poll_copy(&ctx);
        if self.present.is_some() {
            self.present_ui(ui);
            self.canvas.selection.retain_existing(self.doc.map());
            self.update_title(&ctx);
            self.keep_journal(&ctx);
            return;
        }

        let mut intents = Intents::default();
        if self.dialog.is_none() && self.canvas.inline.is_none() {
            intents.commands.extend(commands_from_keys(&ctx));
            self.paste_timeline(&ctx);
        }

        Panel::top("menu-bar").show(ui, |ui| {
            let menu_state = MenuState {
                history: self.doc.history(),
                recent: &self.prefs.recent,
                settings: self.doc.settings(),
                now: super::commands::Availability::of(&self.doc),
            };
            match menu_bar_ui(ui, &menu_state) {
                Some(MenuChoice::Run(command)) => intents.commands.push(command),
                Some(MenuChoice::OpenRecent(path)) => self.request(Pending::Open(Some(path)), &ctx),
                None => {}
            }
        });
        self.find_bar_ui(ui);
        if let Some(version) = self.doc.newer_version {
            Panel::top("read-only-banner").show(ui, |ui| {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!(
                        "Read-only: this map was written by a newer Waterline (file version {version}). It is never overwritten; File > Save as… saves a copy. Update Waterline to edit it."
                    ),
                );
            });
        }
        Panel::bottom("status-bar").show(ui, |ui| self.status_bar_ui(ui));
        Panel::right("inspector")
            .default_size(300.0)
            .min_size(240.0)
            .show(ui, |ui| {
                inspector_ui(
                    ui,
                    &self.doc,
                    &self.canvas.selection,
                    &mut self.inspector,
                    &mut intents,
                );
            });
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                canvas::canvas_ui(ui, &self.doc, &mut self.canvas, &mut intents);
            });

        let now = super::commands::Availability::of(&self.doc);
        if let Some(dialog) = &mut self.dialog
            && let Some(answer) = dialog_ui(&ctx, dialog, &now)
        {
            self.dialog = None;
            self.answer(answer, &ctx);
        }

        self.apply_intents(intents, &ctx);
        self.canvas.selection.retain_existing(self.doc.map());
        self.update_title(&ctx);
        self.keep_journal(&ctx);
        self.offer_recovery();
    }

    fn status_bar_ui(&self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            if let Some(warning) = &self.recovery.last_error {
                // Stays until a journal write succeeds: the edits are not crash-safe now.
                ui.colored_label(ui.visuals().error_fg_color, warning);
            }
            ui.label(crate::render::shown_text(&self.status).as_ref());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.weak(format!("{:.0}%", self.canvas.camera.zoom * 100.0));
                let map = self.doc.map();
                let hidden = self.doc.settings().hidden_lanes.len();
                if hidden > 0 {
                    // Never let hidden lanes be forgotten: say so, with the way back.
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        format!("{hidden} lanes hidden (View > Show all lanes)"),
                    );
                }
                ui.weak(format!(
                    "{} lanes · {} events · {} links",
                    map.lanes.len(),
                    map.events.len(),
                    map.links.len()
                ));
            });
        });
    }

    fn apply_theme(&mut self, ctx: &egui::Context) {
        if self.applied_theme != Some(self.prefs.theme) {
            ctx.set_theme(self.prefs.theme.preference());
            self.applied_theme = Some(self.prefs.theme);
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = window_title(&self.doc);
        if title != self.shown_title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
    }

    /// Files dropped on the window, and the window's close button.
    fn handle_window_events(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            let extension = path
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            match extension.as_str() {
                "json" => self.request(Pending::Open(Some(path)), ctx),
                "csv" | "tsv" | "txt" => self.request(Pending::Import(Some(path)), ctx),
                _ => self.show_error(
                    "Cannot open this file",
                    format!(
                        "{} is neither a .json map nor a .csv timeline. Waterline opens maps saved as JSON and imports timelines saved as CSV.",
                        path.display()
                    ),
                ),
            }
        }
        if ctx.input(|i| i.viewport().close_requested())
            && !self.close_confirmed
            && self.doc.has_unsaved_changes()
        {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.dialog = Some(Dialog::UnsavedChanges {
                then: Pending::CloseWindow,
                name: self.doc.display_name(),
            });
        }
    }

    fn apply_intents(&mut self, intents: Intents, ctx: &egui::Context) {
        for (edit, key) in intents.continuing {
            self.apply_edit(edit, Some(&key));
        }
        if intents.seal {
            self.doc.seal();
        }
        for edit in intents.edits {
            self.apply_edit(edit, None);
        }
        for command in intents.commands {
            self.run(command, ctx);
        }
    }

    /// Every change to the map goes through here; a read-only map refuses them all.
    pub(super) fn apply_edit(&mut self, edit: Edit, continuing: Option<&str>) {
        if self.doc.is_read_only() {
            self.status = "This map is read-only (written by a newer Waterline); File > Save as… saves a copy".to_owned();
            return;
        }
        let label = edit.label.clone();
        let result = match continuing {
            Some(key) => self.doc.apply_continuing(edit, key),
            None => self.doc.apply(edit),
        };
        match result {
            Ok(()) if continuing.is_none() => self.status = label,
            Ok(()) => {}
            Err(err) => self.status = format!("Could not {}: {err}", label.to_lowercase()),
        }
    }

    fn answer(&mut self, answer: Answer, ctx: &egui::Context) {
        match answer {
            Answer::Dismissed => self.after_save = None,
            Answer::Discard(pending) => {
                // An explicit discard: the journal of these changes goes too.
                self.recovery.forget(&self.doc);
                self.perform(pending, ctx);
            }
            Answer::Save(pending) => {
                self.after_save = Some(pending);
                if self.save(ctx) {
                    self.after_saving(ctx);
                }
            }
            Answer::Overwrite(path) => {
                if self.write_map(&path) {
                    self.after_saving(ctx);
                }
            }
            Answer::SaveElsewhere => {
                self.dialogs
                    .ask(DialogPurpose::SaveAs, &self.suggested_file_name(), ctx)
            }
            Answer::Reload(path) => {
                self.after_save = None;
                self.reload(&path);
            }
            Answer::Export(kind) => self.start_export(Some(kind), ctx),
            Answer::Restore | Answer::DiscardRecovered | Answer::RecoverLater => {
                self.answer_recovery(answer)
            }
            Answer::DeleteLane(id) => {
                let name = self
                    .doc
                    .map()
                    .lane(&id)
                    .map(|l| l.name.clone())
                    .unwrap_or_default();
                let op = Op::remove_lane_with_events(self.doc.map(), &id);
                self.apply_edit(Edit::new(format!("Delete lane '{name}'"), op), None);
            }
            Answer::Path(purpose, path) => self.typed_path_chosen(purpose, path, ctx),
            Answer::Replace(purpose, path) => self.dialog_chose(purpose, path, ctx),
            Answer::Run(command) => self.run(command, ctx),
        }
    }

    /// Runs `pending` now, or first asks about unsaved changes.
    pub(super) fn request(&mut self, pending: Pending, ctx: &egui::Context) {
        if self.doc.has_unsaved_changes() {
            self.dialog = Some(Dialog::UnsavedChanges {
                then: pending,
                name: self.doc.display_name(),
            });
        } else {
            self.perform(pending, ctx);
        }
    }

    pub(super) fn perform(&mut self, pending: Pending, ctx: &egui::Context) {
        match pending {
            Pending::NewMap => {
                self.replace_document(Document::new(crate::samples::blank_map(), None));
                self.status = "New map".to_owned();
            }
            Pending::Open(None) => self.dialogs.ask(DialogPurpose::Open, "", ctx),
            Pending::Open(Some(path)) => self.open_path(&path),
            Pending::Import(None) => self.dialogs.ask(DialogPurpose::Import, "", ctx),
            Pending::Import(Some(path)) => self.import_path(&path),
            Pending::CloseWindow => {
                self.close_confirmed = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
        }
    }

    /// Shows another map. The view options are the user's, not the map's: they carry
    /// over.
    pub(super) fn replace_document(&mut self, mut doc: Document) {
        let mut settings = self.doc.settings().clone();
        // Which lanes are hidden belongs to the map that was open.
        settings.hidden_lanes.clear();
        doc.set_settings(settings);
        self.doc = doc;
        self.canvas = CanvasState::for_new_document();
        self.inspector = InspectorState::default();
    }

    pub fn show_error(&mut self, title: &str, message: String) {
        self.dialog = Some(Dialog::Error {
            title: title.to_owned(),
            message,
        });
    }
}

impl eframe::App for WaterlineApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        if let Err(panic) = crate::crash::guarded(|| self.frame_ui(ui)) {
            self.recovery.rescue(&self.doc);
            std::panic::resume_unwind(panic);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.prefs.store(storage);
    }
}
