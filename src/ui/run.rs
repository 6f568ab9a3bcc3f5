//! Running commands from menus, shortcuts and the palette: each command's effect on the
//! open map or the view.

use super::app::WaterlineApp;
use super::canvas;
use super::commands::Command;
use super::dialogs::{Dialog, Pending};
use super::file_dialogs::{DialogPurpose, ExportKind};
use super::focus::FocusOnce;
use super::prefs::{ThemeChoice, ViewPrefs};
use super::selection::Selection;
use crate::export::TextFormat;
use crate::layout::{TimeScale, ZoneChoice};
use crate::model::{Lane, LaneKind};
use crate::ops::{self, Edit, Op};

impl WaterlineApp {
    /// Runs a command from a menu, a shortcut or the palette.
    pub fn run(&mut self, command: Command, ctx: &egui::Context) {
        // Menus and the palette grey out what cannot run; a shortcut says why instead.
        if !command.is_enabled(&super::commands::Availability::of(&self.doc)) {
            self.status = if self.doc.is_read_only() && command.edits_map() {
                "This map is read-only (written by a newer Waterline); File > Save as… saves a copy"
                    .to_owned()
            } else {
                format!(
                    "{}: nothing to do now",
                    command.label().trim_end_matches('…')
                )
            };
            return;
        }
        // A command that works on the map's cards or view shows the map first: an editor
        // opened behind the iceberg would take the keyboard unseen.
        if command.acts_on_the_map()
            && let Some(editing) = self.screen.editing_mut()
        {
            editing.iceberg = None;
        }
        match command {
            Command::NewMap => self.request(Pending::NewMap, ctx),
            Command::Open => self.request(Pending::Open(None), ctx),
            Command::Import => self.request(Pending::Import(None), ctx),
            Command::ExportPng => self.start_export(None, ctx),
            Command::ExportSvg => {
                self.start_export(Some(ExportKind::Text(TextFormat::Svg { dark: false })), ctx)
            }
            Command::ExportMarkdown => {
                self.start_export(Some(ExportKind::Text(TextFormat::Markdown)), ctx)
            }
            Command::ExportMermaid => {
                self.start_export(Some(ExportKind::Text(TextFormat::Mermaid)), ctx)
            }
            Command::ExportPlantUml => {
                self.start_export(Some(ExportKind::Text(TextFormat::PlantUml)), ctx)
            }
            Command::ExportIceberg => self.start_export(Some(ExportKind::Iceberg), ctx),
            Command::CopyImage => self.copy_image(ctx),
            Command::ShareLive => {
                let name = super::live::dialog::default_name(&self.prefs.live_name);
                let form = super::live::dialog::ShareForm::new(&name);
                self.screen.dialog = Some(Dialog::ShareLive(form));
            }
            Command::JoinLive => {
                let form = super::live::dialog::JoinForm {
                    name: super::live::dialog::default_name(&self.prefs.live_name),
                    ..Default::default()
                };
                self.screen.dialog = Some(Dialog::JoinLive(form));
            }
            Command::LeaveLive => self.leave_live(),
            Command::FollowPresenter => {
                if let Some(live) = self.live.as_mut() {
                    live.follow = !live.follow;
                }
            }
            Command::Find => {
                if let Some(editing) = self.screen.editing_mut() {
                    editing.find = Some(super::find::FindState::opened());
                }
            }
            Command::Present => self.start_presenting(ctx),
            Command::LensPanel => self.toggle_lens_panel(),
            Command::WhoAskedWhom => self.toggle_contacts_panel(),
            Command::NextFinding => self.walk_findings(1),
            Command::PreviousFinding => self.walk_findings(-1),
            Command::FocusLane => self.focus_lane(),
            Command::Iceberg => self.toggle_iceberg(),
            Command::PointOfView => {
                let lane = self.canvas.selection.target_lane(self.doc.map());
                self.toggle_point_of_view(lane);
            }
            Command::ShowAllLanes => {
                let mut settings = self.doc.settings().clone();
                settings.hidden_lanes.clear();
                self.doc.set_settings(settings);
                self.status = "Showing all lanes".to_owned();
            }
            Command::Save => {
                self.save(ctx);
            }
            Command::SaveAs => {
                self.disk.dialogs
                    .ask(DialogPurpose::SaveAs, &self.suggested_file_name(), ctx)
            }
            Command::Undo => {
                self.doc.seal();
                let cards = self.doc.undo_op().map(super::undo_view::cards_changed);
                self.status = self
                    .doc
                    .undo()
                    .map_or("Nothing to undo".to_owned(), |label| {
                        format!("Undid: {label}")
                    });
                self.show_undone(&cards.unwrap_or_default());
            }
            Command::Redo => {
                let cards = self.doc.redo_op().map(super::undo_view::cards_changed);
                self.status = self
                    .doc
                    .redo()
                    .map_or("Nothing to redo".to_owned(), |label| {
                        format!("Redid: {label}")
                    });
                self.show_undone(&cards.unwrap_or_default());
            }
            Command::Delete => self.delete_selection(),
            Command::Copy => self.copy_cards(ctx),
            Command::Cut => self.cut_cards(ctx),
            Command::Paste => self.request_paste(ctx),
            Command::Duplicate => self.duplicate_cards(),
            Command::AddEvent => match self
                .canvas
                .selection
                .target_lane(self.doc.map())
                .or_else(|| self.doc.map().lanes.first().map(|l| l.id.clone()))
            {
                Some(lane) => {
                    let editor = self.canvas.new_event_editor(&self.doc, lane);
                    self.screen.edit_inline(editor);
                }
                None => self.status = "Add a lane first (Edit > Add lane)".to_owned(),
            },
            Command::EditTitle => {
                if let Some(id) = self.canvas.selection.single_card() {
                    let title = self.doc.map().card_title(id);
                    if crate::render::fits_editing(title) {
                        self.screen.edit_inline(canvas::InlineEditor::new(
                            canvas::InlineTarget::CardTitle(id.clone()),
                            title.to_owned(),
                        ));
                    } else {
                        self.status = crate::render::too_long_to_edit("the title", title);
                    }
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
                Some(from) => {
                    if let Some(editor) =
                        canvas::CanvasState::new_branch_editor(&self.doc, from.clone())
                    {
                        self.screen.edit_inline(editor);
                    }
                }
                None => self.status = "Select one event to add a path not taken from it".to_owned(),
            },
            Command::AddThinking
            | Command::AddFeeling
            | Command::AddSeeing
            | Command::AddQuestion
            | Command::AddNote => self.start_annotation(command),
            Command::ThemeSelection => self.open_theme_prompt(),
            Command::ThemesPanel => self.toggle_themes_panel(),
            Command::NextThemeMoment => self.step_theme(1),
            Command::PreviousThemeMoment => self.step_theme(-1),
            Command::FoldCopiedMessages => match ops::fold_copied_messages(self.doc.map()) {
                Some(op) => {
                    let folded = self.doc.map().events.len();
                    self.apply_edit(Edit::new("Fold copied message cards", op), None);
                    let folded = folded.saturating_sub(self.doc.map().events.len());
                    self.status = format!(
                        "{folded} copied cards became messages (Ctrl+Z brings them back)"
                    );
                }
                None => {
                    self.status = "No copied message cards to fold: every \"From …\" card has something of its own".to_owned()
                }
            },
            Command::ArrangeByTime => match ops::arrange_by_time(self.doc.map()) {
                Some(op) => self.apply_edit(Edit::new("Arrange by time", op), None),
                None => self.status = "Already in time order".to_owned(),
            },
            Command::ToggleBranches
            | Command::ToggleInlineAnnotations
            | Command::ScaleOrdinal
            | Command::ScaleTime
            | Command::ScaleCompressed
            | Command::ToggleUtc
            | Command::ToggleMinimap => self.change_view(command),
            Command::FitView => self.canvas.request(canvas::ViewRequest::Fit),
            Command::ZoomIn | Command::ZoomOut | Command::ActualSize => {
                let rect = self.canvas.canvas_rect();
                // Around the selected card when it is on screen (zooming in from the
                // whole map lands on it, not on whatever is in the middle), else around
                // the middle of the canvas.
                let selected = self.canvas.selection.single_card().cloned();
                let card = selected
                    .as_ref()
                    .and_then(|id| self.doc.geometry().card_of_item(id))
                    .map(|card| card.rect);
                let camera = &mut self.canvas.camera;
                let on_screen = card
                    .map(|scene| camera.screen_from_scene(rect).mul_rect(scene))
                    .filter(|screen| rect.intersects(*screen));
                let factor = match command {
                    Command::ZoomIn => 1.25,
                    Command::ZoomOut => 0.8,
                    _ => 1.0 / camera.zoom,
                };
                let anchor = on_screen.map_or(rect.center(), |screen| screen.center());
                camera.zoom_around(factor, anchor, rect);
                if let Some(id) = selected.filter(|_| on_screen.is_some()) {
                    self.canvas.request(canvas::ViewRequest::Reveal(id));
                }
            }
            Command::ThemeSystem => self.prefs.theme = ThemeChoice::System,
            Command::ThemeLight => self.prefs.theme = ThemeChoice::Light,
            Command::ThemeDark => self.prefs.theme = ThemeChoice::Dark,
            Command::CommandPalette => {
                self.screen.dialog = Some(Dialog::Palette {
                    filter: String::new(),
                    focus: FocusOnce::pending(),
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

    /// Shows `lane`'s point of view (what it knew at the selected moment; the rest fades),
    /// or leaves it when it is already shown.
    pub(super) fn toggle_point_of_view(&mut self, lane: Option<crate::model::LaneId>) {
        let Some(lane) = lane else {
            self.status = "Select a lane (or a card on it) to see its point of view".to_owned();
            return;
        };
        let name = self
            .doc
            .map()
            .lane(&lane)
            .map_or_else(String::new, |l| l.name.clone());
        self.status = if self.canvas.point_of_view.toggle(lane) {
            format!(
                "{}'s point of view: what they could know at the selected card (V again: leave)",
                crate::render::shown_text(&name)
            )
        } else {
            "Point of view left: everything shown".to_owned()
        };
    }

    /// Shows only the selected lane (or the selected card's) and the lanes it exchanged
    /// links with or has paths not taken on: one person's point of view.
    fn focus_lane(&mut self) {
        let map = self.doc.map();
        let Some(lane) = self.canvas.selection.target_lane(map) else {
            self.status = "Select a lane (or a card on it) to focus on".to_owned();
            return;
        };
        let mut shown = vec![lane.clone()];
        let lane_of = |id: &crate::model::EventId| map.event(id).map(|e| e.lane.clone());
        for link in &map.links {
            let to = match &link.to {
                crate::model::LinkEnd::Event(to) => lane_of(to),
                crate::model::LinkEnd::Lane(lane) => Some(lane.clone()),
            };
            let from = lane_of(&link.from);
            if from.as_ref() == Some(&lane)
                && let Some(to) = to
            {
                shown.push(to);
            } else if to.as_ref() == Some(&lane)
                && let Some(from) = from
            {
                shown.push(from);
            }
        }
        for branch in &map.branches {
            if branch.from.event().and_then(lane_of).as_ref() == Some(&lane) {
                shown.push(branch.lane.clone());
            }
        }
        let hidden: Vec<_> = map
            .lanes
            .iter()
            .filter(|l| !shown.contains(&l.id))
            .map(|l| l.id.clone())
            .collect();
        let name = map.lane(&lane).map_or_else(String::new, |l| l.name.clone());
        let count = map.lanes.len() - hidden.len();
        let mut settings = self.doc.settings().clone();
        settings.hidden_lanes = hidden;
        self.doc.set_settings(settings);
        self.canvas
            .selection
            .cards
            .retain(|id| self.doc.geometry().card_of_item(id).is_some());
        self.canvas.request(canvas::ViewRequest::Fit);
        self.status = format!("Focused on {name}: {count} lanes shown (View > Show all lanes)");
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
            Command::ToggleMinimap => settings.show_minimap = !settings.show_minimap,
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
            .lanes
            .last()
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
        self.canvas.selection = Selection::only_lane(id.clone());
        self.screen.edit_inline(canvas::InlineEditor::new(
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
        } else if let Some(id) = selection.single_lane()
            && let Some(lane) = map.lane(id)
        {
            let events =
                map.events_on(id).count() + map.branches.iter().filter(|b| &b.lane == id).count();
            let notes = map.gaps.iter().any(|g| g.lane.as_ref() == Some(id));
            if events == 0 && !notes {
                let label = format!("Delete lane '{}'", lane.name);
                self.apply_edit(Edit::new(label, Op::remove_lane_with_events(map, id)), None);
            } else {
                self.screen.dialog = Some(Dialog::ConfirmDeleteLane {
                    lane: id.clone(),
                    name: lane.name.clone(),
                    events,
                });
            }
        }
    }
}
