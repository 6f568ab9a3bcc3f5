//! The map canvas: draws the map through `render`, turns pointer input into selection,
//! pan/zoom and edits, and draws the interactive overlay (selection, drag previews).

pub mod camera;
mod drag;
mod inline;
mod lens_marks;
mod minimap;
mod overlay;
mod paste_spot;
pub mod peers;
pub mod requests;

pub use camera::Camera;
pub use drag::DraggedCards;
pub use inline::{InlineEditor, InlineTarget};
pub use requests::ViewRequest;

use super::Intents;
use super::selection::{GapKey, Selection};
use crate::document::Document;
use crate::layout::pos_at_y;
use crate::model::{CardId, LaneId};
use crate::render::{self, Theme, View, fits_editing, header_rect_on_screen, shown_text};
use drag::Drag;
use egui::{
    CursorIcon, Id, PointerButton, Pos2, Rect, Response, Role, Sense, Ui, Vec2, WidgetInfo, pos2,
    vec2,
};

/// Canvas view state: camera, selection and the drag in progress. What the canvas is for
/// (editing, with its in-place editor, or presenting) is not stored here: the window's
/// mode passes it in each frame as a [`Purpose`].
pub struct CanvasState {
    pub camera: Camera,
    pub selection: Selection,
    drag: Option<Drag>,
    /// View changes asked for since the last frame, applied in order.
    requests: Vec<ViewRequest>,
    canvas_rect: Rect,
    overview: minimap::OverviewCache,
    /// One lane's point of view, when one is shown.
    pub point_of_view: super::point_of_view::PointOfView,
    /// The theme whose moments stand out, when one is highlighted.
    pub highlight: super::themes::Highlight,
    /// What the others in a live session have selected.
    pub peers: Vec<peers::PeerMark>,
}

/// What the canvas is drawn for this frame.
pub enum Purpose<'a> {
    /// Editing: double-clicks and new cards open the in-place editor, kept by the mode.
    Editing {
        inline: &'a mut Option<InlineEditor>,
    },
    /// Presenting: the map is for looking, in the presentation theme, with no link
    /// handles, editor or overview; without hindsight nothing below `until` (scene y) is
    /// drawn or clickable.
    Presenting {
        until: Option<f32>,
        /// The lens's marks on cards are shown (L; off by default).
        lens_marks: bool,
    },
}

impl CanvasState {
    pub fn for_new_document() -> Self {
        CanvasState {
            camera: Camera::default(),
            selection: Selection::default(),
            drag: None,
            requests: vec![ViewRequest::Reset],
            canvas_rect: Rect::NOTHING,
            overview: minimap::OverviewCache::default(),
            point_of_view: Default::default(),
            highlight: Default::default(),
            peers: Vec::new(),
        }
    }

    /// What the view shows: the scene rect of the canvas (empty before the first frame).
    pub fn look(&self) -> Rect {
        if !self.canvas_rect.is_positive() {
            return Rect::NOTHING;
        }
        let size = self.canvas_rect.size() / self.camera.zoom;
        Rect::from_min_size(self.camera.pan.to_pos2(), size)
    }

    /// Shows `scene` (someone else's view) as large as it fits, centred, whatever the
    /// size of this window.
    pub fn look_at(&mut self, scene: Rect) {
        // The rect comes from another person's window: anything odd is ignored.
        let finite = [scene.min.x, scene.min.y, scene.max.x, scene.max.y]
            .iter()
            .all(|v| v.is_finite() && v.abs() < 1.0e7);
        if !finite || !scene.is_positive() || !self.canvas_rect.is_positive() {
            return;
        }
        let canvas = self.canvas_rect.size();
        let zoom = (canvas.x / scene.width())
            .min(canvas.y / scene.height())
            .clamp(camera::MIN_ZOOM, camera::MAX_ZOOM);
        self.camera.zoom = zoom;
        self.camera.pan = scene.center().to_vec2() - canvas / (2.0 * zoom);
    }

    /// Asks for a change of view on the next frame.
    pub fn request(&mut self, request: ViewRequest) {
        self.requests.push(request);
    }

    /// The canvas's screen rect last frame (for commands that zoom around its centre).
    pub fn canvas_rect(&self) -> Rect {
        self.canvas_rect
    }

    /// The in-place title editor for a new event on `lane`, after the selected card or
    /// below the lane's last card.
    pub fn new_event_editor(&self, doc: &Document, lane: LaneId) -> InlineEditor {
        let map = doc.map();
        let after = self
            .selection
            .cards
            .last()
            .and_then(|id| map.card_place(id))
            .filter(|(card_lane, _)| **card_lane == lane)
            .map(|(_, pos)| pos + 0.5);
        let pos = after.unwrap_or_else(|| {
            map.events_on(&lane)
                .map(|e| e.pos)
                .reduce(f64::max)
                .map_or(1.0, |last| last + 1.0)
        });
        InlineEditor::new(InlineTarget::NewEvent { lane, pos }, String::new())
    }

    /// The label editor for a new path not taken off `from`: on the next lane to the
    /// right (where the dashed curve reads as a side road), level with `from`; on the
    /// same lane just below it when there is no lane to the right.
    pub fn new_branch_editor(doc: &Document, from: CardId) -> Option<InlineEditor> {
        let map = doc.map();
        let (lane, pos) = map.card_place(&from)?;
        // The next lane to the right among those shown, so the new card is visible.
        let lanes = &doc.geometry().lanes;
        let index = lanes.iter().position(|l| &l.id == lane);
        let (lane, pos) = match index.and_then(|i| lanes.get(i + 1)) {
            Some(next) => (next.id.clone(), pos),
            None => (lane.clone(), pos + 0.5),
        };
        Some(InlineEditor::new(
            InlineTarget::NewBranch { from, lane, pos },
            String::new(),
        ))
    }
}

/// Says whose point of view the map shows, at the bottom left of the canvas (the lane
/// headers stay readable above; the overview is at the bottom right).
fn spotlight_ui(
    ui: &mut Ui,
    doc: &Document,
    state: &CanvasState,
    known: &crate::timeline::Knowledge,
    rect: Rect,
    presenting: bool,
) {
    let text = state.point_of_view.spotlight(doc, known, presenting);
    let left = doc.settings().ruler_width;
    bottom_line_ui(
        ui,
        "waterline-point-of-view",
        text,
        (rect, left),
        presenting,
    );
}

/// A line of text at the bottom left of the canvas, right of the ruler (`left` wide), over
/// the map: what the map shows now (a point of view, a highlighted theme).
pub fn bottom_line_ui(
    ui: &mut Ui,
    id: &'static str,
    text: String,
    (rect, left): (Rect, f32),
    presenting: bool,
) {
    let size = if presenting { 20.0 } else { 15.0 };
    let visuals = ui.visuals();
    let (fill, color) = (visuals.extreme_bg_color, visuals.strong_text_color());
    egui::Area::new(Id::unique(id))
        .fixed_pos(rect.left_bottom() + egui::vec2(left + 8.0, -12.0))
        .pivot(egui::Align2::LEFT_BOTTOM)
        .interactable(false)
        .show(ui.ctx(), |ui| {
            egui::Frame::NONE
                .fill(fill)
                .corner_radius(6.0)
                .inner_margin(egui::Margin::symmetric(12, 6))
                .show(ui, |ui| {
                    let text = egui::RichText::new(text).size(size).color(color);
                    ui.add(egui::Label::new(text).extend());
                });
        });
}

/// Shows the canvas in the remaining space of `ui`, for `purpose`.
pub fn canvas_ui(
    ui: &mut Ui,
    doc: &Document,
    state: &mut CanvasState,
    purpose: Purpose<'_>,
    intents: &mut Intents,
) {
    // Presenting, nothing can be edited in place: double-clicks land in this scratch
    // editor, which is never shown.
    let mut scratch = None;
    let (inline, until, presenting, lens_marks) = match purpose {
        Purpose::Editing { inline } => (inline, None, false, true),
        Purpose::Presenting { until, lens_marks } => (&mut scratch, until, true, lens_marks),
    };
    let rect = ui.available_rect_before_wrap();
    state.canvas_rect = rect;
    let background = ui.interact(
        rect,
        Id::unique("waterline-canvas"),
        Sense::click_and_drag(),
    );
    background.widget_info(|| WidgetInfo::labeled(Role::Canvas, true, "Map canvas"));

    for request in std::mem::take(&mut state.requests) {
        request.apply(&mut state.camera, doc, rect);
    }
    pan_and_zoom(ui, &background, rect, state);

    let view = View {
        screen_from_scene: state.camera.screen_from_scene(rect),
        clip: rect,
        sticky_chrome: true,
        until,
    };
    let dark = ui.visuals().dark_mode;
    let theme = if presenting {
        Theme::presentation(dark)
    } else {
        Theme::for_dark_mode(dark)
    };
    let known = state.point_of_view.knowledge(doc, &state.selection);
    // A point of view and a highlight both fade part of the map: the point of view wins.
    let highlighted = match known {
        None => state.highlight.highlighted(doc),
        Some(_) => None,
    };
    let lit = known.as_deref().map(render::Lit::Known).or(highlighted
        .as_deref()
        .map(|found| render::Lit::Cards(&found.cards)));
    let mut shapes = Vec::new();
    ui.ctx().fonts_mut(|fonts| {
        render::paint_map_lit(
            doc.map(),
            doc.geometry(),
            doc.settings(),
            &theme,
            &view,
            fonts,
            &mut shapes,
            lit,
        );
    });
    ui.painter_at(rect).extend(shapes);
    if let Some(known) = &known {
        spotlight_ui(ui, doc, state, known, rect, presenting);
    }
    if let Some(found) = &highlighted {
        let line = state.highlight.line(doc, found);
        let left = doc.settings().ruler_width;
        // Where a point of view's line is (a point of view gives way to a highlight).
        bottom_line_ui(
            ui,
            "waterline-theme-highlight",
            line,
            (rect, left),
            presenting,
        );
    }

    let scene_from_screen = view.screen_from_scene.inverse();
    let pointer_scene = ui
        .input(|i| i.pointer.latest_pos())
        .map(|p| scene_from_screen.mul_pos(p));
    // Drags are measured from where the button went down, not from where egui decided the
    // press had become a drag, so a card follows the pointer exactly.
    let press_scene = ui
        .input(|i| i.pointer.press_origin())
        .map(|p| scene_from_screen.mul_pos(p));

    // A press on the map takes the keyboard away from inspector fields, so shortcuts such
    // as Delete and Ctrl+Z act on the map again, as the user expects after clicking it.
    let pressed_on_canvas = ui.input(|i| {
        i.pointer.any_pressed() && i.pointer.press_origin().is_some_and(|p| rect.contains(p))
    });
    if pressed_on_canvas && inline.is_none() && ui.rect_contains_pointer(rect) {
        ui.ctx().memory_mut(|memory| memory.stop_text_input());
    }
    background_input(
        ui,
        doc,
        state,
        &background,
        &view,
        pointer_scene,
        press_scene,
    );
    lifelines_ui(ui, doc, state, inline, &view, pointer_scene);
    gaps_ui(ui, doc, state, inline, &view, pointer_scene);
    cards_ui(ui, doc, state, inline, &view, press_scene);
    if !presenting {
        handles_ui(ui, doc, state, &view, pointer_scene);
    }
    headers_ui(ui, doc, state, inline, &view, pointer_scene);
    drag::update(ui, doc, state, inline, intents, pointer_scene);
    overlay::paint(ui, doc, state, &view, &theme, pointer_scene, presenting);
    peers::paint(ui, doc, state, &view);
    if !presenting || lens_marks {
        let colour = crate::ui::lens_view::lens_colour(ui);
        lens_marks::paint(&ui.painter_at(rect), doc, &view, colour, !presenting);
    }
    // Presenting, the room sees the story, not the overview covering a corner of it.
    if presenting {
        return;
    }
    if doc.settings().show_minimap {
        let editing = inline
            .as_ref()
            .and_then(|editor| inline::editor_rect(doc, editor, &view));
        minimap::minimap_ui(ui, doc, state, &view, &theme, editing);
    }
    inline::editor_ui(ui, doc, state, inline, &view, intents);
}

fn pan_and_zoom(ui: &Ui, background: &Response, rect: Rect, state: &mut CanvasState) {
    let shift_drag = matches!(state.drag, Some(Drag::Box { .. }));
    if background.dragged_by(PointerButton::Primary) && !shift_drag && state.drag.is_none() {
        state.camera.pan_by_screen(background.drag_delta());
        ui.ctx().set_cursor_icon(CursorIcon::Grabbing);
    }
    if !ui.rect_contains_pointer(rect) {
        return;
    }
    let (middle_down, delta, scroll, zoom, pointer) = ui.input(|i| {
        (
            i.pointer.button_down(PointerButton::Middle),
            i.pointer.delta(),
            i.smooth_scroll_delta,
            i.zoom_delta(),
            i.pointer.latest_pos(),
        )
    });
    if middle_down {
        state.camera.pan_by_screen(delta);
    }
    if scroll != Vec2::ZERO {
        state.camera.pan_by_screen(scroll);
    }
    if zoom != 1.0
        && let Some(pointer) = pointer
    {
        state.camera.zoom_around(zoom, pointer, rect);
    }
}

fn background_input(
    ui: &Ui,
    doc: &Document,
    state: &mut CanvasState,
    background: &Response,
    view: &View,
    pointer: Option<Pos2>,
    press: Option<Pos2>,
) {
    if background.drag_started_by(PointerButton::Primary)
        && ui.input(|i| i.modifiers.shift)
        && let Some(start) = press
    {
        state.drag = Some(Drag::Box { start });
    }
    if background.clicked() {
        click_empty(ui, doc, state, view, pointer);
    }
}

/// A click on empty canvas selects the link under the pointer, or clears the selection.
fn click_empty(
    ui: &Ui,
    doc: &Document,
    state: &mut CanvasState,
    view: &View,
    pointer: Option<Pos2>,
) {
    let tolerance = 6.0 / view.screen_from_scene.scaling;
    let hit = pointer.and_then(|p| overlay::link_at(doc.geometry(), p, tolerance));
    if ui.input(|i| i.modifiers.shift) && hit.is_none() {
        return;
    }
    state.selection = Selection {
        link: hit,
        ..Default::default()
    };
}

fn lifelines_ui(
    ui: &mut Ui,
    doc: &Document,
    state: &mut CanvasState,
    inline: &mut Option<InlineEditor>,
    view: &View,
    pointer: Option<Pos2>,
) {
    let geometry = doc.geometry();
    for lane_geom in &geometry.lanes {
        let Some(lane) = doc.map().lane(&lane_geom.id) else {
            continue;
        };
        let column = Rect::from_min_max(
            pos2(lane_geom.column.min.x, geometry.lifeline_top),
            lane_geom.column.max,
        );
        let screen = view.screen_from_scene.mul_rect(column).intersect(view.clip);
        if !screen.is_positive() {
            continue;
        }
        let response = ui.interact(screen, Id::unique(("lifeline", &lane.id)), Sense::click());
        response.widget_info(|| {
            WidgetInfo::labeled(
                Role::Group,
                true,
                format!("Lifeline of {}", shown_text(&lane.name)),
            )
        });
        if response.double_clicked()
            && let Some(at) = pointer
        {
            *inline = Some(new_event_editor(doc, &lane.id, at));
        } else if response.clicked() {
            click_empty(ui, doc, state, view, pointer);
        }
    }
}

/// The title editor for a new event on `lane`, its card centred on `at` (scene).
fn new_event_editor(doc: &Document, lane: &LaneId, at: Pos2) -> InlineEditor {
    let top = at.y - doc.settings().card_height / 2.0;
    let pos = pos_at_y(doc.geometry(), doc.map(), doc.settings(), top, &[]);
    InlineEditor::new(
        InlineTarget::NewEvent {
            lane: lane.clone(),
            pos,
        },
        String::new(),
    )
}

/// Gap bands: a click selects the gap (its notes and questions show in the inspector); a
/// double-click adds an event there, as on a lifeline.
fn gaps_ui(
    ui: &mut Ui,
    doc: &Document,
    state: &mut CanvasState,
    inline: &mut Option<InlineEditor>,
    view: &View,
    pointer: Option<Pos2>,
) {
    let geometry = doc.geometry();
    let visible = view.visible_scene_rect();
    let near = geometry.bands_between(visible.min.y, visible.max.y);
    for band in near.into_iter().map(|i| &geometry.gap_bands[i]) {
        let Some(gap) = geometry.gap_scan.gaps.get(band.gap) else {
            continue;
        };
        let mut scene = band.rect;
        scene.min.x = scene.min.x.max(doc.settings().ruler_width);
        let screen = view.screen_from_scene.mul_rect(scene).intersect(view.clip);
        if !screen.is_positive() {
            continue;
        }
        let key = GapKey::of(gap);
        let response = ui.interact(
            screen,
            Id::unique(("gap", &key.lane, &key.before, &key.after)),
            Sense::click(),
        );
        let length = crate::timeline::duration_label(gap.secs());
        response.widget_info(|| {
            let lane = gap
                .lane
                .as_ref()
                .and_then(|id| doc.map().lane(id))
                .map(|l| format!(" on {}", shown_text(&l.name)))
                .unwrap_or_default();
            WidgetInfo::labeled(Role::Button, true, format!("Gap: {length}{lane}"))
        });
        if response.double_clicked()
            && let Some(at) = pointer
            && let Some(lane) = geometry
                .lane_id_at_x(at.x)
                .and_then(|id| doc.map().lane(id))
        {
            *inline = Some(new_event_editor(doc, &lane.id, at));
        } else if response.clicked() {
            state.selection = Selection::only_gap(key);
        }
        if state.drag.is_none() {
            response.on_hover_text(format!(
                "{}. Click to add notes on what people were doing.",
                gap.summary()
            ));
        }
    }
}

fn cards_ui(
    ui: &mut Ui,
    doc: &Document,
    state: &mut CanvasState,
    inline: &mut Option<InlineEditor>,
    view: &View,
    press: Option<Pos2>,
) {
    let visible = view.visible_scene_rect();
    let map = doc.map();
    for card in doc.geometry().cards_between(visible.min.y, visible.max.y) {
        let screen = view
            .screen_from_scene
            .mul_rect(card.rect)
            .intersect(view.clip);
        if !screen.is_positive() || !view.shows(card.rect.min.y) {
            continue;
        }
        let id = &card.item;
        let response = ui.interact(screen, Id::unique(("card", id)), Sense::click_and_drag());
        let title = map.card_title(id);
        response.widget_info(|| {
            let title = shown_text(title);
            let mut label = match id {
                CardId::Event(_) => format!("Event: {title}"),
                CardId::Branch(_) => format!("Path not taken: {title}"),
            };
            let others = peers::selected_by(state, id);
            if !others.is_empty() {
                label.push_str(&format!(" (selected by {})", others.join(", ")));
            }
            WidgetInfo::labeled(Role::Button, true, label)
        });
        let shift = ui.input(|i| i.modifiers.shift);
        if response.double_clicked() {
            state.selection = Selection::only(id.clone());
            // A title too long to edit in place is shown read-only in the inspector.
            if fits_editing(title) {
                *inline = Some(InlineEditor::new(
                    InlineTarget::CardTitle(id.clone()),
                    title.to_owned(),
                ));
            }
        } else if response.clicked() {
            if shift {
                state.selection.toggle(id.clone());
            } else {
                state.selection = Selection::only(id.clone());
            }
        }
        if response.drag_started_by(PointerButton::Primary)
            && let Some(start) = press
        {
            if !state.selection.contains(id) {
                if shift {
                    state.selection.toggle(id.clone());
                } else {
                    state.selection = Selection::only(id.clone());
                }
            }
            state.drag = Some(Drag::Cards {
                grabbed: id.clone(),
                start,
            });
            egui::DragAndDrop::set_payload(
                ui.ctx(),
                drag::DraggedCards(state.selection.cards.clone()),
            );
        }
        if state.drag.is_none() {
            match id {
                CardId::Event(event) => {
                    if let Some(event) = map.event(event) {
                        response.on_hover_ui_at_pointer(|ui| overlay::event_tooltip_ui(ui, event));
                    }
                }
                CardId::Branch(branch) => {
                    if let Some(branch) = map.branch(branch) {
                        response
                            .on_hover_ui_at_pointer(|ui| overlay::branch_tooltip_ui(ui, branch));
                    }
                }
            }
        }
    }
}

/// Where a card's link handle sits: just outside its right edge.
fn handle_center(card: Rect) -> Pos2 {
    card.right_center() + vec2(9.0, 0.0)
}

fn handles_ui(
    ui: &mut Ui,
    doc: &Document,
    state: &mut CanvasState,
    view: &View,
    pointer: Option<Pos2>,
) {
    if matches!(
        state.drag,
        Some(Drag::Cards { .. } | Drag::Lane { .. } | Drag::Box { .. })
    ) {
        return;
    }
    for id in overlay::cards_with_handles(doc, state, pointer, false) {
        let Some(card) = doc.geometry().card_of_item(&id) else {
            continue;
        };
        let center = view.screen_from_scene.mul_pos(handle_center(card.rect));
        let radius = (6.0 * view.screen_from_scene.scaling).max(5.0);
        let rect = Rect::from_center_size(center, Vec2::splat(radius * 2.0 + 4.0));
        if !view.clip.contains(center) {
            continue;
        }
        let title = shown_text(doc.map().card_title(&id));
        let response = ui.interact(rect, Id::unique(("link-handle", &id)), Sense::drag());
        let (label, hint) = match id {
            CardId::Event(_) => (
                format!("Link from: {title}"),
                "Drag onto another card to link them, or onto empty space for a path not taken",
            ),
            CardId::Branch(_) => (
                format!("Branch from: {title}"),
                "Drag onto empty space for another path not taken from this one",
            ),
        };
        response.widget_info(|| WidgetInfo::labeled(Role::Button, true, &label));
        let response = response.on_hover_text(hint);
        if response.hovered() {
            ui.ctx().set_cursor_icon(CursorIcon::Crosshair);
        }
        if response.drag_started() {
            state.drag = Some(Drag::Link { from: id.clone() });
        }
    }
}

fn headers_ui(
    ui: &mut Ui,
    doc: &Document,
    state: &mut CanvasState,
    inline: &mut Option<InlineEditor>,
    view: &View,
    pointer: Option<Pos2>,
) {
    for lane_geom in &doc.geometry().lanes {
        let Some(lane) = doc.map().lane(&lane_geom.id) else {
            continue;
        };
        let screen = header_rect_on_screen(lane_geom, view).intersect(view.clip);
        if !screen.is_positive() {
            continue;
        }
        let response = ui.interact(
            screen,
            Id::unique(("lane-header", &lane.id)),
            Sense::click_and_drag(),
        );
        response.widget_info(|| {
            WidgetInfo::labeled(
                Role::Button,
                true,
                format!("Lane: {}", shown_text(&lane.name)),
            )
        });
        // Zoomed out, a header shows its name at a readable size, cut when long, and not
        // its kind: hovering shows both.
        let response =
            if render::headers_shortened(view.screen_from_scene.scaling) && state.drag.is_none() {
                response.on_hover_text(format!(
                    "{} ({})",
                    shown_text(&lane.name),
                    shown_text(lane.kind.label())
                ))
            } else {
                response
            };
        if response.double_clicked() {
            state.selection = Selection::only_lane(lane.id.clone());
            if fits_editing(&lane.name) {
                *inline = Some(InlineEditor::new(
                    InlineTarget::LaneName(lane.id.clone()),
                    lane.name.clone(),
                ));
            }
        } else if response.clicked() {
            if ui.input(|i| i.modifiers.shift || i.modifiers.command) {
                state.selection.toggle_lane(lane.id.clone());
            } else {
                state.selection = Selection::only_lane(lane.id.clone());
            }
        }
        if response.drag_started_by(PointerButton::Primary) && pointer.is_some() {
            state.drag = Some(Drag::Lane {
                id: lane.id.clone(),
            });
        }
        if response.hovered() && state.drag.is_none() {
            ui.ctx().set_cursor_icon(CursorIcon::Grab);
        }
    }
}
