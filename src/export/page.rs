//! The export page in pixels, one horizontal strip at a time: `render::paint_page` (the
//! canvas's own drawing code) seen through a window on the strip, tessellated by epaint
//! as the canvas is, and rasterized on the CPU. Strips keep memory bounded however tall
//! the map is.

use super::raster::{MeshRasterizer, Target};
use crate::layout::iceberg::Iceberg;
use crate::layout::{Geometry, LayoutSettings};
use crate::model::Map;
use crate::render::{self, CardShapes, Theme, View};
use egui::emath::TSTransform;
use egui::epaint::text::{FontDefinitions, Fonts, ViewportKey};
use egui::epaint::{Mesh, TessellationOptions, Tessellator};
use egui::{Pos2, Rect, Shape, vec2};
use std::sync::Arc;

/// What is drawn: the map's page (or its iceberg's) at a scale, in light or dark colours.
pub struct Page<'a> {
    pub map: &'a Map,
    pub content: Content<'a>,
    pub dark: bool,
    /// Pixels per point.
    pub scale: f32,
    pub width: u32,
    pub height: u32,
}

/// Which picture of the map a page draws.
#[derive(Clone, Copy)]
pub enum Content<'a> {
    /// The map itself.
    Map {
        geometry: &'a Geometry,
        settings: &'a LayoutSettings,
    },
    /// The themes on the iceberg.
    Iceberg(&'a Iceberg),
}

impl<'a> Page<'a> {
    /// The whole page at `scale` pixels per point (1: in page points).
    pub fn at_scale(
        map: &'a Map,
        geometry: &'a Geometry,
        settings: &'a LayoutSettings,
        dark: bool,
        scale: f32,
    ) -> Self {
        let size = render::page_size(geometry);
        Page {
            map,
            content: Content::Map { geometry, settings },
            dark,
            scale,
            width: (size.x * scale).ceil() as u32,
            height: (size.y * scale).ceil() as u32,
        }
    }

    /// The iceberg's page at `scale` pixels per point.
    pub fn iceberg(map: &'a Map, berg: &'a Iceberg, dark: bool, scale: f32) -> Self {
        let size = render::iceberg_page_size(berg);
        Page {
            map,
            content: Content::Iceberg(berg),
            dark,
            scale,
            width: (size.x * scale).ceil() as u32,
            height: (size.y * scale).ceil() as u32,
        }
    }

    pub fn theme(&self) -> Theme {
        Theme::for_dark_mode(self.dark)
    }
}

/// Fonts for drawing pages, with the system fonts as fallback (as the app has), made once
/// and reused: loading fonts is the slow part of starting an export.
pub struct PagePainter {
    fonts: Fonts,
    shapes: Vec<egui::Shape>,
    mesh: Mesh,
    raster: MeshRasterizer,
}

impl PagePainter {
    /// A painter whose fonts fall back on `system_fonts` (shared between painters: it
    /// finds the system's fonts once).
    pub fn new(system_fonts: Arc<dyn egui::epaint::text::FontProvider>) -> Self {
        let fonts = Fonts::new(text_options(false), FontDefinitions::default())
            .with_font_providers(vec![system_fonts]);
        PagePainter {
            fonts,
            shapes: Vec::new(),
            mesh: Mesh::default(),
            raster: MeshRasterizer::default(),
        }
    }

    /// Draws the page's pixel rows from `top` into `pixels` (whole rows of the page's
    /// width), background first.
    pub fn paint_strip(&mut self, page: &Page<'_>, top: u32, pixels: &mut [[u8; 4]]) {
        let width = page.width as usize;
        let rows = pixels.len() / width.max(1);
        let theme = page.theme();
        let background = theme.background.to_array();
        pixels.fill([background[0], background[1], background[2], 255]);
        if rows == 0 {
            return;
        }
        let clip = self.draw_shapes(page, top, rows, None);
        let scale = page.scale;
        // Anti-aliasing is by exact pixel coverage (the rasterizer's), so the tessellator
        // leaves out its feathered edges.
        let atlas = self.fonts.texture_atlas();
        let mut tessellator = Tessellator::new(
            scale,
            TessellationOptions {
                feathering: false,
                ..TessellationOptions::default()
            },
            atlas.size(),
            atlas.prepared_discs(),
        );
        tessellator.set_clip_rect(clip);
        let mut target = Target { pixels, width };
        // One shape at a time: the rasterizer anti-aliases each shape's parts as a whole.
        for shape in self.shapes.drain(..) {
            self.mesh.clear();
            tessellator.tessellate_shape(shape, &mut self.mesh);
            self.raster
                .draw(&mut target, clip, &self.mesh, atlas.image(), scale);
        }
    }
}

impl PagePainter {
    /// Fills `self.shapes` with the shapes of the page's pixel rows `top..top + rows`, in
    /// output points; returns the area they are drawn in. `cards` learns which shapes
    /// each card drew.
    fn draw_shapes(
        &mut self,
        page: &Page<'_>,
        top: u32,
        rows: usize,
        cards: Option<&mut Vec<CardShapes>>,
    ) -> Rect {
        // A new pass lets go of text laid out for strips above that this one does not use
        // (and of everything when the colours changed: glyphs are written for them).
        self.fonts
            .begin_pass(text_options(page.dark), ViewportKey::default());
        let scale = page.scale;
        let clip = Rect::from_min_size(Pos2::ZERO, vec2(page.width as f32, rows as f32) / scale);
        let view = View {
            screen_from_scene: TSTransform::from_translation(-vec2(0.0, top as f32) / scale),
            clip,
            sticky_chrome: false,
            until: None,
        };
        self.shapes.clear();
        let mut fonts = self.fonts.with_pixels_per_point(scale);
        match page.content {
            Content::Map { geometry, settings } => render::paint_page_grouped(
                page.map,
                geometry,
                settings,
                &page.theme(),
                &view,
                &mut fonts,
                (&mut self.shapes, cards),
            ),
            Content::Iceberg(berg) => render::paint_iceberg_page(
                page.map,
                berg,
                &page.theme(),
                &view,
                &mut fonts,
                &mut self.shapes,
            ),
        }
        clip
    }

    /// The shapes of the page's rows `top..top + rows` (a page of scale 1 is in page
    /// points), in band coordinates (the band's top at 0): the very ones its PNG is
    /// painted from. `cards` is set to the range of them each card drew. What the SVG
    /// export writes out, band by band.
    pub fn band_shapes(
        &mut self,
        page: &Page<'_>,
        top: u32,
        rows: usize,
        cards: &mut Vec<CardShapes>,
    ) -> &[Shape] {
        cards.clear();
        self.draw_shapes(page, top, rows, Some(cards));
        &self.shapes
    }
}

/// How glyphs are written into the atlas in the page's theme, as egui does on screen.
fn text_options(dark: bool) -> egui::epaint::TextOptions {
    let visuals = if dark {
        egui::Visuals::dark()
    } else {
        egui::Visuals::light()
    };
    egui::epaint::TextOptions {
        max_texture_side: 8192,
        ..visuals.text_options
    }
}
