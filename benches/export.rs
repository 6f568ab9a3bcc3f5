//! The PNG export's whole pipeline without the disk: layout, painting strips on every
//! core, filtering and compressing them, joining them into a PNG stream. On the peers'
//! kind of synthetic incident (N events over 8 lanes), as `scripts/bench-export.sh`
//! times the command next to PlantUML and Mermaid.
//!
//! Run: `cargo bench --bench export`. Results go in BENCHMARKS.md.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use waterline::export::{PngOptions, Rasterizer};
use waterline::layout::{LayoutSettings, layout};
use waterline::samples::synthetic;

fn png(c: &mut Criterion) {
    let settings = LayoutSettings::default();
    let options = PngOptions::default();
    let mut rasterizer = Rasterizer::new();
    let mut group = c.benchmark_group("png");
    for n in [200, 1_000] {
        let map = synthetic(n, 8);
        group.bench_with_input(BenchmarkId::new("export to memory", n), &map, |b, map| {
            b.iter(|| {
                let geometry = layout(map, &settings);
                let mut out = Vec::new();
                let size = rasterizer
                    .stream_png(map, &geometry, &settings, &options, &mut out)
                    .expect("exports");
                black_box((size, out.len()))
            });
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10).measurement_time(std::time::Duration::from_secs(8));
    targets = png
}
criterion_main!(benches);
