//! Lines and curves clipped to the view before they are flattened or cut into dashes, so
//! the work and the shapes for one stroke are bounded by the part of it in view, however
//! long it is (a path not taken from the top of a 20,000-card map to its bottom is a
//! million points long).
//!
//! Paths are given in scene points and walked in scene space (in `f64`), where they do not
//! move when the view pans. Dashes are placed by arc length from the path's start, so the
//! pattern stays put when the view scrolls, and an export drawn in strips joins up: the
//! arc length of the parts out of view is measured, not drawn.

use egui::emath::TSTransform;
use egui::{Pos2, Rect, Shape, Stroke, pos2};

/// How far (screen points) a flattened curve may stray from the true curve.
const FLATNESS: f64 = 0.3;
/// How finely the arc length of a curve out of view is measured (scene points): well
/// under a pixel, so dashes do not shift as a curve's pieces move in and out of view.
const ARC_TOLERANCE: f64 = 0.005;
/// Splits of a curve at most (each halves it): ends the work on degenerate input.
const MAX_DEPTH: u32 = 30;
/// Pieces of one path walked at most (flat pieces, and pieces out of view): a path with
/// absurd coordinates stops here rather than taking seconds.
const MAX_PIECES: u32 = 100_000;
/// Dashes of one straight piece at most: a dash pattern far finer than the coordinates'
/// precision is drawn solid instead.
const MAX_DASHES: f64 = 100_000.0;

/// Solid, or dashes and gaps of these lengths (screen points) starting with a dash.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Pattern {
    Solid,
    Dashed { dash: f32, gap: f32 },
}

/// A path in scene points.
#[derive(Clone, Copy, Debug)]
pub enum Path<'p> {
    Polyline(&'p [Pos2]),
    /// A cubic Bézier curve's control points, start to end.
    Cubic([Pos2; 4]),
}

/// Draws the part of `path` inside `clip` (screen) into `out`. Returns how long the drawn
/// part is, in screen points.
pub fn stroke_path(
    out: &mut Vec<Shape>,
    screen_from_scene: TSTransform,
    clip: Rect,
    path: Path<'_>,
    stroke: Stroke,
    pattern: Pattern,
) -> f32 {
    let zoom = f64::from(screen_from_scene.scaling);
    if !(zoom.is_finite() && zoom > 0.0) || stroke.is_empty() {
        return 0.0;
    }
    // The stroke's width and its anti-aliased edge reach past the line.
    let reach = stroke.width + 2.0;
    let scene_clip = screen_from_scene
        .inverse()
        .mul_rect(clip.expand(reach.max(1.0)));
    let pattern = match pattern {
        Pattern::Dashed { dash, gap } if dash > 0.0 && gap >= 0.0 => {
            Some((f64::from(dash) / zoom, f64::from(gap) / zoom))
        }
        _ => None,
    };
    let mut trace = Trace {
        out,
        screen_from_scene,
        stroke,
        clip: Bounds::of(scene_clip),
        pattern,
        flatness: FLATNESS / zoom,
        pieces_left: MAX_PIECES,
        run: Vec::new(),
        distance: 0.0,
        drawn: 0.0,
    };
    match path {
        Path::Polyline(points) => {
            for pair in points.windows(2) {
                let (a, b) = (P::of(pair[0]), P::of(pair[1]));
                trace.segment(a, b, a.distance(b));
            }
        }
        Path::Cubic(points) => trace.cubic(points.map(P::of), 0),
    }
    trace.end_run();
    (trace.drawn * zoom) as f32
}

/// A point in scene space, in `f64`.
#[derive(Clone, Copy, Debug, PartialEq)]
struct P {
    x: f64,
    y: f64,
}

impl P {
    fn of(p: Pos2) -> Self {
        P {
            x: f64::from(p.x),
            y: f64::from(p.y),
        }
    }

    fn lerp(self, to: P, t: f64) -> P {
        P {
            x: self.x + (to.x - self.x) * t,
            y: self.y + (to.y - self.y) * t,
        }
    }

    fn distance(self, to: P) -> f64 {
        (to.x - self.x).hypot(to.y - self.y)
    }

    fn is_finite(self) -> bool {
        self.x.is_finite() && self.y.is_finite()
    }
}

/// A rectangle in scene space, in `f64`.
#[derive(Clone, Copy, Debug)]
struct Bounds {
    min: P,
    max: P,
}

impl Bounds {
    fn of(rect: Rect) -> Self {
        Bounds {
            min: P::of(rect.min),
            max: P::of(rect.max),
        }
    }

    fn around(points: &[P; 4]) -> Self {
        let mut bounds = Bounds {
            min: points[0],
            max: points[0],
        };
        for p in &points[1..] {
            bounds.min.x = bounds.min.x.min(p.x);
            bounds.min.y = bounds.min.y.min(p.y);
            bounds.max.x = bounds.max.x.max(p.x);
            bounds.max.y = bounds.max.y.max(p.y);
        }
        bounds
    }

    fn meets(&self, other: &Bounds) -> bool {
        self.min.x <= other.max.x
            && other.min.x <= self.max.x
            && self.min.y <= other.max.y
            && other.min.y <= self.max.y
    }

    /// The part of the segment `a`..`b` inside, as fractions of it (Liang–Barsky).
    fn clip_segment(&self, a: P, b: P) -> Option<(f64, f64)> {
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
        for (p, q) in [
            (-dx, a.x - self.min.x),
            (dx, self.max.x - a.x),
            (-dy, a.y - self.min.y),
            (dy, self.max.y - a.y),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    return None;
                }
            } else {
                let t = q / p;
                if p < 0.0 {
                    t0 = t0.max(t);
                } else {
                    t1 = t1.min(t);
                }
            }
        }
        (t0 <= t1).then_some((t0, t1))
    }
}

/// Walks a path piece by piece, keeping the arc length walked, and draws what is in view.
struct Trace<'o> {
    out: &'o mut Vec<Shape>,
    screen_from_scene: TSTransform,
    stroke: Stroke,
    /// The view in scene points, widened by the stroke's reach.
    clip: Bounds,
    /// Dash and gap lengths in scene points; `None` for a solid stroke.
    pattern: Option<(f64, f64)>,
    /// How far a flattened curve may stray, in scene points.
    flatness: f64,
    /// How many more pieces may be walked ([`MAX_PIECES`]).
    pieces_left: u32,
    /// The screen points of the line being drawn (a dash, or a solid stretch in view).
    run: Vec<Pos2>,
    /// Arc length walked so far (scene points).
    distance: f64,
    /// Length drawn so far (scene points).
    drawn: f64,
}

impl Trace<'_> {
    /// The next piece of the path: a straight segment of arc length `length` (a flat piece
    /// of a curve may be slightly longer than its chord).
    fn segment(&mut self, a: P, b: P, length: f64) {
        let visible = if a.is_finite() && b.is_finite() && length.is_finite() {
            self.clip.clip_segment(a, b)
        } else {
            None
        };
        let length = if length.is_finite() { length } else { 0.0 };
        let Some((t0, t1)) = visible else {
            self.end_run();
            self.distance += length;
            return;
        };
        if t0 > 0.0 {
            self.end_run();
        }
        let start = self.distance;
        let (d0, d1) = (start + t0 * length, start + t1 * length);
        let screen_from_scene = self.screen_from_scene;
        let at = |d: f64| {
            let t = if length > 0.0 {
                (d - start) / length
            } else {
                0.0
            };
            let p = a.lerp(b, t);
            screen_from_scene.mul_pos(pos2(p.x as f32, p.y as f32))
        };
        // The dashes' places along the path, unless the pattern is finer than the
        // distances' precision (absurd coordinates): then the piece is drawn solid.
        let dashes = self.pattern.and_then(|(dash, gap)| {
            let period = dash + gap;
            let first = (d0 / period).floor();
            let count = ((d1 - d0) / period).ceil() + 1.0;
            let precise = first + count > first && first + 1.0 > first;
            (precise && count <= MAX_DASHES).then_some((dash, period, first, count as u64))
        });
        match dashes {
            None => {
                if self.run.is_empty() {
                    self.run.push(at(d0));
                }
                self.run.push(at(d1));
            }
            Some((dash, period, first, count)) => {
                for k in 0..=count {
                    let from = (first + k as f64) * period;
                    if from >= d1 {
                        break;
                    }
                    let (s, e) = (from.max(d0), (from + dash).min(d1));
                    if s < e {
                        // A dash carried over from the previous piece goes on; any other
                        // starts here.
                        if s > d0 || self.run.is_empty() {
                            self.end_run();
                            self.run.push(at(s));
                        }
                        self.run.push(at(e));
                        if e < d1 {
                            self.end_run();
                        }
                    }
                }
            }
        }
        if t1 < 1.0 {
            self.end_run();
        }
        self.drawn += d1 - d0;
        self.distance = start + length;
    }

    /// A piece of a cubic curve: measured and passed over when out of view, drawn as a
    /// straight segment when flat enough, split in two otherwise.
    fn cubic(&mut self, p: [P; 4], depth: u32) {
        if !p.iter().all(|q| q.is_finite()) || self.pieces_left == 0 {
            self.end_run();
            return;
        }
        self.pieces_left -= 1;
        if !Bounds::around(&p).meets(&self.clip) {
            self.end_run();
            self.distance += arc_length(p, 0);
            return;
        }
        if depth >= MAX_DEPTH || is_flat(&p, self.flatness) {
            self.segment(p[0], p[3], arc_length(p, 0));
            return;
        }
        let (left, right) = split(p);
        self.cubic(left, depth + 1);
        self.cubic(right, depth + 1);
    }

    /// Draws the line being drawn, if any.
    fn end_run(&mut self) {
        match self.run.len() {
            0 => {}
            1 => self.run.clear(),
            2 => {
                self.out
                    .push(Shape::line_segment([self.run[0], self.run[1]], self.stroke));
                self.run.clear();
            }
            _ => self
                .out
                .push(Shape::line(std::mem::take(&mut self.run), self.stroke)),
        }
    }
}

/// Whether the curve stays within `tolerance` of its chord, walked at even speed.
fn is_flat(p: &[P; 4], tolerance: f64) -> bool {
    let ux = 3.0 * p[1].x - 2.0 * p[0].x - p[3].x;
    let uy = 3.0 * p[1].y - 2.0 * p[0].y - p[3].y;
    let vx = 3.0 * p[2].x - 2.0 * p[3].x - p[0].x;
    let vy = 3.0 * p[2].y - 2.0 * p[3].y - p[0].y;
    (ux * ux).max(vx * vx) + (uy * uy).max(vy * vy) <= 16.0 * tolerance * tolerance
}

/// The curve's two halves (de Casteljau).
fn split(p: [P; 4]) -> ([P; 4], [P; 4]) {
    let ab = p[0].lerp(p[1], 0.5);
    let bc = p[1].lerp(p[2], 0.5);
    let cd = p[2].lerp(p[3], 0.5);
    let abc = ab.lerp(bc, 0.5);
    let bcd = bc.lerp(cd, 0.5);
    let mid = abc.lerp(bcd, 0.5);
    ([p[0], ab, abc, mid], [mid, bcd, cd, p[3]])
}

/// The arc length of a cubic curve (Gravesen: between its chord and its control polygon,
/// split until the two agree, within [`ARC_TOLERANCE`] or the coordinates' precision).
fn arc_length(p: [P; 4], depth: u32) -> f64 {
    let chord = p[0].distance(p[3]);
    let polygon = p[0].distance(p[1]) + p[1].distance(p[2]) + p[2].distance(p[3]);
    let magnitude = p
        .iter()
        .fold(0.0_f64, |m, q| m.max(q.x.abs()).max(q.y.abs()));
    let tolerance = ARC_TOLERANCE.max(magnitude * 1e-12);
    if polygon - chord <= tolerance || depth >= 16 {
        return (chord + polygon) / 2.0;
    }
    let (left, right) = split(p);
    arc_length(left, depth + 1) + arc_length(right, depth + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::vec2;

    fn points_of(shapes: &[Shape]) -> Vec<Vec<Pos2>> {
        shapes
            .iter()
            .map(|shape| match shape {
                Shape::LineSegment { points, .. } => points.to_vec(),
                Shape::Path(path) => path.points.clone(),
                other => panic!("unexpected shape {other:?}"),
            })
            .collect()
    }

    fn stroke() -> Stroke {
        Stroke::new(1.0, egui::Color32::BLACK)
    }

    const DASHED: Pattern = Pattern::Dashed {
        dash: 6.0,
        gap: 4.0,
    };

    fn view(pan: egui::Vec2, zoom: f32) -> TSTransform {
        TSTransform::new(pan, zoom)
    }

    #[test]
    fn a_line_far_longer_than_the_view_is_cut_into_the_dashes_in_view_only() {
        let clip = Rect::from_min_size(Pos2::ZERO, vec2(800.0, 600.0));
        let mut out = Vec::new();
        let line = [pos2(100.0, -1.0e7), pos2(100.0, 1.0e7)];
        let drawn = stroke_path(
            &mut out,
            TSTransform::IDENTITY,
            clip,
            Path::Polyline(&line),
            stroke(),
            DASHED,
        );
        // 600 points in view, give or take the stroke's reach: 60 dashes and a bit.
        assert!((600.0..620.0).contains(&drawn), "{drawn}");
        assert!((60..=63).contains(&out.len()), "{}", out.len());
    }

    #[test]
    fn dashes_stay_put_when_the_view_scrolls() {
        let clip = Rect::from_min_size(Pos2::ZERO, vec2(400.0, 300.0));
        let curve = [
            pos2(50.0, 0.0),
            pos2(50.0, 120.0),
            pos2(300.0, 500_000.0 - 120.0),
            pos2(300.0, 500_000.0),
        ];
        // Dash ends (in scene points) seen through two views 49.75 points apart, over
        // the stretch both see.
        let ends = |pan_y: f32| {
            let to_screen = view(vec2(0.0, pan_y), 1.0);
            let mut out = Vec::new();
            stroke_path(
                &mut out,
                to_screen,
                clip,
                Path::Cubic(curve),
                stroke(),
                DASHED,
            );
            let to_scene = to_screen.inverse();
            points_of(&out)
                .into_iter()
                .filter_map(|points| {
                    let first = to_scene.mul_pos(points[0]);
                    let last = to_scene.mul_pos(*points.last().unwrap());
                    (first.y > 250_010.0 && last.y < 250_090.0).then_some((first, last))
                })
                .collect::<Vec<_>>()
        };
        let a = ends(-250_000.0);
        let b = ends(-249_950.25);
        assert!(a.len() >= 6, "{a:?}");
        assert_eq!(a.len(), b.len());
        for ((a0, a1), (b0, b1)) in a.iter().zip(&b) {
            assert!(
                a0.distance(*b0) < 0.05 && a1.distance(*b1) < 0.05,
                "{a0:?} {b0:?}"
            );
        }
    }

    #[test]
    fn a_curve_whose_middle_is_in_view_is_flattened_there_only() {
        let clip = Rect::from_min_size(Pos2::ZERO, vec2(800.0, 600.0));
        let curve = [
            pos2(-1.0e6, 300.0),
            pos2(-3.0e5, -1.0e5),
            pos2(3.0e5, 1.006e5),
            pos2(1.0e6, 300.0),
        ];
        let mut out = Vec::new();
        let drawn = stroke_path(
            &mut out,
            TSTransform::IDENTITY,
            clip,
            Path::Cubic(curve),
            stroke(),
            Pattern::Solid,
        );
        assert_eq!(out.len(), 1, "one solid stretch in view");
        let points = points_of(&out).remove(0);
        assert!(points.len() < 50, "{} points", points.len());
        assert!(drawn > 800.0 && drawn < 1_200.0, "{drawn}");
        let reach = clip.expand(4.0);
        assert!(points.iter().all(|p| reach.contains(*p)));
    }

    #[test]
    fn dashes_run_on_round_corners_and_start_at_the_path_start() {
        let clip = Rect::from_min_size(pos2(-100.0, -100.0), vec2(400.0, 400.0));
        let square = [
            pos2(0.0, 0.0),
            pos2(13.0, 0.0),
            pos2(13.0, 13.0),
            pos2(0.0, 13.0),
            pos2(0.0, 0.0),
        ];
        let mut out = Vec::new();
        let drawn = stroke_path(
            &mut out,
            TSTransform::IDENTITY,
            clip,
            Path::Polyline(&square),
            stroke(),
            DASHED,
        );
        assert_eq!(drawn, 52.0);
        let dashes = points_of(&out);
        assert_eq!(dashes[0], vec![pos2(0.0, 0.0), pos2(6.0, 0.0)]);
        // The second dash turns the first corner: 10..13 along the top, then down to 3.
        assert_eq!(
            dashes[1],
            vec![pos2(10.0, 0.0), pos2(13.0, 0.0), pos2(13.0, 3.0)]
        );
        assert_eq!(dashes.len(), 6, "{dashes:?}");
    }

    #[test]
    fn measured_arc_length_does_not_depend_on_how_the_curve_is_cut() {
        let curve = [
            P { x: 0.0, y: 0.0 },
            P { x: 0.0, y: 120.0 },
            P {
                x: 400.0,
                y: 9_000.0,
            },
            P {
                x: 400.0,
                y: 9_120.0,
            },
        ];
        let whole = arc_length(curve, 0);
        let (left, right) = split(curve);
        let (a, b) = split(left);
        let parts = arc_length(a, 0) + arc_length(b, 0) + arc_length(right, 0);
        assert!((whole - parts).abs() < 0.01, "{whole} {parts}");
    }

    #[test]
    fn absurd_coordinates_finish_at_once() {
        let clip = Rect::from_min_size(Pos2::ZERO, vec2(800.0, 600.0));
        let started = std::time::Instant::now();
        let mut out = Vec::new();
        // Far beyond where dashes can be told apart: the part in view is drawn solid.
        let line = [pos2(100.0, -1.0e30), pos2(100.0, 1.0e30)];
        stroke_path(
            &mut out,
            TSTransform::IDENTITY,
            clip,
            Path::Polyline(&line),
            stroke(),
            DASHED,
        );
        assert_eq!(out.len(), 1);
        for curve in [
            [
                pos2(0.0, -1.0e30),
                pos2(3.0e29, 1.0e30),
                pos2(-1.0e30, 2.0e29),
                pos2(700.0, 1.0e30),
            ],
            [
                pos2(10.0, 1.0e20),
                pos2(10.0, 1.0e20 + 1.0e13),
                pos2(20.0, 1.0e20 - 1.0e13),
                pos2(20.0, 1.0e20),
            ],
        ] {
            let to_screen = view(vec2(0.0, -curve[0].y), 1.0);
            stroke_path(
                &mut out,
                to_screen,
                clip,
                Path::Cubic(curve),
                stroke(),
                DASHED,
            );
        }
        assert!(out.len() < 10_000, "{}", out.len());
        assert!(
            started.elapsed().as_secs_f32() < 1.0,
            "{:?}",
            started.elapsed()
        );
    }

    #[test]
    fn non_finite_input_draws_nothing() {
        let clip = Rect::from_min_size(Pos2::ZERO, vec2(100.0, 100.0));
        let mut out = Vec::new();
        let bad = pos2(f32::NAN, 1.0);
        stroke_path(
            &mut out,
            TSTransform::IDENTITY,
            clip,
            Path::Cubic([bad, bad, pos2(1.0, 1.0), pos2(2.0, 2.0)]),
            stroke(),
            DASHED,
        );
        stroke_path(
            &mut out,
            TSTransform::IDENTITY,
            clip,
            Path::Polyline(&[pos2(f32::INFINITY, 0.0), pos2(3.0, 3.0)]),
            stroke(),
            Pattern::Solid,
        );
        assert!(out.is_empty());
    }
}
