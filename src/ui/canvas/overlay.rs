//! What is drawn over the map while editing and never exported: selection outlines, link
//! handles, drag previews, the box being dragged, tooltips.

use super::drag::{Drag, drop_target, link_target};
use super::{CanvasState, handle_center};
use crate::document::Document;
use crate::layout::{Geometry, LinkRoute};
use crate::model::{AnnotationKind, Branch, CardId, Event, LinkId};
use crate::render::{self, Theme, View, header_rect_on_screen, shown_text};
use egui::epaint::CubicBezierShape;
use egui::{Color32, Pos2, Rect, Shape, Stroke, StrokeKind, Ui, pos2, vec2};

/// The link whose line passes within `tolerance` scene points of `point`.
pub(super) fn link_at(geometry: &Geometry, point: Pos2, tolerance: f32) -> Option<LinkId> {
    geometry
        .links
        .iter()
        .filter(|link| link.bounds.expand(tolerance).contains(point))
        .map(|link| (link, distance_to_link(&link.points, point)))
        .filter(|(_, distance)| *distance <= tolerance)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(link, _)| link.link.clone())
}

/// Distance from `point` to a link's drawn path: its straight pieces, or for a loop the
/// outline of its control points, which hugs the curve closely enough to click.
fn distance_to_link(points: &[Pos2], point: Pos2) -> f32 {
    points
        .windows(2)
        .map(|w| distance_to_segment(w[0], w[1], point))
        .fold(f32::INFINITY, f32::min)
}

fn distance_to_segment(a: Pos2, b: Pos2, p: Pos2) -> f32 {
    let ab = b - a;
    let t = if ab.length_sq() == 0.0 {
        0.0
    } else {
        ((p - a).dot(ab) / ab.length_sq()).clamp(0.0, 1.0)
    };
    (a + ab * t - p).length()
}

/// Cards that show their handle: the selected ones and the one under the pointer.
pub(super) fn cards_with_handles(
    doc: &Document,
    state: &CanvasState,
    pointer: Option<Pos2>,
    presenting: bool,
) -> Vec<CardId> {
    if presenting {
        return Vec::new();
    }
    let mut ids: Vec<CardId> = state.selection.cards.clone();
    if let Some(p) = pointer
        && let Some(card) = doc.geometry().card_at(p, 0.0, 20.0)
        && !ids.contains(&card.item)
    {
        ids.push(card.item.clone());
    }
    ids
}

/// The option and its note, shown when hovering a ghost card.
pub(super) fn branch_tooltip_ui(ui: &mut Ui, branch: &Branch) {
    ui.set_max_width(340.0);
    ui.weak("Path not taken");
    ui.strong(shown_text(&branch.label));
    if !branch.note.is_empty() {
        ui.label(shown_text(&branch.note));
    }
}

/// The text of an event (up to [`render::SHOWN_CHARS`] characters of each part), shown
/// when hovering its card.
pub(super) fn event_tooltip_ui(ui: &mut Ui, event: &Event) {
    ui.set_max_width(340.0);
    ui.strong(shown_text(&event.title));
    if let Some(time) = &event.time {
        let approx = if event.approximate {
            " (approximate)"
        } else {
            ""
        };
        ui.weak(format!("{time}{approx}"));
    }
    if !event.description.is_empty() {
        ui.label(shown_text(&event.description));
    }
    for annotation in &event.annotations {
        let kind = match &annotation.kind {
            AnnotationKind::Other(word) => word.as_str(),
            kind => kind.label(),
        };
        ui.label(format!(
            "{}: {}",
            shown_text(kind),
            shown_text(&annotation.text)
        ));
    }
}

pub(super) fn paint(
    ui: &Ui,
    doc: &Document,
    state: &CanvasState,
    view: &View,
    theme: &Theme,
    pointer: Option<Pos2>,
    presenting: bool,
) {
    let painter = ui.painter_at(view.clip);
    let accent = ui.visuals().selection.stroke.color;
    let to_screen = view.screen_from_scene;
    let geometry = doc.geometry();

    for id in &state.selection.cards {
        if let Some(card) = geometry.card_of_item(id) {
            painter.rect_stroke(
                to_screen.mul_rect(card.rect),
                5.0,
                Stroke::new(2.5, accent),
                StrokeKind::Outside,
            );
        }
    }
    if let Some(key) = &state.selection.gap
        && let Some(band) = geometry.gap_bands.iter().find(|band| {
            geometry
                .gap_scan
                .gaps
                .get(band.gap)
                .is_some_and(|gap| key.matches(gap))
        })
    {
        painter.rect_stroke(
            to_screen.mul_rect(band.rect).intersect(view.clip),
            3.0,
            Stroke::new(2.5, accent),
            StrokeKind::Inside,
        );
    }
    if let Some(link) = state
        .selection
        .link
        .as_ref()
        .and_then(|id| geometry.links.iter().find(|l| &l.link == id))
    {
        let stroke = Stroke::new(4.0, accent.gamma_multiply(0.6));
        let points: Vec<Pos2> = link.points.iter().map(|&p| to_screen.mul_pos(p)).collect();
        match (link.route, points.as_slice()) {
            (LinkRoute::Loop, &[a, b, c, d]) => {
                painter.add(CubicBezierShape::from_points_stroke(
                    [a, b, c, d],
                    false,
                    Color32::TRANSPARENT,
                    stroke,
                ));
            }
            _ => {
                painter.add(Shape::line(points, stroke));
            }
        }
    }
    for lane in state
        .selection
        .lanes
        .iter()
        .filter_map(|id| geometry.lane(id))
    {
        painter.rect_stroke(
            header_rect_on_screen(lane, view),
            6.0,
            Stroke::new(2.5, accent),
            StrokeKind::Outside,
        );
    }
    if state.drag.is_none() {
        for id in cards_with_handles(doc, state, pointer, presenting) {
            if let Some(card) = geometry.card_of_item(&id) {
                let center = to_screen.mul_pos(handle_center(card.rect));
                let radius = (6.0 * to_screen.scaling).max(5.0);
                painter.circle(
                    center,
                    radius,
                    theme.card_fill,
                    Stroke::new(2.0, theme.link),
                );
            }
        }
    }

    let (Some(drag), Some(pointer)) = (&state.drag, pointer) else {
        return;
    };
    match drag {
        Drag::Cards { grabbed, start } => {
            let delta = pointer - *start;
            let targets = drop_target(doc, &state.selection.cards, grabbed, delta, pointer);
            if let Some(lane) = geometry.lane_at_x(pointer.x) {
                let column = to_screen.mul_rect(geometry.lanes[lane].column);
                painter.rect_filled(column, 0.0, accent.gamma_multiply(0.10));
            }
            let mut shapes = Vec::new();
            ui.ctx().fonts_mut(|fonts| {
                for (id, lane, _) in &targets {
                    let (Some(card), Some(lane)) = (geometry.card_of_item(id), geometry.lane(lane))
                    else {
                        continue;
                    };
                    let x = lane.lifeline_x - card.rect.width() / 2.0;
                    let rect =
                        Rect::from_min_size(pos2(x, card.rect.min.y + delta.y), card.rect.size());
                    let preview = render::CardPreview {
                        map: doc.map(),
                        card: id,
                        scene_rect: rect,
                        settings: doc.settings(),
                        zone: geometry.display_zone,
                    };
                    preview.paint(theme, view, fonts, &mut shapes);
                }
            });
            painter.extend(shapes.into_iter().map(fade));
        }
        Drag::Link { from } => {
            let target = link_target(geometry, from, pointer);
            let Some(card) = geometry.card_of_item(from) else {
                return;
            };
            let start = to_screen.mul_pos(handle_center(card.rect));
            let end = to_screen.mul_pos(pointer);
            match target {
                Some(target) => {
                    painter.line_segment([start, end], Stroke::new(2.0, theme.link));
                    painter.circle_filled(end, 4.0, theme.link);
                    if from.event().is_some() && !target.is_ghost() {
                        painter.rect_stroke(
                            to_screen.mul_rect(target.rect),
                            5.0,
                            Stroke::new(2.5, theme.link),
                            StrokeKind::Outside,
                        );
                    }
                }
                // Over empty space the drop makes a path not taken: preview it the way it
                // will be drawn, grey and dashed.
                None => {
                    // Clipped before dashing: the card may be scrolled far out of view.
                    let mut dashes = Vec::new();
                    render::stroke_path(
                        &mut dashes,
                        egui::emath::TSTransform::IDENTITY,
                        view.clip,
                        render::Path::Polyline(&[start, end]),
                        Stroke::new(2.0, theme.branch),
                        render::Pattern::Dashed {
                            dash: 8.0,
                            gap: 5.0,
                        },
                    );
                    painter.extend(dashes);
                    painter.text(
                        end + vec2(10.0, -10.0),
                        egui::Align2::LEFT_BOTTOM,
                        "path not taken",
                        egui::FontId::proportional(13.0),
                        theme.branch_text,
                    );
                }
            }
        }
        Drag::Lane { .. } => {
            if let Some(index) = geometry.lane_at_x(pointer.x) {
                let header = header_rect_on_screen(&geometry.lanes[index], view);
                painter.rect_stroke(
                    header.expand(3.0),
                    6.0,
                    Stroke::new(2.5, accent),
                    StrokeKind::Outside,
                );
                painter.rect_filled(
                    to_screen.mul_rect(geometry.lanes[index].column),
                    0.0,
                    accent.gamma_multiply(0.08),
                );
            }
        }
        Drag::Box { start } => {
            let area = to_screen.mul_rect(Rect::from_two_pos(*start, pointer));
            painter.rect(
                area,
                2.0,
                accent.gamma_multiply(0.12),
                Stroke::new(1.0, accent),
                StrokeKind::Inside,
            );
        }
    }
}

/// Drag previews are drawn see-through so the map under them stays readable.
fn fade(shape: Shape) -> Shape {
    match shape {
        Shape::Rect(mut rect) => {
            rect.fill = rect.fill.gamma_multiply(0.8);
            Shape::Rect(rect)
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{LayoutSettings, layout};

    #[test]
    fn a_link_is_clicked_along_its_route_not_where_a_straight_line_would_run() {
        let map = crate::io::parse_map(crate::samples::CHECKOUT_OUTAGE.as_bytes()).unwrap();
        let geometry = layout(&map, &LayoutSettings::default());
        let link = geometry
            .links
            .iter()
            .find(|l| l.route == LinkRoute::Elbow && (l.to().y - l.from().y) > 1000.0)
            .expect("the sample has a link across many rows");
        let upright = link.points[1].lerp(link.points[2], 0.5);
        assert_eq!(
            link_at(&geometry, upright + vec2(3.0, 0.0), 6.0),
            Some(link.link.clone())
        );
        let level = link.points[2].lerp(link.points[3], 0.5);
        assert_eq!(
            link_at(&geometry, level + vec2(0.0, -3.0), 6.0),
            Some(link.link.clone())
        );
        let diagonal = link.from().lerp(link.to(), 0.5);
        assert_ne!(link_at(&geometry, diagonal, 6.0), Some(link.link.clone()));
    }
}
