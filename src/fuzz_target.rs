//! The body of the fuzz target (`fuzz/fuzz_targets/open_any_bytes.rs`), kept in the library
//! so a stable test runs it on the sample maps and mutations of them too: any bytes go
//! through parse, migrate and validate, and whatever loads goes through layout in every
//! mode, drawing through a window-sized view, naming overlong texts, gap finding, arrange
//! by time, undo, and a save-and-load round trip. None of it may panic, no text drawn may
//! lay out more than the map shows, and what loads must save and load back unchanged.

use crate::io::{canonical_bytes, overlong_fields, parse_map, parse_map_allowing_newer};
use crate::layout::{Geometry, LayoutSettings, TimeScale, layout};
use crate::model::Map;
use crate::ops::arrange_by_time;
use crate::render::{SHOWN_CHARS, Theme, View, paint_map};
use crate::timeline::find_gaps;
use egui::emath::TSTransform;
use egui::epaint::TextOptions;
use egui::epaint::text::{FontDefinitions, Fonts, ViewportKey};
use egui::{Pos2, Rect, Shape, vec2};
use std::cell::RefCell;

/// Feeds `data` through everything a file reaches. Panics only when an invariant breaks.
pub fn open_any_bytes(data: &[u8]) {
    let _ = parse_map_allowing_newer(data);
    let Ok(map) = parse_map(data) else {
        return;
    };
    for time_scale in TimeScale::ALL {
        for show_branches in [true, false] {
            let settings = LayoutSettings {
                time_scale,
                show_branches,
                annotations_inline: !show_branches,
                ..LayoutSettings::default()
            };
            let geometry = layout(&map, &settings);
            assert!(geometry.bounds.is_finite(), "layout stays finite");
            draw_through_a_window(&map, &geometry, &settings);
        }
    }
    let _ = overlong_fields(&map);
    let _ = find_gaps(&map);
    if let Some(op) = arrange_by_time(&map) {
        let mut arranged = map.clone();
        let undo = op.apply(&mut arranged).expect("arranging fits the map");
        undo.apply(&mut arranged).expect("and undoes");
        assert_eq!(arranged, map, "undo restores the map");
    }
    let bytes = canonical_bytes(&map).expect("a loaded map encodes");
    let again = parse_map(&bytes).expect("a saved map loads");
    assert_eq!(again, map, "save then load gives the same map");
}

/// Draws the map as the canvas would through a window-sized view at its top, middle and
/// bottom, at 1x and zoomed far out: no text shape may lay out more than the map shows.
fn draw_through_a_window(map: &Map, geometry: &Geometry, settings: &LayoutSettings) {
    thread_local! {
        static FONTS: RefCell<Fonts> =
            RefCell::new(Fonts::new(TextOptions::default(), FontDefinitions::default()));
    }
    let bounds = geometry.bounds;
    let size = vec2(1400.0, 900.0);
    let theme = Theme::light();
    FONTS.with_borrow_mut(|fonts| {
        for zoom in [1.0, 0.05] {
            for y in [
                bounds.min.y,
                bounds.center().y,
                bounds.max.y - size.y / zoom,
            ] {
                // A new pass lets go of the text laid out before, as a frame does.
                fonts.begin_pass(TextOptions::default(), ViewportKey::default());
                let corner = vec2(bounds.min.x, y);
                let view = View {
                    screen_from_scene: TSTransform::from_scaling(zoom)
                        * TSTransform::from_translation(-corner),
                    clip: Rect::from_min_size(Pos2::ZERO, size),
                    sticky_chrome: true,
                    until: None,
                };
                let mut shapes = Vec::new();
                let mut view_fonts = fonts.with_pixels_per_point(1.0);
                paint_map(
                    map,
                    geometry,
                    settings,
                    &theme,
                    &view,
                    &mut view_fonts,
                    &mut shapes,
                );
                for shape in &shapes {
                    if let Shape::Text(text) = shape {
                        let chars = text.galley.job.text.chars().count();
                        assert!(chars <= SHOWN_CHARS + 1, "{chars} characters laid out");
                    }
                }
            }
        }
    });
}
