//! Paths not taken: light-grey dashed curves ending in an open chevron, never the solid
//! line and filled head of a link, so nobody reads an option as what happened.

use super::pen::Pen;
use crate::layout::Geometry;
use egui::epaint::CubicBezierShape;
use egui::{Color32, Shape, Stroke};

pub(super) fn paint_branch_curves(pen: &mut Pen<'_, '_>, geometry: &Geometry) {
    let visible = pen.view.visible_scene_rect();
    let color = pen.theme.branch;
    let stroke = Stroke::new(pen.len(1.6).max(1.0), color);
    let dash = pen.len(7.0).max(2.0);
    for curve in &geometry.branch_curves {
        let later_end = curve.points[0].y.max(curve.points[3].y) - super::links::CARD_MIDDLE;
        if !curve.bounds.intersects(visible) || !pen.view.shows(later_end) {
            continue;
        }
        let points = curve.points.map(|p| pen.pos(p));
        let bezier =
            CubicBezierShape::from_points_stroke(points, false, Color32::TRANSPARENT, stroke);
        let line = bezier.flatten(Some(0.5));
        pen.out
            .extend(Shape::dashed_line(&line, stroke, dash, dash * 0.8));
        // An open chevron at the ghost card: direction without the weight of an arrow.
        let tip = points[3];
        let dir = (points[3] - points[2]).normalized();
        if dir.is_finite() && dir != egui::Vec2::ZERO {
            let back = tip - dir * pen.len(8.0);
            let side = dir.rot90() * pen.len(4.5);
            pen.out
                .push(Shape::line(vec![back + side, tip, back - side], stroke));
        }
    }
}
