//! The SVG is drawn from the same shapes as the PNG: every row of text the PNG's page
//! draws is an SVG `<text>` with the same words at the same place, every filled box is
//! there, and every card is a group titled with its whole text; also when the page is
//! drawn in several bands (as a tall map is), and for a map of thousands of events.

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

/// `band_height`: draw the SVG in bands about this tall (points), or as it comes.
/// `several`: the page must come out in several bands.
fn check(name: &str, map: &Map, band_height: Option<u32>, several: bool) {
    let settings = LayoutSettings::default();
    let geometry = layout(map, &settings);
    let shapes = png_shapes(map, &geometry);
    let svg = match band_height {
        Some(height) => waterline::export::svg_in_bands(map, &geometry, &settings, height),
        None => waterline::export::svg(map, &geometry, &settings, false),
    };
    let doc = roxmltree::Document::parse(&svg).unwrap();
    if let Some(height) = band_height.filter(|_| several) {
        let bands = doc
            .descendants()
            .filter(|n| n.has_tag_name("clipPath"))
            .count();
        // Cut where there is room (after every hundredth event's gap), at least
        // `height` points apart.
        let most = (page_size(&geometry).y / height as f32) as usize + 1;
        assert!(
            (4..=most).contains(&bands),
            "{name}: {bands} bands, not several (at most {most})"
        );
    }

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
    for (words, places) in &svg_texts {
        let drawn = rows.iter().filter(|(w, _)| w == words).count();
        assert_eq!(
            places.len(),
            drawn,
            "{name}: the SVG draws {words:?} at {places:?}, the PNG {drawn} times"
        );
    }

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
        assert!(
            covered(rect.rect, &rects),
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

/// Whether `rect` is drawn by `rects`: one of the same place, or (a box running across
/// bands) pieces of its width stacked without a gap from its top to its bottom.
fn covered(rect: Rect, rects: &[Rect]) -> bool {
    let close = |a: f32, b: f32| (a - b).abs() <= 0.5;
    let mut pieces: Vec<&Rect> = rects
        .iter()
        .filter(|a| close(a.min.x, rect.min.x) && close(a.max.x, rect.max.x))
        .filter(|a| a.max.y > rect.min.y - 0.5 && a.min.y < rect.max.y + 0.5)
        .collect();
    pieces.sort_by(|a, b| a.min.y.total_cmp(&b.min.y));
    let mut reached = rect.min.y;
    for piece in pieces {
        if piece.min.y > reached + 0.5 {
            break;
        }
        reached = reached.max(piece.max.y);
    }
    reached >= rect.max.y - 0.5
}

#[test]
fn the_svg_draws_the_pngs_shapes() {
    for (name, json) in [
        ("checkout", waterline::samples::CHECKOUT_OUTAGE),
        (
            "gitlab",
            include_str!("../../sample_maps/gitlab-2017-database-outage.json"),
        ),
    ] {
        let map = waterline::io::parse_map(json.as_bytes()).unwrap();
        check(name, &map, None, false);
    }
}

#[test]
fn a_map_drawn_in_several_bands_draws_the_pngs_shapes() {
    for (name, json) in [
        ("checkout", waterline::samples::CHECKOUT_OUTAGE),
        (
            "gitlab",
            include_str!("../../sample_maps/gitlab-2017-database-outage.json"),
        ),
    ] {
        let map = waterline::io::parse_map(json.as_bytes()).unwrap();
        check(name, &map, Some(300), false);
    }
    // Room between the cards every hundred events or so: cut there.
    check(
        "synthetic",
        &waterline::samples::synthetic(1_000, 8),
        Some(300),
        true,
    );
}

#[test]
fn a_large_svg_is_xml_with_every_card_once() {
    let map = waterline::samples::synthetic(3_000, 8);
    let settings = LayoutSettings::default();
    let geometry = layout(&map, &settings);
    let svg = waterline::export::svg(&map, &geometry, &settings, false);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let mut titles: HashMap<&str, usize> = HashMap::new();
    let mut groups = 0;
    for group in doc.descendants().filter(|n| n.has_tag_name("g")) {
        if let Some(title) = group.children().find(|c| c.has_tag_name("title")) {
            *titles.entry(title.text().unwrap_or("")).or_default() += 1;
            groups += 1;
        }
    }
    assert_eq!(groups, geometry.cards.len(), "one group per card");
    for event in map.events.iter() {
        assert_eq!(
            titles.get(event.title.as_str()),
            Some(&1),
            "{} is drawn once",
            event.title
        );
    }
    // Every row of every card's title is there once.
    let texts: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect();
    let titled = texts.iter().filter(|t| t.starts_with("Step ")).count();
    assert_eq!(
        titled,
        map.events.len(),
        "each title's one row is drawn once"
    );
}
