//! CPU cost of one canvas frame (layout + render + tessellation, no GPU), and of loading
//! and saving, on generated maps of 100, 1,000 and 10,000 events.
//!
//! Run: `cargo bench --bench frame`. Results go in BENCHMARKS.md.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use egui::emath::TSTransform;
use egui::epaint::{ClippedPrimitive, ClippedShape};
use egui::{Context, Pos2, RawInput, Rect, vec2};
use std::hint::black_box;
use waterline::io::{canonical_bytes, parse_map};
use waterline::layout::{Geometry, LayoutSettings, layout};
use waterline::model::Map;
use waterline::render::{Theme, View, paint_map};
use waterline::samples::synthetic;

const SIZES: &[usize] = &[100, 1_000, 10_000];

/// A window-sized view into the middle of the map, as when scrolled halfway down.
fn middle_view(bounds: Rect) -> View {
    let clip = Rect::from_min_size(Pos2::ZERO, vec2(1400.0, 900.0));
    let pan = vec2(0.0, (bounds.height() / 2.0 - 450.0).max(0.0));
    View {
        screen_from_scene: TSTransform::from_translation(-pan),
        clip,
        sticky_chrome: true,
        until: None,
    }
}

/// What the canvas does with a laid-out map each frame, short of the GPU.
fn draw(
    ctx: &Context,
    map: &Map,
    geometry: &Geometry,
    settings: &LayoutSettings,
    theme: &Theme,
    view: &View,
) -> Vec<ClippedPrimitive> {
    let mut shapes = Vec::new();
    ctx.fonts_mut(|fonts| paint_map(map, geometry, settings, theme, view, fonts, &mut shapes));
    let clipped = shapes
        .into_iter()
        .map(|shape| ClippedShape::new(view.clip, shape))
        .collect();
    ctx.tessellate(clipped, 1.0)
}

fn frame(c: &mut Criterion) {
    let ctx = Context::default();
    let _ = ctx.run_ui(RawInput::default(), |_| {});
    let theme = Theme::light();
    let settings = LayoutSettings::default();
    let mut group = c.benchmark_group("frame");
    for &n in SIZES {
        let map = synthetic(n, 8);
        let view = middle_view(layout(&map, &settings).bounds);
        group.bench_with_input(
            BenchmarkId::new("layout+render+tessellate", n),
            &map,
            |b, map| {
                b.iter(|| {
                    black_box(draw(
                        &ctx,
                        map,
                        &layout(map, &settings),
                        &settings,
                        &theme,
                        &view,
                    ))
                });
            },
        );
        let geometry = layout(&map, &settings);
        group.bench_with_input(
            BenchmarkId::new("render+tessellate (layout cached)", n),
            &map,
            |b, map| {
                b.iter(|| black_box(draw(&ctx, map, &geometry, &settings, &theme, &view)));
            },
        );
    }
    group.finish();
}

fn files(c: &mut Criterion) {
    let mut group = c.benchmark_group("file");
    for &n in SIZES {
        let bytes = canonical_bytes(&synthetic(n, 8)).expect("encode");
        group.bench_with_input(BenchmarkId::new("load+validate", n), &bytes, |b, bytes| {
            b.iter(|| black_box(parse_map(bytes).expect("loads")));
        });
        let map = parse_map(&bytes).expect("loads");
        group.bench_with_input(BenchmarkId::new("save (encode)", n), &map, |b, map| {
            b.iter(|| black_box(canonical_bytes(map).expect("encode")));
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(3));
    targets = frame, files
}
criterion_main!(benches);
