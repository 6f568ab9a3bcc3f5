//! One harness for UI tests: builds the app on a given map and drives it like a user, by
//! AccessKit labels, pointer and keys. The clock is the harness's: no sleeps.

#![allow(dead_code)]

use egui::{Modifiers, PointerButton, Pos2, Rect, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::PathBuf;
use waterline::document::Document;
use waterline::io::parse_map;
use waterline::model::{CardId, Event, Map};
use waterline::ui::{DialogBackend, Prefs, WaterlineApp};

pub const SMALL: &str = waterline::samples::SMALL;

/// The app on a map, in a 1400x900 window, with file dialogs that report "no dialog" (so
/// tests use the typed-path fallback and never block on a real dialog).
pub fn app_on(json: &str) -> Harness<'static, WaterlineApp> {
    let map = parse_map(json.as_bytes()).expect("test map loads");
    app_with(Document::new(map, None))
}

pub fn app_with(doc: Document) -> Harness<'static, WaterlineApp> {
    harness_of(WaterlineApp::new(
        doc,
        Prefs::default(),
        DialogBackend::Unavailable,
    ))
}

/// The app on a map file opened as a user would, keeping its recovery journal and
/// backups in `data_dir`.
pub fn app_on_file(
    path: &std::path::Path,
    data_dir: &std::path::Path,
) -> Harness<'static, WaterlineApp> {
    let opened = waterline::io::open_file(path).expect("test file opens");
    let doc = Document::opened(opened, path.to_owned());
    app_in(doc, data_dir)
}

/// The app on a document, keeping its recovery journal and backups in `data_dir`.
pub fn app_in(doc: Document, data_dir: &std::path::Path) -> Harness<'static, WaterlineApp> {
    let app = WaterlineApp::new(doc, Prefs::default(), DialogBackend::Unavailable)
        .with_data_dir(Some(data_dir.to_owned()));
    harness_of(app)
}

/// Lets `seconds` pass on the harness's clock, a frame at a time.
pub fn wait(harness: &mut Harness<'_, WaterlineApp>, seconds: f32) {
    let frames = (seconds * 60.0).ceil() as usize;
    for _ in 0..frames {
        harness.step();
    }
}

/// Saves through the typed-path fallback of Save As.
pub fn save_as(harness: &mut Harness<'_, WaterlineApp>, path: &std::path::Path) {
    key(harness, Modifiers::COMMAND | Modifiers::SHIFT, egui::Key::S);
    harness.get_by_label("File path").focus();
    type_text(harness, path.to_str().unwrap());
    key(harness, Modifiers::NONE, egui::Key::Enter);
}

pub fn harness_of(app: WaterlineApp) -> Harness<'static, WaterlineApp> {
    let mut harness = builder().build_ui_state(|ui, app: &mut WaterlineApp| app.frame_ui(ui), app);
    harness.run();
    harness
}

/// [`app_on`] for a map whose text needs glyphs the bundled fonts lack (arrows, CJK),
/// which the app draws through the system's fonts: here they are drawn as boxes.
pub fn app_on_any_glyphs(json: &str) -> Harness<'static, WaterlineApp> {
    let map = parse_map(json.as_bytes()).expect("test map loads");
    let app = WaterlineApp::new(
        Document::new(map, None),
        Prefs::default(),
        DialogBackend::Unavailable,
    );
    let mut harness = builder()
        .allow_missing_glyphs()
        .build_ui_state(|ui, app: &mut WaterlineApp| app.frame_ui(ui), app);
    harness.run();
    harness
}

fn builder() -> egui_kittest::HarnessBuilder<WaterlineApp> {
    Harness::builder()
        .with_size(vec2(1400.0, 900.0))
        // A mocked 60 fps clock: two clicks a few frames apart are a double-click, as for a person.
        .with_step_dt(1.0 / 60.0)
        .with_max_steps(120)
}

pub fn map<'a>(harness: &'a Harness<'_, WaterlineApp>) -> &'a Map {
    harness.state().doc.map()
}

pub fn event_titled<'a>(harness: &'a Harness<'_, WaterlineApp>, title: &str) -> &'a Event {
    map(harness)
        .events
        .iter()
        .find(|e| e.title == title)
        .unwrap_or_else(|| panic!("no event titled {title:?}"))
}

pub fn rect_of(harness: &Harness<'_, WaterlineApp>, label: &str) -> Rect {
    harness.get_by_label(label).rect()
}

fn press(harness: &mut Harness<'_, WaterlineApp>, pos: Pos2, pressed: bool, modifiers: Modifiers) {
    harness.event(egui::Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers,
    });
}

/// Clicks the widget with this AccessKit label and lets the app react.
pub fn click_label(harness: &mut Harness<'_, WaterlineApp>, label: &str) {
    harness.get_by_label(label).click();
    harness.run();
}

/// Selects the card with this title and presses Delete.
pub fn delete_event(harness: &mut Harness<'_, WaterlineApp>, title: &str) {
    click_label(harness, &format!("Event: {title}"));
    key(harness, Modifiers::NONE, egui::Key::Delete);
}

pub fn click_at(harness: &mut Harness<'_, WaterlineApp>, pos: Pos2) {
    harness.hover_at(pos);
    press(harness, pos, true, Modifiers::NONE);
    press(harness, pos, false, Modifiers::NONE);
    harness.run();
}

pub fn double_click_at(harness: &mut Harness<'_, WaterlineApp>, pos: Pos2) {
    harness.hover_at(pos);
    harness.run();
    for _ in 0..2 {
        press(harness, pos, true, Modifiers::NONE);
        press(harness, pos, false, Modifiers::NONE);
    }
    harness.run();
}

/// Presses at `from`, moves in steps to `to`, releases: one drag as a hand would do it.
pub fn drag(harness: &mut Harness<'_, WaterlineApp>, from: Pos2, to: Pos2, modifiers: Modifiers) {
    harness.event(egui::Event::ModifiersChanged(modifiers));
    harness.hover_at(from);
    harness.run();
    press(harness, from, true, modifiers);
    harness.run();
    for step in 1..=6 {
        let at = from + (to - from) * (step as f32 / 6.0);
        harness.event(egui::Event::PointerMoved(at));
        harness.run();
    }
    press(harness, to, false, modifiers);
    harness.run();
    harness.event(egui::Event::PointerGone);
    harness.run();
    harness.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    harness.run();
}

pub fn key(harness: &mut Harness<'_, WaterlineApp>, modifiers: Modifiers, key: egui::Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run();
}

pub fn type_text(harness: &mut Harness<'_, WaterlineApp>, text: &str) {
    harness.event(egui::Event::Text(text.to_owned()));
    harness.run();
}

/// A point on a lifeline below every card: where double-clicking adds an event.
pub fn free_spot_on_lifeline(harness: &Harness<'_, WaterlineApp>, lane_name: &str) -> Pos2 {
    let column = rect_of(harness, &format!("Lifeline of {lane_name}"));
    Pos2::new(column.center().x, column.max.y - 40.0)
}

/// The point of a lane's lifeline level with a given screen y.
pub fn lane_x(harness: &Harness<'_, WaterlineApp>, lane_name: &str) -> f32 {
    rect_of(harness, &format!("Lane: {lane_name}")).center().x
}

pub fn temp_file(name: &str, contents: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    std::fs::write(&path, contents).expect("write temp file");
    (dir, path)
}

/// A file dropped on the window, as the platform reports it.
#[derive(Debug)]
pub struct Dropped(pub PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// Drops a file on the window and lets the app react.
pub fn drop_file(harness: &mut Harness<'_, WaterlineApp>, path: &std::path::Path) {
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path.to_owned())));
    harness.run();
}

/// Where a card is on screen now (it may be outside the canvas).
pub fn card_on_screen(harness: &Harness<'_, WaterlineApp>, card: &CardId) -> Rect {
    let app = harness.state();
    let canvas = app.canvas.canvas_rect();
    let rect = app
        .doc
        .geometry()
        .card_of_item(card)
        .expect("the card is laid out")
        .rect;
    app.canvas.camera.screen_from_scene(canvas).mul_rect(rect)
}
