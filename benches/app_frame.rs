//! The real frame: the whole app (menus, canvas, inspector, overlays, overview, status
//! bar) driven headlessly through egui_kittest on generated maps of 1,000, 10,000 and
//! 50,000 events, in a 1400x900 window. What a user waits for: a frame while scrolling,
//! a frame when nothing changed, a key that edits the map (undo/redo of a move: the edit,
//! the new layout and the frame), a keystroke typed in a card's title, and opening a map
//! up to its first frame. Also what the CLI and the File menu run on big inputs:
//! importing a timeline CSV and the text exports.
//!
//! Run: `cargo bench --bench app_frame`. Results go in BENCHMARKS.md.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use egui::{Key, Modifiers, Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::hint::black_box;
use waterline::document::Document;
use waterline::io::{canonical_bytes, parse_map};
use waterline::layout::{LayoutSettings, layout};
use waterline::model::Map;
use waterline::ops::{Edit, Op};
use waterline::samples::synthetic;
use waterline::ui::{DialogBackend, Prefs, WaterlineApp};

const SIZES: &[usize] = &[1_000, 10_000, 50_000];

fn app(map: Map) -> Harness<'static, WaterlineApp> {
    // Recovery journals on, as in a user's app (a journal write copies the map a moment
    // after a change).
    // A folder per app: a second app in one folder would be offered the first one's
    // journal (a dialog that takes the keys).
    let data_dir = std::env::temp_dir().join(format!(
        "waterline-bench-{}-{}",
        std::process::id(),
        map.events.len()
    ));
    let app = WaterlineApp::new(
        Document::new(map, None),
        Prefs::default(),
        DialogBackend::Unavailable,
    )
    .with_data_dir(Some(data_dir));
    let mut harness = Harness::builder()
        .with_size(vec2(1400.0, 900.0))
        .with_step_dt(1.0 / 60.0)
        .with_max_steps(240)
        .build_ui_state(|ui, app: &mut WaterlineApp| app.frame_ui(ui), app);
    harness.run();
    harness
}

fn frames(c: &mut Criterion) {
    let mut group = c.benchmark_group("app frame");
    for &n in SIZES {
        let mut harness = app(synthetic(n, 8));
        // The pointer over the canvas, as when a user reads the map.
        harness.hover_at(Pos2::new(600.0, 450.0));
        harness.run();
        group.bench_function(BenchmarkId::new("idle (a frame nothing changed)", n), |b| {
            b.iter(|| harness.step());
        });
        let mut down = true;
        let mut scrolled = 0;
        group.bench_function(BenchmarkId::new("scrolling (wheel, one frame)", n), |b| {
            b.iter(|| {
                // Down a screen at a time, and back up after a while, staying in the map.
                scrolled += 1;
                if scrolled % 200 == 0 {
                    down = !down;
                }
                let delta = if down { -120.0 } else { 120.0 };
                harness.event(egui::Event::MouseWheel {
                    unit: egui::MouseWheelUnit::Point,
                    delta: vec2(0.0, delta),
                    modifiers: Modifiers::NONE,
                    phase: egui::TouchPhase::Move,
                    source: egui::MouseWheelSource::Wheel,
                });
                harness.step();
            });
        });
        // Key to frame: undo and redo of a card's move, which places every card again
        // (the edit, the new layout and the frame).
        let mut moved = harness.state().doc.map().events[n / 2].clone();
        moved.pos += 0.5;
        let edit = Edit::new("Move", Op::UpdateEvent(moved));
        harness.state_mut().doc.apply(edit).expect("edit applies");
        harness.run();
        let mut undo = true;
        let mut presses = 0_u64;
        let generation = harness.state().doc.layout_generation();
        group.bench_function(
            BenchmarkId::new("key to frame (undo/redo a move)", n),
            |b| {
                b.iter(|| {
                    let modifiers = if undo {
                        Modifiers::COMMAND
                    } else {
                        Modifiers::COMMAND | Modifiers::SHIFT
                    };
                    undo = !undo;
                    presses += 1;
                    harness.key_press_modifiers(modifiers, Key::Z);
                    harness.step();
                });
            },
        );
        // (Not run when criterion skips the bench: a filter, `--list`.)
        assert!(
            presses < 3 || harness.state().doc.layout_generation() > generation + 2,
            "the keys undid and redid the move"
        );
        // Typing in a card's title in the inspector: a keystroke to its frame (the edit
        // keeps the layout, so the map is not placed again).
        // Any card in view: the scrolling above left the view somewhere in the map.
        harness
            .get_all_by_label_contains("Event: Step")
            .find(|card| {
                let middle = card.rect().center();
                (200.0..700.0).contains(&middle.y) && middle.x < 900.0
            })
            .expect("a card in view")
            .click();
        harness.run();
        harness.get_by_label("Title").focus();
        harness.run();
        let mut add = true;
        group.bench_function(BenchmarkId::new("typing in a card's title", n), |b| {
            b.iter(|| {
                if add {
                    harness.event(egui::Event::Text("x".into()));
                } else {
                    harness.key_press(Key::Backspace);
                }
                add = !add;
                harness.step();
            });
        });
    }
    group.finish();
}

fn open(c: &mut Criterion) {
    let mut group = c.benchmark_group("open");
    group.sample_size(10);
    for &n in &[10_000_usize, 50_000] {
        let bytes = canonical_bytes(&synthetic(n, 8)).expect("encode");
        group.bench_with_input(
            BenchmarkId::new("file bytes to first frame", n),
            &bytes,
            |b, bytes| {
                b.iter(|| {
                    let map = parse_map(bytes).expect("loads");
                    let app = WaterlineApp::new(
                        Document::new(map, None),
                        Prefs::default(),
                        DialogBackend::Unavailable,
                    );
                    let mut harness = Harness::builder()
                        .with_size(vec2(1400.0, 900.0))
                        .build_ui_state(|ui, app: &mut WaterlineApp| app.frame_ui(ui), app);
                    harness.step();
                    black_box(harness)
                });
            },
        );
    }
    group.finish();
}

/// A timeline CSV of `rows` rows over 8 lanes, every fourth row a message (`to`), every
/// tenth without a time, as the peers' generator writes them.
fn timeline_csv(rows: usize) -> Vec<u8> {
    let lanes = [
        "on-call: Alice",
        "api-gateway",
        "db-replica",
        "alerting",
        "k8s-cluster",
        "db-primary",
        "status-page",
        "incident-commander: Bob",
    ];
    let mut out = String::from("time,lane,to,kind,text,thinking\n");
    for i in 0..rows {
        let time = if i % 10 == 9 {
            String::new()
        } else {
            let minutes = i;
            format!(
                "2026-01-{:02}T{:02}:{:02}:00Z",
                1 + minutes / 1440 % 28,
                minutes / 60 % 24,
                minutes % 60
            )
        };
        let to = if i % 4 == 0 {
            lanes[(i + 3) % lanes.len()]
        } else {
            ""
        };
        let thinking = if i % 5 == 0 {
            "the replica is behind"
        } else {
            ""
        };
        out.push_str(&format!(
            "{time},{},{to},action,e{i} restarts the pod,{thinking}\n",
            lanes[i % lanes.len()]
        ));
    }
    out.into_bytes()
}

fn import(c: &mut Criterion) {
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    for &rows in &[10_000_usize, 250_000] {
        let csv = timeline_csv(rows);
        group.bench_with_input(BenchmarkId::new("timeline CSV", rows), &csv, |b, csv| {
            b.iter(|| {
                black_box(waterline::import::import_timeline(csv, "bench").expect("imports"))
            });
        });
    }
    group.finish();
}

fn text_exports(c: &mut Criterion) {
    let mut group = c.benchmark_group("text export");
    group.sample_size(10);
    let n = 200_000;
    let map = synthetic(n, 8);
    let settings = LayoutSettings::default();
    group.bench_function(BenchmarkId::new("layout", n), |b| {
        b.iter(|| black_box(layout(&map, &settings)));
    });
    let geometry = layout(&map, &settings);
    group.bench_function(BenchmarkId::new("markdown", n), |b| {
        b.iter(|| black_box(waterline::export::markdown(&map, &geometry)));
    });
    group.bench_function(BenchmarkId::new("mermaid", n), |b| {
        b.iter(|| black_box(waterline::export::mermaid(&map, &geometry)));
    });
    group.bench_function(BenchmarkId::new("plantuml", n), |b| {
        b.iter(|| black_box(waterline::export::plantuml(&map, &geometry)));
    });
    group.bench_function(BenchmarkId::new("svg", n), |b| {
        b.iter(|| black_box(waterline::export::svg(&map, &geometry, &settings, false)));
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(3));
    targets = frames, open, import, text_exports
}
criterion_main!(benches);
