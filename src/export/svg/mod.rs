//! SVG export: the page's shapes, the very ones its PNG is painted from (`page`), written
//! out as SVG elements, so the screen, the PNG and the SVG cannot drift apart. Text stays
//! text (each laid-out row a `<text>` at the row's baseline), so it can be selected and
//! searched; each card's shapes are a group whose `<title>` holds the whole title (a
//! tooltip, and the full text for search when the drawn rows are cut). Map text goes in
//! only through `escape`'s XML text escaping (`xml_text`, `push_xml_text`), so the file
//! is always XML and never markup.
//!
//! The page is drawn in bands (`bands`), two at a time on two threads, and streamed out
//! in order: a 200,000-event map is millions of points tall, and holding all its shapes
//! at once took gigabytes.

mod bands;
mod elements;

use super::escape::{push_xml_text, xml_text};
use super::page::{Page, PagePainter};
use crate::layout::iceberg::Iceberg;
use crate::layout::{Geometry, LayoutSettings};
use crate::model::{CardId, Map};
use crate::render::CardShapes;
use bands::Band;
use egui::{Pos2, Rect, Stroke, vec2};
use elements::Elements;
use std::collections::BTreeMap;
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::channel;
use std::sync::{Arc, Mutex, OnceLock};

/// The fonts the text is laid out in are egui's with the system's as fallback, as for the
/// PNG; the family named here is what a viewer should draw them with.
const FONT_FAMILY: &str = "Ubuntu, 'DejaVu Sans', 'Noto Sans', 'Noto Sans CJK JP', sans-serif";

/// Bands are about this tall (points) at least: the per-band work (finding what is in
/// view among all links and gaps) stays small beside drawing the band.
const MIN_BAND: u32 = 4_096;
/// ... and a page is cut into about this many bands at most.
const MAX_BANDS: u32 = 256;
/// Threads drawing bands: two, so writing out one band overlaps drawing the next (more
/// would each need their own fonts, for little: the file is written by one thread).
const THREADS: usize = 2;

/// The SVG of the map's page, in memory (for tests and benches: the app and the command
/// line stream it with [`write_svg`]). Panics if a drawing thread did.
pub fn svg(map: &Map, geometry: &Geometry, settings: &LayoutSettings, dark: bool) -> String {
    let mut out = Vec::new();
    write_svg(map, geometry, settings, dark, &mut out).expect("every band is drawn");
    String::from_utf8(out).expect("the SVG is UTF-8")
}

/// Writes the SVG of the map's page to `out`, band by band as they are drawn.
pub fn write_svg(
    map: &Map,
    geometry: &Geometry,
    settings: &LayoutSettings,
    dark: bool,
    out: impl Write,
) -> std::io::Result<()> {
    let page = Page::at_scale(map, geometry, settings, dark, 1.0);
    let band_height = MIN_BAND.max(page.height.div_ceil(MAX_BANDS));
    write_bands(
        &page,
        &bands::bands(geometry, page.height, band_height),
        out,
    )
}

/// Writes the SVG of the map's iceberg (`layout::iceberg`) to `out`: the very shapes its
/// PNG is painted from, in one band (it is a page or two tall).
pub fn write_iceberg_svg(
    map: &Map,
    berg: &Iceberg,
    dark: bool,
    out: impl Write,
) -> std::io::Result<()> {
    let page = Page::iceberg(map, berg, dark, 1.0);
    let band = Band {
        top: 0,
        rows: page.height,
    };
    write_bands(&page, &[band], out)
}

/// [`write_svg`] with bands about `band_height` points tall, for tests that draw a small
/// map in several bands.
#[doc(hidden)]
pub fn svg_in_bands(
    map: &Map,
    geometry: &Geometry,
    settings: &LayoutSettings,
    band_height: u32,
) -> String {
    let page = Page::at_scale(map, geometry, settings, false, 1.0);
    let mut out = Vec::new();
    let _ = write_bands(
        &page,
        &bands::bands(geometry, page.height, band_height),
        &mut out,
    );
    String::from_utf8(out).unwrap_or_default()
}

fn write_bands(page: &Page<'_>, bands: &[Band], mut out: impl Write) -> std::io::Result<()> {
    let (width, height) = (page.width, page.height);
    let mut head = String::new();
    head.push_str(r#"<svg xmlns="http://www.w3.org/2000/svg" width=""#);
    elements::num(&mut head, f64::from(width));
    head.push_str(r#"" height=""#);
    elements::num(&mut head, f64::from(height));
    head.push_str(r#"" viewBox="0 0 "#);
    elements::num(&mut head, f64::from(width));
    head.push(' ');
    elements::num(&mut head, f64::from(height));
    head.push_str(r#"" font-family=""#);
    head.push_str(FONT_FAMILY);
    head.push_str("\">\n<title>");
    head.push_str(&xml_text(&page.map.title));
    head.push_str("</title>\n");
    // The PNG's strips are cleared to the background before they are painted.
    let mut background = Elements::new(0);
    background.rect(
        Rect::from_min_size(Pos2::ZERO, vec2(width as f32, height as f32)),
        0.0,
        page.theme().background,
        Stroke::NONE,
    );
    head.push_str(&background.out);
    out.write_all(head.as_bytes())?;

    let threads = THREADS.min(bands.len()).max(1);
    let next_band = AtomicUsize::new(0);
    // Buffers for bands drawn and not yet written: a band is only started with one, so
    // memory stays at a few bands.
    let (give_back, free) = channel::<Elements>();
    for _ in 0..threads + 2 {
        let _ = give_back.send(Elements::new(0));
    }
    let free = Mutex::new(free);
    // Stops every drawing thread: no band is left to take, and each waiting for a buffer
    // gets one, sees that and returns.
    let stop = |give_back: &std::sync::mpsc::Sender<Elements>| {
        next_band.store(bands.len(), Ordering::Relaxed);
        for _ in 0..threads {
            let _ = give_back.send(Elements::new(0));
        }
    };
    let (done, drawn) = channel::<(usize, Elements)>();
    let result = std::thread::scope(|scope| {
        for _ in 0..threads {
            let (free, next_band, done) = (&free, &next_band, done.clone());
            let (give_back, stop) = (give_back.clone(), &stop);
            scope.spawn(move || {
                let mut painter = PagePainter::new(system_fonts());
                let mut cards = Vec::new();
                loop {
                    let Ok(mut elements) = free
                        .lock()
                        .map_err(drop)
                        .and_then(|f| f.recv().map_err(drop))
                    else {
                        return;
                    };
                    let index = next_band.fetch_add(1, Ordering::Relaxed);
                    let Some(band) = bands.get(index) else {
                        return;
                    };
                    let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        draw_band(
                            &mut painter,
                            page,
                            (index, *band),
                            &mut cards,
                            &mut elements,
                        )
                    }));
                    if drawn.is_err() {
                        // A bug drawing this band: the others must not wait for it
                        // forever. The writer sees every thread gone and says so.
                        stop(&give_back);
                        return;
                    }
                    if done.send((index, elements)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(done);
        let mut waiting = BTreeMap::new();
        for next in 0..bands.len() {
            let elements = loop {
                if let Some(elements) = waiting.remove(&next) {
                    break elements;
                }
                let Ok((index, elements)) = drawn.recv() else {
                    return Err(std::io::Error::other("a drawing thread stopped"));
                };
                waiting.insert(index, elements);
            };
            let written = out.write_all(elements.out.as_bytes());
            let _ = give_back.send(elements);
            if let Err(err) = written {
                stop(&give_back);
                return Err(err);
            }
        }
        drop(give_back);
        Ok(())
    });
    result?;
    out.write_all(b"</svg>\n")?;
    out.flush()
}

/// Draws one band into `elements`: its shapes in view, clipped to the band (lines and
/// backgrounds run on into the next band, which draws its own part of them), each card's
/// in a group under its whole title.
fn draw_band(
    painter: &mut PagePainter,
    page: &Page<'_>,
    (index, band): (usize, Band),
    cards: &mut Vec<CardShapes>,
    elements: &mut Elements,
) {
    let shapes = painter.band_shapes(page, band.top, band.rows as usize, cards);
    elements.restart(band.top);
    let clip = Rect::from_min_size(Pos2::ZERO, vec2(page.width as f32, band.rows as f32));
    elements.push(&format!(r#"<clipPath id="b{index}">"#));
    elements.rect(clip, 0.0, egui::Color32::BLACK, Stroke::NONE);
    elements.push(&format!("</clipPath>\n<g clip-path=\"url(#b{index})\">\n"));
    let mut cards = cards
        .iter()
        .filter(|(_, range)| !range.is_empty())
        .peekable();
    // The card whose shapes these are, and whether its group was opened (not when all
    // its shapes are outside the band).
    let mut current: Option<(&CardShapes, bool)> = None;
    for (index, shape) in shapes.iter().enumerate() {
        if let Some(((_, range), opened)) = current
            && index >= range.end
        {
            if opened {
                elements.flush_lines();
                elements.push("</g>\n");
            }
            current = None;
        }
        if current.is_none()
            && let Some(card) = cards.next_if(|(_, range)| range.start <= index)
        {
            current = Some((card, false));
        }
        // Drawn for the band above or below (a card just above it, a label near it).
        if !shape.visual_bounding_rect().intersects(clip) {
            continue;
        }
        if let Some((card, opened)) = &mut current
            && !*opened
        {
            elements.flush_lines();
            open_card(elements, page.map, &card.0);
            *opened = true;
        }
        elements.shape(shape);
    }
    elements.flush_lines();
    if let Some((_, true)) = current {
        elements.push("</g>\n");
    }
    elements.push("</g>\n");
}

/// The system's fonts, found once for every SVG.
fn system_fonts() -> Arc<dyn egui::epaint::text::FontProvider> {
    static FONTS: OnceLock<Arc<dyn egui::epaint::text::FontProvider>> = OnceLock::new();
    FONTS
        .get_or_init(|| Arc::new(egui_system_font_provider::SystemFontProvider::new()))
        .clone()
}

/// Starts a card's group, titled with its whole text; an event's annotations go in as
/// descriptions, searchable though drawn as badges only.
fn open_card(elements: &mut Elements, map: &Map, card: &CardId) {
    match card {
        CardId::Event(id) => {
            let Some(event) = map.event(id) else {
                elements.push("<g>\n");
                return;
            };
            elements.push("<g><title>");
            push_xml_text(&mut elements.out, &event.title);
            elements.push("</title>\n");
            for annotation in &event.annotations {
                elements.push("<desc>");
                elements.push(&xml_text(annotation.kind.label()));
                elements.push(": ");
                elements.push(&xml_text(&annotation.text));
                elements.push("</desc>\n");
            }
        }
        CardId::Branch(id) => {
            let label = map.branch(id).map_or("", |b| b.label.as_str());
            elements.push("<g><title>Path not taken: ");
            elements.push(&xml_text(label));
            elements.push("</title>\n");
        }
    }
}
