//! Filling a convex polygon whose colour varies across it (a gradient, a textured
//! triangle) row by row. Coverage is decided in fixed point (1/256 pixel) at pixel centres with
//! the top-left rule, as GPUs do, so shapes sharing an edge never both cover a pixel on it,
//! nor both miss it. Each row's span comes from the two edges that bound it, stepped down
//! exactly with integers: a few additions per row, however long the row.

use super::shading::Shading;
use super::{Clip, Target, Texture};

/// Sub-pixel steps per pixel.
pub const ONE: i64 = 256;
const HALF: i64 = ONE / 2;
/// Vertices are clamped this far (pixels) from the target, so the edge arithmetic below
/// cannot overflow 64 bits. An axis-aligned shape (a lane's band the height of the
/// whole map) keeps its exact edges when clamped; a slanted edge that long does not
/// occur in a map.
const FAR: f32 = (1 << 21) as f32;

/// A position in pixels as fixed point.
pub fn fixed(value: f32) -> i64 {
    // Rounded half away from zero, without a call into libm (f64::round is one).
    let scaled = f64::from(value.clamp(-FAR, FAR)) * ONE as f64;
    (scaled + 0.5f64.copysign(scaled)) as i64
}

/// The first pixel whose centre is at or after `position` (fixed point).
pub fn first_centre_at_or_after(position: i64) -> i64 {
    (position - HALF).div_euclid(ONE) + i64::from((position - HALF).rem_euclid(ONE) != 0)
}

/// Twice the signed area of the triangle `p q r`: positive when `r` is inside (right of,
/// on screen) the directed edge `p -> q` of a polygon wound the way `fill` expects.
pub fn turn(p: [i64; 2], q: [i64; 2], r: [i64; 2]) -> i64 {
    (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
}

/// `floor(n / d)` as quotient and remainder while `n` grows by a fixed step per row.
pub struct Stepper {
    q: i64,
    r: i64,
    d: i64,
    step_q: i64,
    step_r: i64,
}

impl Stepper {
    /// For `d > 0`.
    pub fn new(n: i64, d: i64, step: i64) -> Self {
        Stepper {
            q: n.div_euclid(d),
            r: n.rem_euclid(d),
            d,
            step_q: step.div_euclid(d),
            step_r: step.rem_euclid(d),
        }
    }

    pub fn quotient(&self) -> i64 {
        self.q
    }

    pub fn advance(&mut self) {
        self.q += self.step_q;
        self.r += self.step_r;
        if self.r >= self.d {
            self.q += 1;
            self.r -= self.d;
        }
    }
}

/// The bound an edge puts on each row's covered pixels. The inside of a directed edge
/// `p -> q` is where `turn(p, q, centre) > 0`, which at row `y` is `a * x + c > 0`
/// for the pixel centre of column `x`.
struct Edge {
    stepper: Stepper,
    /// The edge bounds the row on the left (the first covered pixel is `q`, or `q + 1`
    /// when the remainder is not zero); otherwise on the right (the last is `q`).
    left: bool,
}

impl Edge {
    /// A slanted or vertical edge at row `y`.
    fn new(p: [i64; 2], q: [i64; 2], y: i64) -> Self {
        let (dx, dy) = (q[0] - p[0], q[1] - p[1]);
        // Top-left rule: a centre exactly on a left (or top) edge is inside.
        let bias = if dy < 0 { 0 } else { -1 };
        let a = -ONE * dy;
        let c = dx * (ONE * y + HALF - p[1]) - dy * (HALF - p[0]) + bias;
        let step = ONE * dx;
        if a > 0 {
            // a * x + c >= 0  <=>  x >= ceil(-c / a)
            Edge {
                stepper: Stepper::new(-c, a, -step),
                left: true,
            }
        } else {
            // x <= floor(c / -a)
            Edge {
                stepper: Stepper::new(c, -a, step),
                left: false,
            }
        }
    }

    fn bound(&self) -> i64 {
        let s = &self.stepper;
        if self.left {
            s.q + i64::from(s.r > 0)
        } else {
            s.q
        }
    }
}

/// One side of the polygon from its top vertex down: the edge in use for the current
/// row, found by walking the vertices forward (the right side) or backward (the left).
struct Side<'p> {
    points: &'p [[i64; 2]],
    at: usize,
    forward: bool,
    edge: Option<Edge>,
}

impl Side<'_> {
    fn next(&self, i: usize) -> usize {
        let last = self.points.len() - 1;
        match (self.forward, i) {
            (true, i) if i == last => 0,
            (true, i) => i + 1,
            (false, 0) => last,
            (false, i) => i - 1,
        }
    }

    /// The bound on row `y` (centre `centre`), or `None` past the bottom.
    fn bound_at(&mut self, y: i64, centre: i64) -> Option<i64> {
        // Move to the edge that spans this row's centre, skipping horizontal ones.
        for _ in 0..self.points.len() {
            let (from, to) = (self.points[self.at], self.points[self.next(self.at)]);
            if to[1] >= centre && to[1] != from[1] {
                break;
            }
            self.at = self.next(self.at);
            self.edge = None;
        }
        let (from, to) = (self.points[self.at], self.points[self.next(self.at)]);
        if to[1] < centre || to[1] == from[1] {
            return None;
        }
        let edge = self.edge.get_or_insert_with(|| {
            // The polygon's own direction decides which side is inside.
            if self.forward {
                Edge::new(from, to, y)
            } else {
                Edge::new(to, from, y)
            }
        });
        Some(edge.bound())
    }

    fn advance(&mut self) {
        if let Some(edge) = &mut self.edge {
            edge.stepper.advance();
        }
    }
}

/// Fills a convex polygon given in fixed point, wound so that `turn` of each edge and
/// any point inside is positive.
pub fn fill(
    target: &mut Target<'_>,
    clip: &Clip,
    points: &[[i64; 2]],
    shading: &Shading,
    texture: &Texture<'_>,
) {
    if points.len() < 3 {
        return;
    }
    let (mut top, mut bottom) = (0, 0);
    let (mut left_x, mut right_x) = (i64::MAX, i64::MIN);
    for (i, p) in points.iter().enumerate() {
        if p[1] < points[top][1] {
            top = i;
        }
        if p[1] > points[bottom][1] {
            bottom = i;
        }
        left_x = left_x.min(p[0]);
        right_x = right_x.max(p[0]);
    }
    if first_centre_at_or_after(left_x) >= clip.right
        || first_centre_at_or_after(right_x + 1) <= clip.left
    {
        return;
    }
    // Rows whose centre is at or below the top and above the bottom: a centre exactly on
    // the bottom is covered by nothing (it is on a bottom edge or at a vertex).
    let first_row = first_centre_at_or_after(points[top][1]).max(clip.top);
    let end_row = first_centre_at_or_after(points[bottom][1]).min(clip.bottom);
    if first_row >= end_row {
        return;
    }
    let columns = first_centre_at_or_after(left_x).max(clip.left)
        ..first_centre_at_or_after(right_x + 1).min(clip.right);
    if columns.end - columns.start <= NARROW && points.len() <= MAX_NARROW_CORNERS {
        let rows = first_row..end_row;
        return fill_narrow(target, points, rows, columns, shading, texture);
    }
    let mut right = Side {
        points,
        at: top,
        forward: true,
        edge: None,
    };
    let mut left = Side {
        points,
        at: top,
        forward: false,
        edge: None,
    };
    for y in first_row..end_row {
        let centre = ONE * y + HALF;
        let (Some(from), Some(to)) = (left.bound_at(y, centre), right.bound_at(y, centre)) else {
            break;
        };
        let (from, to) = (from.max(clip.left), to.min(clip.right - 1));
        if from <= to {
            shading.span(target.row_mut(y), texture, y, from, to);
        }
        left.advance();
        right.advance();
    }
}

/// Polygons at most this many pixels wide (a thin sliver of a gradient) are filled by
/// testing each pixel of each row: a few additions per pixel beat finding the row's ends
/// from its edges.
const NARROW: i64 = 8;
const MAX_NARROW_CORNERS: usize = 8;

/// Fills a narrow convex polygon by testing pixel centres against its edges.
fn fill_narrow(
    target: &mut Target<'_>,
    points: &[[i64; 2]],
    rows: std::ops::Range<i64>,
    columns: std::ops::Range<i64>,
    shading: &Shading,
    texture: &Texture<'_>,
) {
    // Each edge's function at the first column of the current row, and its steps.
    let mut at_row = [0i64; MAX_NARROW_CORNERS];
    let mut per_column = [0i64; MAX_NARROW_CORNERS];
    let mut per_row = [0i64; MAX_NARROW_CORNERS];
    let n = points.len();
    for i in 0..n {
        let (p, q) = (points[i], points[if i + 1 == n { 0 } else { i + 1 }]);
        let (dx, dy) = (q[0] - p[0], q[1] - p[1]);
        // Top-left rule: a centre exactly on a top or left edge is inside.
        let top_left = dy < 0 || (dy == 0 && dx > 0);
        let (x, y) = (ONE * columns.start + HALF, ONE * rows.start + HALF);
        at_row[i] = dx * (y - p[1]) - dy * (x - p[0]) - i64::from(!top_left);
        per_column[i] = -ONE * dy;
        per_row[i] = ONE * dx;
    }
    for y in rows {
        let mut covered: Option<(i64, i64)> = None;
        let mut values = at_row;
        for x in columns.clone() {
            if values[..n].iter().all(|value| *value >= 0) {
                covered = Some((covered.map_or(x, |(from, _)| from), x));
            }
            for (value, step) in values[..n].iter_mut().zip(&per_column[..n]) {
                *value += step;
            }
        }
        if let Some((from, to)) = covered {
            shading.span(target.row_mut(y), texture, y, from, to);
        }
        for (value, step) in at_row[..n].iter_mut().zip(&per_row[..n]) {
            *value += step;
        }
    }
}
