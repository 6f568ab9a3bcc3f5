//! Lane columns, lifelines, headers and the time ruler.

use super::View;
use super::pen::Pen;
use super::stroke::{Path, Pattern};
use crate::layout::{Geometry, LaneGeom, LayoutSettings};
use crate::model::Map;
use egui::{Align2, Rect, Shape, Stroke, StrokeKind, pos2, vec2};

/// Where a lane header is on screen. With sticky chrome it stays pinned to the top of the
/// view when the map is scrolled down, so lane names are always readable.
pub fn header_rect_on_screen(lane: &LaneGeom, view: &View) -> Rect {
    let rect = view.screen_from_scene.mul_rect(lane.header);
    if view.sticky_chrome && rect.min.y < view.clip.min.y {
        rect.translate(vec2(0.0, view.clip.min.y - rect.min.y))
    } else {
        rect
    }
}

pub(super) fn paint_columns(pen: &mut Pen<'_, '_>, geometry: &Geometry) {
    let visible = pen.view.visible_scene_rect();
    for (i, lane) in geometry.lanes.iter().enumerate() {
        if lane.column.max.x < visible.min.x || lane.column.min.x > visible.max.x {
            continue;
        }
        if i % 2 == 1 {
            let band = pen.rect(lane.column).intersect(pen.view.clip);
            pen.out
                .push(Shape::rect_filled(band, 0.0, pen.theme.lane_band));
        }
        // Only the part in view is drawn, but the dashes keep their places along the
        // whole lifeline: they do not slide when the view moves, and an export drawn in
        // strips joins up.
        let dash = pen.len(6.0).max(2.0);
        let stroke = Stroke::new(pen.len(1.5).max(1.0), pen.theme.lifeline);
        let lifeline = [
            pos2(lane.lifeline_x, geometry.lifeline_top),
            pos2(lane.lifeline_x, geometry.bounds.max.y),
        ];
        if lifeline[0].y < lifeline[1].y {
            let pattern = Pattern::Dashed {
                dash,
                gap: dash * 0.7,
            };
            pen.stroke(Path::Polyline(&lifeline), stroke, pattern);
        }
    }
}

pub(super) fn paint_headers(pen: &mut Pen<'_, '_>, map: &Map, geometry: &Geometry) {
    for lane_geom in &geometry.lanes {
        let Some(lane) = map.lane(&lane_geom.id) else {
            continue;
        };
        let rect = header_rect_on_screen(lane_geom, pen.view);
        if !rect.intersects(pen.view.clip) {
            continue;
        }
        let theme = pen.theme;
        let radius = pen.len(6.0);
        pen.out
            .push(Shape::rect_filled(rect, radius, theme.header_fill));
        pen.out.push(Shape::rect_stroke(
            rect,
            radius,
            Stroke::new(1.0, theme.header_stroke),
            StrokeKind::Inside,
        ));
        // A coloured bar on top marks the lane's kind; the kind is also written out.
        let bar = Rect::from_min_max(rect.min, pos2(rect.max.x, rect.min.y + pen.len(4.0)));
        pen.out.push(Shape::rect_filled(
            bar,
            egui::CornerRadius {
                nw: radius as u8,
                ne: radius as u8,
                sw: 0,
                se: 0,
            },
            theme.lane_kind(&lane.kind),
        ));
        let inner = 10.0;
        let width = lane_geom.header.width() - 2.0 * inner;
        if let Some(name) = pen.galley(&lane.name, 14.5, theme.text, width, 1) {
            let at = rect.center_top() + vec2(-name.size().x / 2.0, pen.len(9.0));
            pen.put(at, name, theme.text);
        }
        let kind = super::shown_text(lane.kind.label()).to_uppercase();
        if let Some(kind) = pen.galley(&kind, 10.0, theme.lane_kind(&lane.kind), width, 1) {
            let at = rect.center_bottom() - vec2(kind.size().x / 2.0, pen.len(8.0) + kind.size().y);
            pen.put(at, kind, theme.lane_kind(&lane.kind));
        }
    }
}

/// Times of timestamped cards, in a strip on the left that stays in view when scrolling
/// sideways.
pub(super) fn paint_ruler(pen: &mut Pen<'_, '_>, geometry: &Geometry, settings: &LayoutSettings) {
    if geometry.ruler.is_empty() {
        return;
    }
    let mut strip = pen.rect(Rect::from_min_max(
        pos2(0.0, geometry.lifeline_top),
        pos2(settings.ruler_width, geometry.bounds.max.y),
    ));
    if pen.view.sticky_chrome && strip.min.x < pen.view.clip.min.x {
        strip = strip.translate(vec2(pen.view.clip.min.x - strip.min.x, 0.0));
    }
    let strip = strip.intersect(pen.view.clip);
    if !strip.is_positive() {
        return;
    }
    pen.out
        .push(Shape::rect_filled(strip, 0.0, pen.theme.ruler_fill));
    let visible = pen.view.visible_scene_rect();
    for tick in &geometry.ruler {
        // A tick sits 14 points below its card's top.
        if tick.y < visible.min.y - 20.0
            || tick.y > visible.max.y + 20.0
            || !pen.view.shows(tick.y - 14.0)
        {
            continue;
        }
        let prefix = if tick.approximate { "~" } else { "" };
        let text = format!(
            "{prefix}{}",
            tick.time.clock_label_in(geometry.display_zone)
        );
        let Some(galley) = pen.galley(&text, 11.5, pen.theme.muted_text, settings.ruler_width, 1)
        else {
            continue;
        };
        let y = pen.pos(pos2(0.0, tick.y)).y;
        let rect =
            Align2::RIGHT_CENTER.anchor_size(pos2(strip.max.x - pen.len(8.0), y), galley.size());
        pen.put(rect.min, galley, pen.theme.muted_text);
        // A new day: its date above the time, in the ruler's strong colour.
        if tick.starts_day {
            let date = geometry.clock.date(tick.time);
            if let Some(galley) =
                pen.galley(&date, 10.5, pen.theme.text, settings.ruler_width - 4.0, 2)
            {
                let at = pos2(strip.max.x - pen.len(8.0), rect.min.y - pen.len(1.0));
                let date_rect = Align2::RIGHT_BOTTOM.anchor_size(at, galley.size());
                pen.put(date_rect.min, galley, pen.theme.text);
            }
        }
    }
}
