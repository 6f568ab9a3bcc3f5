//! Links: solid arrows with a filled head at the receiving end and an optional label.

use super::pen::Pen;
use super::stroke::{Path, Pattern};
use crate::layout::{Geometry, LinkGeom, LinkRoute};
use crate::model::Map;
use egui::{Color32, Pos2, Shape, Stroke, Vec2, pos2, vec2};

/// How far below a card's top its side's middle is, where links attach (a card's height
/// is at least twice this).
pub(super) const CARD_MIDDLE: f32 = 28.0;

pub(super) fn paint_links(pen: &mut Pen<'_, '_>, map: &Map, geometry: &Geometry) {
    let visible = pen.view.visible_scene_rect();
    // Links with an end in view first: when a crowd of them crosses the view (and their
    // share of it runs out), those kept are the ones whose cards are seen.
    let ends_in_view = |link: &LinkGeom| visible.contains(link.from) || visible.contains(link.to);
    for first in [true, false] {
        for link_geom in &geometry.links {
            if ends_in_view(link_geom) != first {
                continue;
            }
            // Link ends sit mid-card; both cards must be shown for the link to be.
            let later_card_top = link_geom.from.y.max(link_geom.to.y) - CARD_MIDDLE;
            if !link_geom.bounds.intersects(visible) || !pen.view.shows(later_card_top) {
                continue;
            }
            if !pen.crowd_has_room() {
                return;
            }
            paint_link(pen, map, link_geom);
        }
    }
}

fn paint_link(pen: &mut Pen<'_, '_>, map: &Map, link_geom: &LinkGeom) {
    let color = pen.theme.link;
    let stroke = Stroke::new(pen.len(1.6).max(1.0), color);
    let (from, to) = (link_geom.from, link_geom.to);
    let (head_dir, label_at) = match link_geom.route {
        LinkRoute::Across | LinkRoute::Message => {
            pen.crowd_stroke(Path::Polyline(&[from, to]), stroke, Pattern::Solid);
            ((to - from).normalized(), from + (to - from) * 0.5)
        }
        LinkRoute::Loop => {
            let reach = crate::layout::loop_reach(from, to);
            let points = [from, from + vec2(reach, 0.0), to + vec2(reach, 0.0), to];
            pen.crowd_stroke(Path::Cubic(points), stroke, Pattern::Solid);
            (
                vec2(-1.0, 0.0),
                pos2(from.x + reach * 0.75, (from.y + to.y) / 2.0),
            )
        }
    };
    let tip = pen.pos(to);
    if pen.near_view(tip, pen.len(12.0)) {
        arrow_head(pen, tip, head_dir, color);
    }
    // A label is at most 120 points wide and a line high.
    let label_at = pen.pos(label_at);
    if pen.near_view(label_at, pen.len(70.0)) {
        let label = map
            .link(&link_geom.link)
            .map(|link| link.label.as_str())
            .unwrap_or_default();
        paint_label(pen, label, label_at);
    }
}

/// A filled triangle whose tip touches `tip`, pointing along `dir`.
pub(crate) fn arrow_head(pen: &mut Pen<'_, '_>, tip: Pos2, dir: Vec2, color: Color32) {
    if dir == Vec2::ZERO {
        return;
    }
    let length = pen.len(9.0);
    let half_width = pen.len(4.5);
    let base = tip - dir * length;
    let side = dir.rot90() * half_width;
    pen.out.push(Shape::convex_polygon(
        vec![tip, base + side, base - side],
        color,
        Stroke::NONE,
    ));
}

fn paint_label(pen: &mut Pen<'_, '_>, label: &str, center: Pos2) {
    let Some(galley) = pen.galley(label, 11.0, pen.theme.link, 120.0, 1) else {
        return;
    };
    let rect =
        egui::Rect::from_center_size(center, galley.size() + vec2(pen.len(8.0), pen.len(2.0)));
    pen.out
        .push(Shape::rect_filled(rect, pen.len(3.0), pen.theme.label_fill));
    pen.put(
        rect.min + vec2(pen.len(4.0), pen.len(1.0)),
        galley,
        pen.theme.link,
    );
}
