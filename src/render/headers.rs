//! Lane headers, pinned to the top of the canvas. Zoomed out they keep the lane's name at
//! a readable size on screen: across a header wide enough for a line of it, else running
//! up a tall narrow one ([`super::detail::HeaderForm`]).

use super::View;
use super::detail::{self, HeaderForm};
use super::pen::Pen;
use crate::layout::{Geometry, LaneGeom};
use crate::model::{Lane, Map};
use egui::{Rect, Shape, Stroke, StrokeKind, pos2, vec2};

/// Where a lane header is on screen. With sticky chrome it stays pinned to the top of the
/// view when the map is scrolled down, so lane names are always readable. Zoomed out it
/// keeps a readable height ([`detail::header_height_px`]), growing upwards from where the
/// lane's lifeline starts, and in a column too narrow for a line of its name it takes the
/// column's width (less a point, so neighbours never touch).
pub fn header_rect_on_screen(lane: &LaneGeom, view: &View) -> Rect {
    let to_screen = view.screen_from_scene;
    let zoom = to_screen.scaling;
    let scaled = to_screen.mul_rect(lane.header);
    let height = detail::header_height_px(lane.header.height(), zoom);
    let mut rect = Rect::from_min_max(pos2(scaled.min.x, scaled.max.y - height), scaled.max);
    if detail::header_form(zoom) == HeaderForm::Rotated && rect.width() < ROTATED_MIN_WIDTH {
        let column = to_screen.mul_rect(lane.column).shrink2(vec2(0.5, 0.0));
        let center = rect.center().x;
        rect.min.x = (center - ROTATED_MIN_WIDTH / 2.0)
            .max(column.min.x)
            .min(rect.min.x);
        rect.max.x = (center + ROTATED_MIN_WIDTH / 2.0)
            .min(column.max.x)
            .max(rect.max.x);
    }
    if view.sticky_chrome && rect.min.y < view.clip.min.y {
        rect.translate(vec2(0.0, view.clip.min.y - rect.min.y))
    } else {
        rect
    }
}

/// How wide a header with its name running up it would like to be on screen: a line of
/// name at [`detail::LANE_NAME_PX`] and a little room.
const ROTATED_MIN_WIDTH: f32 = 16.0;

pub(super) fn paint_headers(pen: &mut Pen<'_, '_>, map: &Map, geometry: &Geometry) {
    let form = detail::header_form(pen.zoom);
    for lane_geom in &geometry.lanes {
        let Some(lane) = map.lane(&lane_geom.id) else {
            continue;
        };
        let rect = header_rect_on_screen(lane_geom, pen.view);
        if !rect.intersects(pen.view.clip) {
            continue;
        }
        let theme = pen.theme;
        let radius = match form {
            HeaderForm::Full => pen.len(6.0),
            HeaderForm::Across | HeaderForm::Rotated => pen.len(6.0).max(2.0),
        };
        pen.out
            .push(Shape::rect_filled(rect, radius, theme.header_fill));
        pen.out.push(Shape::rect_stroke(
            rect,
            radius,
            Stroke::new(1.0, theme.header_stroke),
            StrokeKind::Inside,
        ));
        // A coloured bar on top marks the lane's kind; the kind is also written out when
        // there is room.
        let bar_height = match form {
            HeaderForm::Full => pen.len(4.0),
            HeaderForm::Across | HeaderForm::Rotated => pen.len(4.0).max(3.0),
        };
        let bar = Rect::from_min_max(rect.min, pos2(rect.max.x, rect.min.y + bar_height));
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
        let below_bar = Rect::from_min_max(pos2(rect.min.x, bar.max.y), rect.max);
        match form {
            HeaderForm::Full => paint_full_header_text(pen, lane, lane_geom, rect),
            HeaderForm::Across => paint_name_across(pen, &lane.name, below_bar),
            HeaderForm::Rotated => paint_name_rising(pen, &lane.name, below_bar),
        }
    }
}

/// The name and the kind, scaled with the map.
fn paint_full_header_text(pen: &mut Pen<'_, '_>, lane: &Lane, lane_geom: &LaneGeom, rect: Rect) {
    let theme = pen.theme;
    let inner = 10.0;
    let width = lane_geom.header.width() - 2.0 * inner;
    if let Some(name) = pen.galley(&lane.name, detail::LANE_NAME_SIZE, theme.text, width, 1) {
        let at = rect.center_top() + vec2(-name.size().x / 2.0, pen.len(9.0));
        pen.put(at, name, theme.text);
    }
    let kind = super::shown_text(lane.kind.label()).to_uppercase();
    if let Some(kind) = pen.galley(&kind, 10.0, theme.lane_kind(&lane.kind), width, 1) {
        let at = rect.center_bottom() - vec2(kind.size().x / 2.0, pen.len(8.0) + kind.size().y);
        pen.put(at, kind, theme.lane_kind(&lane.kind));
    }
}

/// Zoomed out, a wide enough header: the name on one line at a readable size, cut with
/// "…" when longer (the canvas shows it whole on hover).
fn paint_name_across(pen: &mut Pen<'_, '_>, name: &str, area: Rect) {
    let color = pen.theme.text;
    let width = area.width() - 2.0 * NAME_INSET;
    if let Some(galley) = pen.galley_px(name, detail::LANE_NAME_PX, color, width, 1) {
        let at = area.center() - galley.size() / 2.0;
        pen.put(at, galley, color);
    }
}

/// Zoomed further out, a narrow header: the name runs up it from the bottom at a readable
/// size, on as many lines side by side as the header's width holds (up to three), cut
/// with "…" when longer.
fn paint_name_rising(pen: &mut Pen<'_, '_>, name: &str, area: Rect) {
    let color = pen.theme.text;
    let mut px = detail::LANE_NAME_PX;
    let mut row = pen.row_px(px);
    if row > area.width() {
        px = detail::LANE_NAME_MIN_PX;
        row = pen.row_px(px);
    }
    // Too narrow for a readable line: no name rather than one over its neighbours' (the
    // header's hover and its accessibility label still give it).
    if row > area.width() + 1.0 {
        return;
    }
    let rows = ((area.width() - 2.0) / row).floor().clamp(1.0, 3.0) as usize;
    let length = area.height() - 2.0 * NAME_INSET;
    if let Some(galley) = pen.galley_px(name, px, color, length, rows) {
        let at = pos2(
            area.center().x - galley.size().y / 2.0,
            area.max.y - NAME_INSET,
        );
        pen.put_rising(at, galley, color);
    }
}

/// Room between a zoomed-out header's edges and its name (screen points).
const NAME_INSET: f32 = 5.0;
