//! Gap bands: a warm band where the timeline records nothing, with its length and the
//! question to ask; in compressed time, zigzag break lines mark where time was cut.

use super::pen::Pen;
use super::stroke::{Path, Pattern};
use crate::layout::{GapBand, Geometry, LayoutSettings};
use crate::model::Map;
use crate::timeline::duration_label;
use egui::{Pos2, Rect, Shape, Stroke, pos2, vec2};

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
        match gap.lane {
            None => paint_map_band(pen, band, settings, gap, notes),
            Some(_) => paint_lane_band(pen, band, &duration_label(gap.secs()), notes),
        }
    }
}

fn paint_map_band(
    pen: &mut Pen<'_, '_>,
    band: &GapBand,
    settings: &LayoutSettings,
    gap: &crate::timeline::Gap,
    notes: usize,
) {
    let theme = pen.theme;
    let scene = Rect::from_min_max(pos2(settings.ruler_width, band.rect.min.y), band.rect.max);
    let rect = pen.rect(scene);
    pen.out.push(Shape::rect_filled(rect, 0.0, theme.gap_fill));
    let stroke = Stroke::new(pen.len(1.2).max(1.0), theme.gap_edge);
    for (y, scene_y) in [(rect.min.y, scene.min.y), (rect.max.y, scene.max.y)] {
        if band.compressed {
            let (left, right) = (rect.min.x, rect.max.x);
            if let Some(line) = zigzag(left, right, y, pen.len(4.0), pen.view.clip) {
                pen.out.push(Shape::line(line, stroke));
            }
        } else {
            let dash = pen.len(6.0).max(2.0);
            let edge = [pos2(scene.min.x, scene_y), pos2(scene.max.x, scene_y)];
            let pattern = Pattern::Dashed { dash, gap: dash };
            pen.stroke(Path::Polyline(&edge), stroke, pattern);
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
    let text = format!("{}{cut}: {}{noted}", gap.summary(), gap.question());
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
    pen.dashed_rect(band.rect, stroke, dash);
    let noted = if notes > 0 { " · noted" } else { "" };
    let text = format!("{length} quiet{noted}");
    // Beside the strip, at its top: the lane has no card there to cover.
    if let Some(galley) = pen.galley(&text, 11.0, theme.gap_text, 90.0, 1) {
        let at = rect.right_top() + vec2(pen.len(5.0), pen.len(4.0));
        pen.put(at, galley, theme.gap_text);
    }
}

/// The points of a horizontal zigzag from `left` to `right` (the break symbol of a cut
/// axis), only where it crosses `clip`: its corners stay where they are along the whole
/// line, however wide the map.
fn zigzag(left: f32, right: f32, y: f32, amplitude: f32, clip: Rect) -> Option<Vec<Pos2>> {
    let step = amplitude * 2.0;
    let seen = y >= clip.min.y - step && y <= clip.max.y + step;
    if !seen || step.is_nan() || step <= 0.0 || left.is_nan() || left >= right {
        return None;
    }
    // Float to integer saturates: an endless line or view is cut to what fits.
    let last = ((right - left) / step).ceil() as i64;
    let first = (((clip.min.x - left) / step).floor() as i64)
        .saturating_sub(1)
        .max(0);
    let end = (((clip.max.x - left) / step).ceil() as i64)
        .saturating_add(1)
        .min(last);
    if first > end {
        return None;
    }
    let mut points: Vec<Pos2> = (first..end)
        .map(|k| {
            let up = k % 2 == 0;
            pos2(
                left + k as f32 * step,
                if up { y - amplitude } else { y + amplitude },
            )
        })
        .collect();
    points.push(if end == last {
        pos2(right, y)
    } else {
        let up = end % 2 == 0;
        pos2(
            left + end as f32 * step,
            if up { y - amplitude } else { y + amplitude },
        )
    });
    (points.len() >= 2).then_some(points)
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::vec2;

    #[test]
    fn a_zigzag_across_a_wide_map_has_the_points_in_view_only_at_their_places() {
        let clip = Rect::from_min_size(pos2(0.0, 0.0), vec2(800.0, 600.0));
        let whole = zigzag(-10.0, 790.0, 300.0, 4.0, Rect::EVERYTHING).unwrap();
        let clipped = zigzag(-10.0, 790.0, 300.0, 4.0, clip).unwrap();
        assert_eq!(whole, clipped, "all in view: all of it");
        let wide = zigzag(-1.0e7, 1.0e7, 300.0, 4.0, clip).unwrap();
        assert!(wide.len() < 110, "{}", wide.len());
        assert!(wide.first().unwrap().x <= 0.0 && wide.last().unwrap().x >= 800.0);
        // The same corners as the whole line would have: on the 8-point grid from its left.
        assert!(wide.iter().all(|p| (p.x + 1.0e7) % 8.0 == 0.0));
        assert!(zigzag(0.0, 100.0, 5_000.0, 4.0, clip).is_none());
    }
}
