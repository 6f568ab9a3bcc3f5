//! Links as drawn on screen, in a PNG and in the SVG: the arrow follows its route under
//! the cards, its label goes over them (never hidden), and presenting without hindsight
//! shows a link only once its lower card is shown.

use egui::emath::TSTransform;
use egui::{Context, Pos2, RawInput, Rect, Shape};
use waterline::export::svg;
use waterline::layout::{Geometry, LayoutSettings, LinkRoute, layout};
use waterline::model::{EventId, Map};
use waterline::render::{Theme, View, paint_map};
use waterline::samples::CHECKOUT_OUTAGE;

/// The checkout sample's link from the config push at the top to the reviewer finding it,
/// 35 rows below: the longest on the map.
const FOUND_IN_FEED: &str = "found in feed";

fn checkout() -> (Map, Geometry) {
    let map = waterline::io::parse_map(CHECKOUT_OUTAGE.as_bytes()).unwrap();
    let geometry = layout(&map, &LayoutSettings::default());
    (map, geometry)
}

/// The texts the map draws through a view of all of it, in drawing order.
fn drawn_texts(map: &Map, geometry: &Geometry, until: Option<f32>) -> Vec<String> {
    let ctx = Context::default();
    let mut output = ctx.run_ui(RawInput::default(), |_| {});
    output.textures_delta.clear();
    let view = View {
        screen_from_scene: TSTransform::IDENTITY,
        clip: Rect::from_min_size(Pos2::ZERO, geometry.bounds.size()),
        sticky_chrome: false,
        until,
    };
    let mut shapes = Vec::new();
    ctx.fonts_mut(|fonts| {
        let settings = LayoutSettings::default();
        paint_map(
            map,
            geometry,
            &settings,
            &Theme::light(),
            &view,
            fonts,
            &mut shapes,
        );
    });
    shapes
        .iter()
        .filter_map(|shape| match shape {
            Shape::Text(text) => Some(text.galley.job.text.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn labels_are_drawn_over_the_cards_never_under() {
    let (map, geometry) = checkout();
    let texts = drawn_texts(&map, &geometry, None);
    let label = texts.iter().position(|t| t == FOUND_IN_FEED).unwrap();
    let card_title = texts
        .iter()
        .rposition(|t| t.contains("Read-routing config pushed"))
        .unwrap();
    assert!(label > card_title);
}

#[test]
fn presenting_shows_a_link_once_its_lower_card_is_shown() {
    let (map, geometry) = checkout();
    let link = geometry
        .links
        .iter()
        .find(|l| map.link(&l.link).is_some_and(|l| l.label == FOUND_IN_FEED))
        .unwrap();
    let lower = geometry.card(&EventId::from("e42")).unwrap().rect;
    assert_eq!(link.route, LinkRoute::Elbow);
    assert_eq!(link.lower_card_top, lower.min.y);
    let before = drawn_texts(&map, &geometry, Some(lower.min.y - 1.0));
    assert!(!before.iter().any(|t| t == FOUND_IN_FEED));
    let after = drawn_texts(&map, &geometry, Some(lower.min.y));
    assert!(after.iter().any(|t| t == FOUND_IN_FEED));
}

#[test]
fn the_svg_draws_the_same_route_and_label_over_the_cards() {
    use waterline::render::{PAGE_MARGIN, PAGE_TITLE_HEIGHT};
    let (map, geometry) = checkout();
    let link = geometry
        .links
        .iter()
        .find(|l| map.link(&l.link).is_some_and(|l| l.label == FOUND_IN_FEED))
        .unwrap();
    let out = svg(&map, &geometry, &LayoutSettings::default(), false);
    let doc = roxmltree::Document::parse(&out).unwrap();
    let elements: Vec<roxmltree::Node<'_, '_>> =
        doc.descendants().filter(|n| n.is_element()).collect();
    // The SVG is the page: the map sits below the title, inside the margin.
    let offset = egui::vec2(PAGE_MARGIN, PAGE_MARGIN + PAGE_TITLE_HEIGHT);
    let near = |a: Pos2, b: Pos2| (a - b).length() < 0.5;
    let route: Vec<Pos2> = link.points.iter().map(|p| *p + offset).collect();
    let route_at = elements
        .iter()
        .position(|n| {
            let points: Vec<Pos2> = n
                .attribute("points")
                .unwrap_or("")
                .split_whitespace()
                .filter_map(|p| p.split_once(','))
                .filter_map(|(x, y)| Some(Pos2::new(x.parse().ok()?, y.parse().ok()?)))
                .collect();
            points.len() == route.len() && points.iter().zip(&route).all(|(a, b)| near(*a, *b))
        })
        .expect("the elbow is drawn as routed");
    let text_at = |words: &str| {
        elements
            .iter()
            .position(|n| n.has_tag_name("text") && n.text().is_some_and(|t| t.contains(words)))
    };
    let label_at = text_at(FOUND_IN_FEED).expect("the label is drawn as text");
    let label = elements[label_at];
    let x: f32 = label.attribute("x").unwrap().parse().unwrap();
    let y: f32 = label.attribute("y").unwrap().parse().unwrap();
    let centre = link.label_at + offset;
    assert!(
        (y - centre.y).abs() < 8.0 && x < centre.x && centre.x - x < 60.0,
        "the label sits where layout put it: ({x}, {y}) for {centre:?}"
    );
    let card_at = text_at("Read-routing").unwrap();
    assert!(
        route_at < card_at && card_at < label_at,
        "route under, label over the cards"
    );
}
