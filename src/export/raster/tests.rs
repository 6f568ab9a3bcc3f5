//! The rasterizer against what it promises: coverage is the share of each pixel a shape
//! covers, shapes of one colour leave no seams where their parts meet, glyphs read the
//! right texels, and what epaint tessellates comes out where it should.

use super::*;
use egui::epaint::{
    CornerRadius, Pos2, Rect, RectShape, Shape, Stroke, StrokeKind, TessellationOptions,
    Tessellator, Vertex, pos2, vec2,
};

const WHITE: [u8; 4] = [255; 4];

/// A white canvas of `width` x `height` pixels.
struct Canvas {
    pixels: Vec<[u8; 4]>,
    width: usize,
}

impl Canvas {
    fn new(width: usize, height: usize) -> Self {
        Canvas {
            pixels: vec![WHITE; width * height],
            width,
        }
    }

    fn at(&self, x: usize, y: usize) -> [u8; 4] {
        self.pixels[y * self.width + x]
    }

    /// Draws shapes as the export does: tessellated one at a time without feathering.
    fn draw(&mut self, shapes: Vec<Shape>, atlas: &ColorImage) {
        let height = self.pixels.len() / self.width;
        let clip = Rect::from_min_size(Pos2::ZERO, vec2(self.width as f32, height as f32));
        let mut tessellator = Tessellator::new(
            1.0,
            TessellationOptions {
                feathering: false,
                // These tests place shapes between pixels on purpose.
                round_rects_to_pixels: false,
                ..TessellationOptions::default()
            },
            atlas.size,
            Vec::new(),
        );
        let mut raster = MeshRasterizer::default();
        for shape in shapes {
            let mut mesh = Mesh::default();
            tessellator.tessellate_shape(shape, &mut mesh);
            self.draw_mesh(&mut raster, &mesh, clip, atlas);
        }
    }

    fn draw_mesh(
        &mut self,
        raster: &mut MeshRasterizer,
        mesh: &Mesh,
        clip: Rect,
        atlas: &ColorImage,
    ) {
        let mut target = Target {
            pixels: &mut self.pixels,
            width: self.width,
        };
        raster.draw(&mut target, clip, mesh, atlas, 1.0);
    }

    /// How much darker than white the pixels are, summed, in pixels of black.
    fn ink(&self) -> f64 {
        self.pixels
            .iter()
            .map(|p| f64::from(255 - p[0]) / 255.0)
            .sum()
    }
}

fn white_atlas() -> ColorImage {
    ColorImage::new([4, 4], vec![Color32::WHITE; 16])
}

#[test]
fn a_rectangle_covers_each_pixel_by_the_share_inside_it() {
    let mut canvas = Canvas::new(8, 8);
    let rect = Rect::from_min_max(pos2(1.25, 2.0), pos2(5.5, 6.75));
    canvas.draw(
        vec![Shape::rect_filled(rect, 0.0, Color32::BLACK)],
        &white_atlas(),
    );
    assert_eq!(canvas.at(3, 4), [0, 0, 0, 255], "inside is solid");
    assert_eq!(
        canvas.at(1, 4)[0],
        255 - 191,
        "three quarters of the column"
    );
    assert_eq!(canvas.at(5, 4)[0], 255 - 128, "half of the column");
    assert_eq!(canvas.at(3, 6)[0], 255 - 191, "three quarters of the row");
    assert_eq!(canvas.at(5, 6)[0], 255 - 96, "a half of three quarters");
    assert_eq!(canvas.at(0, 4), WHITE, "outside");
    assert_eq!(canvas.at(3, 7), WHITE, "outside");
    assert!(
        (canvas.ink() - f64::from(rect.area())).abs() < 0.1,
        "{}",
        canvas.ink()
    );
}

#[test]
fn a_rounded_card_is_solid_inside_and_as_large_as_it_is() {
    let mut canvas = Canvas::new(40, 30);
    let rect = Rect::from_min_max(pos2(3.3, 2.6), pos2(36.0, 27.2));
    canvas.draw(
        vec![Shape::rect_filled(rect, 6.0, Color32::BLACK)],
        &white_atlas(),
    );
    // Away from the rounded corners, every pixel inside is solid: no seams.
    for y in 4..26 {
        for x in 5..35 {
            let near_corner = !(11..28).contains(&x) && !(10..19).contains(&y);
            if !near_corner {
                assert_eq!(canvas.at(x, y), [0, 0, 0, 255], "({x}, {y}) inside");
            }
        }
    }
    // The rounded corners take (4 - pi) r^2 off the rectangle.
    let area = f64::from(rect.area()) - (4.0 - std::f64::consts::PI) * 36.0;
    assert!(
        (canvas.ink() - area).abs() < area * 0.01,
        "{} vs {area}",
        canvas.ink()
    );
    assert_eq!(canvas.at(3, 2), WHITE, "the corner is cut off");
}

#[test]
fn an_outline_of_translucent_segments_has_no_darker_seams() {
    // A 1-point outline is tessellated as one quad per segment; where quads meet, a pixel
    // must not get the colour twice.
    let mut canvas = Canvas::new(40, 30);
    let rect = Rect::from_min_max(pos2(4.0, 4.0), pos2(34.0, 24.0));
    let color = Color32::from_black_alpha(128);
    canvas.draw(
        vec![Shape::Rect(RectShape::stroke(
            rect,
            CornerRadius::same(5),
            Stroke::new(1.0, color),
            StrokeKind::Inside,
        ))],
        &white_atlas(),
    );
    let darkest = canvas.pixels.iter().map(|p| p[0]).min().unwrap();
    assert_eq!(darkest, 127, "no pixel is darker than the colour once");
    assert_eq!(
        canvas.at(20, 4),
        [127, 127, 127, 255],
        "the top edge is drawn"
    );
    assert_eq!(canvas.at(20, 14), WHITE, "the inside is not");
}

#[test]
fn a_glyph_reads_its_texels() {
    // A 4x4 atlas: white at (0, 0) (egui's rule), a diagonal of full texels elsewhere.
    let mut texels = vec![Color32::TRANSPARENT; 16];
    texels[0] = Color32::WHITE;
    for i in 1..4 {
        texels[i * 4 + i] = Color32::WHITE;
    }
    let atlas = ColorImage::new([4, 4], texels);
    // A 3x3 glyph at (2, 2) showing texels (1..4, 1..4), in red.
    let mut mesh = Mesh::default();
    mesh.add_rect_with_uv(
        Rect::from_min_size(pos2(2.0, 2.0), vec2(3.0, 3.0)),
        Rect::from_min_max(pos2(0.25, 0.25), pos2(1.0, 1.0)),
        Color32::RED,
    );
    let mut canvas = Canvas::new(8, 8);
    let clip = Rect::from_min_size(Pos2::ZERO, vec2(8.0, 8.0));
    canvas.draw_mesh(&mut MeshRasterizer::default(), &mesh, clip, &atlas);
    for y in 2..5 {
        for x in 2..5 {
            let expected = if x == y { [255, 0, 0, 255] } else { WHITE };
            assert_eq!(canvas.at(x, y), expected, "({x}, {y})");
        }
    }
}

#[test]
fn a_triangle_with_coloured_corners_shades_between_them() {
    // Vertex colours that differ are interpolated at pixel centres, as on the GPU.
    let mut mesh = Mesh::default();
    for (x, color) in [(0.0, Color32::BLACK), (16.0, Color32::WHITE)] {
        mesh.vertices.push(Vertex {
            pos: pos2(x, 0.0),
            uv: Pos2::ZERO,
            color,
        });
        mesh.vertices.push(Vertex {
            pos: pos2(x, 16.0),
            uv: Pos2::ZERO,
            color,
        });
    }
    mesh.indices = vec![0, 1, 2];
    let mut canvas = Canvas::new(16, 16);
    let clip = Rect::from_min_size(Pos2::ZERO, vec2(16.0, 16.0));
    canvas.draw_mesh(&mut MeshRasterizer::default(), &mesh, clip, &white_atlas());
    // Row 2: the triangle spans x < 16 * (1 - 2.5/16); at x = 7.5 the colour is 7.5/16 white.
    assert_eq!(canvas.at(7, 2)[0], (255.0 * 7.5 / 16.0_f32).round() as u8);
    assert_eq!(canvas.at(15, 15), WHITE, "outside");
}

#[test]
fn shapes_outside_the_clip_leave_the_pixels_alone() {
    let mut canvas = Canvas::new(10, 10);
    let clip = Rect::from_min_max(pos2(2.0, 2.0), pos2(6.0, 6.0));
    let mut tessellator = Tessellator::new(
        1.0,
        TessellationOptions {
            feathering: false,
            ..TessellationOptions::default()
        },
        [4, 4],
        Vec::new(),
    );
    let mut mesh = Mesh::default();
    tessellator.tessellate_shape(
        Shape::circle_filled(pos2(5.0, 5.0), 4.5, Color32::BLACK),
        &mut mesh,
    );
    canvas.draw_mesh(&mut MeshRasterizer::default(), &mesh, clip, &white_atlas());
    for y in 0..10 {
        for x in 0..10 {
            let inside = (2..6).contains(&x) && (2..6).contains(&y);
            assert_eq!(canvas.at(x, y) != WHITE, inside, "({x}, {y})");
        }
    }
}
