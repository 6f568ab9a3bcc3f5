//! Paths not taken: light-grey dashed curves ending in an open chevron, never the solid
//! line and filled head of a link, so nobody reads an option as what happened.

use super::pen::Pen;
use super::stroke::{Path, Pattern};
use crate::layout::{BranchCurve, Geometry};
use crate::model::{CardId, Map};
use egui::{Shape, Stroke};

pub(super) fn paint_branch_curves(pen: &mut Pen<'_, '_>, map: &Map, geometry: &Geometry) {
    let visible = pen.view.visible_scene_rect();
    let stroke = Stroke::new(pen.len(1.6).max(1.0), pen.theme.branch);
    let dash = pen.len(7.0).max(2.0);
    let pattern = Pattern::Dashed {
        dash,
        gap: dash * 0.8,
    };
    // Curves that start or end in view first: when a crowd of them crosses the view (and
    // their share of it runs out), those kept are the ones whose cards are seen.
    let ends_in_view = |curve: &BranchCurve| {
        visible.contains(curve.points[0]) || visible.contains(curve.points[3])
    };
    let near = geometry.curves_between(visible.min.y, visible.max.y);
    for first in [true, false] {
        for curve in near.iter().map(|&i| &geometry.branch_curves[i]) {
            if ends_in_view(curve) != first {
                continue;
            }
            let later_end = curve.points[0].y.max(curve.points[3].y) - super::links::CARD_MIDDLE;
            if !curve.bounds.intersects(visible) || !pen.view.shows(later_end) {
                continue;
            }
            if !pen.crowd_has_room() {
                return;
            }
            let start = pen.out.len();
            pen.crowd_stroke(Path::Cubic(curve.points), stroke, pattern);
            chevron(pen, curve, stroke);
            if let Some(lit) = pen.lit {
                // Faded like the ghost card it leads to.
                let item = CardId::Branch(curve.branch.clone());
                let index = map.branches.index_of(&curve.branch);
                let seen = index.is_some_and(|i| lit.card(map, &item, i));
                pen.fade_unless(seen, start);
            }
        }
    }
}

/// An open chevron at the ghost card: direction without the weight of an arrow.
fn chevron(pen: &mut Pen<'_, '_>, curve: &BranchCurve, stroke: Stroke) {
    let [_, _, before, tip] = curve.points.map(|p| pen.pos(p));
    if !pen.near_view(tip, pen.len(10.0)) {
        return;
    }
    let dir = (tip - before).normalized();
    if dir.is_finite() && dir != egui::Vec2::ZERO {
        let back = tip - dir * pen.len(8.0);
        let side = dir.rot90() * pen.len(4.5);
        pen.out
            .push(Shape::line(vec![back + side, tip, back - side], stroke));
    }
}
