//! Anti-aliasing by exact area coverage: the shapes of one colour (a card's rounded body,
//! the segments of its outline) are gathered as polygons, and each pixel gets the
//! colour times the share of its area the union of them covers. Edges are accumulated
//! into cells per pixel row as FreeType's smooth rasterizer does (signed "cover" and
//! "area" per cell, summed along the row), in integers, so an edge shared by two polygons
//! cancels exactly and leaves no seam, and the inside of a shape is filled as runs.

use super::blend;
use super::polygon::Stepper;
use super::{Clip, Target};

/// Sub-pixel steps per pixel (fixed point, as the vertices are).
const BITS: u32 = 8;
const ONE: i64 = 1 << BITS;
/// A fully covered pixel's accumulated area: twice its area in sub-pixel units.
const FULL: i64 = 2 * ONE * ONE;

/// What the edges crossing one pixel add up to.
#[derive(Clone, Copy, Debug)]
struct Cell {
    x: i64,
    /// Signed height of the edges in the cell, in sub-pixels.
    cover: i64,
    /// Signed `height * (x at entry + x at exit)` within the cell: twice the area to the
    /// cell's left of the edges.
    area: i64,
}

/// Polygons of one colour gathered for filling, as cells by pixel row.
#[derive(Default)]
pub struct Coverage {
    /// Cells of each row of the target (only rows in `touched` hold any).
    rows: Vec<Vec<Cell>>,
    touched: Option<(usize, usize)>,
    color: [u8; 4],
}

impl Coverage {
    /// The colour being gathered, if any polygon is.
    pub fn color(&self) -> Option<[u8; 4]> {
        self.touched.map(|_| self.color)
    }

    /// Adds a closed polygon (fixed-point corners, either winding) of `color`. Polygons
    /// of one colour add up to their union; call `fill` before gathering another colour.
    pub fn add_polygon(&mut self, points: &[[i64; 2]], color: [u8; 4], clip: &Clip) {
        self.color = color;
        if self.rows.len() < clip.bottom as usize {
            self.rows.resize_with(clip.bottom as usize, Vec::new);
        }
        // All polygons are walked one way round, so where two share an edge, it is
        // walked in opposite directions and cancels.
        let twice_area: i64 = points
            .iter()
            .zip(points.iter().cycle().skip(1))
            .map(|(p, q)| p[0] * q[1] - q[0] * p[1])
            .sum();
        let n = points.len();
        for i in 0..n {
            let (from, to) = (points[i], points[if i + 1 == n { 0 } else { i + 1 }]);
            if twice_area >= 0 {
                self.add_edge(from, to, clip);
            } else {
                self.add_edge(to, from, clip);
            }
        }
    }

    /// Accumulates one edge. It is always walked from its upper end, with the sign of
    /// its direction, so the same edge walked the other way cancels it exactly.
    fn add_edge(&mut self, from: [i64; 2], to: [i64; 2], clip: &Clip) {
        if from[1] == to[1] {
            return; // Horizontal edges cover nothing.
        }
        let (sign, top, bottom) = if from[1] < to[1] {
            (1, from, to)
        } else {
            (-1, to, from)
        };
        let (dx, dy) = (bottom[0] - top[0], bottom[1] - top[1]);
        let first_row = top[1].div_euclid(ONE).max(clip.top);
        let last_row = (bottom[1] - 1).div_euclid(ONE).min(clip.bottom - 1);
        if first_row > last_row {
            return;
        }
        // x where the edge crosses each row boundary, `top.x + floor((y - top.y) * dx /
        // dy)`, stepped down one row at a time without dividing again.
        let x_at = |y: i64| top[0] + ((y - top[1]) * dx).div_euclid(dy);
        let mut x_top = x_at((first_row * ONE).max(top[1]));
        let mut boundary = Stepper::new(((first_row + 1) * ONE - top[1]) * dx, dy, ONE * dx);
        for row in first_row..=last_row {
            let row_top = row * ONE;
            let (y0, y1) = (top[1].max(row_top), bottom[1].min(row_top + ONE));
            let x_bottom = if y1 == bottom[1] {
                bottom[0]
            } else {
                top[0] + boundary.quotient()
            };
            self.add_segment(row, [x_top, y0 - row_top], [x_bottom, y1 - row_top], sign);
            x_top = x_bottom;
            boundary.advance();
        }
    }

    /// Accumulates the part of an edge within one pixel row, from `a` to `b` (x in
    /// sub-pixels, y within the row, `a` above `b`), cell by cell.
    fn add_segment(&mut self, row: i64, a: [i64; 2], b: [i64; 2], sign: i64) {
        let row = row as usize;
        self.touched = Some(match self.touched {
            None => (row, row),
            Some((low, high)) => (low.min(row), high.max(row)),
        });
        let cells = &mut self.rows[row];
        let mut put = |x: i64, from: [i64; 2], to: [i64; 2]| {
            let left = x * ONE;
            let dy = to[1] - from[1];
            cells.push(Cell {
                x,
                cover: sign * dy,
                area: sign * dy * (from[0] - left + to[0] - left),
            });
        };
        let (first, last) = (a[0].div_euclid(ONE), b[0].div_euclid(ONE));
        if first == last {
            put(first, a, b);
            return;
        }
        // Split where the segment crosses cell boundaries, in the order it runs.
        let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
        let y_at = |x: i64| a[1] + ((x - a[0]) * dy).div_euclid(dx);
        let mut at = a;
        if first < last {
            for cell in first..last {
                let boundary = (cell + 1) * ONE;
                let next = [boundary, y_at(boundary)];
                put(cell, at, next);
                at = next;
            }
        } else {
            for cell in (last + 1..=first).rev() {
                let boundary = cell * ONE;
                let next = [boundary, y_at(boundary)];
                put(cell, at, next);
                at = next;
            }
        }
        put(last, at, b);
    }

    /// Blends the gathered colour over the target by coverage, and empties the cells.
    pub fn fill(&mut self, target: &mut Target<'_>, clip: &Clip) {
        let Some((low, high)) = self.touched.take() else {
            return;
        };
        let color = self.color;
        for y in low..=high {
            let cells = &mut self.rows[y];
            if cells.is_empty() {
                continue;
            }
            cells.sort_unstable_by_key(|cell| cell.x);
            let row = target.row_mut(y as i64);
            let mut cover = 0i64;
            let mut x = i64::MIN;
            let mut i = 0;
            while i < cells.len() {
                // Cells of one pixel add up.
                let cell_x = cells[i].x;
                let (mut cell_cover, mut cell_area) = (0, 0);
                while i < cells.len() && cells[i].x == cell_x {
                    cell_cover += cells[i].cover;
                    cell_area += cells[i].area;
                    i += 1;
                }
                // The run from the previous cell has the coverage of the edges left of it.
                if cover != 0 && cell_x > x {
                    blend_run(
                        row,
                        x.max(clip.left),
                        cell_x.min(clip.right),
                        color,
                        2 * ONE * cover,
                    );
                }
                cover += cell_cover;
                let area = 2 * ONE * cover - cell_area;
                if area != 0 && (clip.left..clip.right).contains(&cell_x) {
                    blend_run(row, cell_x, cell_x + 1, color, area);
                }
                x = cell_x + 1;
            }
            cells.clear();
        }
    }
}

/// Blends `color` times a coverage (`area` out of `FULL`, either sign: non-zero winding)
/// over pixels `from..to` of a row.
fn blend_run(row: &mut [[u8; 4]], from: i64, to: i64, color: [u8; 4], area: i64) {
    if from >= to {
        return;
    }
    let pixels = &mut row[from as usize..to as usize];
    let area = area.abs().min(FULL);
    if area == FULL {
        blend::solid_span(pixels, color);
        return;
    }
    let coverage = ((area * 255 + FULL / 2) / FULL) as u16;
    let shaded = color.map(|channel| blend::mul_255(u16::from(channel), coverage) as u8);
    blend::solid_span(pixels, shaded);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target_of(width: usize, height: usize) -> Vec<[u8; 4]> {
        vec![[255; 4]; width * height]
    }

    fn square(left: f32, top: f32, side: f32) -> Vec<[i64; 2]> {
        let f = |v: f32| (v * ONE as f32).round() as i64;
        vec![
            [f(left), f(top)],
            [f(left + side), f(top)],
            [f(left + side), f(top + side)],
            [f(left), f(top + side)],
        ]
    }

    fn draw(polygons: &[Vec<[i64; 2]>], width: usize, height: usize) -> Vec<[u8; 4]> {
        let mut pixels = target_of(width, height);
        let clip = Clip {
            left: 0,
            top: 0,
            right: width as i64,
            bottom: height as i64,
        };
        let mut coverage = Coverage::default();
        for polygon in polygons {
            coverage.add_polygon(polygon, [0, 0, 0, 255], &clip);
        }
        coverage.fill(
            &mut Target {
                pixels: &mut pixels,
                width,
            },
            &clip,
        );
        pixels
    }

    #[test]
    fn a_pixel_is_darkened_by_the_share_of_it_covered() {
        // A 2x2 square from (0.5, 0.5): each of the four pixels it touches is a quarter
        // covered... except the one in the middle of it.
        let pixels = draw(&[square(0.5, 0.5, 2.0)], 4, 4);
        let grey = |x: usize, y: usize| pixels[y * 4 + x][0];
        assert_eq!(grey(0, 0), 255 - 64, "a quarter");
        assert_eq!(grey(1, 0), 255 - 128, "a half");
        assert_eq!(grey(1, 1), 0, "whole");
        assert_eq!(grey(2, 2), 255 - 64);
        assert_eq!(grey(3, 3), 255, "untouched");
    }

    #[test]
    fn polygons_sharing_an_edge_leave_no_seam() {
        // Two triangles making a square, split along a diagonal, wound either way.
        let a = square(1.25, 1.25, 5.5);
        let first = vec![a[0], a[1], a[2]];
        let second = vec![a[0], a[3], a[2]];
        let whole = draw(std::slice::from_ref(&a), 8, 8);
        let split = draw(&[first, second], 8, 8);
        assert_eq!(whole, split);
        assert_eq!(whole[3 * 8 + 3], [0, 0, 0, 255], "inside is solid");
    }

    #[test]
    fn clipped_rows_and_columns_are_not_drawn_but_count() {
        // A square crossing the clip's left side still fills the pixels inside the clip.
        let mut pixels = target_of(6, 6);
        let clip = Clip {
            left: 2,
            top: 1,
            right: 6,
            bottom: 5,
        };
        let mut coverage = Coverage::default();
        coverage.add_polygon(&square(0.0, 0.0, 4.0), [0, 0, 0, 255], &clip);
        coverage.fill(
            &mut Target {
                pixels: &mut pixels,
                width: 6,
            },
            &clip,
        );
        for y in 0..6 {
            for x in 0..6 {
                let inside = (2..4).contains(&x) && (1..4).contains(&y);
                assert_eq!(pixels[y * 6 + x][0] == 0, inside, "({x}, {y})");
            }
        }
    }
}
