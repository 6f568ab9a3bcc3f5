//! The SVG is drawn from the same shapes as the PNG: every row of text the PNG's page
//! draws is an SVG `<text>` with the same words at the same place, every filled box is
//! there, and every card is a group titled with its whole text.

use egui::emath::TSTransform;
use egui::{Context, Pos2, RawInput, Rect, Shape};
use std::collections::HashMap;
use waterline::layout::{Geometry, LayoutSettings, layout};
use waterline::model::Map;
use waterline::render::{Theme, View, page_size, paint_page};

/// The shapes of the whole page at scale 1, as the PNG's painter draws them.
fn png_shapes(map: &Map, geometry: &Geometry) -> Vec<Shape> {
    let ctx = Context::default();
    let mut output = ctx.run_ui(RawInput::default(), |_| {});
    output.textures_delta.clear();
    let size = page_size(geometry);
    let view = View {
        screen_from_scene: TSTransform::IDENTITY,
        clip: Rect::from_min_size(Pos2::ZERO, egui::vec2(size.x.ceil(), size.y.ceil())),
        sticky_chrome: false,
        until: None,
    };
    let mut shapes = Vec::new();
    ctx.fonts_mut(|fonts| {
        paint_page(
            map,
            geometry,
            &LayoutSettings::default(),
            &Theme::light(),
            &view,
            fonts,
            &mut shapes,
        );
    });
    shapes
}

/// Every row of text in the shapes: its words and where its baseline starts.
fn text_rows(shapes: &[Shape]) -> Vec<(String, Pos2)> {
    let mut rows = Vec::new();
    for shape in shapes {
        let Shape::Text(text) = shape else { continue };
        for placed in &text.galley.rows {
            let glyphs = &placed.row.glyphs;
            let Some(first) = glyphs.iter().find(|g| !g.chr.is_whitespace()) else {
                continue;
            };
            let words = placed.row.text().trim().to_owned();
            rows.push((words, text.pos + placed.pos.to_vec2() + first.pos.to_vec2()));
        }
    }
    rows
}

fn number(node: roxmltree::Node<'_, '_>, name: &str) -> f32 {
    node.attribute(name)
        .and_then(|v| v.parse().ok())
        .unwrap_or(f32::NAN)
}

fn check(name: &str, map: &Map) {
    let settings = LayoutSettings::default();
    let geometry = layout(map, &settings);
    let shapes = png_shapes(map, &geometry);
    let svg = waterline::export::svg(map, &geometry, &settings, false);
    let doc = roxmltree::Document::parse(&svg).unwrap();

    let mut svg_texts: HashMap<String, Vec<Pos2>> = HashMap::new();
    for node in doc.descendants().filter(|n| n.has_tag_name("text")) {
        let at = Pos2::new(number(node, "x"), number(node, "y"));
        svg_texts
            .entry(node.text().unwrap_or("").to_owned())
            .or_default()
            .push(at);
    }
    let rows = text_rows(&shapes);
    assert!(rows.len() > 50, "{name}: the page draws text");
    for (words, at) in &rows {
        let found = svg_texts
            .get(words)
            .is_some_and(|places| places.iter().any(|p| (*p - *at).length() <= 0.5));
        assert!(found, "{name}: the SVG does not draw {words:?} at {at:?}");
    }
    assert_eq!(
        svg_texts.values().map(Vec::len).sum::<usize>(),
        rows.len(),
        "{name}: the SVG draws no text the PNG does not"
    );

    let rects: Vec<Rect> = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect"))
        .map(|n| {
            Rect::from_min_size(
                Pos2::new(number(n, "x"), number(n, "y")),
                egui::vec2(number(n, "width"), number(n, "height")),
            )
        })
        .collect();
    let mut filled = 0;
    for shape in &shapes {
        let Shape::Rect(rect) = shape else { continue };
        let r = rect.corner_radius;
        if rect.fill.a() == 0 || !(r.nw == r.ne && r.ne == r.sw && r.sw == r.se) {
            continue;
        }
        filled += 1;
        let close = |a: Rect| {
            (a.min - rect.rect.min).length() <= 0.5 && (a.max - rect.rect.max).length() <= 0.5
        };
        assert!(
            rects.iter().any(|a| close(*a)),
            "{name}: the SVG has no box at {:?}",
            rect.rect
        );
    }
    assert!(filled > 10, "{name}: the page draws boxes");

    let groups = doc
        .descendants()
        .filter(|n| n.has_tag_name("g"))
        .filter(|g| g.children().any(|c| c.has_tag_name("title")))
        .count();
    assert_eq!(
        groups,
        geometry.cards.len(),
        "{name}: one titled group per card"
    );
}

#[test]
fn the_svg_draws_the_pngs_shapes() {
    for (name, json) in [
        ("checkout", waterline::samples::CHECKOUT_OUTAGE),
        (
            "gitlab",
            include_str!("../sample_maps/gitlab-2017-database-outage.json"),
        ),
    ] {
        let map = waterline::io::parse_map(json.as_bytes()).unwrap();
        check(name, &map);
    }
}
