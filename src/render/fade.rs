//! Fading shapes already drawn: what a point of view could not know stays in place, faint,
//! so the map keeps its shape while the known part stands out.

use egui::epaint::{ColorMode, PathStroke};
use egui::{Color32, Shape, Stroke};
use std::sync::Arc;

/// How much of its colour a faded shape keeps.
const KEPT: f32 = 0.22;

/// Fades every shape of `shapes`.
pub(super) fn fade(shapes: &mut [Shape]) {
    for shape in shapes {
        fade_shape(shape);
    }
}

fn fade_shape(shape: &mut Shape) {
    let color = |c: &mut Color32| *c = c.gamma_multiply(KEPT);
    let stroke = |s: &mut Stroke| s.color = s.color.gamma_multiply(KEPT);
    let path_stroke = |s: &mut PathStroke| {
        if let ColorMode::Solid(c) = &mut s.color {
            *c = c.gamma_multiply(KEPT);
        }
    };
    match shape {
        Shape::Vec(shapes) => fade(shapes),
        Shape::Rect(rect) => {
            color(&mut rect.fill);
            stroke(&mut rect.stroke);
        }
        Shape::Text(text) => text.opacity_factor *= KEPT,
        Shape::Path(path) => {
            color(&mut path.fill);
            path_stroke(&mut path.stroke);
        }
        Shape::LineSegment { stroke: s, .. } => stroke(s),
        Shape::Circle(circle) => {
            color(&mut circle.fill);
            stroke(&mut circle.stroke);
        }
        Shape::Ellipse(ellipse) => {
            color(&mut ellipse.fill);
            stroke(&mut ellipse.stroke);
        }
        Shape::CubicBezier(curve) => {
            color(&mut curve.fill);
            path_stroke(&mut curve.stroke);
        }
        Shape::QuadraticBezier(curve) => {
            color(&mut curve.fill);
            path_stroke(&mut curve.stroke);
        }
        Shape::Mesh(mesh) => {
            for vertex in &mut Arc::make_mut(mesh).vertices {
                color(&mut vertex.color);
            }
        }
        // Nothing the map draws uses these.
        Shape::Noop | Shape::Band(_) | Shape::Callback(_) => {}
    }
}
