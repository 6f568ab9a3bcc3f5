//! SVG export: the page's shapes, the very ones its PNG is painted from (`page`), written
//! out as SVG elements, so the screen, the PNG and the SVG cannot drift apart. Text stays
//! text (each laid-out row a `<text>` at the row's baseline), so it can be selected and
//! searched; each card's shapes are a group whose `<title>` holds the whole title (a
//! tooltip, and the full text for search when the drawn rows are cut). Map text goes in
//! only through `escape::xml_text`, so the file is always XML and never markup.

use super::escape::xml_text;
use super::page::{Page, PagePainter};
use crate::layout::{Geometry, LayoutSettings};
use crate::model::{CardId, Map};
use crate::render::page_size;
use egui::epaint::{ColorMode, CornerRadius, Mesh, PathStroke, RectShape, StrokeKind, TextShape};
use egui::{Color32, Pos2, Rect, Shape, Stroke};
use std::fmt::Write as _;
use std::sync::{Arc, OnceLock};

/// The fonts the text is laid out in are egui's with the system's as fallback, as for the
/// PNG; the family named here is what a viewer should draw them with.
const FONT_FAMILY: &str = "Ubuntu, 'DejaVu Sans', 'Noto Sans', 'Noto Sans CJK JP', sans-serif";

pub fn svg(map: &Map, geometry: &Geometry, settings: &LayoutSettings, dark: bool) -> String {
    let page = Page::at_scale(map, geometry, settings, dark, 1.0);
    let mut cards = Vec::new();
    let shapes = PagePainter::new(system_fonts()).page_shapes(&page, &mut cards);
    let size = page_size(geometry);
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{FONT_FAMILY}">"#,
        w = size.x.ceil(),
        h = size.y.ceil()
    );
    let _ = writeln!(out, "<title>{}</title>", xml_text(&map.title));
    // The PNG's strips are cleared to the background before they are painted.
    write_rect(
        &mut out,
        Rect::from_min_size(Pos2::ZERO, size),
        0.0,
        page.theme().background,
        Stroke::NONE,
    );
    let mut cards = cards
        .into_iter()
        .filter(|(_, range)| !range.is_empty())
        .peekable();
    let mut open: Option<usize> = None;
    let mut lines = Lines::default();
    for (index, shape) in shapes.iter().enumerate() {
        if open.is_none()
            && let Some((card, range)) = cards.next_if(|(_, range)| range.start == index)
        {
            lines.flush(&mut out);
            open_card(&mut out, map, &card);
            open = Some(range.end);
        }
        if let Shape::LineSegment { points, stroke } = shape {
            lines.add(&mut out, *points, *stroke);
        } else {
            lines.flush(&mut out);
            write_shape(&mut out, shape);
        }
        if open == Some(index + 1) {
            lines.flush(&mut out);
            out.push_str("</g>\n");
            open = None;
        }
    }
    lines.flush(&mut out);
    if open.is_some() {
        out.push_str("</g>\n");
    }
    out.push_str("</svg>\n");
    out
}

/// Line segments in a row with one stroke (the dashes of a lifeline, a gap's edge, a
/// path not taken), written as one `<path>`: as `<line>`s they made most of the file.
#[derive(Default)]
struct Lines {
    stroke: Stroke,
    d: String,
}

impl Lines {
    fn add(&mut self, out: &mut String, [a, b]: [Pos2; 2], stroke: Stroke) {
        if stroke != self.stroke {
            self.flush(out);
            self.stroke = stroke;
        }
        let _ = write!(self.d, "M{} {}L{} {}", n(a.x), n(a.y), n(b.x), n(b.y));
    }

    fn flush(&mut self, out: &mut String) {
        if !self.d.is_empty() {
            let _ = writeln!(
                out,
                r#"<path d="{}" fill="none"{}/>"#,
                self.d,
                stroke_attrs(self.stroke.width, self.stroke.color)
            );
            self.d.clear();
        }
    }
}

/// The system's fonts, found once for every SVG.
fn system_fonts() -> Arc<dyn egui::epaint::text::FontProvider> {
    static FONTS: OnceLock<Arc<dyn egui::epaint::text::FontProvider>> = OnceLock::new();
    FONTS
        .get_or_init(|| Arc::new(egui_system_font_provider::SystemFontProvider::new()))
        .clone()
}

/// Starts a card's group, titled with its whole text; an event's annotations go in as
/// descriptions, searchable though drawn as badges only.
fn open_card(out: &mut String, map: &Map, card: &CardId) {
    match card {
        CardId::Event(id) => {
            let Some(event) = map.event(id) else {
                out.push_str("<g>\n");
                return;
            };
            let _ = writeln!(out, "<g><title>{}</title>", xml_text(&event.title));
            for annotation in &event.annotations {
                let _ = writeln!(
                    out,
                    "<desc>{}: {}</desc>",
                    xml_text(annotation.kind.label()),
                    xml_text(&annotation.text)
                );
            }
        }
        CardId::Branch(id) => {
            let label = map.branch(id).map_or("", |b| b.label.as_str());
            let _ = writeln!(out, "<g><title>Path not taken: {}</title>", xml_text(label));
        }
    }
}

fn write_shape(out: &mut String, shape: &Shape) {
    match shape {
        Shape::Noop | Shape::Callback(_) | Shape::Band(_) => {}
        Shape::Vec(shapes) => shapes.iter().for_each(|s| write_shape(out, s)),
        Shape::Rect(rect) => write_rect_shape(out, rect),
        Shape::LineSegment {
            points: [a, b],
            stroke,
        } => {
            let _ = writeln!(
                out,
                r#"<line x1="{}" y1="{}" x2="{}" y2="{}"{}/>"#,
                n(a.x),
                n(a.y),
                n(b.x),
                n(b.y),
                stroke_attrs(stroke.width, stroke.color)
            );
        }
        Shape::Path(path) => {
            let element = if path.closed { "polygon" } else { "polyline" };
            let fill = if path.closed {
                path.fill
            } else {
                Color32::TRANSPARENT
            };
            let _ = writeln!(
                out,
                r#"<{element} points="{}"{}{}/>"#,
                points(&path.points),
                fill_attrs(fill),
                path_stroke(&path.stroke)
            );
        }
        Shape::Circle(circle) => {
            let _ = writeln!(
                out,
                r#"<circle cx="{}" cy="{}" r="{}"{}{}/>"#,
                n(circle.center.x),
                n(circle.center.y),
                n(circle.radius),
                fill_attrs(circle.fill),
                stroke_attrs(circle.stroke.width, circle.stroke.color)
            );
        }
        Shape::Ellipse(ellipse) => {
            let _ = writeln!(
                out,
                r#"<ellipse cx="{}" cy="{}" rx="{}" ry="{}"{}{}{}/>"#,
                n(ellipse.center.x),
                n(ellipse.center.y),
                n(ellipse.radius.x),
                n(ellipse.radius.y),
                rotation(ellipse.angle, ellipse.center),
                fill_attrs(ellipse.fill),
                stroke_attrs(ellipse.stroke.width, ellipse.stroke.color)
            );
        }
        Shape::QuadraticBezier(curve) => {
            let [a, b, c] = curve.points;
            let fill = if curve.closed {
                curve.fill
            } else {
                Color32::TRANSPARENT
            };
            let _ = writeln!(
                out,
                r#"<path d="M {} {} Q {} {} {} {}{}"{}{}/>"#,
                n(a.x),
                n(a.y),
                n(b.x),
                n(b.y),
                n(c.x),
                n(c.y),
                if curve.closed { " Z" } else { "" },
                fill_attrs(fill),
                path_stroke(&curve.stroke)
            );
        }
        Shape::CubicBezier(curve) => {
            let [a, b, c, d] = curve.points;
            let fill = if curve.closed {
                curve.fill
            } else {
                Color32::TRANSPARENT
            };
            let _ = writeln!(
                out,
                r#"<path d="M {} {} C {} {} {} {} {} {}{}"{}{}/>"#,
                n(a.x),
                n(a.y),
                n(b.x),
                n(b.y),
                n(c.x),
                n(c.y),
                n(d.x),
                n(d.y),
                if curve.closed { " Z" } else { "" },
                fill_attrs(fill),
                path_stroke(&curve.stroke)
            );
        }
        Shape::Text(text) => write_text(out, text),
        Shape::Mesh(mesh) => write_mesh(out, mesh),
    }
}

/// A rect as the tessellator draws it: the fill, then the stroke inside, on or outside
/// the edge as its kind says.
fn write_rect_shape(out: &mut String, shape: &RectShape) {
    let radius = shape.corner_radius;
    if shape.stroke.is_empty() || shape.stroke_kind == StrokeKind::Middle {
        return write_corners(out, shape.rect, radius, shape.fill, shape.stroke);
    }
    write_corners(out, shape.rect, radius, shape.fill, Stroke::NONE);
    let half = shape.stroke.width / 2.0;
    let grow = if shape.stroke_kind == StrokeKind::Inside {
        -half
    } else {
        half
    };
    write_corners(
        out,
        shape.rect.expand(grow),
        radius,
        Color32::TRANSPARENT,
        shape.stroke,
    );
}

/// A rect whose corners may differ (a card's kind strip is rounded on its left only).
fn write_corners(
    out: &mut String,
    rect: Rect,
    radius: CornerRadius,
    fill: Color32,
    stroke: Stroke,
) {
    if fill.a() == 0 && stroke.is_empty() {
        return;
    }
    let most = rect.width().min(rect.height()).max(0.0) / 2.0;
    let [nw, ne, sw, se] =
        [radius.nw, radius.ne, radius.sw, radius.se].map(|r| f32::from(r).min(most));
    if nw == ne && ne == sw && sw == se {
        return write_rect(out, rect, nw, fill, stroke);
    }
    let (l, t, r, b) = (rect.min.x, rect.min.y, rect.max.x, rect.max.y);
    let _ = writeln!(
        out,
        r#"<path d="M {} {t} H {} A {ne} {ne} 0 0 1 {r} {} V {} A {se} {se} 0 0 1 {} {b} H {} A {sw} {sw} 0 0 1 {l} {} V {} A {nw} {nw} 0 0 1 {} {t} Z"{}{}/>"#,
        n(l + nw),
        n(r - ne),
        n(t + ne),
        n(b - se),
        n(r - se),
        n(l + sw),
        n(b - sw),
        n(t + nw),
        n(l + nw),
        fill_attrs(fill),
        stroke_attrs(stroke.width, stroke.color)
    );
}

fn write_rect(out: &mut String, rect: Rect, radius: f32, fill: Color32, stroke: Stroke) {
    let rx = if radius > 0.0 {
        format!(r#" rx="{}""#, n(radius))
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="{}"{rx}{}{}/>"#,
        n(rect.min.x),
        n(rect.min.y),
        n(rect.width().max(0.0)),
        n(rect.height().max(0.0)),
        fill_attrs(fill),
        stroke_attrs(stroke.width, stroke.color)
    );
}

/// Each row of the laid-out text as a `<text>` at its baseline, as wide as the PNG draws
/// it (`textLength`), so a viewer's fonts cannot push it past its card.
fn write_text(out: &mut String, text: &TextShape) {
    let galley = &text.galley;
    let Some(section) = galley.job.sections.first() else {
        return;
    };
    let color =
        text.override_text_color
            .unwrap_or(if section.format.color == Color32::PLACEHOLDER {
                text.fallback_color
            } else {
                section.format.color
            });
    let color = color.gamma_multiply(text.opacity_factor);
    let size = section.format.font_id.size;
    let turn = rotation(text.angle, text.pos);
    for placed in &galley.rows {
        let glyphs = &placed.row.glyphs;
        let Some(first) = glyphs.iter().position(|g| !g.chr.is_whitespace()) else {
            continue;
        };
        let last = glyphs
            .iter()
            .rposition(|g| !g.chr.is_whitespace())
            .unwrap_or(first);
        let words: String = glyphs[first..=last].iter().map(|g| g.chr).collect();
        let at = text.pos + placed.pos.to_vec2() + glyphs[first].pos.to_vec2();
        let length = glyphs[last].max_x() - glyphs[first].pos.x;
        let _ = writeln!(
            out,
            r#"<text x="{}" y="{}" font-size="{}" textLength="{}" lengthAdjust="spacingAndGlyphs"{turn}{}>{}</text>"#,
            n(at.x),
            n(at.y),
            n(size),
            n(length),
            fill_attrs(color),
            xml_text(&words)
        );
    }
}

/// Triangles, each filled with its first corner's colour (render draws no meshes today;
/// this keeps one from being lost if it does).
fn write_mesh(out: &mut String, mesh: &Mesh) {
    for triangle in mesh.indices.chunks_exact(3) {
        let corner = |i: u32| mesh.vertices.get(i as usize);
        let (Some(a), Some(b), Some(c)) = (
            corner(triangle[0]),
            corner(triangle[1]),
            corner(triangle[2]),
        ) else {
            continue;
        };
        let _ = writeln!(
            out,
            r#"<polygon points="{}"{}/>"#,
            points(&[a.pos, b.pos, c.pos]),
            fill_attrs(a.color)
        );
    }
}

fn points(points: &[Pos2]) -> String {
    let mut list = String::with_capacity(points.len() * 12);
    for (i, p) in points.iter().enumerate() {
        if i > 0 {
            list.push(' ');
        }
        let _ = write!(list, "{},{}", n(p.x), n(p.y));
    }
    list
}

/// A turn of `angle` radians about `center`, as a `transform` attribute.
fn rotation(angle: f32, center: Pos2) -> String {
    if angle == 0.0 {
        String::new()
    } else {
        format!(
            r#" transform="rotate({} {} {})""#,
            n(angle.to_degrees()),
            n(center.x),
            n(center.y)
        )
    }
}

fn fill_attrs(color: Color32) -> String {
    if color.a() == 0 {
        return r#" fill="none""#.to_owned();
    }
    let (hex, opacity) = paint(color);
    format!(
        r#" fill="{hex}"{}"#,
        opacity.map_or_else(String::new, |o| format!(r#" fill-opacity="{o}""#))
    )
}

fn stroke_attrs(width: f32, color: Color32) -> String {
    if width <= 0.0 || color.a() == 0 {
        return String::new();
    }
    let (hex, opacity) = paint(color);
    format!(
        r#" stroke="{hex}" stroke-width="{}"{}"#,
        n(width),
        opacity.map_or_else(String::new, |o| format!(r#" stroke-opacity="{o}""#))
    )
}

fn path_stroke(stroke: &PathStroke) -> String {
    match stroke.color {
        ColorMode::Solid(color) => stroke_attrs(stroke.width, color),
        // Gradients are not drawn by render; without one colour there is nothing to say.
        ColorMode::UV(_) => String::new(),
    }
}

/// `#rrggbb` and, when not opaque, the opacity (epaint's colours are premultiplied).
fn paint(color: Color32) -> (String, Option<String>) {
    let [r, g, b, a] = color.to_srgba_unmultiplied();
    let hex = format!("#{r:02x}{g:02x}{b:02x}");
    let opacity = (a < 255).then(|| n(f32::from(a) / 255.0));
    (hex, opacity)
}

/// A number to two decimals, without trailing zeros: finer than any viewer draws.
fn n(value: f32) -> String {
    if !value.is_finite() {
        return "0".to_owned();
    }
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    match text {
        "-0" | "" => "0".to_owned(),
        t => t.to_owned(),
    }
}
