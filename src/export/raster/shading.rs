//! How the covered pixels of a shape get their colour: most shapes are one flat colour,
//! text is one colour times a glyph texture, gradients vary.
//! Values that vary are gradients over the pixel grid, stepped along each row.

use super::blend;
use super::{PixelVertex, Texture};

/// `N` values that change linearly over the pixel grid.
#[derive(Clone, Copy, Debug)]
pub struct Gradient<const N: usize> {
    /// The pixel whose centre `at_origin` is given for (near the shape, so that single
    /// precision stays exact enough across it).
    origin: [i64; 2],
    at_origin: [f32; N],
    per_x: [f32; N],
    per_y: [f32; N],
}

impl<const N: usize> Gradient<N> {
    /// The gradient through a triangle's corners (not on one line) with these values.
    fn through(corners: &[PixelVertex; 3], value: impl Fn(&PixelVertex) -> [f32; N]) -> Self {
        let [p0, p1, p2] = corners.map(|c| [f64::from(c.x), f64::from(c.y)]);
        let (a, b) = (
            [p1[0] - p0[0], p1[1] - p0[1]],
            [p2[0] - p0[0], p2[1] - p0[1]],
        );
        let inverse_det = 1.0 / (a[0] * b[1] - b[0] * a[1]);
        let [v0, v1, v2] = corners.map(|c| value(&c));
        let origin = [p0[0].floor() as i64, p0[1].floor() as i64];
        // From corner 0 to the centre of the origin pixel.
        let to_centre = [
            origin[0] as f64 + 0.5 - p0[0],
            origin[1] as f64 + 0.5 - p0[1],
        ];
        let mut gradient = Gradient {
            origin,
            at_origin: [0.0; N],
            per_x: [0.0; N],
            per_y: [0.0; N],
        };
        for i in 0..N {
            let (d1, d2) = (f64::from(v1[i] - v0[i]), f64::from(v2[i] - v0[i]));
            let per_x = (d1 * b[1] - d2 * a[1]) * inverse_det;
            let per_y = (d2 * a[0] - d1 * b[0]) * inverse_det;
            gradient.at_origin[i] =
                (f64::from(v0[i]) + per_x * to_centre[0] + per_y * to_centre[1]) as f32;
            gradient.per_x[i] = per_x as f32;
            gradient.per_y[i] = per_y as f32;
        }
        gradient
    }

    /// The values at the centre of pixel (x, y).
    #[inline]
    fn at(&self, x: i64, y: i64) -> [f32; N] {
        let (dx, dy) = ((x - self.origin[0]) as f32, (y - self.origin[1]) as f32);
        std::array::from_fn(|i| self.at_origin[i] + self.per_x[i] * dx + self.per_y[i] * dy)
    }

    /// The values at a position in pixels (not a pixel centre).
    fn at_position(&self, x: f32, y: f32) -> [f32; N] {
        let dx = x - (self.origin[0] as f32 + 0.5);
        let dy = y - (self.origin[1] as f32 + 0.5);
        std::array::from_fn(|i| self.at_origin[i] + self.per_x[i] * dx + self.per_y[i] * dy)
    }
}

/// A shape's colouring.
#[derive(Clone, Copy, Debug)]
pub enum Shading {
    Solid([u8; 4]),
    /// One colour times the texture (text).
    Textured {
        color: [u8; 4],
        uv: Gradient<2>,
    },
    /// A colour that varies, untextured (a gradient; the feathered edge of a shape when
    /// egui is asked for one).
    Smooth(Gradient<4>),
    /// Both vary (rare).
    SmoothTextured {
        color: Gradient<4>,
        uv: Gradient<2>,
    },
}

fn channels(vertex: &PixelVertex) -> [f32; 4] {
    vertex.color.map(f32::from)
}

fn uv(vertex: &PixelVertex) -> [f32; 2] {
    [vertex.u, vertex.v]
}

impl Shading {
    /// The shading of a triangle (corners not on one line).
    pub fn of_triangle(corners: &[PixelVertex; 3]) -> Self {
        let white = corners.iter().all(PixelVertex::is_white);
        let one_colour =
            corners[1].color == corners[0].color && corners[2].color == corners[0].color;
        match (one_colour, white) {
            (true, true) => Shading::Solid(corners[0].color),
            (true, false) => Shading::Textured {
                color: corners[0].color,
                uv: Gradient::through(corners, uv),
            },
            (false, true) => Shading::Smooth(Gradient::through(corners, channels)),
            (false, false) => Shading::SmoothTextured {
                color: Gradient::through(corners, channels),
                uv: Gradient::through(corners, uv),
            },
        }
    }

    /// Whether a vertex continues this shading: a triangle with it and two corners of
    /// the shape is shaded exactly as the shape is, so it can be filled as part of it.
    pub fn continues_to(&self, vertex: &PixelVertex) -> bool {
        match self {
            Shading::Solid(color) => vertex.color == *color && vertex.is_white(),
            Shading::Smooth(gradient) => {
                let expected = gradient.at_position(vertex.x, vertex.y);
                vertex.is_white()
                    && expected
                        .iter()
                        .zip(vertex.color)
                        .all(|(expected, value)| (expected - f32::from(value)).abs() < 0.25)
            }
            Shading::Textured { .. } | Shading::SmoothTextured { .. } => false,
        }
    }

    /// Shades pixels `left..=right` of a row, `y` being the row's index in the target.
    #[inline]
    pub fn span(&self, row: &mut [[u8; 4]], texture: &Texture<'_>, y: i64, left: i64, right: i64) {
        let pixels = &mut row[left as usize..=right as usize];
        match self {
            Shading::Solid(color) => blend::solid_span(pixels, *color),
            Shading::Smooth(gradient) => {
                let mut color = gradient.at(left, y);
                for pixel in pixels {
                    *pixel = blend::smooth(*pixel, color);
                    for (value, step) in color.iter_mut().zip(gradient.per_x) {
                        *value += step;
                    }
                }
            }
            Shading::Textured { color, uv } => {
                let [mut u, mut v] = uv.at(left, y);
                for pixel in pixels {
                    *pixel = blend::textured(*pixel, *color, texture.linear(u, v));
                    u += uv.per_x[0];
                    v += uv.per_x[1];
                }
            }
            Shading::SmoothTextured { color, uv } => {
                let mut at = color.at(left, y);
                let [mut u, mut v] = uv.at(left, y);
                for pixel in pixels {
                    let texel = texture.linear(u, v);
                    let shaded: [u8; 4] = std::array::from_fn(|i| {
                        let channel = (at[i] + 0.5).clamp(0.0, 255.0) as u16;
                        blend::mul_255(channel, u16::from(texel[i])) as u8
                    });
                    *pixel = blend::smooth(*pixel, shaded.map(f32::from));
                    for (value, step) in at.iter_mut().zip(color.per_x) {
                        *value += step;
                    }
                    u += uv.per_x[0];
                    v += uv.per_x[1];
                }
            }
        }
    }
}
