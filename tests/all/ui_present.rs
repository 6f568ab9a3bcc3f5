//! Presentation mode: entering and leaving, walking the map step by step without
//! hindsight, and capturing what the room says.

use crate::common::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use waterline::ui::present::WalkStep;

fn current(harness: &egui_kittest::Harness<'_, waterline::ui::WaterlineApp>) -> String {
    match harness.state().current_step().expect("presenting") {
        WalkStep::Event(id) => map(harness).event(&id).unwrap().title.clone(),
        WalkStep::Gap(_) => "gap".to_owned(),
    }
}

#[test]
fn f5_enters_presentation_and_escape_leaves() {
    let mut harness = app_on(SMALL);
    assert!(harness.query_by_label("File").is_some());
    key(&mut harness, Modifiers::NONE, Key::F5);
    assert!(harness.state().is_presenting());
    assert!(
        harness.query_by_label("File").is_none(),
        "the editing chrome (menus, inspector) is hidden"
    );
    assert!(harness.query_by_label_contains("Step 1 of").is_some());
    assert!(
        harness.query_by_label("Map overview").is_none(),
        "the overview does not cover the story while presenting"
    );
    key(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(!harness.state().is_presenting());
    assert!(
        harness.query_by_label("Map overview").is_some(),
        "and is back after"
    );
}

#[test]
fn the_walk_steps_forward_and_back_and_hides_what_comes_later() {
    let mut harness = app_on(SMALL);
    key(&mut harness, Modifiers::NONE, Key::F5);
    assert_eq!(current(&harness), "Error rate up");
    assert!(
        harness
            .query_by_label("Event: Looks at db graphs")
            .is_none(),
        "a later event is not on screen"
    );
    for k in [Key::ArrowRight, Key::Space, Key::PageDown] {
        key(&mut harness, Modifiers::NONE, k);
    }
    assert_eq!(current(&harness), "Looks at db graphs");
    assert!(
        harness
            .query_by_label("Event: Looks at db graphs")
            .is_some()
    );
    assert!(harness.query_by_label("Event: Asks Bo").is_none());
    key(&mut harness, Modifiers::NONE, Key::PageUp);
    assert_eq!(current(&harness), "Opens api dashboard");
    key(&mut harness, Modifiers::NONE, Key::End);
    assert_eq!(current(&harness), "Asks Bo");
    key(&mut harness, Modifiers::NONE, Key::Home);
    assert_eq!(current(&harness), "Error rate up");
    // H shows everything (nothing is cut off below the current step), and back.
    assert!(harness.state().presenting_until().is_some());
    key(&mut harness, Modifiers::NONE, Key::H);
    assert!(harness.state().presenting_until().is_none());
    key(&mut harness, Modifiers::NONE, Key::H);
    assert!(harness.state().presenting_until().is_some());
}

#[test]
fn what_the_room_says_is_captured_as_an_annotation_on_the_current_event() {
    let mut harness = app_on(SMALL);
    key(&mut harness, Modifiers::NONE, Key::F5);
    key(&mut harness, Modifiers::NONE, Key::ArrowRight);
    assert_eq!(current(&harness), "Paged");
    key(&mut harness, Modifiers::NONE, Key::T);
    type_text(&mut harness, "I assumed it was the deploy");
    key(&mut harness, Modifiers::NONE, Key::Enter);
    let last = event_titled(&harness, "Paged")
        .annotations
        .last()
        .cloned()
        .unwrap();
    assert_eq!(last.text, "I assumed it was the deploy");
    assert!(harness.state().is_presenting(), "still presenting");
    // Escape drops a capture without leaving.
    key(&mut harness, Modifiers::NONE, Key::F);
    type_text(&mut harness, "never mind");
    key(&mut harness, Modifiers::NONE, Key::Escape);
    assert_eq!(event_titled(&harness, "Paged").annotations.len(), 1);
    assert!(harness.state().is_presenting());
    // A normal edit: one undo takes it back after leaving.
    key(&mut harness, Modifiers::NONE, Key::Escape);
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(event_titled(&harness, "Paged").annotations.is_empty());
}

#[test]
fn a_gap_is_a_step_of_the_walk() {
    let mut harness = app_on(waterline::samples::CHECKOUT_OUTAGE);
    key(&mut harness, Modifiers::NONE, Key::F5);
    let mut saw_gap = false;
    for _ in 0..80 {
        if current(&harness) == "gap" {
            saw_gap = true;
            assert!(
                harness
                    .query_by_label_contains("27 min with nothing recorded")
                    .is_some()
            );
            break;
        }
        key(&mut harness, Modifiers::NONE, Key::ArrowRight);
    }
    assert!(saw_gap);
}

#[test]
fn presenting_starts_light_and_d_switches_to_dark_and_back() {
    let mut harness = app_on(SMALL);
    key(&mut harness, Modifiers::NONE, Key::F5);
    assert_eq!(harness.ctx.theme(), egui::Theme::Light);
    key(&mut harness, Modifiers::NONE, Key::D);
    assert_eq!(harness.ctx.theme(), egui::Theme::Dark);
    key(&mut harness, Modifiers::NONE, Key::D);
    assert_eq!(harness.ctx.theme(), egui::Theme::Light);
}

/// At the presentation zoom, every piece of map text is at least 18 pixels: readable
/// from the back of the room at 1920x1080.
#[test]
fn no_map_text_is_smaller_than_18_pixels_when_presenting() {
    use egui::emath::TSTransform;
    use waterline::layout::{LayoutSettings, layout};
    use waterline::render::{Theme, View, paint_map};
    let map = waterline::io::parse_map(waterline::samples::CHECKOUT_OUTAGE.as_bytes()).unwrap();
    let settings = LayoutSettings {
        annotations_inline: true,
        ..LayoutSettings::default()
    };
    let geometry = layout(&map, &settings);
    let zoom = waterline::ui::present::PRESENTATION_ZOOM;
    let view = View {
        screen_from_scene: TSTransform::from_scaling(zoom),
        clip: egui::Rect::from_min_size(egui::Pos2::ZERO, geometry.bounds.size() * zoom),
        sticky_chrome: true,
        until: None,
    };
    let ctx = egui::Context::default();
    let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
    output.textures_delta.clear();
    let mut shapes = Vec::new();
    ctx.fonts_mut(|fonts| {
        paint_map(
            &map,
            &geometry,
            &settings,
            &Theme::presentation(false),
            &view,
            fonts,
            &mut shapes,
        )
    });
    let mut sizes: Vec<f32> = Vec::new();
    for shape in &shapes {
        if let egui::Shape::Text(text) = shape {
            sizes.extend(
                text.galley
                    .job
                    .sections
                    .iter()
                    .map(|s| s.format.font_id.size),
            );
        }
    }
    assert!(sizes.len() > 100, "the map has text");
    let smallest = sizes.iter().copied().fold(f32::INFINITY, f32::min);
    assert!(smallest >= 18.0, "smallest text {smallest} px");
}

#[test]
fn the_pointer_hides_when_still_while_presenting() {
    let mut harness = app_on(SMALL);
    key(&mut harness, Modifiers::NONE, Key::F5);
    harness.hover_at(egui::pos2(300.0, 300.0));
    harness.run();
    assert_ne!(
        harness.output().platform_output.cursor_icon,
        egui::CursorIcon::None
    );
    wait(&mut harness, 2.5);
    assert_eq!(
        harness.output().platform_output.cursor_icon,
        egui::CursorIcon::None
    );
}

#[test]
fn on_a_map_of_several_days_each_step_says_its_date() {
    let mut harness = app_on(waterline::samples::GITLAB_2017);
    key(&mut harness, Modifiers::NONE, Key::F5);
    assert!(
        harness.query_by_label_contains("Tue 31 Jan ").is_some(),
        "the first step's time carries its date"
    );
    // The last timed step, nine days later (the two after it have no time).
    key(&mut harness, Modifiers::NONE, Key::End);
    for _ in 0..2 {
        key(&mut harness, Modifiers::NONE, Key::ArrowLeft);
    }
    assert!(
        harness
            .query_by_label_contains("Fri 10 Feb 12:00")
            .is_some(),
        "so does the last one, days later"
    );
}

/// Closing the window with unsaved changes (what the room said was captured) while
/// presenting asks what to do with them, over the presentation, instead of silently
/// refusing to close behind it.
#[test]
fn closing_the_window_while_presenting_asks_about_unsaved_changes() {
    let mut harness = app_on(SMALL);
    key(&mut harness, Modifiers::NONE, Key::F5);
    key(&mut harness, Modifiers::NONE, Key::T);
    type_text(&mut harness, "we had no runbook");
    key(&mut harness, Modifiers::NONE, Key::Enter);
    assert!(harness.state().doc.has_unsaved_changes());
    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    harness.run();
    assert!(
        harness.query_by_label("Unsaved changes").is_some(),
        "the question is on screen"
    );
    // The walk's keys wait while the dialog is open: Escape closes the dialog, not the
    // presentation.
    key(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(harness.query_by_label("Unsaved changes").is_none());
    assert!(harness.state().is_presenting());
}

/// A map dropped on the window while presenting opens for editing: the presentation
/// ends instead of going on half over a map it was not started on.
#[test]
fn a_map_dropped_while_presenting_opens_for_editing() {
    let mut harness = app_on(SMALL);
    key(&mut harness, Modifiers::NONE, Key::F5);
    key(&mut harness, Modifiers::NONE, Key::ArrowRight);
    let other = SMALL.replacen("\"title\": \"", "\"title\": \"Dropped: ", 1);
    let (_dir, path) = temp_file("dropped.json", other.as_bytes());
    drop_file(&mut harness, &path);
    assert!(map(&harness).title.starts_with("Dropped: "));
    assert!(!harness.state().is_presenting());
    assert!(harness.state().presenting_until().is_none());
    assert!(
        harness.query_by_label("File").is_some(),
        "the editing chrome is back"
    );
}

/// The map is for looking while presenting: a double-click on a card opens no editor,
/// then or after leaving.
#[test]
fn a_double_click_while_presenting_opens_no_editor() {
    let mut harness = app_on(SMALL);
    key(&mut harness, Modifiers::NONE, Key::F5);
    let card = rect_of(&harness, "Event: Error rate up");
    double_click_at(&mut harness, card.center());
    assert!(harness.query_by_label("Event title").is_none());
    key(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(!harness.state().is_presenting());
    assert!(
        harness.query_by_label("Event title").is_none(),
        "no editor left open behind the presentation"
    );
}

#[test]
fn leaving_the_walk_shows_the_card_it_stopped_on() {
    // A real incident, left at its last step: the view from before (its top) is far from
    // the card now selected, so leaving scrolls just enough to show it.
    let mut harness = app_on_any_glyphs(waterline::samples::GITLAB_2017);
    key(&mut harness, Modifiers::NONE, Key::F5);
    key(&mut harness, Modifiers::NONE, Key::End);
    key(&mut harness, Modifiers::NONE, Key::Escape);
    harness.run();
    let app = harness.state();
    assert!(!app.is_presenting());
    let card = app
        .canvas
        .selection
        .single_card()
        .cloned()
        .expect("a card stays selected");
    let canvas = app.canvas.canvas_rect();
    let on_screen = card_on_screen(&harness, &card);
    assert!(
        canvas.contains_rect(on_screen),
        "{card:?} at {on_screen:?} is in the canvas {canvas:?}"
    );
}

#[test]
fn presses_quicker_than_frames_each_take_a_step() {
    // A clicker or a quick hand can press twice within one frame: every press counts.
    let mut slow = app_on(SMALL);
    key(&mut slow, Modifiers::NONE, Key::F5);
    for _ in 0..3 {
        key(&mut slow, Modifiers::NONE, Key::ArrowRight);
    }
    let mut quick = app_on(SMALL);
    key(&mut quick, Modifiers::NONE, Key::F5);
    let first = current(&quick);
    presses_in_one_frame(&mut quick, &[Key::ArrowRight; 3]);
    assert_ne!(current(&quick), first);
    assert_eq!(current(&quick), current(&slow), "three steps on");
    // Back, two at once, and one forward in the same frame: one step back.
    presses_in_one_frame(
        &mut quick,
        &[Key::ArrowLeft, Key::ArrowLeft, Key::ArrowRight],
    );
    key(&mut slow, Modifiers::NONE, Key::ArrowLeft);
    assert_eq!(current(&quick), current(&slow), "one step back");
}

/// Presses (and lets go of) `keys` within one frame (kittest's own queue gives each event a
/// frame of its own).
fn presses_in_one_frame(
    harness: &mut egui_kittest::Harness<'_, waterline::ui::WaterlineApp>,
    keys: &[Key],
) {
    for &key in keys {
        for pressed in [true, false] {
            harness.input_mut().events.push(egui::Event::Key {
                key,
                physical_key: None,
                pressed,
                repeat: false,
                modifiers: Modifiers::NONE,
            });
        }
    }
    harness.step();
    harness.run();
}
