//! How the covered pixels of a shape get their colour: most shapes are one flat colour,
//! text is one colour times a glyph texture, feathered (anti-aliased) edges fade out.
//! Values that vary are planes over the pixel grid, evaluated at pixel centres.

use super::blend;
use super::{PixelVertex, Texture};

/// A value that depends linearly on the pixel position within one shape.
#[derive(Clone, Copy, Debug)]
pub struct Plane {
    at_origin: f64,
    per_x: f64,
    per_y: f64,
}

/// Three points (not on one line) that planes are fitted through.
struct Triangle {
    origin: [f64; 2],
    a: [f64; 2],
    b: [f64; 2],
    inverse_det: f64,
}

impl Triangle {
    fn new(corners: &[PixelVertex; 3]) -> Self {
        let [p0, p1, p2] = corners.map(|c| [f64::from(c.x), f64::from(c.y)]);
        let a = [p1[0] - p0[0], p1[1] - p0[1]];
        let b = [p2[0] - p0[0], p2[1] - p0[1]];
        Triangle {
            origin: p0,
            a,
            b,
            inverse_det: 1.0 / (a[0] * b[1] - b[0] * a[1]),
        }
    }

    /// The plane through the corners with these values.
    fn plane(&self, values: [f64; 3]) -> Plane {
        let (d1, d2) = (values[1] - values[0], values[2] - values[0]);
        let per_x = (d1 * self.b[1] - d2 * self.a[1]) * self.inverse_det;
        let per_y = (d2 * self.a[0] - d1 * self.b[0]) * self.inverse_det;
        Plane {
            at_origin: values[0] - per_x * self.origin[0] - per_y * self.origin[1],
            per_x,
            per_y,
        }
    }
}

impl Plane {
    /// The value at a position in pixels (not a pixel centre).
    pub fn at_position(&self, x: f64, y: f64) -> f64 {
        self.at_origin + self.per_x * x + self.per_y * y
    }

    /// The value at the centre of pixel (x, y).
    fn at(&self, x: i64, y: i64) -> f32 {
        self.at_position(x as f64 + 0.5, y as f64 + 0.5) as f32
    }
}

/// A shape's colouring.
#[derive(Clone, Copy, Debug)]
pub enum Shading {
    Solid([u8; 4]),
    Textured {
        color: [u8; 4],
        uv: [Plane; 2],
    },
    Smooth {
        color: [Plane; 4],
        uv: Option<[Plane; 2]>,
    },
}

impl Shading {
    /// The shading of a triangle (corners not on one line).
    pub fn of_triangle(corners: &[PixelVertex; 3]) -> Self {
        let triangle = Triangle::new(corners);
        let plane = |value: fn(&PixelVertex) -> f32| {
            triangle.plane(corners.map(|c| f64::from(value(&c))))
        };
        let white = corners.iter().all(PixelVertex::is_white);
        let one_colour =
            corners[1].color == corners[0].color && corners[2].color == corners[0].color;
        let uv = || [plane(|c| c.u), plane(|c| c.v)];
        match (one_colour, white) {
            (true, true) => Shading::Solid(corners[0].color),
            (true, false) => Shading::Textured {
                color: corners[0].color,
                uv: uv(),
            },
            (false, _) => Shading::Smooth {
                color: [
                    plane(|c| f32::from(c.color[0])),
                    plane(|c| f32::from(c.color[1])),
                    plane(|c| f32::from(c.color[2])),
                    plane(|c| f32::from(c.color[3])),
                ],
                uv: (!white).then(uv),
            },
        }
    }

    /// Whether a vertex continues this shading: a triangle with it and two corners of
    /// the shape is shaded exactly as the shape is, so it can be filled as part of it.
    pub fn continues_to(&self, vertex: &PixelVertex) -> bool {
        match self {
            Shading::Solid(color) => vertex.color == *color && vertex.is_white(),
            Shading::Textured { .. } => false,
            Shading::Smooth { color, uv: None } => {
                vertex.is_white()
                    && color.iter().zip(vertex.color).all(|(plane, value)| {
                        let expected = plane.at_position(f64::from(vertex.x), f64::from(vertex.y));
                        (expected - f64::from(value)).abs() < 0.25
                    })
            }
            Shading::Smooth { uv: Some(_), .. } => false,
        }
    }

    /// Shades pixels `left..=right` of a row, `y` being the row's index in the target.
    pub fn span(&self, row: &mut [[u8; 4]], texture: &Texture<'_>, y: i64, left: i64, right: i64) {
        let pixels = &mut row[left as usize..=right as usize];
        match self {
            Shading::Solid(color) => blend::solid_span(pixels, *color),
            Shading::Textured { color, uv: [u, v] } => {
                let (mut u_at, du) = (u.at(left, y), u.per_x as f32);
                let (mut v_at, dv) = (v.at(left, y), v.per_x as f32);
                for pixel in pixels {
                    *pixel = blend::textured(*pixel, *color, texture.linear(u_at, v_at));
                    u_at += du;
                    v_at += dv;
                }
            }
            Shading::Smooth { color, uv } => {
                let mut at = color.map(|plane| plane.at(left, y));
                let step = color.map(|plane| plane.per_x as f32);
                let mut uv_at = uv.map(|[u, v]| {
                    (
                        [u.at(left, y), v.at(left, y)],
                        [u.per_x as f32, v.per_x as f32],
                    )
                });
                for pixel in pixels {
                    let texel = match &mut uv_at {
                        Some(([u, v], [du, dv])) => {
                            let texel = texture.linear(*u, *v);
                            *u += *du;
                            *v += *dv;
                            texel
                        }
                        None => [255; 4],
                    };
                    *pixel = blend::smooth(*pixel, at, texel);
                    for (value, step) in at.iter_mut().zip(step) {
                        *value += step;
                    }
                }
            }
        }
    }
}
