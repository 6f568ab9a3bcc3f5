//! A CPU rasterizer for the triangles egui tessellates. The PNG export hands it the
//! meshes of the shapes the canvas draws, one shape at a time, tessellated as for the
//! screen except that egui leaves out its feathered (anti-aliasing) edges: the parts of a
//! shape that share a colour are anti-aliased together here by exact pixel coverage
//! (`coverage`), which on a straight edge is the same one-pixel ramp the feathering
//! draws, and has no seams where the parts meet. Glyphs and other textured rectangles
//! read their texels as egui_wgpu's shader does (`rect`); parts whose colour varies are
//! shaded at pixel centres by the GPU's top-left rule (`polygon`). Blending follows
//! egui_wgpu (vertex colour times texel, premultiplied, gamma space). A test draws the
//! same page through egui_wgpu and checks the two agree to within rounding.
//!
//! Its interface, all the export (`page`) uses: a `MeshRasterizer` draws one egui mesh
//! at a time into a `Target` (opaque RGBA rows), given the clip rectangle, the font
//! atlas and the scale. Everything else here is private to this module.

mod blend;
mod coverage;
mod polygon;
mod rect;
mod shading;

use coverage::Coverage;
use egui::epaint::{Color32, ColorImage, Mesh, TextureId};
use polygon::{fixed, turn};
use rect::PixelRect;
use shading::Shading;

/// Opaque RGBA pixels being drawn into, row after row.
pub struct Target<'a> {
    pub pixels: &'a mut [[u8; 4]],
    pub width: usize,
}

impl Target<'_> {
    fn height(&self) -> usize {
        self.pixels.len() / self.width.max(1)
    }

    fn row_mut(&mut self, y: i64) -> &mut [[u8; 4]] {
        let start = y as usize * self.width;
        &mut self.pixels[start..start + self.width]
    }
}

/// The pixels that may be drawn: a scissor rectangle within the target, max exclusive.
#[derive(Clone, Copy, Debug)]
struct Clip {
    left: i64,
    top: i64,
    right: i64,
    bottom: i64,
}

/// A vertex in target pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
struct PixelVertex {
    x: f32,
    y: f32,
    u: f32,
    v: f32,
    color: [u8; 4],
    /// The position in fixed point, for coverage.
    point: [i64; 2],
}

impl PixelVertex {
    /// Untextured: egui's atlas is white at (0, 0).
    fn is_white(&self) -> bool {
        self.u == 0.0 && self.v == 0.0
    }
}

/// The texture meshes sample: egui's font atlas (premultiplied, white at (0, 0)).
struct Texture<'a> {
    width: usize,
    height: usize,
    texels: &'a [Color32],
}

impl<'a> Texture<'a> {
    fn new(image: &'a ColorImage) -> Self {
        static WHITE: [Color32; 1] = [Color32::WHITE];
        if image.pixels.is_empty() || image.pixels.len() != image.size[0] * image.size[1] {
            return Texture {
                width: 1,
                height: 1,
                texels: &WHITE,
            };
        }
        Texture {
            width: image.size[0],
            height: image.size[1],
            texels: &image.pixels,
        }
    }

    fn texel(&self, x: isize, y: isize) -> [u8; 4] {
        let x = x.clamp(0, self.width as isize - 1) as usize;
        let y = y.clamp(0, self.height as isize - 1) as usize;
        self.texels[y * self.width + x].to_array()
    }

    /// The texel column holding texture coordinate `u`.
    fn column(&self, u: f32) -> usize {
        ((u * self.width as f32).floor() as isize).clamp(0, self.width as isize - 1) as usize
    }

    /// The texel row holding texture coordinate `v`.
    fn row(&self, v: f32) -> &'a [[u8; 4]] {
        let y =
            ((v * self.height as f32).floor() as isize).clamp(0, self.height as isize - 1) as usize;
        // Color32 is four bytes, r g b a.
        bytemuck::cast_slice(&self.texels[y * self.width..(y + 1) * self.width])
    }

    /// Whether coordinates `at` and `next` (of two neighbouring pixel centres) fall on
    /// texel centres one texel apart, along an axis of `size` texels.
    fn is_aligned(&self, at: f32, next: f32, size: usize) -> bool {
        let size = size as f32;
        let texel = at * size - 0.5;
        (texel - texel.round()).abs() < 0.01 && ((next - at) * size - 1.0).abs() < 0.001
    }

    /// Bilinear filtering, clamped to the edge, as egui_wgpu's predictable filtering.
    fn linear(&self, u: f32, v: f32) -> [u8; 4] {
        let x = u * self.width as f32 - 0.5;
        let y = v * self.height as f32 - 0.5;
        let (x0, y0) = (x.floor(), y.floor());
        let (fx, fy) = (x - x0, y - y0);
        let (x0, y0) = (x0 as isize, y0 as isize);
        let corners = [
            (self.texel(x0, y0), (1.0 - fx) * (1.0 - fy)),
            (self.texel(x0 + 1, y0), fx * (1.0 - fy)),
            (self.texel(x0, y0 + 1), (1.0 - fx) * fy),
            (self.texel(x0 + 1, y0 + 1), fx * fy),
        ];
        let mut out = [0.0f32; 4];
        for (texel, weight) in corners {
            for (sum, value) in out.iter_mut().zip(texel) {
                *sum += f32::from(value) * weight;
            }
        }
        out.map(|value| (value + 0.5).clamp(0.0, 255.0) as u8)
    }
}

/// Draws meshes, one at a time, reusing its buffers.
#[derive(Default)]
pub struct MeshRasterizer {
    vertices: Vec<PixelVertex>,
    shape: ConvexShape,
    coverage: Coverage,
}

impl MeshRasterizer {
    /// Draws a mesh whose positions are in points into `target` at `pixels_per_point`,
    /// clipped to `clip_rect` (points). Meshes with a texture other than the font atlas
    /// are skipped: map content draws no images. Give it one shape's mesh at a time:
    /// the solid parts of one mesh are anti-aliased as one union per colour.
    pub fn draw(
        &mut self,
        target: &mut Target<'_>,
        clip_rect: egui::Rect,
        mesh: &Mesh,
        font_atlas: &ColorImage,
        pixels_per_point: f32,
    ) {
        if mesh.texture_id != TextureId::default() || mesh.is_empty() {
            return;
        }
        // The scissor rectangle, rounded to pixels as egui_wgpu does.
        let clip = Clip {
            left: (clip_rect.min.x * pixels_per_point).round().max(0.0) as i64,
            top: (clip_rect.min.y * pixels_per_point).round().max(0.0) as i64,
            right: ((clip_rect.max.x * pixels_per_point).round() as i64).min(target.width as i64),
            bottom: ((clip_rect.max.y * pixels_per_point).round() as i64)
                .min(target.height() as i64),
        };
        if clip.left >= clip.right || clip.top >= clip.bottom {
            return;
        }
        let texture = Texture::new(font_atlas);
        let mut painter = MeshPainter {
            target,
            clip,
            texture: &texture,
            rasterizer: self,
        };
        painter.draw(mesh, pixels_per_point);
    }
}

/// A convex polygon being gathered from consecutive triangles of one shading.
#[derive(Default)]
struct ConvexShape {
    /// Mesh indices of the corners, wound as `polygon::fill` expects.
    indices: Vec<u32>,
    points: Vec<[i64; 2]>,
    /// `None` while no shape is being gathered.
    shading: Option<Shading>,
}

struct MeshPainter<'t, 'p, 's> {
    target: &'t mut Target<'p>,
    clip: Clip,
    texture: &'s Texture<'s>,
    rasterizer: &'s mut MeshRasterizer,
}

impl MeshPainter<'_, '_, '_> {
    fn draw(&mut self, mesh: &Mesh, pixels_per_point: f32) {
        let vertices = &mut self.rasterizer.vertices;
        vertices.clear();
        vertices.extend(mesh.vertices.iter().map(|v| {
            let (x, y) = (v.pos.x * pixels_per_point, v.pos.y * pixels_per_point);
            PixelVertex {
                x,
                y,
                u: v.uv.x,
                v: v.uv.y,
                color: v.color.to_array(),
                point: [fixed(x), fixed(y)],
            }
        }));
        let count = vertices.len();
        let valid = move |t: &&[u32]| t.iter().all(|&i| (i as usize) < count);
        // A shape that is one rectangle (a lane's band, a lifeline's dash) is filled
        // directly.
        if let [a, b, c, d, e, f] = mesh.indices[..]
            && valid(&&mesh.indices[..])
            && let Some(rect) = as_rect(&[a, b, c], &[d, e, f], vertices)
        {
            match rect.uv {
                None => rect::fill_solid(self.target, &self.clip, &rect),
                Some(_) => rect::fill(self.target, &self.clip, &rect, self.texture),
            }
            return;
        }
        let mut triangles = mesh.indices.chunks_exact(3).filter(valid).peekable();
        while let Some(first) = triangles.next() {
            let first = [first[0], first[1], first[2]];
            // Two triangles that make a textured axis-aligned rectangle (a glyph) are
            // filled as one rectangle.
            if let Some(second) = triangles.peek()
                && let Some(rect) = as_rect(&first, second, &self.rasterizer.vertices)
                && rect.uv.is_some()
            {
                self.flush();
                rect::fill(self.target, &self.clip, &rect, self.texture);
                triangles.next();
                continue;
            }
            self.add_triangle(first);
        }
        self.flush();
    }

    /// Adds a triangle to the shape being gathered, or puts that shape away and starts
    /// gathering from this triangle.
    fn add_triangle(&mut self, triangle: [u32; 3]) {
        let MeshRasterizer {
            vertices, shape, ..
        } = &mut *self.rasterizer;
        if shape.extend(triangle, vertices) {
            return;
        }
        self.put_shape();
        let MeshRasterizer {
            vertices, shape, ..
        } = &mut *self.rasterizer;
        shape.start(triangle, vertices);
    }

    /// Puts the shape gathered so far away: one colour joins the coverage of that
    /// colour, anything else is filled now (in order, after what came before it).
    fn put_shape(&mut self) {
        let MeshRasterizer {
            shape, coverage, ..
        } = &mut *self.rasterizer;
        let Some(shading) = shape.shading.take() else {
            return;
        };
        match shading {
            Shading::Solid(color) => {
                if coverage.color().is_some_and(|gathering| gathering != color) {
                    coverage.fill(self.target, &self.clip);
                }
                coverage.add_polygon(&shape.points, color, &self.clip);
            }
            _ => {
                coverage.fill(self.target, &self.clip);
                polygon::fill(
                    self.target,
                    &self.clip,
                    &shape.points,
                    &shading,
                    self.texture,
                );
            }
        }
    }

    /// Draws everything gathered.
    fn flush(&mut self) {
        self.put_shape();
        self.rasterizer.coverage.fill(self.target, &self.clip);
    }
}

impl ConvexShape {
    /// Starts gathering from a triangle; nothing when it has no area.
    fn start(&mut self, triangle: [u32; 3], vertices: &[PixelVertex]) {
        let mut corners = triangle.map(|i| vertices[i as usize]);
        let mut indices = triangle;
        match turn(corners[0].point, corners[1].point, corners[2].point).signum() {
            0 => return,
            -1 => {
                indices.swap(1, 2);
                corners.swap(1, 2);
            }
            _ => {}
        }
        self.indices.clear();
        self.indices.extend_from_slice(&indices);
        self.points.clear();
        self.points.extend(corners.iter().map(|c| c.point));
        self.shading = Some(Shading::of_triangle(&corners));
    }

    /// Takes in a triangle that shares an edge with the polygon, lies outside it, keeps
    /// it convex and continues its shading. Returns whether it did.
    fn extend(&mut self, triangle: [u32; 3], vertices: &[PixelVertex]) -> bool {
        let Some(shading) = &self.shading else {
            return false;
        };
        let n = self.indices.len();
        let wrap = |i: usize| if i >= n { i - n } else { i };
        // Fans share the edge from the last corner to the first; try that one first.
        let Some((edge, new)) = (0..n).rev().find_map(|k| {
            let (a, b) = (self.indices[k], self.indices[wrap(k + 1)]);
            if !(triangle.contains(&a) && triangle.contains(&b)) {
                return None;
            }
            Some((k, *triangle.iter().find(|&&i| i != a && i != b)?))
        }) else {
            return false;
        };
        if self.indices.contains(&new) {
            return false;
        }
        let vertex = &vertices[new as usize];
        if !shading.continues_to(vertex) {
            return false;
        }
        let r = vertex.point;
        let at = |i: usize| self.points[wrap(i)];
        let (before, p, q, after) = (at(edge + n - 1), at(edge), at(edge + 1), at(edge + 2));
        let convex = turn(p, q, r) < 0 && turn(before, p, r) >= 0 && turn(q, after, r) >= 0;
        if !convex {
            return false;
        }
        self.indices.insert(edge + 1, new);
        self.points.insert(edge + 1, r);
        true
    }
}

/// The rectangle two triangles make together, when they make exactly one: axis-aligned,
/// split along a diagonal, one colour, texture coordinates that follow the axes.
fn as_rect(first: &[u32; 3], second: &[u32], vertices: &[PixelVertex]) -> Option<PixelRect> {
    let mut shared = first.iter().filter(|i| second.contains(i));
    let (diagonal_a, diagonal_b) = (*shared.next()?, *shared.next()?);
    if shared.next().is_some() {
        return None;
    }
    let lone_first = *first.iter().find(|i| !second.contains(i))?;
    let lone_second = *second.iter().find(|i| !first.contains(i))?;
    let get = |i: u32| vertices[i as usize];
    let (a, b) = (get(diagonal_a), get(diagonal_b));
    let (c, d) = (get(lone_first), get(lone_second));
    if [b.color, c.color, d.color]
        .iter()
        .any(|other| *other != a.color)
    {
        return None;
    }
    // The shared edge is a diagonal: its ends differ in both x and y, and the two other
    // corners sit at the crossed coordinates.
    if a.x == b.x || a.y == b.y {
        return None;
    }
    let at = |p: &PixelVertex, x: f32, y: f32| p.x == x && p.y == y;
    let crossed = (at(&c, a.x, b.y) && at(&d, b.x, a.y)) || (at(&c, b.x, a.y) && at(&d, a.x, b.y));
    if !crossed {
        return None;
    }
    let corners = [a, b, c, d];
    let (left, right) = (a.x.min(b.x), a.x.max(b.x));
    let (top, bottom) = (a.y.min(b.y), a.y.max(b.y));
    let uv = if corners.iter().all(PixelVertex::is_white) {
        None
    } else {
        // u must follow x only and v follow y only.
        let u_of = |x: f32| corners.iter().find(|p| p.x == x).map(|p| p.u);
        let v_of = |y: f32| corners.iter().find(|p| p.y == y).map(|p| p.v);
        let (u_left, u_right) = (u_of(left)?, u_of(right)?);
        let (v_top, v_bottom) = (v_of(top)?, v_of(bottom)?);
        let follows_axes = corners.iter().all(|p| {
            p.u == if p.x == left { u_left } else { u_right }
                && p.v == if p.y == top { v_top } else { v_bottom }
        });
        if !follows_axes {
            return None;
        }
        Some([u_left, v_top, u_right, v_bottom])
    };
    Some(PixelRect {
        left,
        top,
        right,
        bottom,
        color: a.color,
        uv,
    })
}

#[cfg(test)]
mod tests;
