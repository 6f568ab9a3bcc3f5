//! Lane columns and their lifelines.

use super::pen::Pen;
use super::stroke::{Path, Pattern};
use crate::layout::Geometry;
use egui::{Shape, Stroke, pos2};

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
