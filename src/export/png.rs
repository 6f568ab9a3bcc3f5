//! PNG export: the page painted strip by strip on the CPU (`page`) on every core, each
//! strip filtered and compressed by the thread that painted it (`png_stream`) and joined
//! in order into the PNG stream, so memory stays at a few strips however tall the map
//! is. The result is checked not to be blank before it is written.

use super::ExportError;
use super::page::{Page, PagePainter};
use super::png_stream::{CompressedRows, PngStream, StripEncoder};
use crate::layout::iceberg::Iceberg;
use crate::layout::{Geometry, LayoutSettings};
use crate::model::Map;
use image::RgbaImage;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};

/// No image held whole in memory is larger than this many pixels (about 200 MB of RGBA).
pub const MAX_PIXELS: u64 = 50_000_000;
/// A PNG streamed to a file, strip by strip, may be this large: memory stays at a few
/// strips.
pub const MAX_STREAMED_PIXELS: u64 = 4_000_000_000;

/// About this many pixels are drawn at a time: big enough that the per-strip work
/// (finding what is in view, laying out text, handing strips between threads) is small,
/// and memory stays at a few strips (2 MB of pixels each). Measured at N =
/// 1,000 on the peers' incident (BENCHMARKS.md): 2^19 took 4-9% less CPU than 2^18 in two
/// interleaved runs (2^18 fits a core's 1 MB L2 cache, and was thought to pay for it), and
/// 2^20 no less.
const STRIP_PIXELS: usize = 1 << 19;
/// Painting threads at most (more cores than this are not worth the fonts each needs).
const MAX_THREADS: usize = 8;

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

/// Draws maps to pixels on the CPU, on as many threads as the machine has cores. Made
/// once and reused: it holds the fonts.
pub struct Rasterizer {
    /// One per painting thread, made when first needed.
    painters: Vec<PagePainter>,
    /// The system's fonts, found once for all painters.
    system_fonts: Arc<dyn egui::epaint::text::FontProvider>,
}

impl Default for Rasterizer {
    fn default() -> Self {
        Rasterizer {
            painters: Vec::new(),
            system_fonts: Arc::new(egui_system_font_provider::SystemFontProvider::new()),
        }
    }
}

impl Rasterizer {
    pub fn new() -> Self {
        Self::default()
    }

    /// At least `count` painters.
    fn painters(&mut self, count: usize) -> &mut [PagePainter] {
        while self.painters.len() < count {
            self.painters
                .push(PagePainter::new(self.system_fonts.clone()));
        }
        &mut self.painters[..count]
    }

    /// Draws the map's page as a PNG into `out`. Returns the size in pixels.
    ///
    /// Every thread paints strips, taking the next strip down when it is done with one,
    /// and filters its rows for the PNG while they are in cache; this thread compresses
    /// them into the file in order as they come. A strip is only started when a buffer
    /// is free, so memory stays at a few strips.
    pub fn stream_png(
        &mut self,
        map: &Map,
        geometry: &Geometry,
        settings: &LayoutSettings,
        options: &PngOptions,
        out: impl std::io::Write,
    ) -> Result<(u32, u32), ExportError> {
        check_scale(options)?;
        let page = Page::at_scale(map, geometry, settings, options.dark, options.scale);
        self.stream_page(checked(page, MAX_STREAMED_PIXELS)?, out)
    }

    /// Draws the map's iceberg (`layout::iceberg`) as a PNG into `out`, as
    /// [`Rasterizer::stream_png`] draws the map. Returns the size in pixels.
    pub fn stream_iceberg_png(
        &mut self,
        map: &Map,
        berg: &Iceberg,
        options: &PngOptions,
        out: impl std::io::Write,
    ) -> Result<(u32, u32), ExportError> {
        check_scale(options)?;
        let page = Page::iceberg(map, berg, options.dark, options.scale);
        self.stream_page(checked(page, MAX_STREAMED_PIXELS)?, out)
    }

    fn stream_page(
        &mut self,
        page: Page<'_>,
        out: impl std::io::Write,
    ) -> Result<(u32, u32), ExportError> {
        let (width, height) = (page.width, page.height);
        let rows = strip_rows(width);
        let strip_count = (height as usize).div_ceil(rows);
        let next_strip = AtomicUsize::new(0);
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(MAX_THREADS));
        let (give_back, free) = channel::<Vec<u8>>();
        for _ in 0..threads + 2 {
            let _ = give_back.send(Vec::new());
        }
        let free = Mutex::new(free);
        let (done, painted) = channel::<Strip>();
        let page = &page;
        std::thread::scope(|scope| {
            for painter in self.painters(threads) {
                let (free, next_strip, done) = (&free, &next_strip, done.clone());
                scope.spawn(move || {
                    let (mut pixels, mut encoder) = (Vec::new(), StripEncoder::default());
                    loop {
                        // A buffer first, then a strip: the strip the encoder waits for
                        // always has one.
                        let Ok(compressed) = free
                            .lock()
                            .map_err(drop)
                            .and_then(|f| f.recv().map_err(drop))
                        else {
                            return;
                        };
                        let index = next_strip.fetch_add(1, Ordering::Relaxed);
                        if index >= strip_count {
                            return;
                        }
                        let strip = paint_strip(
                            painter,
                            page,
                            (index, rows),
                            (&mut pixels, &mut encoder),
                            compressed,
                        );
                        if done.send(strip).is_err() {
                            return;
                        }
                    }
                });
            }
            drop(done);
            let result = encode(out, page, strip_count, painted, &give_back);
            // Stop the painters (on an error, before the end).
            next_strip.store(strip_count, Ordering::Relaxed);
            drop(give_back);
            result
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
        check_scale(options)?;
        let page = Page::at_scale(map, geometry, settings, options.dark, options.scale);
        self.render_page(checked(page, MAX_PIXELS)?)
    }

    /// Draws the map's iceberg to an image held in memory.
    pub fn render_iceberg(
        &mut self,
        map: &Map,
        berg: &Iceberg,
        options: &PngOptions,
    ) -> Result<RgbaImage, ExportError> {
        check_scale(options)?;
        self.render_page(checked(
            Page::iceberg(map, berg, options.dark, options.scale),
            MAX_PIXELS,
        )?)
    }

    fn render_page(&mut self, page: Page<'_>) -> Result<RgbaImage, ExportError> {
        let width = page.width as usize;
        let mut pixels = Vec::with_capacity(width * page.height as usize);
        let rows = strip_rows(page.width);
        let mut strip = Vec::new();
        // Strip by strip as a PNG is streamed, so the two come out the same to the bit.
        for index in 0..(page.height as usize).div_ceil(rows) {
            paint_rows(&mut self.painters(1)[0], &page, (index, rows), &mut strip);
            pixels.extend_from_slice(&strip);
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

/// The scales an export is drawn at: a tenth of a pixel per point to 8.
pub const SCALES: std::ops::RangeInclusive<f32> = 0.1..=8.0;

/// A scale out of range is refused before anything is drawn.
fn check_scale(options: &PngOptions) -> Result<(), ExportError> {
    let scale = options.scale;
    if !SCALES.contains(&scale) {
        return Err(ExportError::Options(format!(
            "a scale of {scale} is out of range (0.1 to 8)"
        )));
    }
    Ok(())
}

/// The page, its size checked against `limit` pixels.
fn checked(page: Page<'_>, limit: u64) -> Result<Page<'_>, ExportError> {
    let (width, height) = (page.width, page.height);
    if u64::from(width) * u64::from(height) > limit {
        return Err(ExportError::TooLarge {
            width,
            height,
            limit,
        });
    }
    Ok(page)
}

fn strip_rows(width: u32) -> usize {
    (STRIP_PIXELS / width.max(1) as usize).clamp(16, 4096)
}

/// A strip of the page ready for the file.
struct Strip {
    index: usize,
    /// Its rows for the file, or why they could not be compressed.
    rows: std::io::Result<CompressedRows>,
    /// Sampled pixels that differ from the background (up to enough to know).
    drawn: usize,
}

/// Paints strip `index` (of `rows` pixel rows each) into `pixels`.
fn paint_rows(
    painter: &mut PagePainter,
    page: &Page<'_>,
    (index, rows): (usize, usize),
    pixels: &mut Vec<[u8; 4]>,
) {
    let top = index * rows;
    let rows = rows.min(page.height as usize - top);
    pixels.resize(rows * page.width as usize, [0; 4]);
    painter.paint_strip(page, top as u32, pixels);
}

/// Paints strip `index` (of `rows` pixel rows each), filters and compresses it.
fn paint_strip(
    painter: &mut PagePainter,
    page: &Page<'_>,
    (index, rows): (usize, usize),
    (pixels, encoder): (&mut Vec<[u8; 4]>, &mut StripEncoder),
    compressed: Vec<u8>,
) -> Strip {
    paint_rows(painter, page, (index, rows), pixels);
    Strip {
        index,
        drawn: drawn_pixels(pixels, page.theme().background),
        rows: encoder.encode(pixels, page.width as usize, compressed),
    }
}

/// Compresses strips into the PNG in page order as they arrive (in any order), handing
/// each strip's memory back once written.
fn encode(
    out: impl std::io::Write,
    page: &Page<'_>,
    strip_count: usize,
    painted: Receiver<Strip>,
    give_back: &Sender<Vec<u8>>,
) -> Result<(), ExportError> {
    let encode_error = |err: png::EncodingError| match err {
        png::EncodingError::IoError(err) => ExportError::Io(err),
        other => ExportError::Encode(other.to_string()),
    };
    let mut stream = PngStream::new(out, page.width, page.height).map_err(encode_error)?;
    let mut drawn = 0;
    let mut waiting = std::collections::BTreeMap::new();
    for next in 0..strip_count {
        let strip = loop {
            if let Some(strip) = waiting.remove(&next) {
                break strip;
            }
            let strip = painted
                .recv()
                .map_err(|_| ExportError::Encode("a painting thread stopped".to_owned()))?;
            waiting.insert(strip.index, strip);
        };
        drawn += strip.drawn;
        let rows = strip
            .rows
            .map_err(|err| ExportError::Encode(err.to_string()))?;
        stream.write(&rows).map_err(ExportError::Io)?;
        let _ = give_back.send(rows.compressed);
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
