//! Links: solid arrows with a filled head at the receiving end, drawn under the cards, and
//! their labels, drawn over them: layout keeps labels clear of cards where there is room,
//! and where there is none a label covers a card's edge rather than hiding under it.

use super::pen::Pen;
use super::stroke::{Path, Pattern};
use crate::layout::{Geometry, LinkGeom, LinkRoute};
use crate::model::Map;
use egui::{Color32, Pos2, Shape, Stroke, Vec2, vec2};

/// How far below a card's top its side's middle is, where branch curves attach (a card's
/// height is at least twice this).
pub(super) const CARD_MIDDLE: f32 = 28.0;

/// Draws the arrows in view; returns the indices of those drawn, whose labels
/// [`paint_link_labels`] draws once the cards are.
pub(super) fn paint_links(pen: &mut Pen<'_, '_>, map: &Map, geometry: &Geometry) -> Vec<usize> {
    let mut drawn = Vec::new();
    let visible = pen.view.visible_scene_rect();
    // Links with an end in view first: when a crowd of them crosses the view (and their
    // share of it runs out), those kept are the ones whose cards are seen.
    let ends_in_view =
        |link: &LinkGeom| visible.contains(link.from()) || visible.contains(link.to());
    let near = geometry.links_between(visible.min.y, visible.max.y);
    for first in [true, false] {
        for (index, link_geom) in near.iter().map(|&i| (i, &geometry.links[i])) {
            if ends_in_view(link_geom) != first {
                continue;
            }
            // Both cards must be shown for the link to be.
            if !link_geom.bounds.intersects(visible) || !pen.view.shows(link_geom.lower_card_top) {
                continue;
            }
            if !pen.crowd_has_room() {
                return drawn;
            }
            let start = pen.out.len();
            paint_link(pen, link_geom);
            fade_unless_sender_known(pen, map, link_geom, start);
            drawn.push(index);
        }
    }
    drawn
}

/// From a point of view, a link (and its label) counts once its sender is known: what
/// was drawn for it since `start` fades otherwise.
fn fade_unless_sender_known(pen: &mut Pen<'_, '_>, map: &Map, link: &LinkGeom, start: usize) {
    if let Some(lit) = pen.lit {
        let sender = map
            .link(&link.link)
            .and_then(|link| map.events.index_of(&link.from));
        pen.fade_unless(sender.is_some_and(|i| lit.event(i)), start);
    }
}

/// Draws the labels of the links drawn (indices into [`Geometry::links`]).
pub(super) fn paint_link_labels(
    pen: &mut Pen<'_, '_>,
    map: &Map,
    geometry: &Geometry,
    drawn: &[usize],
) {
    for link_geom in drawn.iter().filter_map(|&i| geometry.links.get(i)) {
        // A label is at most 128 points wide and a line high.
        let label_at = pen.pos(link_geom.label_at);
        if pen.near_view(label_at, pen.len(70.0)) {
            let label = map
                .link(&link_geom.link)
                .map(|link| link.label.as_str())
                .unwrap_or_default();
            let start = pen.out.len();
            paint_label(pen, label, label_at);
            fade_unless_sender_known(pen, map, link_geom, start);
        }
    }
}

fn paint_link(pen: &mut Pen<'_, '_>, link_geom: &LinkGeom) {
    let color = pen.theme.link;
    let stroke = Stroke::new(pen.len(1.6).max(1.0), color);
    let path = match (link_geom.route, link_geom.points.as_slice()) {
        (LinkRoute::Loop, &[a, b, c, d]) => Path::Cubic([a, b, c, d]),
        (_, points) => Path::Polyline(points),
    };
    pen.crowd_stroke(path, stroke, Pattern::Solid);
    let tip = pen.pos(link_geom.to());
    if pen.near_view(tip, pen.len(12.0)) {
        arrow_head(pen, tip, link_geom.head_dir(), color);
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
