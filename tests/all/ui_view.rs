//! View aids: the overview of the whole map in the canvas's corner, and zooming that keeps the
//! selected card in view.

use crate::common::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

#[test]
fn the_overview_shows_by_default_moves_the_view_when_clicked_and_can_be_hidden() {
    let mut harness = app_on(waterline::samples::CHECKOUT_OUTAGE);
    let overview = rect_of(&harness, "Map overview");
    let before = harness.state().canvas.camera.pan;
    // The bottom of the overview is the end of the map.
    click_at(
        &mut harness,
        egui::pos2(overview.center().x, overview.max.y - 3.0),
    );
    let after = harness.state().canvas.camera.pan;
    assert!(
        after.y > before.y + 500.0,
        "scrolled down: {before:?} -> {after:?}"
    );

    key(&mut harness, Modifiers::SHIFT, Key::M);
    assert!(harness.query_by_label("Map overview").is_none());
    key(&mut harness, Modifiers::SHIFT, Key::M);
    assert!(harness.query_by_label("Map overview").is_some());
}

#[test]
fn focusing_on_a_lane_shows_it_and_the_lanes_it_touched_and_all_come_back() {
    let mut harness = app_on(SMALL);
    click_label(&mut harness, "Lane: Bo (DB team)");
    key(&mut harness, Modifiers::COMMAND, Key::K);
    type_text(&mut harness, "focus on the selected lane");
    key(&mut harness, Modifiers::NONE, Key::Enter);
    // Bo was asked by Ana; the api lane never exchanged anything with Bo.
    assert!(harness.query_by_label("Lane: Bo (DB team)").is_some());
    assert!(harness.query_by_label("Lane: Ana (on-call)").is_some());
    assert!(harness.query_by_label("Lane: api").is_none());
    assert!(harness.query_by_label("Event: Error rate up").is_none());
    assert!(harness.query_by_label_contains("1 lanes hidden").is_some());
    assert_eq!(map(&harness).lanes.len(), 3, "hidden, not deleted");

    key(&mut harness, Modifiers::COMMAND, Key::K);
    type_text(&mut harness, "show all lanes");
    key(&mut harness, Modifiers::NONE, Key::Enter);
    assert!(harness.query_by_label("Lane: api").is_some());
}

#[test]
fn a_card_dragged_while_lanes_are_hidden_lands_on_the_lane_under_the_pointer() {
    let mut harness = app_on(SMALL);
    // Focus on api: Bo, the lane between Ana and api, is hidden.
    click_label(&mut harness, "Lane: api");
    key(&mut harness, Modifiers::COMMAND, Key::K);
    type_text(&mut harness, "focus on the selected lane");
    key(&mut harness, Modifiers::NONE, Key::Enter);
    assert!(harness.query_by_label("Lane: Bo (DB team)").is_none());
    let card = rect_of(&harness, "Event: Paged");
    let to = egui::pos2(lane_x(&harness, "api"), card.center().y);
    drag(&mut harness, card.center(), to, Modifiers::NONE);
    assert_eq!(event_titled(&harness, "Paged").lane.as_str(), "api");
}

#[test]
fn fit_map_on_a_real_incident_names_every_lane_at_a_readable_size() {
    let mut harness = app_on_any_glyphs(waterline::samples::GITLAB_2017);
    // A click on the map gives it the keyboard, as a person would before pressing Home.
    let canvas = rect_of(&harness, "Map canvas");
    click_at(&mut harness, canvas.center());
    key(&mut harness, Modifiers::NONE, Key::Home);
    let zoom = harness.state().canvas.camera.zoom;
    assert!(zoom < 0.2, "the whole map fits only far out: {zoom}");

    let lanes: Vec<(String, String)> = map(&harness)
        .lanes
        .iter()
        .map(|lane| (lane.name.clone(), lane.kind.label().to_owned()))
        .collect();
    assert_eq!(lanes.len(), 26);
    // What was painted this frame: each lane's name, whole, at 10 points or more, inside
    // its header, and every header in the canvas.
    let texts: Vec<(String, f32, egui::Rect)> = harness
        .output()
        .shapes
        .iter()
        .filter_map(|clipped| match &clipped.shape {
            egui::Shape::Text(text) => Some((
                text.galley.job.text.clone(),
                text.galley.job.sections[0].format.font_id.size,
                text.visual_bounding_rect(),
            )),
            _ => None,
        })
        .collect();
    for (name, _) in &lanes {
        let header = rect_of(&harness, &format!("Lane: {name}"));
        assert!(canvas.contains_rect(header), "{name}: {header:?}");
        let drawn: Vec<_> = texts.iter().filter(|(text, ..)| text == name).collect();
        assert_eq!(drawn.len(), 1, "{name} is written once on the map");
        let (_, size, ink) = drawn[0];
        assert!(*size >= 10.0, "{name} at {size} points");
        assert!(
            header.expand(1.0).contains_rect(*ink),
            "{name}: {ink:?} in {header:?}"
        );
    }
    // Every word on the map is readable.
    for (text, size, _) in &texts {
        assert!(*size >= 7.0, "{text:?} at {size} points");
    }

    // Hovering a header says the whole name and the lane's kind.
    let (name, kind) = &lanes[1];
    harness.hover_at(rect_of(&harness, &format!("Lane: {name}")).center());
    wait(&mut harness, 1.0);
    assert!(
        harness
            .query_by_label_contains(&format!("{name} ({kind})"))
            .is_some()
    );
}

/// The palette shows which switches are on, as the menus do: the theme in use among the
/// theme choices.
#[test]
fn the_palette_shows_which_theme_is_chosen() {
    let mut harness = app_on(SMALL);
    key(&mut harness, Modifiers::COMMAND, egui::Key::K);
    type_text(&mut harness, "theme");
    use egui_kittest::kittest::NodeT as _;
    let toggled = |harness: &egui_kittest::Harness<'_, waterline::ui::WaterlineApp>, label| {
        harness
            .get_by_label_contains(label)
            .accesskit_node()
            .toggled()
            .map(|t| t == egui::accesskit::Toggled::True)
    };
    assert_eq!(toggled(&harness, "Theme: follow system"), Some(true));
    assert_eq!(toggled(&harness, "Theme: dark"), Some(false));
}

#[test]
fn zooming_to_actual_size_from_the_whole_map_keeps_the_selected_card_in_view() {
    let mut harness = app_on_any_glyphs(waterline::samples::GITLAB_2017);
    // The map's first card, at the top left, selected at 100%, then the whole map.
    let first = map(&harness).events.iter().next().unwrap().clone();
    click_label(&mut harness, &format!("Event: {}", first.title));
    key(&mut harness, Modifiers::NONE, Key::Home);
    assert!(harness.state().canvas.camera.zoom < 0.2);
    key(&mut harness, Modifiers::COMMAND, Key::Num0);
    harness.run();
    assert_eq!(harness.state().canvas.camera.zoom, 1.0);
    let canvas = harness.state().canvas.canvas_rect();
    let on_screen = card_on_screen(&harness, &waterline::model::CardId::Event(first.id.clone()));
    assert!(
        canvas.contains_rect(on_screen),
        "the selected card {on_screen:?} is in the canvas {canvas:?}"
    );
}
