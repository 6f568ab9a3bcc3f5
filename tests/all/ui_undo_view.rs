//! Undo keeps the view unless the change is off screen (then it scrolls to show it), and
//! the overview in the corner never covers the card being worked on, at 1x or 2x.

use crate::common::*;
use egui::{Key, Modifiers, Rect, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use waterline::document::Document;
use waterline::io::parse_map;
use waterline::model::{CardId, EventId};
use waterline::ui::{DialogBackend, Prefs, WaterlineApp};

/// Where event `id`'s card is on screen now.
fn event_on_screen(harness: &Harness<'_, WaterlineApp>, id: &str) -> Rect {
    card_on_screen(harness, &CardId::Event(EventId::from(id)))
}

/// Retitles "Paged" in the inspector and leaves the field.
fn retitle_paged(harness: &mut Harness<'_, WaterlineApp>) {
    click_label(harness, "Event: Paged");
    harness.get_by_label("Title").focus();
    harness.run();
    type_text(harness, " by phone");
    key(harness, Modifiers::NONE, Key::Enter);
}

fn paged_title(harness: &Harness<'_, WaterlineApp>) -> String {
    map(harness)
        .event(&EventId::from("e2"))
        .unwrap()
        .title
        .clone()
}

#[test]
fn undo_of_a_change_in_view_keeps_the_view() {
    let mut harness = app_on(SMALL);
    retitle_paged(&mut harness);
    let before = harness.state().canvas.camera;
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(paged_title(&harness), "Paged");
    let after = harness.state().canvas.camera;
    assert_eq!((after.pan, after.zoom), (before.pan, before.zoom));
}

#[test]
fn undo_of_a_change_off_screen_scrolls_just_enough_to_show_it() {
    let mut harness = app_on(SMALL);
    retitle_paged(&mut harness);
    // Scroll far down, past the map: the card is out of sight.
    harness.state_mut().canvas.camera.pan += vec2(0.0, 4000.0);
    harness.run();
    let canvas = harness.state().canvas.canvas_rect();
    assert!(!canvas.intersects(event_on_screen(&harness, "e2")));
    key(&mut harness, Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(paged_title(&harness), "Paged");
    assert!(
        canvas.contains_rect(event_on_screen(&harness, "e2")),
        "the undone card is shown"
    );
}

/// The app at 2 pixels per point, as on a high-density screen.
fn app_at_2x() -> Harness<'static, WaterlineApp> {
    let map = parse_map(SMALL.as_bytes()).unwrap();
    let app = WaterlineApp::new(
        Document::new(map, None),
        Prefs::default(),
        DialogBackend::Unavailable,
    );
    let mut harness = Harness::builder()
        .with_size(vec2(1400.0, 900.0))
        .with_pixels_per_point(2.0)
        .with_step_dt(1.0 / 60.0)
        .with_max_steps(120)
        .build_ui_state(|ui, app: &mut WaterlineApp| app.frame_ui(ui), app);
    harness.run();
    harness
}

#[test]
fn the_overview_moves_off_the_selected_card() {
    let mut harness = app_at_2x();
    click_label(&mut harness, "Event: Paged");
    let home = rect_of(&harness, "Map overview");
    // Scroll so the selected card sits right where the overview was.
    let card = event_on_screen(&harness, "e2");
    let zoom = harness.state().canvas.camera.zoom;
    harness.state_mut().canvas.camera.pan -= (home.center() - card.center()) / zoom;
    harness.run();
    let card = event_on_screen(&harness, "e2");
    assert!(card.intersects(home), "the card is where the overview was");
    // One card covers at most one corner: the overview stays on screen, elsewhere.
    let overview = harness
        .query_by_label("Map overview")
        .map(|node| node.rect())
        .expect("the overview is still shown, in another corner");
    assert!(!overview.intersects(card), "{overview:?} covers {card:?}");
    assert!(
        overview.center().distance(home.center()) > home.width() / 2.0,
        "it moved: {overview:?} from {home:?}"
    );
}
