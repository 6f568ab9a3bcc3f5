//! PNG export: the page painted strip by strip on the CPU (`page`), while a second thread
//! compresses the strips before it into the PNG stream, so drawing and compressing
//! overlap and memory stays at a few strips however tall the map is. The result is
//! checked not to be blank before it is written.

use super::ExportError;
use super::page::{Page, PagePainter};
use super::png_stream::PngStream;
use crate::layout::{Geometry, LayoutSettings};
use crate::model::Map;
use crate::render;
use image::RgbaImage;
use std::sync::mpsc::{channel, sync_channel};

/// No image held whole in memory is larger than this many pixels (about 200 MB of RGBA).
pub const MAX_PIXELS: u64 = 50_000_000;
/// A PNG streamed to a file, strip by strip, may be this large: memory stays at a few
/// strips.
pub const MAX_STREAMED_PIXELS: u64 = 4_000_000_000;

/// About this many pixels are drawn at a time: big enough that the per-strip work
/// (finding what is in view, tessellating) is small, small enough to stay in cache.
const STRIP_PIXELS: usize = 1 << 20;
/// Strips being drawn, waiting to be compressed, or being compressed.
const STRIPS_IN_FLIGHT: usize = 3;

/// How to draw the PNG.
#[derive(Clone, Debug, PartialEq)]
pub struct PngOptions {
    /// Pixels per scene point: 2 for a crisp image on high-density screens and print.
    pub scale: f32,
    pub dark: bool,
}

impl Default for PngOptions {
    fn default() -> Self {
        PngOptions {
            scale: 1.0,
            dark: false,
        }
    }
}

/// Draws maps to pixels on the CPU. Made once and reused: it holds the fonts.
#[derive(Default)]
pub struct Rasterizer {
    painter: PagePainter,
}

impl Rasterizer {
    pub fn new() -> Self {
        Self::default()
    }

    /// Draws the map's page as a PNG into `out`. Returns the size in pixels.
    pub fn stream_png(
        &mut self,
        map: &Map,
        geometry: &Geometry,
        settings: &LayoutSettings,
        options: &PngOptions,
        out: impl std::io::Write + Send,
    ) -> Result<(u32, u32), ExportError> {
        let page = page(map, geometry, settings, options, MAX_STREAMED_PIXELS)?;
        let (width, height) = (page.width, page.height);
        let rows = strip_rows(width);
        let background = page.theme().background;
        let painter = &mut self.painter;
        std::thread::scope(|scope| {
            let (full, strips) = sync_channel::<Vec<[u8; 4]>>(STRIPS_IN_FLIGHT - 1);
            let (give_back, spare) = channel::<Vec<[u8; 4]>>();
            let encoder = std::thread::Builder::new()
                .name("png-encoder".to_owned())
                .spawn_scoped(scope, move || {
                    encode(out, width, height, background, strips, give_back)
                })
                .map_err(|err| ExportError::Encode(err.to_string()))?;
            for top in (0..height).step_by(rows) {
                let strip_rows = rows.min((height - top) as usize);
                let mut pixels = spare.try_recv().unwrap_or_default();
                pixels.resize(strip_rows * width as usize, [0; 4]);
                painter.paint_strip(&page, top, &mut pixels);
                if full.send(pixels).is_err() {
                    break; // The encoder stopped on an error; it says which.
                }
            }
            drop(full);
            encoder
                .join()
                .unwrap_or_else(|_| Err(ExportError::Encode("the encoder failed".to_owned())))
        })?;
        Ok((width, height))
    }

    /// Draws the map's page to an image held in memory.
    pub fn render(
        &mut self,
        map: &Map,
        geometry: &Geometry,
        settings: &LayoutSettings,
        options: &PngOptions,
    ) -> Result<RgbaImage, ExportError> {
        let page = page(map, geometry, settings, options, MAX_PIXELS)?;
        let width = page.width as usize;
        let mut pixels = vec![[0u8; 4]; width * page.height as usize];
        let rows = strip_rows(page.width);
        for (index, strip) in pixels.chunks_mut(rows * width).enumerate() {
            self.painter
                .paint_strip(&page, (index * rows) as u32, strip);
        }
        if drawn_pixels(&pixels, page.theme().background) < BLANK_BELOW {
            return Err(ExportError::Blank);
        }
        RgbaImage::from_raw(
            page.width,
            page.height,
            bytemuck::cast_slice(&pixels).to_vec(),
        )
        .ok_or_else(|| ExportError::Encode("the image has the wrong size".to_owned()))
    }
}

/// The page to draw at the options' scale, its size checked against `limit` pixels.
fn page<'a>(
    map: &'a Map,
    geometry: &'a Geometry,
    settings: &'a LayoutSettings,
    options: &PngOptions,
    limit: u64,
) -> Result<Page<'a>, ExportError> {
    let scale = options.scale;
    if !(0.1..=8.0).contains(&scale) {
        return Err(ExportError::Options(format!(
            "a scale of {scale} is out of range (0.1 to 8)"
        )));
    }
    let size = render::page_size(geometry);
    let width = (size.x * scale).ceil() as u32;
    let height = (size.y * scale).ceil() as u32;
    if u64::from(width) * u64::from(height) > limit {
        return Err(ExportError::TooLarge { width, height });
    }
    Ok(Page {
        map,
        geometry,
        settings,
        dark: options.dark,
        scale,
        width,
        height,
    })
}

fn strip_rows(width: u32) -> usize {
    (STRIP_PIXELS / width.max(1) as usize).clamp(16, 4096)
}

/// Compresses strips into a PNG as they arrive, handing each strip's memory back for
/// the next one.
fn encode(
    out: impl std::io::Write,
    width: u32,
    height: u32,
    background: egui::Color32,
    strips: std::sync::mpsc::Receiver<Vec<[u8; 4]>>,
    give_back: std::sync::mpsc::Sender<Vec<[u8; 4]>>,
) -> Result<(), ExportError> {
    let encode_error = |err: png::EncodingError| ExportError::Encode(err.to_string());
    let mut stream = PngStream::new(out, width, height).map_err(encode_error)?;
    let mut drawn = 0;
    for strip in strips {
        if drawn < BLANK_BELOW {
            drawn += drawn_pixels(&strip, background);
        }
        stream
            .write_rows(&strip)
            .map_err(|err| ExportError::Encode(err.to_string()))?;
        let _ = give_back.send(strip);
    }
    stream.finish().map_err(encode_error)?;
    if drawn < BLANK_BELOW {
        return Err(ExportError::Blank);
    }
    Ok(())
}

/// Fewer sampled pixels than this differing from the background: the image is blank.
const BLANK_BELOW: usize = 64;

/// How many sampled pixels differ from the background (every 7th pixel, up to enough to
/// know the image is not blank): never write a blank PNG as a success.
fn drawn_pixels(pixels: &[[u8; 4]], background: egui::Color32) -> usize {
    let background = background.to_array();
    pixels
        .iter()
        .step_by(7)
        .filter(|p| p[..3] != background[..3])
        .take(BLANK_BELOW)
        .count()
}
