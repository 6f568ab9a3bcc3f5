//! Epaint shapes written out as SVG elements, appended to a band's buffer. Numbers are
//! written digit by digit (no `format!` per coordinate: a 200,000-event map has tens of
//! millions of them), and every y is offset by the band's top in `f64`, so a page
//! millions of points tall keeps its hundredths (an `f32` there has whole points only).

use super::super::escape::push_xml_text;
use egui::epaint::{ColorMode, CornerRadius, Mesh, PathStroke, RectShape, StrokeKind, TextShape};
use egui::{Color32, Pos2, Rect, Shape, Stroke};

/// SVG text for one band of the page, whose shapes are in band coordinates (`top` is the
/// band's top in page points).
pub struct Elements {
    pub out: String,
    top: f64,
    /// Line segments in a row with one stroke (the dashes of a lifeline, a gap's edge, a
    /// path not taken), written together when the stroke changes: runs of equal dashes
    /// along one line as one dashed line, the rest as one `<path>`. As `<line>`s they
    /// made most of the file.
    segments: Vec<[Pos2; 2]>,
    lines_stroke: Stroke,
    lines: String,
    /// A row of text's characters (a buffer to reuse).
    words: String,
}

/// Dashes in a row at least this many are written as one dashed line.
const MIN_DASH_RUN: usize = 3;
/// How far (points) a dash may be from where the run's pattern puts it: a tenth of a
/// pixel at scale 1, finer than anyone sees.
const DASH_SLACK: f32 = 0.1;

impl Elements {
    pub fn new(top: u32) -> Self {
        Elements {
            out: String::new(),
            top: f64::from(top),
            segments: Vec::new(),
            lines_stroke: Stroke::NONE,
            lines: String::new(),
            words: String::new(),
        }
    }

    /// Starts a band at `top`, reusing the buffers.
    pub fn restart(&mut self, top: u32) {
        self.out.clear();
        self.segments.clear();
        self.top = f64::from(top);
    }

    pub fn push(&mut self, text: &str) {
        self.out.push_str(text);
    }

    /// Writes a shape (its line segments joined with the ones next to it).
    pub fn shape(&mut self, shape: &Shape) {
        match shape {
            Shape::LineSegment { points, stroke } => self.segment(*points, *stroke),
            Shape::Vec(shapes) => shapes.iter().for_each(|s| self.shape(s)),
            other => {
                self.flush_lines();
                self.single(other);
            }
        }
    }

    /// Writes out the line segments gathered, if any.
    pub fn flush_lines(&mut self) {
        if self.segments.is_empty() {
            return;
        }
        let mut segments = std::mem::take(&mut self.segments);
        let mut rest = segments.as_slice();
        while let Some(first) = rest.first() {
            let run = dash_run(rest);
            if run.count >= MIN_DASH_RUN {
                self.dashed_line(&rest[..run.count], run.dash, run.step);
            } else {
                self.path_segment(*first);
            }
            rest = &rest[run.count.max(1)..];
        }
        if !self.lines.is_empty() {
            self.out.push_str(r#"<path d=""#);
            let mut d = std::mem::take(&mut self.lines);
            self.out.push_str(&d);
            d.clear();
            self.lines = d;
            self.out.push_str(r#"" fill="none""#);
            let stroke = self.lines_stroke;
            self.stroke_attrs(stroke.width, stroke.color);
            self.out.push_str("/>\n");
        }
        segments.clear();
        self.segments = segments;
    }

    fn segment(&mut self, points: [Pos2; 2], stroke: Stroke) {
        if stroke != self.lines_stroke {
            self.flush_lines();
            self.lines_stroke = stroke;
        }
        self.segments.push(points);
    }

    /// Adds a segment to the `<path>` of those in no run.
    fn path_segment(&mut self, [a, b]: [Pos2; 2]) {
        let top = self.top;
        let d = &mut self.lines;
        d.push('M');
        num(d, f64::from(a.x));
        d.push(' ');
        num(d, top + f64::from(a.y));
        d.push('L');
        num(d, f64::from(b.x));
        d.push(' ');
        num(d, top + f64::from(b.y));
    }

    /// Equal dashes evenly spaced along one line ([`dash_run`]), as that line dashed by
    /// `stroke-dasharray`: the same dashes, one element.
    fn dashed_line(&mut self, run: &[[Pos2; 2]], dash: f32, step: f32) {
        let (Some(&[start, _]), Some(&[_, last])) = (run.first(), run.last()) else {
            return;
        };
        let gap = step - dash;
        self.out.push_str(r#"<path d="M"#);
        self.x(start.x);
        self.out.push(' ');
        self.y(start.y);
        self.out.push('L');
        self.x(last.x);
        self.out.push(' ');
        self.y(last.y);
        self.out.push_str(r#"" fill="none""#);
        let stroke = self.lines_stroke;
        self.stroke_attrs(stroke.width, stroke.color);
        self.out.push_str(r#" stroke-dasharray=""#);
        self.len(dash);
        self.out.push(' ');
        self.len(gap.max(0.0));
        self.out.push_str("\"/>\n");
    }

    fn x(&mut self, x: f32) {
        num(&mut self.out, f64::from(x));
    }

    fn y(&mut self, y: f32) {
        num(&mut self.out, self.top + f64::from(y));
    }

    fn len(&mut self, len: f32) {
        num(&mut self.out, f64::from(len));
    }

    /// ` name="x"` for an x, y or length.
    fn attr(&mut self, name: &str, value: Coord) {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        match value {
            Coord::X(v) => self.x(v),
            Coord::Y(v) => self.y(v),
            Coord::Len(v) => self.len(v),
        }
        self.out.push('"');
    }

    fn point(&mut self, p: Pos2) {
        self.x(p.x);
        self.out.push(',');
        self.y(p.y);
    }

    fn points(&mut self, points: &[Pos2]) {
        self.out.push_str(r#" points=""#);
        for (i, p) in points.iter().enumerate() {
            if i > 0 {
                self.out.push(' ');
            }
            self.point(*p);
        }
        self.out.push('"');
    }

    fn single(&mut self, shape: &Shape) {
        match shape {
            Shape::Noop
            | Shape::Callback(_)
            | Shape::Band(_)
            | Shape::Vec(_)
            | Shape::LineSegment { .. } => {}
            Shape::Rect(rect) => self.rect_shape(rect),
            Shape::Path(path) => {
                let element = if path.closed { "<polygon" } else { "<polyline" };
                let fill = if path.closed {
                    path.fill
                } else {
                    Color32::TRANSPARENT
                };
                self.out.push_str(element);
                self.points(&path.points);
                self.fill_attrs(fill);
                self.path_stroke(&path.stroke);
                self.out.push_str("/>\n");
            }
            Shape::Circle(circle) => {
                self.out.push_str("<circle");
                self.attr("cx", Coord::X(circle.center.x));
                self.attr("cy", Coord::Y(circle.center.y));
                self.attr("r", Coord::Len(circle.radius));
                self.fill_attrs(circle.fill);
                self.stroke_attrs(circle.stroke.width, circle.stroke.color);
                self.out.push_str("/>\n");
            }
            Shape::Ellipse(ellipse) => {
                self.out.push_str("<ellipse");
                self.attr("cx", Coord::X(ellipse.center.x));
                self.attr("cy", Coord::Y(ellipse.center.y));
                self.attr("rx", Coord::Len(ellipse.radius.x));
                self.attr("ry", Coord::Len(ellipse.radius.y));
                self.rotation(ellipse.angle, ellipse.center);
                self.fill_attrs(ellipse.fill);
                self.stroke_attrs(ellipse.stroke.width, ellipse.stroke.color);
                self.out.push_str("/>\n");
            }
            Shape::QuadraticBezier(curve) => {
                self.curve(&curve.points, 'Q', curve.closed, curve.fill, &curve.stroke);
            }
            Shape::CubicBezier(curve) => {
                self.curve(&curve.points, 'C', curve.closed, curve.fill, &curve.stroke);
            }
            Shape::Text(text) => self.text(text),
            Shape::Mesh(mesh) => self.mesh(mesh),
        }
    }

    /// A Bézier curve: its first point, then the command and the rest.
    fn curve(
        &mut self,
        points: &[Pos2],
        command: char,
        closed: bool,
        fill: Color32,
        stroke: &PathStroke,
    ) {
        let Some((first, rest)) = points.split_first() else {
            return;
        };
        self.out.push_str(r#"<path d="M "#);
        self.x(first.x);
        self.out.push(' ');
        self.y(first.y);
        self.out.push(' ');
        self.out.push(command);
        for p in rest {
            self.out.push(' ');
            self.x(p.x);
            self.out.push(' ');
            self.y(p.y);
        }
        if closed {
            self.out.push_str(" Z");
        }
        self.out.push('"');
        self.fill_attrs(if closed { fill } else { Color32::TRANSPARENT });
        self.path_stroke(stroke);
        self.out.push_str("/>\n");
    }

    /// A rect as the tessellator draws it: the fill, then the stroke inside, on or
    /// outside the edge as its kind says.
    fn rect_shape(&mut self, shape: &RectShape) {
        let radius = shape.corner_radius;
        if shape.stroke.is_empty() || shape.stroke_kind == StrokeKind::Middle {
            return self.corners(shape.rect, radius, shape.fill, shape.stroke);
        }
        self.corners(shape.rect, radius, shape.fill, Stroke::NONE);
        let half = shape.stroke.width / 2.0;
        let grow = if shape.stroke_kind == StrokeKind::Inside {
            -half
        } else {
            half
        };
        self.corners(
            shape.rect.expand(grow),
            radius,
            Color32::TRANSPARENT,
            shape.stroke,
        );
    }

    /// A rect whose corners may differ (a card's kind strip is rounded on its left only).
    fn corners(&mut self, rect: Rect, radius: CornerRadius, fill: Color32, stroke: Stroke) {
        if fill.a() == 0 && stroke.is_empty() {
            return;
        }
        let most = rect.width().min(rect.height()).max(0.0) / 2.0;
        let [nw, ne, sw, se] =
            [radius.nw, radius.ne, radius.sw, radius.se].map(|r| f32::from(r).min(most));
        if nw == ne && ne == sw && sw == se {
            return self.rect(rect, nw, fill, stroke);
        }
        let (l, t, r, b) = (rect.min.x, rect.min.y, rect.max.x, rect.max.y);
        self.out.push_str(r#"<path d="M "#);
        self.x(l + nw);
        self.out.push(' ');
        self.y(t);
        self.out.push_str(" H ");
        self.x(r - ne);
        self.arc(ne, Pos2::new(r, t + ne));
        self.out.push_str(" V ");
        self.y(b - se);
        self.arc(se, Pos2::new(r - se, b));
        self.out.push_str(" H ");
        self.x(l + sw);
        self.arc(sw, Pos2::new(l, b - sw));
        self.out.push_str(" V ");
        self.y(t + nw);
        self.arc(nw, Pos2::new(l + nw, t));
        self.out.push_str(" Z\"");
        self.fill_attrs(fill);
        self.stroke_attrs(stroke.width, stroke.color);
        self.out.push_str("/>\n");
    }

    /// ` A r r 0 0 1 x y`: a quarter turn clockwise to `to`.
    fn arc(&mut self, radius: f32, to: Pos2) {
        self.out.push_str(" A ");
        self.len(radius);
        self.out.push(' ');
        self.len(radius);
        self.out.push_str(" 0 0 1 ");
        self.x(to.x);
        self.out.push(' ');
        self.y(to.y);
    }

    pub fn rect(&mut self, rect: Rect, radius: f32, fill: Color32, stroke: Stroke) {
        self.out.push_str("<rect");
        self.attr("x", Coord::X(rect.min.x));
        self.attr("y", Coord::Y(rect.min.y));
        self.attr("width", Coord::Len(rect.width().max(0.0)));
        self.attr("height", Coord::Len(rect.height().max(0.0)));
        if radius > 0.0 {
            self.attr("rx", Coord::Len(radius));
        }
        self.fill_attrs(fill);
        self.stroke_attrs(stroke.width, stroke.color);
        self.out.push_str("/>\n");
    }

    /// Each row of the laid-out text as a `<text>` at its baseline, as wide as the PNG
    /// draws it (`textLength`), so a viewer's fonts cannot push it past its card.
    fn text(&mut self, text: &TextShape) {
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
        for placed in &galley.rows {
            let glyphs = &placed.row.glyphs;
            let Some(first) = glyphs.iter().position(|g| !g.chr.is_whitespace()) else {
                continue;
            };
            let last = glyphs
                .iter()
                .rposition(|g| !g.chr.is_whitespace())
                .unwrap_or(first);
            let mut words = std::mem::take(&mut self.words);
            words.clear();
            words.extend(glyphs[first..=last].iter().map(|g| g.chr));
            let at = text.pos + placed.pos.to_vec2() + glyphs[first].pos.to_vec2();
            let length = glyphs[last].max_x() - glyphs[first].pos.x;
            self.out.push_str("<text");
            self.attr("x", Coord::X(at.x));
            self.attr("y", Coord::Y(at.y));
            self.attr("font-size", Coord::Len(size));
            self.attr("textLength", Coord::Len(length));
            self.out.push_str(r#" lengthAdjust="spacingAndGlyphs""#);
            self.rotation(text.angle, text.pos);
            self.fill_attrs(color);
            self.out.push('>');
            push_xml_text(&mut self.out, &words);
            self.out.push_str("</text>\n");
            self.words = words;
        }
    }

    /// Triangles, each filled with its first corner's colour (render draws no meshes
    /// today; this keeps one from being lost if it does).
    fn mesh(&mut self, mesh: &Mesh) {
        for triangle in mesh.indices.chunks_exact(3) {
            let corner = |i: u32| mesh.vertices.get(i as usize);
            let (Some(a), Some(b), Some(c)) = (
                corner(triangle[0]),
                corner(triangle[1]),
                corner(triangle[2]),
            ) else {
                continue;
            };
            self.out.push_str("<polygon");
            self.points(&[a.pos, b.pos, c.pos]);
            self.fill_attrs(a.color);
            self.out.push_str("/>\n");
        }
    }

    /// A turn of `angle` radians about `center`, as a `transform` attribute.
    fn rotation(&mut self, angle: f32, center: Pos2) {
        if angle == 0.0 {
            return;
        }
        self.out.push_str(r#" transform="rotate("#);
        self.len(angle.to_degrees());
        self.out.push(' ');
        self.x(center.x);
        self.out.push(' ');
        self.y(center.y);
        self.out.push_str(")\"");
    }

    pub fn fill_attrs(&mut self, color: Color32) {
        if color.a() == 0 {
            self.out.push_str(r#" fill="none""#);
            return;
        }
        self.paint("fill", color);
    }

    fn stroke_attrs(&mut self, width: f32, color: Color32) {
        if width <= 0.0 || color.a() == 0 {
            return;
        }
        self.paint("stroke", color);
        self.attr("stroke-width", Coord::Len(width));
    }

    fn path_stroke(&mut self, stroke: &PathStroke) {
        match stroke.color {
            ColorMode::Solid(color) => self.stroke_attrs(stroke.width, color),
            // Gradients are not drawn by render; without one colour there is nothing to
            // say.
            ColorMode::UV(_) => {}
        }
    }

    /// ` fill="#rrggbb"` and, when not opaque, ` fill-opacity="0.5"` (epaint's colours
    /// are premultiplied).
    fn paint(&mut self, what: &str, color: Color32) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let [r, g, b, a] = color.to_srgba_unmultiplied();
        self.out.push(' ');
        self.out.push_str(what);
        self.out.push_str("=\"#");
        for byte in [r, g, b] {
            self.out.push(char::from(HEX[usize::from(byte >> 4)]));
            self.out.push(char::from(HEX[usize::from(byte & 15)]));
        }
        self.out.push('"');
        if a < 255 {
            self.out.push(' ');
            self.out.push_str(what);
            self.out.push_str("-opacity=\"");
            num(&mut self.out, f64::from(a) / 255.0);
            self.out.push('"');
        }
    }
}

/// Equal dashes evenly spaced along one line: how many, how long each is and how far
/// each starts from the one before (points, to the hundredth, as written).
struct DashRun {
    count: usize,
    dash: f32,
    step: f32,
}

/// The run of equal dashes, evenly spaced along one line, upright or level (a lifeline,
/// a gap's edge), that starts the segments: each within [`DASH_SLACK`] of where the
/// run's pattern, as written, puts it. Render places dashes far down a tall page to a
/// few hundredths of a point (`f32`), so the pattern is their average, not the first
/// two's distance.
fn dash_run(segments: &[[Pos2; 2]]) -> DashRun {
    let single = DashRun {
        count: 1,
        dash: 0.0,
        step: 0.0,
    };
    let (Some(&[start, end]), Some(&[next, _])) = (segments.first(), segments.get(1)) else {
        return single;
    };
    let upright = start.x == end.x && start.x == next.x;
    let level = start.y == end.y && start.y == next.y;
    // Distance along the line.
    let along = |p: Pos2| {
        if upright {
            p.y - start.y
        } else {
            p.x - start.x
        }
    };
    let (dash, step) = (along(end), along(next));
    if !(upright || level) || dash <= 0.0 || step <= dash {
        return single;
    }
    let on_line = |p: Pos2| {
        if upright {
            p.x == start.x
        } else {
            p.y == start.y
        }
    };
    let near = |a: f32, b: f32| (a - b).abs() <= DASH_SLACK;
    // Dashes as long as the first, each about a step after the one before.
    let mut count = 1;
    let mut before = 0.0;
    for [a, b] in &segments[1..] {
        let (from, to) = (along(*a), along(*b));
        if !on_line(*a) || !on_line(*b) || !near(to - from, dash) || !near(from - before, step) {
            break;
        }
        before = from;
        count += 1;
    }
    if count < MIN_DASH_RUN {
        return single;
    }
    // The pattern as written, and the dashes that keep to it.
    let round = |v: f32| (v * 100.0).round() / 100.0;
    let step = round(before / (count - 1) as f32);
    let dash = round(dash);
    let count = segments[..count]
        .iter()
        .enumerate()
        .take_while(|(i, [a, _])| near(along(*a), step * *i as f32))
        .count();
    if count < MIN_DASH_RUN {
        return single;
    }
    DashRun { count, dash, step }
}

/// What a number attribute holds.
#[derive(Clone, Copy)]
enum Coord {
    X(f32),
    /// Offset by the band's top.
    Y(f32),
    Len(f32),
}

/// Appends `value` to two decimals without trailing zeros ("12", "12.5", "-0.25"):
/// finer than any viewer draws.
pub fn num(out: &mut String, value: f64) {
    if !value.is_finite() {
        out.push('0');
        return;
    }
    let hundredths = (value * 100.0).round();
    // Far past any page (the pixel limit keeps pages under a few billion points).
    if hundredths.abs() >= 9e17 {
        out.push('0');
        return;
    }
    let hundredths = hundredths as i64;
    if hundredths < 0 {
        out.push('-');
    }
    let magnitude = hundredths.unsigned_abs();
    let (whole, fraction) = (magnitude / 100, magnitude % 100);
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = whole;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for &digit in &digits[at..] {
        out.push(char::from(digit));
    }
    if fraction != 0 {
        out.push('.');
        out.push(char::from(b'0' + (fraction / 10) as u8));
        if fraction % 10 != 0 {
            out.push(char::from(b'0' + (fraction % 10) as u8));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(value: f64) -> String {
        let mut out = String::new();
        num(&mut out, value);
        out
    }

    #[test]
    fn numbers_have_two_decimals_at_most_and_no_trailing_zeros() {
        assert_eq!(n(0.0), "0");
        assert_eq!(n(-0.001), "0");
        assert_eq!(n(12.0), "12");
        assert_eq!(n(12.5), "12.5");
        assert_eq!(n(-0.25), "-0.25");
        assert_eq!(n(7.12345), "7.12");
        assert_eq!(n(0.05), "0.05");
        assert_eq!(n(1_234_567.891), "1234567.89");
        assert_eq!(n(f64::NAN), "0");
        assert_eq!(n(f64::INFINITY), "0");
    }

    #[test]
    fn even_dashes_along_a_line_are_one_dashed_line() {
        let dash = |y: f32| [Pos2::new(10.0, y), Pos2::new(10.0, y + 6.0)];
        let mut elements = Elements::new(100);
        let stroke = Stroke::new(1.5, Color32::GRAY);
        for i in 0..5 {
            elements.shape(&Shape::LineSegment {
                points: dash(i as f32 * 10.2),
                stroke,
            });
        }
        // Off the pattern: drawn on its own.
        elements.shape(&Shape::LineSegment {
            points: dash(100.0),
            stroke,
        });
        elements.flush_lines();
        assert_eq!(
            elements.out,
            "<path d=\"M10 100L10 146.8\" fill=\"none\" stroke=\"#a0a0a0\" stroke-width=\"1.5\" stroke-dasharray=\"6 4.2\"/>\n\
             <path d=\"M10 200L10 206\" fill=\"none\" stroke=\"#a0a0a0\" stroke-width=\"1.5\"/>\n"
        );
    }

    #[test]
    fn a_band_writes_page_coordinates() {
        let mut elements = Elements::new(1_000_000);
        elements.rect(
            Rect::from_min_size(Pos2::new(10.0, 2.5), egui::vec2(5.0, 4.0)),
            0.0,
            Color32::RED,
            Stroke::NONE,
        );
        assert_eq!(
            elements.out,
            "<rect x=\"10\" y=\"1000002.5\" width=\"5\" height=\"4\" fill=\"#ff0000\"/>\n"
        );
    }
}
