//! The application: one open document, its canvas and inspector, menus and dialogs. UI
//! pieces emit intents during the frame; they are applied here, in one place, at its end.

use super::Intents;
use super::canvas::{self, CanvasState};
use super::chrome::Chrome;
use super::commands::{Availability, Switches, commands_from_keys};
use super::dialogs::{Answer, Dialog, Pending, dialog_ui};
use super::disk::{Disk, Storage};
use super::export::Jobs;
use super::file_dialogs::{DialogBackend, DialogPurpose};
use super::iceberg_view::iceberg_ui;
use super::inspector::{InspectorState, inspector_ui};
use super::menus::{MenuChoice, MenuState, menu_bar_ui};
use super::mode::{Editing, Keys, Mode, Screen};
use super::prefs::Prefs;
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
    /// Editing or presenting, and the dialog over it.
    pub(super) screen: Screen,
    pub(super) disk: Disk,
    pub(super) recovery: Recovery,
    /// Exports and copies being drawn on worker threads.
    pub(super) jobs: Jobs,
    /// The window's title, theme and full screen as last set.
    pub(super) chrome: Chrome,
    /// The last thing the app did, shown in the status bar.
    pub status: String,
    /// The live session, while the map is shared.
    pub(super) live: Option<super::live::session::LiveSession>,
    /// Joined a room whose map has not arrived yet: the view is set when it does.
    pub(super) awaiting_room: bool,
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
            screen: Screen::editing(),
            disk: Disk::new(backend),
            recovery: Recovery::start(None),
            jobs: Jobs::default(),
            chrome: Chrome::default(),
            status: String::new(),
            live: None,
            awaiting_room: false,
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
        self.disk.storage = storage;
        self
    }

    /// Waits until the recovery journal holds everything asked of it so far.
    pub fn flush_journal(&self) {
        self.recovery.flush();
    }

    /// One frame of the whole window: the mode's screen, then the dialog over it.
    pub fn frame_ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.apply_theme(&ctx);
        self.handle_window_events(&ctx);
        self.poll_file_dialog(&ctx);
        self.poll_export(&ctx);
        self.poll_copy(&ctx);
        self.live_frame(&ctx);
        let mut intents = Intents::default();
        if self.is_presenting() {
            self.present_ui(ui);
        } else {
            self.editing_ui(ui, &mut intents);
        }
        if !self.is_presenting() {
            self.live_panel_ui(&ctx);
        }
        // A dialog is modal over either mode (closing the window with unsaved changes
        // asks while presenting too).
        let now = Availability::of(&self.doc);
        let switches = Switches {
            settings: self.doc.settings(),
            theme: self.prefs.theme,
            point_of_view: self.canvas.point_of_view.lane().is_some(),
            lens_panel: self.lens_panel_is_open(),
            contacts: matches!(&self.screen.mode, super::mode::Mode::Editing(e) if e.contacts.is_some()),
            iceberg: matches!(&self.screen.mode, super::mode::Mode::Editing(e) if e.iceberg.is_some()),
            following: self.live.as_ref().is_some_and(|live| live.follow),
        };
        if let Some(dialog) = &mut self.screen.dialog
            && let Some(answer) = dialog_ui(&ctx, dialog, &now, &switches)
        {
            self.screen.dialog = None;
            self.answer(answer, &ctx);
        }
        self.apply_intents(intents, &ctx);
        self.canvas.selection.retain_existing(self.doc.map());
        self.apply_theme(&ctx);
        self.chrome.update_title(&ctx, &self.doc);
        self.keep_journal(&ctx);
        if !self.is_presenting() {
            self.offer_recovery();
        }
    }

    /// The editing screen: menus, find bar, inspector, canvas, status bar.
    fn editing_ui(&mut self, ui: &mut Ui, intents: &mut Intents) {
        let ctx = ui.ctx().clone();
        if self.screen.keys() == Keys::Commands {
            self.highlight_keys(&ctx);
            intents.commands.extend(commands_from_keys(&ctx));
            self.clipboard_events(&ctx, intents);
            self.card_keys(&ctx);
        }

        Panel::top("menu-bar").show(ui, |ui| {
            let menu_state = MenuState {
                undo_label: self.doc.undo_label(),
                redo_label: self.doc.redo_label(),
                recent: &self.prefs.recent,
                settings: self.doc.settings(),
                theme: self.prefs.theme,
                point_of_view: self.canvas.point_of_view.lane().is_some(),
                lens_panel: self.lens_panel_is_open(),
            contacts: matches!(&self.screen.mode, super::mode::Mode::Editing(e) if e.contacts.is_some()),
            iceberg: matches!(&self.screen.mode, super::mode::Mode::Editing(e) if e.iceberg.is_some()),
                following: self.live.as_ref().is_some_and(|live| live.follow),
                now: Availability::of(&self.doc),
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
        Panel::bottom("status-bar").show(ui, |ui| self.status_bar_ui(ui, intents));
        self.lens_panel_ui(ui, intents);
        self.theme_prompt_ui(ui, intents);
        self.themes_panel_ui(ui, intents);
        self.contacts_panel_ui(ui);
        Panel::right("inspector")
            .default_size(300.0)
            .min_size(240.0)
            .show(ui, |ui| {
                inspector_ui(
                    ui,
                    &self.doc,
                    &self.canvas.selection,
                    &mut self.inspector,
                    intents,
                );
            });
        let mut jump = None;
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                match self.screen.editing_mut().and_then(|e| e.iceberg.as_mut()) {
                    Some(iceberg) => jump = iceberg_ui(ui, &self.doc, iceberg, intents),
                    None => {
                        let purpose = self.screen.purpose();
                        canvas::canvas_ui(ui, &self.doc, &mut self.canvas, purpose, intents);
                    }
                }
            });
        if let Some(card) = jump {
            self.show_on_map(card);
        }
    }

    /// Shows the iceberg in place of the map, or the map again.
    pub(super) fn toggle_iceberg(&mut self) {
        let Some(editing) = self.screen.editing_mut() else {
            return;
        };
        editing.iceberg = match editing.iceberg.take() {
            Some(_) => None,
            None => Some(Box::default()),
        };
        self.status = if editing.iceberg.is_some() {
            "The iceberg: drag a theme up or down to place it, click it for its moments (I for the map)"
        } else {
            "The map"
        }
        .to_owned();
    }

    /// Back to the map with `card` selected and in view (a moment picked on the iceberg).
    fn show_on_map(&mut self, card: crate::model::CardId) {
        if let Some(editing) = self.screen.editing_mut() {
            editing.iceberg = None;
        }
        self.canvas.selection = super::selection::Selection::only(card.clone());
        self.canvas.request(canvas::ViewRequest::Reveal(card));
    }

    fn status_bar_ui(&self, ui: &mut Ui, intents: &mut Intents) {
        ui.horizontal(|ui| {
            if let Some(warning) = &self.recovery.last_error {
                // Stays until a journal write succeeds: the edits are not crash-safe now.
                ui.colored_label(ui.visuals().error_fg_color, warning);
            }
            ui.label(crate::render::shown_text(&self.status).as_ref());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.weak(format!("{:.0}%", self.canvas.camera.zoom * 100.0));
                let to_revisit = self.doc.lens().count();
                if to_revisit > 0 {
                    // Counted by the document's lens as edits come: no scan here.
                    let count = super::lens_view::phrases(to_revisit);
                    let button = egui::Button::new(
                        egui::RichText::new(format!("{count} to revisit"))
                            .color(super::lens_view::lens_colour(ui)),
                    )
                    .frame(false);
                    if ui
                        .add(button)
                        .on_hover_text("The hindsight lens: Shift+L lists them, F7 walks them")
                        .clicked()
                    {
                        intents.commands.push(super::commands::Command::LensPanel);
                    }
                }
                super::view_chips::view_chips_ui(ui, self.doc.settings(), intents);
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

    /// The window's full screen and theme follow the mode.
    fn apply_theme(&mut self, ctx: &egui::Context) {
        self.chrome
            .follow(ctx, self.is_presenting(), self.prefs.theme);
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
                _ if super::file_dialogs::is_map_path(&path) => {
                    self.request(Pending::Open(Some(path)), ctx)
                }
                "csv" | "tsv" | "txt" => self.request(Pending::Import(Some(path)), ctx),
                _ => self.show_error(
                    "Cannot open this file",
                    format!(
                        "{} is neither a map (.json or .waterline) nor a .csv timeline. Waterline opens maps saved as JSON and imports timelines saved as CSV.",
                        path.display()
                    ),
                ),
            }
        }
        if ctx.input(|i| i.viewport().close_requested())
            && !self.chrome.close_confirmed
            && self.doc.has_unsaved_changes()
        {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.screen.dialog = Some(Dialog::UnsavedChanges {
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
            Answer::Dismissed => self.disk.after_save = None,
            Answer::Discard(pending) => {
                // An explicit discard: the journal of these changes goes too.
                self.recovery.forget(&self.doc);
                self.perform(pending, ctx);
            }
            Answer::Save(pending) => {
                self.disk.after_save = Some(pending);
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
                self.disk
                    .dialogs
                    .ask(DialogPurpose::SaveAs, &self.suggested_file_name(), ctx)
            }
            Answer::Reload(path) => {
                self.disk.after_save = None;
                self.reload(&path);
            }
            Answer::Export(kind) => self.start_export(Some(kind), ctx),
            Answer::StartLive(start, name) => self.start_live(start, name, ctx),
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
            self.screen.dialog = Some(Dialog::UnsavedChanges {
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
            Pending::Open(None) => self.disk.dialogs.ask(DialogPurpose::Open, "", ctx),
            Pending::Open(Some(path)) => self.open_path(&path),
            Pending::Import(None) => self.disk.dialogs.ask(DialogPurpose::Import, "", ctx),
            Pending::Import(Some(path)) => self.import_path(&path),
            Pending::JoinLive { link, name } => self.join_live_now(link, name, ctx),
            Pending::CloseWindow => {
                self.leave_live();
                self.chrome.close_confirmed = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
        }
    }

    /// Shows another map. The view options are the user's, not the map's: they carry
    /// over.
    pub(super) fn replace_document(&mut self, mut doc: Document) {
        // Another map is not the one shared: the session ends first.
        self.leave_live();
        let mut settings = self.doc.settings().clone();
        // Which lanes are hidden belongs to the map that was open.
        settings.hidden_lanes.clear();
        doc.set_settings(settings);
        self.doc = doc;
        // A presentation walks the map it was started on: another map opens for editing
        // (the window leaves full screen on the next frame).
        if self.is_presenting() {
            self.screen.mode = Mode::Editing(Editing::default());
        }
        self.canvas = CanvasState::for_new_document();
        self.inspector = InspectorState::default();
        // The lens panel stays open on the new map, listing its own phrases (a list kept
        // from the old one would offer to edit texts that are not in this map).
        if let Some(editing) = self.screen.editing_mut()
            && editing.lens.is_some()
        {
            editing.lens = Some(super::lens_panel::LensPanel::default());
        }
    }

    pub fn show_error(&mut self, title: &str, message: String) {
        self.screen.dialog = Some(Dialog::Error {
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
