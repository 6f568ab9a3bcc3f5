//! Gap bands: a warm band where the timeline records nothing, with its length and the
//! question to ask; in compressed time, zigzag break lines mark where time was cut.
//! Zoomed out, a band stays a band, and its words become a short summary at a readable
//! size, on a label over the cards.

use super::detail::{self, GAP_TEXT_PX};
use super::pen::Pen;
use super::stroke::{Path, Pattern};
use crate::layout::{GapBand, Geometry, LayoutSettings};
use crate::model::Map;
use crate::timeline::{Gap, duration_label};
use egui::{Pos2, Rect, Shape, Stroke, StrokeKind, pos2, vec2};

/// The size of a gap band's words in scene points (at zoom 1).
const GAP_TEXT_SIZE: f32 = 13.0;
/// The narrowest a lane's quiet strip is drawn on screen, so it stays a visible band.
const LANE_BAND_MIN_PX: f32 = 3.0;

pub(super) fn paint_gap_bands(
    pen: &mut Pen<'_, '_>,
    map: &Map,
    geometry: &Geometry,
    settings: &LayoutSettings,
) {
    for (band, gap, notes) in bands_in_view(pen, map, geometry) {
        match gap.lane {
            None => {
                paint_map_band(pen, band, settings);
                if words_at_full_size(pen) {
                    paint_band_words(pen, band, settings, gap, notes);
                }
            }
            Some(_) => paint_lane_band(pen, band, &duration_label(gap.secs()), notes),
        }
    }
}

/// Zoomed out, what each whole-map band in view stands for, at a readable size on a label
/// drawn over the cards: the band is too thin for words beside them.
pub(super) fn paint_gap_summaries(
    pen: &mut Pen<'_, '_>,
    map: &Map,
    geometry: &Geometry,
    settings: &LayoutSettings,
) {
    if words_at_full_size(pen) {
        return;
    }
    // Bands close together on screen would put their labels over each other: the first
    // one keeps its place.
    let mut labels: Vec<Rect> = Vec::new();
    for (band, gap, notes) in bands_in_view(pen, map, geometry) {
        if gap.lane.is_some() {
            continue;
        }
        let y = pen.pos(band.rect.center()).y;
        let row = pen.row_px(GAP_TEXT_PX);
        let span = Rect::from_x_y_ranges(pen.view.clip.x_range(), y - row..=y + row);
        if labels.iter().all(|label| !label.intersects(span)) {
            paint_band_words(pen, band, settings, gap, notes);
            labels.push(span);
        }
    }
}

/// The bands in view with their gaps and how many notes were written for them.
fn bands_in_view<'g>(
    pen: &Pen<'_, '_>,
    map: &Map,
    geometry: &'g Geometry,
) -> Vec<(&'g GapBand, &'g Gap, usize)> {
    let visible = pen.view.visible_scene_rect();
    geometry
        .bands_between(visible.min.y, visible.max.y)
        .into_iter()
        .map(|i| &geometry.gap_bands[i])
        .filter(|band| band.rect.intersects(visible) && pen.view.shows(band.rect.max.y))
        .filter_map(|band| {
            let gap = geometry.gap_scan.gaps.get(band.gap)?;
            let notes = gap
                .notes
                .iter()
                .filter_map(|&i| map.gaps.get(i))
                .map(|record| record.notes.len())
                .sum();
            Some((band, gap, notes))
        })
        .collect()
}

/// Whether a band's words are readable at their own size: then they are written in full,
/// in the band, where the layout left them room between the cards.
fn words_at_full_size(pen: &Pen<'_, '_>) -> bool {
    pen.len(GAP_TEXT_SIZE) >= GAP_TEXT_PX
}

fn paint_map_band(pen: &mut Pen<'_, '_>, band: &GapBand, settings: &LayoutSettings) {
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
}

/// A whole-map band's words: its length, what it holds and the question to ask, or,
/// zoomed out, its length and what it holds at a readable size on a label.
fn paint_band_words(
    pen: &mut Pen<'_, '_>,
    band: &GapBand,
    settings: &LayoutSettings,
    gap: &Gap,
    notes: usize,
) {
    let theme = pen.theme;
    let scene = Rect::from_min_max(pos2(settings.ruler_width, band.rect.min.y), band.rect.max);
    let rect = pen.rect(scene);
    // The words stay at the left edge of the view, clear of the pinned ruler, when the
    // map is scrolled sideways.
    let ruler = detail::ruler_width_px(settings.ruler_width, pen.zoom);
    let left = rect.min.x.max(pen.view.clip.min.x + ruler) + pen.len(12.0).max(6.0);
    let cut = if band.compressed { " (shortened)" } else { "" };
    let noted = match notes {
        0 => String::new(),
        1 => "   ·   1 note".to_owned(),
        n => format!("   ·   {n} notes"),
    };
    let full = words_at_full_size(pen);
    let text = if full {
        format!("{}{cut}: {}{noted}", gap.summary(), gap.question())
    } else {
        format!("{}{cut}{noted}", gap.summary())
    };
    let width = rect.max.x - left - pen.len(12.0);
    let px = pen.len(GAP_TEXT_SIZE).max(GAP_TEXT_PX);
    if width <= pen.len(40.0).max(40.0) {
        return;
    }
    let Some(galley) = pen.galley_px(&text, px, theme.gap_text, width, 1) else {
        return;
    };
    let at = pos2(left, rect.center().y - galley.size().y / 2.0);
    if !full {
        let label = Rect::from_min_size(at, galley.size()).expand2(vec2(4.0, 1.0));
        pen.out
            .push(Shape::rect_filled(label, 3.0, theme.label_fill));
        pen.out.push(Shape::rect_stroke(
            label,
            3.0,
            Stroke::new(1.0, theme.gap_edge),
            StrokeKind::Inside,
        ));
    }
    pen.put(at, galley, theme.gap_text);
}

fn paint_lane_band(pen: &mut Pen<'_, '_>, band: &GapBand, length: &str, notes: usize) {
    let theme = pen.theme;
    // Zoomed out the strip keeps a few points of width, so it still reads as a band.
    let mut scene = band.rect;
    let min_width = LANE_BAND_MIN_PX / pen.zoom;
    if scene.width() < min_width {
        scene = scene.expand2(vec2((min_width - scene.width()) / 2.0, 0.0));
    }
    let rect = pen.rect(scene);
    pen.out.push(Shape::rect_filled(
        rect,
        pen.len(4.0),
        theme.gap_fill.gamma_multiply(0.8),
    ));
    let dash = pen.len(4.0).max(2.0);
    let stroke = Stroke::new(1.0, theme.gap_edge.gamma_multiply(0.7));
    pen.dashed_rect(scene, stroke, dash);
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
