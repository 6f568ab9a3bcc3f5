//! The application: one open document, its canvas and inspector, menus and dialogs. UI
//! pieces emit intents during the frame; they are applied here, in one place, at its end.

use super::canvas::{self, CanvasState};
use super::commands::{Command, commands_from_keys};
use super::dialogs::{Answer, Dialog, Pending, dialog_ui};
use super::file_dialogs::{DialogBackend, DialogPurpose, FileDialogs};
use super::files::{RealDisk, Storage};
use super::inspector::{InspectorState, inspector_ui};
use super::menus::{MenuChoice, MenuState, menu_bar_ui};
use super::prefs::{Prefs, ThemeChoice, ViewPrefs};
use super::recovery::Recovery;
use super::{Intents, selection::Selection};
use crate::document::Document;
use crate::layout::{TimeScale, ZoneChoice};
use crate::model::{Lane, LaneKind, Map};
use crate::ops::{self, Edit, Op};
use egui::{Panel, Ui, ViewportCommand};
use std::path::PathBuf;
use std::sync::Arc;

pub struct WaterlineApp {
    pub doc: Document,
    pub canvas: CanvasState,
    inspector: InspectorState,
    pub prefs: Prefs,
    pub(super) dialogs: FileDialogs,
    pub dialog: Option<Dialog>,
    /// What to do once a save started from the unsaved-changes dialog has finished.
    pub(super) after_save: Option<Pending>,
    pub(super) storage: Arc<dyn Storage>,
    pub(super) recovery: Recovery,
    /// The last thing the app did, shown in the status bar.
    pub status: String,
    shown_title: String,
    applied_theme: Option<ThemeChoice>,
    close_confirmed: bool,
}

/// "<map title> (<file>) - Waterline", with a leading "* " while there are unsaved changes.
pub fn window_title(doc: &Document) -> String {
    let dirty = if doc.has_unsaved_changes() { "* " } else { "" };
    let title = if doc.map().title.trim().is_empty() {
        "Untitled map"
    } else {
        doc.map().title.trim()
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

        let mut intents = Intents::default();
        if self.dialog.is_none() && self.canvas.inline.is_none() {
            intents.commands.extend(commands_from_keys(&ctx));
        }

        Panel::top("menu-bar").show(ui, |ui| {
            let menu_state = MenuState {
                history: self.doc.history(),
                recent: &self.prefs.recent,
                settings: self.doc.settings(),
            };
            match menu_bar_ui(ui, &menu_state) {
                Some(MenuChoice::Run(command)) => intents.commands.push(command),
                Some(MenuChoice::OpenRecent(path)) => self.request(Pending::Open(Some(path)), &ctx),
                None => {}
            }
        });
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

        if let Some(dialog) = &mut self.dialog
            && let Some(answer) = dialog_ui(&ctx, dialog)
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

    /// Writes the recovery journal a moment after each change.
    fn keep_journal(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        if let Some(wait) = self.recovery.tick(&self.doc, now) {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(wait.max(0.01)));
        }
        if let Some(err) = self.recovery.last_error.take() {
            self.status = err;
        }
    }

    /// Asks about the next journal left by an earlier run, when nothing else is asked.
    fn offer_recovery(&mut self) {
        if self.dialog.is_some() {
            return;
        }
        let Some(entry) = self.recovery.offers.first() else {
            return;
        };
        let title = if entry.map.title.trim().is_empty() {
            "Untitled map"
        } else {
            entry.map.title.trim()
        };
        let file = match &entry.file {
            Some(path) => format!("saved as {}", path.display()),
            None => "never saved".to_owned(),
        };
        let local = entry.written_at.with_timezone(&chrono::Local);
        self.dialog = Some(Dialog::Recover {
            what: format!(
                "\"{title}\" ({file}; {} lanes, {} events)",
                entry.map.lanes.len(),
                entry.map.events.len()
            ),
            when: local.format("%Y-%m-%d %H:%M:%S").to_string(),
        });
    }

    /// Acts on the answer about the first offered journal.
    fn answer_recovery(&mut self, answer: Answer) {
        if self.recovery.offers.is_empty() {
            return;
        }
        let entry = self.recovery.offers.remove(0);
        match answer {
            Answer::Restore => {
                let mut doc = Document::new(entry.map, entry.file.clone());
                doc.stamp = entry.file.as_deref().and_then(crate::io::DiskStamp::read);
                doc.restored = true;
                if let Some(id) = entry.journal.file_stem().and_then(|s| s.to_str()) {
                    doc.journal_id = id.to_owned();
                }
                self.replace_document(doc);
                self.recovery.adopt(&self.doc);
                self.status = "Restored unsaved work; save it to keep it".to_owned();
            }
            Answer::DiscardRecovered => {
                self.recovery.discard(&entry);
                self.status = "Discarded the recovered changes".to_owned();
            }
            _ => self.status = "The recovered changes are kept for next time".to_owned(),
        }
    }

    fn status_bar_ui(&self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            ui.label(&self.status);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.weak(format!("{:.0}%", self.canvas.camera.zoom * 100.0));
                let map = self.doc.map();
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
            if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json"))
            {
                self.request(Pending::Open(Some(path)), ctx);
            } else {
                self.show_error(
                    "Cannot open this file",
                    format!(
                        "{} is not a .json map. Waterline opens map files saved as JSON.",
                        path.display()
                    ),
                );
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
    fn apply_edit(&mut self, edit: Edit, continuing: Option<&str>) {
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

    /// Runs a command from a menu, a shortcut or the palette.
    pub fn run(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::NewMap => self.request(Pending::NewMap, ctx),
            Command::Open => self.request(Pending::Open(None), ctx),
            Command::Save => {
                self.save(ctx);
            }
            Command::SaveAs => {
                self.dialogs
                    .ask(DialogPurpose::SaveAs, &self.suggested_file_name(), ctx)
            }
            Command::Undo => {
                self.doc.seal();
                self.status = self
                    .doc
                    .undo()
                    .map_or("Nothing to undo".to_owned(), |label| {
                        format!("Undid: {label}")
                    });
            }
            Command::Redo | Command::RedoAlt => {
                self.status = self
                    .doc
                    .redo()
                    .map_or("Nothing to redo".to_owned(), |label| {
                        format!("Redid: {label}")
                    });
            }
            Command::Delete => self.delete_selection(),
            Command::AddEvent => match self
                .canvas
                .selection
                .target_lane(self.doc.map())
                .or_else(|| self.doc.map().lanes.first().map(|l| l.id.clone()))
            {
                Some(lane) => self.canvas.start_new_event(&self.doc, lane),
                None => self.status = "Add a lane first (Edit > Add lane)".to_owned(),
            },
            Command::EditTitle => {
                if let Some(id) = self.canvas.selection.single_card() {
                    self.canvas.inline = Some(canvas::InlineEditor::new(
                        canvas::InlineTarget::CardTitle(id.clone()),
                        self.doc.map().card_title(id).to_owned(),
                    ));
                }
            }
            Command::AddLane => self.add_lane(),
            Command::SelectAll => {
                // Every card on the map, and only those: hidden paths not taken are not
                // selected, so Delete never removes what cannot be seen.
                let cards = self.doc.geometry().cards.iter();
                self.canvas.selection = Selection {
                    cards: cards.map(|card| card.item.clone()).collect(),
                    ..Default::default()
                };
            }
            Command::AddBranch => match self.canvas.selection.single_card() {
                Some(from) => self.canvas.start_new_branch(&self.doc, from.clone()),
                None => self.status = "Select one event to add a path not taken from it".to_owned(),
            },
            Command::AddThinking
            | Command::AddFeeling
            | Command::AddSeeing
            | Command::AddQuestion
            | Command::AddNote => self.start_annotation(command),
            Command::ArrangeByTime => match ops::arrange_by_time(self.doc.map()) {
                Some(op) => self.apply_edit(Edit::new("Arrange by time", op), None),
                None => self.status = "Already in time order".to_owned(),
            },
            Command::ToggleBranches
            | Command::ToggleInlineAnnotations
            | Command::ScaleOrdinal
            | Command::ScaleTime
            | Command::ScaleCompressed
            | Command::ToggleUtc => self.change_view(command),
            Command::FitView => self.canvas.fit_requested = true,
            Command::ZoomIn | Command::ZoomOut | Command::ActualSize => {
                let rect = self.canvas.canvas_rect();
                let camera = &mut self.canvas.camera;
                let factor = match command {
                    Command::ZoomIn => 1.25,
                    Command::ZoomOut => 0.8,
                    _ => 1.0 / camera.zoom,
                };
                camera.zoom_around(factor, rect.center(), rect);
            }
            Command::ThemeSystem => self.prefs.theme = ThemeChoice::System,
            Command::ThemeLight => self.prefs.theme = ThemeChoice::Light,
            Command::ThemeDark => self.prefs.theme = ThemeChoice::Dark,
            Command::CommandPalette => {
                self.dialog = Some(Dialog::Palette {
                    filter: String::new(),
                    focused: false,
                })
            }
        }
    }

    /// Opens a new annotation of the command's kind on the selected event or gap, with
    /// the cursor in it.
    fn start_annotation(&mut self, command: Command) {
        let Some(kind) = command.annotation_kind() else {
            return;
        };
        let selection = &self.canvas.selection;
        if let Some(event) = selection.single_event() {
            self.inspector.start_event_annotation(event, kind);
        } else if let Some(gap) = selection
            .gap
            .as_ref()
            .filter(|_| selection.cards.is_empty())
        {
            self.inspector.start_gap_note(gap, kind);
        } else {
            self.status = format!(
                "Select one event (or a gap) to add {} to it",
                kind.label().to_lowercase()
            );
        }
    }

    /// Switches a view option and lays the map out again; remembered for next time.
    fn change_view(&mut self, command: Command) {
        let mut settings = self.doc.settings().clone();
        match command {
            Command::ToggleBranches => settings.show_branches = !settings.show_branches,
            Command::ToggleInlineAnnotations => {
                settings.annotations_inline = !settings.annotations_inline
            }
            Command::ScaleOrdinal => settings.time_scale = TimeScale::Ordinal,
            Command::ScaleTime => settings.time_scale = TimeScale::Time,
            Command::ScaleCompressed => settings.time_scale = TimeScale::Compressed,
            Command::ToggleUtc => {
                settings.zone = match settings.zone {
                    ZoneChoice::Map => ZoneChoice::Utc,
                    ZoneChoice::Utc => ZoneChoice::Map,
                }
            }
            _ => return,
        }
        self.prefs.view = ViewPrefs::from_settings(&settings);
        self.doc.set_settings(settings);
        // Hidden ghost cards cannot stay selected.
        self.canvas
            .selection
            .cards
            .retain(|id| self.doc.geometry().card_of_item(id).is_some());
    }

    fn add_lane(&mut self) {
        let map = self.doc.map();
        let id = map.next_lane_id();
        let index = self
            .canvas
            .selection
            .lane
            .as_ref()
            .and_then(|l| map.lane_index(l))
            .map_or(map.lanes.len(), |i| i + 1);
        let lane = Lane::new(
            id.clone(),
            format!("Lane {}", map.lanes.len() + 1),
            LaneKind::Person,
        );
        self.apply_edit(
            Edit::new(
                "Add lane",
                Op::InsertLane {
                    index,
                    lane: lane.clone(),
                },
            ),
            None,
        );
        self.canvas.selection = Selection {
            lane: Some(id.clone()),
            ..Default::default()
        };
        self.canvas.inline = Some(canvas::InlineEditor::new(
            canvas::InlineTarget::LaneName(id),
            lane.name,
        ));
    }

    fn delete_selection(&mut self) {
        let map = self.doc.map();
        let selection = self.canvas.selection.clone();
        if !selection.cards.is_empty() {
            let label = match selection.cards.as_slice() {
                [id] => format!("Delete '{}'", map.card_title(id)),
                many => format!("Delete {} cards", many.len()),
            };
            self.apply_edit(
                Edit::new(label, Op::remove_cards(map, &selection.cards)),
                None,
            );
        } else if let Some(id) = &selection.link {
            self.apply_edit(Edit::new("Delete link", Op::RemoveLink(id.clone())), None);
        } else if let Some(id) = &selection.lane
            && let Some(lane) = map.lane(id)
        {
            let events =
                map.events_on(id).count() + map.branches.iter().filter(|b| &b.lane == id).count();
            let notes = map.gaps.iter().any(|g| g.lane.as_ref() == Some(id));
            if events == 0 && !notes {
                let label = format!("Delete lane '{}'", lane.name);
                self.apply_edit(Edit::new(label, Op::remove_lane_with_events(map, id)), None);
            } else {
                self.dialog = Some(Dialog::ConfirmDeleteLane {
                    lane: id.clone(),
                    name: lane.name.clone(),
                    events,
                });
            }
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
            Answer::Path(purpose, path) => self.dialog_chose(purpose, path, ctx),
            Answer::Run(command) => self.run(command, ctx),
        }
    }

    /// Runs `pending` now, or first asks about unsaved changes.
    fn request(&mut self, pending: Pending, ctx: &egui::Context) {
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
                let mut map = Map::new("Untitled incident");
                map.lanes
                    .push(Lane::new(map.next_lane_id(), "Responder", LaneKind::Person));
                self.replace_document(Document::new(map, None));
                self.status = "New map".to_owned();
            }
            Pending::Open(None) => self.dialogs.ask(DialogPurpose::Open, "", ctx),
            Pending::Open(Some(path)) => self.open_path(&path),
            Pending::CloseWindow => {
                self.close_confirmed = true;
                ctx.send_viewport_cmd(ViewportCommand::Close);
            }
        }
    }

    /// Shows another map. The view options are the user's, not the map's: they carry
    /// over.
    pub(super) fn replace_document(&mut self, mut doc: Document) {
        doc.set_settings(self.doc.settings().clone());
        self.doc = doc;
        self.canvas = CanvasState::for_new_document();
        self.inspector = InspectorState::default();
    }

    pub(super) fn show_error(&mut self, title: &str, message: String) {
        self.dialog = Some(Dialog::Error {
            title: title.to_owned(),
            message,
        });
    }
}

impl eframe::App for WaterlineApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.prefs.store(storage);
    }
}
