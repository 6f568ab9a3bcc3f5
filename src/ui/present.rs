//! Presentation mode (F5; Esc leaves): the map full screen for the debrief, with the
//! editing chrome hidden, larger type and the light theme. The facilitator walks it event
//! by event (and gap by gap) with the arrow keys, space, Page Up / Page Down (what
//! clickers send) and Home / End; without hindsight (the default; H toggles) nothing
//! after the current step is drawn. D switches between the high-contrast light and dark
//! themes. The current step is spotlighted with its annotations
//! and questions beside it, and T / F / S / Q capture what the room says.

use super::app::WaterlineApp;
use super::canvas::Camera;
use super::focus::FocusOnce;
use super::mode::Mode;
use super::selection::{GapKey, Selection};
use crate::model::{Annotation, AnnotationKind, Event, EventId};
use crate::ops::{Edit, Op};
use crate::prompts;
use crate::render::shown_text;
use crate::timeline::Beat;
use egui::{CursorIcon, Key, Modifiers, Panel, Rect, RichText, TextEdit};

/// Zoom while presenting: the smallest map text (9.5 points) comes out at 18 pixels.
pub const PRESENTATION_ZOOM: f32 = 1.9;
/// Seconds without pointer movement before the pointer hides.
const POINTER_HIDES_AFTER: f32 = 2.0;

/// One stop of the walk.
#[derive(Clone, Debug, PartialEq)]
pub enum WalkStep {
    Event(EventId),
    /// A whole-map gap, shown before the event that ends it.
    Gap(GapKey),
}

/// Presentation state.
pub struct Presenting {
    pub step: usize,
    /// Everything shown (H); off by default: no hindsight.
    pub hindsight: bool,
    /// An annotation being captured for the current step: its kind and text.
    pub capture: Option<(AnnotationKind, String)>,
    focus_capture: FocusOnce,
    /// Without hindsight: nothing below this scene y (the current step's bottom) is drawn
    /// or clickable.
    pub until: Option<f32>,
    /// The lens's marks on cards with phrases to revisit (L); off by default, so the room
    /// sees the map, not the reviewer's notes.
    pub lens_marks: bool,
    /// On the last step after the walk: the iceberg of the map's themes (only when it has
    /// themes), so the debrief can end below the waterline.
    pub iceberg: Option<Box<super::iceberg_view::IcebergView>>,
    /// The view to go back to when leaving.
    camera_before: Camera,
    /// Where the camera is gliding to.
    target_pan: Option<egui::Vec2>,
}

impl Presenting {
    /// At the first step, without hindsight; leaving goes back to `camera_before`.
    pub fn new(camera_before: Camera) -> Self {
        Presenting {
            step: 0,
            hindsight: false,
            capture: None,
            focus_capture: FocusOnce::default(),
            until: None,
            lens_marks: false,
            iceberg: None,
            camera_before,
            target_pan: None,
        }
    }
}

impl WaterlineApp {
    /// Whether the app is presenting.
    pub fn is_presenting(&self) -> bool {
        self.screen.presenting().is_some()
    }

    /// Presenting without hindsight: the scene y below which nothing is drawn.
    pub fn presenting_until(&self) -> Option<f32> {
        self.screen.presenting()?.until
    }

    /// The current step of the walk, while presenting.
    pub fn current_step(&self) -> Option<WalkStep> {
        let step = self.screen.presenting()?.step;
        self.walk_step(step)
    }

    pub(super) fn start_presenting(&mut self, ctx: &egui::Context) {
        // The find bar and the in-place editor belong to editing: they go with it.
        self.screen.mode = Mode::Presenting(Presenting::new(self.canvas.camera));
        self.canvas.camera.zoom = PRESENTATION_ZOOM;
        self.chrome.follow(ctx, true, self.prefs.theme);
        self.go_to_step(0);
    }

    pub(super) fn stop_presenting(&mut self, ctx: &egui::Context) {
        let editing = Mode::Editing(Default::default());
        if let Mode::Presenting(present) = std::mem::replace(&mut self.screen.mode, editing) {
            self.canvas.camera = present.camera_before;
            // The card the walk stopped on stays selected: scroll just enough to show it
            // (the view from before may be far from it).
            if let Some(card) = self.canvas.selection.single_card().cloned() {
                self.canvas
                    .request(super::canvas::ViewRequest::Reveal(card));
            }
        }
        self.chrome.follow(ctx, false, self.prefs.theme);
        self.status = "Left presentation mode".to_owned();
    }

    /// The walk is the map's story (`timeline::Story`, told once per change): events in
    /// the reviewer's order, each whole-map gap just before the first event inside it.
    fn walk(&self) -> &[Beat] {
        &self.doc.geometry().story.beats
    }

    /// Step `index` of the walk.
    fn walk_step(&self, index: usize) -> Option<WalkStep> {
        let geometry = self.doc.geometry();
        Some(match self.walk().get(index)? {
            Beat::Event(i) => WalkStep::Event(self.doc.map().events.get(*i)?.id.clone()),
            Beat::Gap(i) => WalkStep::Gap(GapKey::of(geometry.gap_scan.gaps.get(*i)?)),
        })
    }

    /// Makes `index` the current step: spotlight it, hide what comes after, glide to it.
    ///
    /// Where the view goes is [`step_view`]'s.
    fn go_to_step(&mut self, index: usize) {
        let length = self.walk().len();
        if length == 0 {
            return;
        }
        let index = index.min(length - 1);
        let Some(step) = self.walk_step(index) else {
            return;
        };
        let Some(present) = self.screen.presenting_mut() else {
            return;
        };
        present.step = index;
        present.capture = None;
        let geometry = self.doc.geometry();
        let map = self.doc.map();
        let (focus, selection) = match &step {
            WalkStep::Event(id) => {
                let card = geometry.card(id).map(|c| c.rect);
                (card, Selection::only(id.clone()))
            }
            WalkStep::Gap(key) => {
                let band = geometry.gap_bands.iter().find(|band| {
                    geometry
                        .gap_scan
                        .gaps
                        .get(band.gap)
                        .is_some_and(|g| key.matches(g))
                });
                (band.map(|b| b.rect), Selection::only_gap(key.clone()))
            }
        };
        self.canvas.selection = selection;
        present.until = if present.hindsight {
            None
        } else {
            focus.map(|rect| rect.max.y)
        };
        if let Some(rect) = focus {
            let canvas = self.canvas.canvas_rect();
            let zoom = self.canvas.camera.zoom;
            let view = egui::vec2(canvas.width() / zoom, canvas.height() / zoom);
            // The cards of the last few steps, so stepping to a far lane keeps the lanes
            // the story just came from in view when they fit.
            let recent: Vec<Rect> = geometry.story.beats[..present.step]
                .iter()
                .rev()
                .filter_map(|beat| match beat {
                    Beat::Event(i) => geometry.card(&map.events.get(*i)?.id).map(|c| c.rect),
                    Beat::Gap(_) => None,
                })
                .take(RECENT_STEPS_IN_VIEW)
                .collect();
            let settings = self.doc.settings();
            present.target_pan = Some(step_view(
                rect,
                &recent,
                view,
                settings.header_height,
                settings.ruler_width,
            ));
        }
    }

    /// One frame of presentation mode.
    pub(super) fn present_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if self.screen.keys() == super::mode::Keys::Walk {
            self.present_keys(&ctx);
        }
        if !self.is_presenting() {
            return;
        }
        self.glide(&ctx);
        let still = ctx.input(|i| i.pointer.time_since_last_movement());
        if still > POINTER_HIDES_AFTER {
            ctx.set_cursor_icon(CursorIcon::None);
        } else {
            // Nothing else may redraw while the room listens: come back to hide it.
            ctx.request_repaint_after(std::time::Duration::from_secs_f32(
                POINTER_HIDES_AFTER - still + 0.05,
            ));
        }
        Panel::right("spotlight")
            .exact_size(520.0)
            .show(ui, |ui| self.spotlight_ui(ui));
        let mut intents = super::Intents::default();
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| {
                if let Some(iceberg) = self
                    .screen
                    .presenting_mut()
                    .and_then(|p| p.iceberg.as_deref_mut())
                {
                    // Its moments can be listed; nothing moves (the intents are dropped).
                    let _ = super::iceberg_view::iceberg_ui(ui, &self.doc, iceberg, &mut intents);
                    return;
                }
                let purpose = self.screen.purpose();
                super::canvas::canvas_ui(ui, &self.doc, &mut self.canvas, purpose, &mut intents);
            });
        // The map is for looking while presenting: clicks and drags change nothing.
        drop(intents);
    }

    fn glide(&mut self, ctx: &egui::Context) {
        let Some(present) = self.screen.presenting_mut() else {
            return;
        };
        let Some(target) = present.target_pan else {
            return;
        };
        let pan = &mut self.canvas.camera.pan;
        let gap = target - *pan;
        if gap.length() < 0.5 {
            *pan = target;
            present.target_pan = None;
        } else {
            *pan += gap * 0.25;
            ctx.request_repaint();
        }
    }

    fn present_keys(&mut self, ctx: &egui::Context) {
        let Some(present) = self.screen.presenting() else {
            return;
        };
        let pressed = |key: Key| ctx.input_mut(|i| i.consume_key(Modifiers::NONE, key));
        // Every press counts: a clicker or a quick hand can press twice within one frame.
        let presses = |keys: &[Key]| -> usize {
            keys.iter()
                .map(|&key| ctx.input_mut(|i| i.count_and_consume_key(Modifiers::NONE, key)))
                .sum()
        };
        let step = present.step;
        let on_iceberg = present.iceberg.is_some();
        let last = self.walk().len().saturating_sub(1);
        let has_themes = !self.doc.map().themes.is_empty();
        let set_iceberg = |app: &mut Self, on: bool| {
            if let Some(present) = app.screen.presenting_mut() {
                present.iceberg = on.then(Box::default);
            }
        };
        if pressed(Key::Escape) {
            self.stop_presenting(ctx);
            return;
        }
        let forward = presses(&[Key::ArrowRight, Key::ArrowDown, Key::Space, Key::PageDown]);
        let back = presses(&[Key::ArrowLeft, Key::ArrowUp, Key::PageUp]);
        if forward > back {
            let target = step + (forward - back);
            // After the last step, the iceberg (when there are themes to place on it).
            if target > last && has_themes {
                if step != last {
                    self.go_to_step(last);
                }
                set_iceberg(self, true);
            } else {
                self.go_to_step(target.min(last));
            }
        } else if back > forward {
            let mut back = back - forward;
            if on_iceberg {
                set_iceberg(self, false);
                back -= 1;
            }
            if back > 0 {
                self.go_to_step(step.saturating_sub(back));
            }
        } else if pressed(Key::Home) {
            set_iceberg(self, false);
            self.go_to_step(0);
        } else if pressed(Key::End) {
            set_iceberg(self, false);
            self.go_to_step(last);
        } else if pressed(Key::D) {
            // Light is the default on a projector; some rooms are dark.
            let dark = ctx.theme() == egui::Theme::Dark;
            ctx.set_theme(if dark {
                egui::ThemePreference::Light
            } else {
                egui::ThemePreference::Dark
            });
        } else if pressed(Key::V) {
            // The point of view of the lane whose card is on screen (again: leave it).
            let map = self.doc.map();
            let lane = match self.current_step() {
                Some(WalkStep::Event(id)) => map.event(&id).map(|e| e.lane.clone()),
                Some(WalkStep::Gap(key)) => key
                    .lane
                    .clone()
                    .or_else(|| map.event(&key.before).map(|e| e.lane.clone())),
                None => None,
            };
            self.toggle_point_of_view(lane);
        } else if pressed(Key::L) {
            if let Some(present) = self.screen.presenting_mut() {
                present.lens_marks = !present.lens_marks;
            }
        } else if pressed(Key::H) {
            if let Some(present) = self.screen.presenting_mut() {
                present.hindsight = !present.hindsight;
            }
            self.go_to_step(step);
        } else {
            for (key, kind) in [
                (Key::T, AnnotationKind::Thinking),
                (Key::F, AnnotationKind::Feeling),
                (Key::S, AnnotationKind::Seeing),
                (Key::Q, AnnotationKind::Question),
            ] {
                if pressed(key)
                    && let Some(present) = self.screen.presenting_mut()
                {
                    present.capture = Some((kind, String::new()));
                    present.focus_capture = FocusOnce::pending();
                    break;
                }
            }
        }
    }

    /// The current step, large: what happened (or the gap), what people said about it,
    /// and what to ask.
    fn spotlight_ui(&mut self, ui: &mut egui::Ui) {
        if self
            .screen
            .presenting()
            .is_some_and(|p| p.iceberg.is_some())
        {
            let themes = &self.doc.map().themes;
            let below = themes.iter().filter(|t| t.is_below()).count();
            ui.add_space(16.0);
            ui.label(RichText::new("After the walk").size(16.0).weak());
            ui.label(RichText::new("Below the waterline").size(30.0).strong());
            ui.add_space(8.0);
            ui.label(
                RichText::new(format!(
                    "{} themes: {} below the waterline, in the organisation; {} above, in the operations.",
                    themes.len(),
                    below,
                    themes.len() - below
                ))
                .size(20.0),
            );
            ui.add_space(8.0);
            ui.label(RichText::new("What set the context for the moments we walked through? Which of these would we change, and who can?").size(20.0));
            ui.add_space(16.0);
            ui.label(
                RichText::new("Left: back to the walk · Home: the start · Esc: leave")
                    .size(14.0)
                    .weak(),
            );
            return;
        }
        let Some(step) = self.current_step() else {
            ui.heading("Nothing to walk: the map has no events.");
            return;
        };
        let map = self.doc.map();
        // Each step stands on its own on the screen: on a map of several days its time
        // carries the date.
        let clock = self.doc.geometry().clock;
        let total = self.walk().len();
        let index = self.screen.presenting().map_or(0, |p| p.step);
        ui.add_space(16.0);
        ui.label(
            RichText::new(format!("Step {} of {total}", index + 1))
                .size(18.0)
                .weak(),
        );
        let (title, notes, questions): (String, Vec<Annotation>, Vec<&str>) = match &step {
            WalkStep::Event(id) => {
                let Some(event) = map.event(id) else { return };
                let lane = map.lane(&event.lane).map_or("", |l| l.name.as_str());
                let time = event
                    .time
                    .map_or_else(String::new, |t| format!("{} · ", clock.moment(t)));
                let lane = shown_text(lane);
                ui.label(RichText::new(format!("{time}{lane}")).size(20.0));
                (
                    shown_text(&event.title).into_owned(),
                    event.annotations.clone(),
                    prompts::for_card(event.kind.as_ref(), &event.annotations),
                )
            }
            WalkStep::Gap(key) => {
                let Some(gap) = self
                    .doc
                    .geometry()
                    .gap_scan
                    .gaps
                    .iter()
                    .find(|g| key.matches(g))
                else {
                    return;
                };
                let notes = Op::notes_of_gap(map, gap);
                ui.label(RichText::new(clock.range(gap.start, gap.end)).size(20.0));
                (
                    format!("{}: {}", gap.summary(), gap.question().to_lowercase()),
                    notes,
                    prompts::FOR_GAP.to_vec(),
                )
            }
        };
        ui.label(RichText::new(title).size(30.0).strong());
        ui.add_space(12.0);
        let theme = crate::render::Theme::light();
        for note in &notes {
            ui.label(
                RichText::new(format!(
                    "{}: {}",
                    shown_text(note.kind.label()),
                    shown_text(&note.text)
                ))
                .size(22.0)
                .color(theme.annotation_kind(&note.kind).gamma_multiply(0.9)),
            );
        }
        self.capture_ui(ui, &step);
        ui.add_space(16.0);
        ui.label(RichText::new("Questions").size(20.0).strong());
        for question in questions {
            ui.label(RichText::new(question).size(20.0));
        }
        ui.add_space(16.0);
        ui.label(
            RichText::new(
                "Right or Space: next · Left: back · T F S Q: capture · H: show everything · V: this lane's point of view · L: lens marks · D: dark or light · Esc: leave",
            )
            .size(18.0)
            .weak(),
        );
    }

    /// The box for what the room says; Enter keeps it as an annotation, Esc drops it.
    fn capture_ui(&mut self, ui: &mut egui::Ui, step: &WalkStep) {
        let Some(present) = self.screen.presenting_mut() else {
            return;
        };
        let Some((kind, text)) = &mut present.capture else {
            return;
        };
        let kind = kind.clone();
        let label = format!("New {} annotation", kind.label().to_lowercase());
        ui.label(RichText::new(&label).size(20.0).strong());
        let id = egui::Id::unique("waterline-capture");
        let (enter, escape) = ui.input_mut(|i| {
            (
                i.consume_key(Modifiers::NONE, Key::Enter),
                i.consume_key(Modifiers::NONE, Key::Escape),
            )
        });
        let response = ui.add(
            TextEdit::multiline(text)
                .id(id)
                .font(egui::FontId::proportional(22.0))
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        );
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, &label));
        present.focus_capture.take(&response);
        if escape {
            present.capture = None;
            return;
        }
        if !enter {
            return;
        }
        let text = text.trim().to_owned();
        present.capture = None;
        if text.is_empty() {
            return;
        }
        let annotation = Annotation::new(kind.clone(), text);
        let map = self.doc.map();
        let edit = match step {
            WalkStep::Event(id) => map.event(id).map(|event| {
                let mut annotations = event.annotations.clone();
                annotations.push(annotation);
                Edit::new(
                    format!("Add {} to '{}'", kind.label().to_lowercase(), event.title),
                    Op::UpdateEvent(Event {
                        annotations,
                        ..event.clone()
                    }),
                )
            }),
            WalkStep::Gap(key) => {
                let geometry = self.doc.geometry();
                geometry
                    .gap_scan
                    .gaps
                    .iter()
                    .find(|g| key.matches(g))
                    .map(|gap| {
                        let mut notes = Op::notes_of_gap(map, gap);
                        notes.push(annotation);
                        Edit::new("Add a note to the gap", Op::set_gap_notes(map, gap, notes))
                    })
            }
        };
        if let Some(edit) = edit {
            self.apply_edit(edit, None);
            let step = self.screen.presenting().map_or(0, |p| p.step);
            self.go_to_step(step);
        }
    }
}

/// The previous steps whose lanes are kept in view when they fit.
const RECENT_STEPS_IN_VIEW: usize = 3;
/// Where the current step's bottom sits, as a share of the view's height from its top:
/// low, so the story before it is in view.
const STEP_LOW_AT: f32 = 0.72;

/// The top-left scene point to show for a step whose card (or band) is `current`: its
/// bottom low in the view with the story before it above, never under the pinned lane
/// headers (`header` tall) or ruler (`ruler` wide), whole when it fits (so End shows the
/// last card whole); sideways, the current card and the `recent` ones' lanes together
/// when they fit, else the current card in the middle.
pub fn step_view(
    current: Rect,
    recent: &[Rect],
    view: egui::Vec2,
    header: f32,
    ruler: f32,
) -> egui::Vec2 {
    const MARGIN: f32 = 16.0;
    let low = current.max.y - view.y * STEP_LOW_AT;
    // Its top just below the headers at least: a card taller than the view shows its top.
    let y = low.min(current.min.y - header - MARGIN);
    let usable = view.x - ruler - 2.0 * MARGIN;
    let span = recent.iter().fold(current, |span, rect| span.union(*rect));
    let x = if span.width() <= usable {
        // The span in the middle of the room right of the ruler.
        span.center().x - ruler - MARGIN - usable / 2.0
    } else {
        current.center().x - ruler - MARGIN - usable / 2.0
    };
    egui::vec2(x.max(0.0), y)
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{pos2, vec2};

    #[test]
    fn the_step_sits_low_whole_and_clear_of_the_headers_and_ruler() {
        let view = vec2(1000.0, 600.0);
        let card = Rect::from_min_size(pos2(2000.0, 5000.0), vec2(196.0, 56.0));
        let pan = step_view(card, &[], view, 64.0, 64.0);
        let top_on_screen = card.min.y - pan.y;
        let bottom_on_screen = card.max.y - pan.y;
        assert!(bottom_on_screen <= view.y, "whole");
        assert!(top_on_screen > 64.0, "not under the headers");
        assert!(
            bottom_on_screen > view.y * 0.6,
            "low, with the story above it"
        );
        assert!(card.min.x - pan.x > 64.0, "not under the ruler");

        // A card near the top of the map is not pushed under the headers.
        let first = Rect::from_min_size(pos2(300.0, 80.0), vec2(196.0, 56.0));
        let pan = step_view(first, &[], view, 64.0, 64.0);
        assert!(first.min.y - pan.y >= 64.0);

        // The lanes of the last steps stay in view when they fit.
        let before = Rect::from_min_size(pos2(1500.0, 4900.0), vec2(196.0, 56.0));
        let pan = step_view(card, &[before], view, 64.0, 64.0);
        assert!(before.min.x - pan.x > 64.0 && card.max.x - pan.x < view.x);
    }
}
