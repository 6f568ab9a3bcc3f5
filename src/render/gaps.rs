//! Gap bands: a warm band where the timeline records nothing, with its length and the
//! question to ask; in compressed time, zigzag break lines mark where time was cut.

use super::pen::Pen;
use crate::layout::{GapBand, Geometry, LayoutSettings};
use crate::model::Map;
use crate::timeline::duration_label;
use egui::{Rect, Shape, Stroke, pos2, vec2};

/// The question every whole-map gap asks.
pub const GAP_PROMPT: &str = "What was going on here?";

pub(super) fn paint_gap_bands(
    pen: &mut Pen<'_, '_>,
    map: &Map,
    geometry: &Geometry,
    settings: &LayoutSettings,
) {
    let visible = pen.view.visible_scene_rect();
    for band in &geometry.gap_bands {
        if !band.rect.intersects(visible) || !pen.view.shows(band.rect.max.y) {
            continue;
        }
        let Some(gap) = geometry.gap_scan.gaps.get(band.gap) else {
            continue;
        };
        let notes = gap
            .notes
            .iter()
            .filter_map(|&i| map.gaps.get(i))
            .map(|record| record.notes.len())
            .sum();
        let length = duration_label(gap.secs());
        match gap.lane {
            None => paint_map_band(pen, band, settings, &length, notes),
            Some(_) => paint_lane_band(pen, band, &length, notes),
        }
    }
}

fn paint_map_band(
    pen: &mut Pen<'_, '_>,
    band: &GapBand,
    settings: &LayoutSettings,
    length: &str,
    notes: usize,
) {
    let theme = pen.theme;
    let scene = Rect::from_min_max(pos2(settings.ruler_width, band.rect.min.y), band.rect.max);
    let rect = pen.rect(scene);
    pen.out.push(Shape::rect_filled(rect, 0.0, theme.gap_fill));
    let stroke = Stroke::new(pen.len(1.2).max(1.0), theme.gap_edge);
    for y in [rect.min.y, rect.max.y] {
        if band.compressed {
            pen.out
                .push(zigzag(rect.min.x, rect.max.x, y, pen.len(4.0), stroke));
        } else {
            let dash = pen.len(6.0).max(2.0);
            pen.out.extend(Shape::dashed_line(
                &[pos2(rect.min.x, y), pos2(rect.max.x, y)],
                stroke,
                dash,
                dash,
            ));
        }
    }
    // The words stay at the left edge of the view when the map is scrolled sideways.
    let left = rect
        .min
        .x
        .max(pen.view.clip.min.x + pen.len(settings.ruler_width))
        + pen.len(12.0);
    let cut = if band.compressed { " (shortened)" } else { "" };
    let noted = match notes {
        0 => String::new(),
        1 => "   ·   1 note".to_owned(),
        n => format!("   ·   {n} notes"),
    };
    let text = format!("{length} with nothing recorded{cut}: {GAP_PROMPT}{noted}");
    let width = (rect.max.x - left) / pen.zoom - 12.0;
    if width > 40.0
        && let Some(galley) = pen.galley(&text, 13.0, theme.gap_text, width, 1)
    {
        let y = rect.center().y - galley.size().y / 2.0;
        pen.put(pos2(left, y), galley, theme.gap_text);
    }
}

fn paint_lane_band(pen: &mut Pen<'_, '_>, band: &GapBand, length: &str, notes: usize) {
    let theme = pen.theme;
    let rect = pen.rect(band.rect);
    pen.out.push(Shape::rect_filled(
        rect,
        pen.len(4.0),
        theme.gap_fill.gamma_multiply(0.8),
    ));
    let dash = pen.len(4.0).max(2.0);
    let stroke = Stroke::new(1.0, theme.gap_edge.gamma_multiply(0.7));
    pen.dashed_rect(rect, stroke, dash);
    let noted = if notes > 0 { " · noted" } else { "" };
    let text = format!("{length} quiet{noted}");
    // Beside the strip, at its top: the lane has no card there to cover.
    if let Some(galley) = pen.galley(&text, 11.0, theme.gap_text, 90.0, 1) {
        let at = rect.right_top() + vec2(pen.len(5.0), pen.len(4.0));
        pen.put(at, galley, theme.gap_text);
    }
}

/// A horizontal zigzag: the break symbol of a cut axis.
fn zigzag(left: f32, right: f32, y: f32, amplitude: f32, stroke: Stroke) -> Shape {
    let step = amplitude * 2.0;
    let mut points = Vec::new();
    let mut x = left;
    let mut up = true;
    while x < right {
        points.push(pos2(x, if up { y - amplitude } else { y + amplitude }));
        up = !up;
        x += step;
    }
    points.push(pos2(right, y));
    Shape::line(points, stroke)
}
