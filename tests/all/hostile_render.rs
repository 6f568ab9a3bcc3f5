//! Hostile maps drawn: multi-megabyte texts and a crowd of 20,000 paths not taken off one
//! card. What one view (a canvas frame, an export strip) costs must be bounded by the view,
//! not by the length of a text or the number of curves crossing it: before these bounds a
//! 5 MB title overflowed the GPU's vertex buffer and 20,000 paths not taken asked for
//! 20 GB in one frame, an abort that skips the panic hook.

use egui::emath::TSTransform;
use egui::epaint::{ClippedShape, Primitive};
use egui::{Context, Pos2, RawInput, Rect, Shape, pos2, vec2};
use waterline::export::{PngOptions, Rasterizer};
use waterline::io::parse_map;
use waterline::layout::{Geometry, LayoutSettings, layout};
use waterline::model::{Annotation, AnnotationKind, Branch, BranchId, CardId, EventId, Map};
use waterline::render::{SHOWN_CHARS, Theme, View, page_size, paint_map, paint_page};
use waterline::samples;

fn context() -> Context {
    let ctx = Context::default();
    let mut output = ctx.run_ui(RawInput::default(), |_| {});
    output.textures_delta.clear();
    ctx
}

/// A window-sized view (`size`) whose top left is at scene `corner`.
fn view_at(corner: Pos2, size: egui::Vec2) -> View {
    View {
        screen_from_scene: TSTransform::from_translation(-corner.to_vec2()),
        clip: Rect::from_min_size(Pos2::ZERO, size),
        sticky_chrome: true,
        until: None,
    }
}

struct Drawn {
    shapes: usize,
    vertices: usize,
    /// The most characters any one text shape laid out.
    longest_text: usize,
}

/// What one canvas frame draws: the map's shapes through `view`, tessellated.
fn draw(ctx: &Context, map: &Map, geometry: &Geometry, view: &View, page: bool) -> Drawn {
    draw_with(ctx, map, geometry, &LayoutSettings::default(), view, page)
}

fn draw_with(
    ctx: &Context,
    map: &Map,
    geometry: &Geometry,
    settings: &LayoutSettings,
    view: &View,
    page: bool,
) -> Drawn {
    let theme = Theme::light();
    let mut shapes = Vec::new();
    ctx.fonts_mut(|fonts| {
        if page {
            paint_page(map, geometry, settings, &theme, view, fonts, &mut shapes);
        } else {
            paint_map(map, geometry, settings, &theme, view, fonts, &mut shapes);
        }
    });
    let longest_text = shapes
        .iter()
        .map(|shape| match shape {
            Shape::Text(text) => text.galley.job.text.chars().count(),
            _ => 0,
        })
        .max()
        .unwrap_or(0);
    let count = shapes.len();
    let clipped = shapes
        .into_iter()
        .map(|shape| ClippedShape::new(view.clip, shape))
        .collect();
    let vertices = ctx
        .tessellate(clipped, 1.0)
        .iter()
        .map(|p| match &p.primitive {
            Primitive::Mesh(mesh) => mesh.vertices.len(),
            Primitive::Callback(_) => 0,
        })
        .sum();
    Drawn {
        shapes: count,
        vertices,
        longest_text,
    }
}

/// The small sample with a multi-megabyte text in every kind of field the map draws.
fn map_with_huge_texts() -> Map {
    let mut map = parse_map(samples::SMALL.as_bytes()).unwrap();
    let huge = |bytes: usize| "all work and no play ".repeat(bytes / 21);
    map.title = huge(5_000_000);
    map.events[0].title = huge(5_000_000);
    map.events[1].annotations.push(Annotation::new(
        AnnotationKind::Other(huge(1_000_000)),
        huge(1_000_000),
    ));
    map.lanes[0].name = huge(1_000_000);
    if let Some(link) = map.links.first_mut() {
        link.label = huge(1_000_000);
    }
    let from = CardId::Event(map.events[0].id.clone());
    let lane = map.events[0].lane.clone();
    let mut ghost = Branch::new(BranchId::from("b-huge"), from, lane, 0.5, huge(1_000_000));
    ghost.note = huge(1_000_000);
    map.branches.push(ghost);
    map
}

#[test]
fn a_five_megabyte_title_lays_out_a_few_thousand_characters_on_the_canvas_and_the_page() {
    let ctx = context();
    let map = map_with_huge_texts();
    let settings = LayoutSettings {
        annotations_inline: true,
        ..LayoutSettings::default()
    };
    let geometry = layout(&map, &settings);
    let card = geometry.card(&map.events[0].id).unwrap().rect;
    let canvas = view_at(card.min - vec2(300.0, 200.0), vec2(1400.0, 900.0));
    let drawn = draw_with(&ctx, &map, &geometry, &settings, &canvas, false);
    eprintln!(
        "canvas: {} shapes, {} vertices, longest text {} chars",
        drawn.shapes, drawn.vertices, drawn.longest_text
    );
    assert!(drawn.longest_text > 100, "the long texts are drawn");
    assert!(drawn.longest_text <= SHOWN_CHARS + 1);
    assert!(drawn.vertices < 100_000, "{} vertices", drawn.vertices);

    // The export page, title included, at 2 pixels a point.
    let page = View {
        screen_from_scene: TSTransform::from_scaling(2.0),
        clip: Rect::from_min_size(Pos2::ZERO, page_size(&geometry) * 2.0),
        sticky_chrome: false,
        until: None,
    };
    let drawn = draw_with(&ctx, &map, &geometry, &settings, &page, true);
    eprintln!(
        "page: {} shapes, {} vertices, longest text {} chars",
        drawn.shapes, drawn.vertices, drawn.longest_text
    );
    assert!(drawn.longest_text <= SHOWN_CHARS + 1);
    assert!(drawn.vertices < 100_000, "{} vertices", drawn.vertices);
}

#[test]
fn a_five_megabyte_title_exports_to_png() {
    let map = map_with_huge_texts();
    let settings = LayoutSettings::default();
    let geometry = layout(&map, &settings);
    let started = std::time::Instant::now();
    let image = Rasterizer::new()
        .render(&map, &geometry, &settings, &PngOptions::default())
        .expect("renders");
    eprintln!("PNG of the 5 MB title: {:?}", started.elapsed());
    let page = page_size(&geometry);
    assert_eq!(image.width(), page.x.ceil() as u32);
}

/// One lane, one event, and `count` paths not taken off it, stacked down the lane (and
/// every third one in a second lane, so curves fan out too).
fn crowd_of_paths_not_taken(count: usize) -> Map {
    let mut map = parse_map(samples::SMALL.as_bytes()).unwrap();
    map.events.truncate(1);
    map.links.clear();
    map.branches.clear();
    map.gaps.clear();
    let event = map.events[0].clone();
    let other_lane = map
        .lanes
        .iter()
        .find(|lane| lane.id != event.lane)
        .map(|lane| lane.id.clone())
        .unwrap();
    for i in 0..count {
        let lane = if i % 3 == 2 {
            other_lane.clone()
        } else {
            event.lane.clone()
        };
        map.branches.push(Branch::new(
            BranchId::new(format!("b{i}")),
            CardId::Event(EventId::new(event.id.0.clone())),
            lane,
            event.pos + 1.0 + i as f64,
            format!("Option {i}"),
        ));
    }
    map
}

#[test]
fn twenty_thousand_paths_not_taken_cost_a_view_what_the_view_can_show() {
    let ctx = context();
    let settings = LayoutSettings::default();
    let size = vec2(1280.0, 800.0);
    let mut at_top = Vec::new();
    for count in [2_000, 20_000] {
        let map = crowd_of_paths_not_taken(count);
        let geometry = layout(&map, &settings);
        let card = geometry.card(&map.events[0].id).unwrap().rect;
        // At the event every curve leaves from, and halfway down the crowd.
        let top = draw(
            &ctx,
            &map,
            &geometry,
            &view_at(card.min - vec2(200.0, 100.0), size),
            false,
        );
        let middle = pos2(0.0, geometry.bounds.center().y);
        let middle = draw(&ctx, &map, &geometry, &view_at(middle, size), false);
        eprintln!(
            "{count} paths not taken: {} shapes, {} vertices at the top; {} shapes, {} vertices halfway",
            top.shapes, top.vertices, middle.shapes, middle.vertices
        );
        assert!(top.vertices < 1_000_000, "{} vertices", top.vertices);
        assert!(middle.vertices < 1_000_000, "{} vertices", middle.vertices);
        at_top.push(top.vertices);
    }
    // Ten times the curves through the view: about the same work.
    assert!(
        (at_top[1] as f64) < at_top[0] as f64 * 1.25,
        "{at_top:?}: the cost grew with the count"
    );

    // A view half as tall and wide costs about half as much: the bound is the view's.
    let map = crowd_of_paths_not_taken(20_000);
    let geometry = layout(&map, &settings);
    let card = geometry.card(&map.events[0].id).unwrap().rect;
    let corner = card.min - vec2(200.0, 100.0);
    let small = draw(&ctx, &map, &geometry, &view_at(corner, size / 2.0), false);
    eprintln!("half-size view: {} vertices", small.vertices);
    assert!(
        (small.vertices as f64) < at_top[1] as f64 * 0.7,
        "{} vs {}",
        small.vertices,
        at_top[1]
    );
}

#[test]
fn a_crowd_of_paths_not_taken_exports_to_png() {
    // Fewer than 20,000 in a debug build: the page is as tall as the crowd and every strip
    // of it is drawn; each strip's cost is bounded as a view's is (above).
    let map = crowd_of_paths_not_taken(300);
    let settings = LayoutSettings::default();
    let geometry = layout(&map, &settings);
    let started = std::time::Instant::now();
    let (width, height) = Rasterizer::new()
        .stream_png(
            &map,
            &geometry,
            &settings,
            &PngOptions::default(),
            std::io::sink(),
        )
        .expect("exports");
    eprintln!("PNG {width}x{height} in {:?}", started.elapsed());
    assert!(f64::from(height) > 300.0 * 60.0);
}
