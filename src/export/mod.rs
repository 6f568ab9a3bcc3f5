//! Getting the map out for the writeup: PNG (through the same drawing code as the
//! canvas), and text forms for reports and wikis (SVG, Markdown, Mermaid, PlantUML).

mod contacts;
mod deflate;
mod escape;
mod markdown;
mod page;
mod png;
pub mod png_size;
mod png_stream;
mod questions;
mod raster;
mod sequence;
mod svg;
mod themes;

pub use markdown::{markdown, markdown_with};
pub use png::{MAX_PIXELS, MAX_STREAMED_PIXELS, PngOptions, Rasterizer, SCALES};
pub use sequence::{mermaid, plantuml};
pub use svg::{svg, svg_in_bands, write_iceberg_svg, write_svg};

use crate::layout::{LayoutSettings, layout};
use crate::model::Map;
use std::path::Path;

/// Why an export could not be made. Nothing is written when this is returned.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(
        "the image would be {width}x{height} pixels, over the limit of {} million; export at a smaller scale (--scale on the command line)",
        limit / 1_000_000
    )]
    TooLarge { width: u32, height: u32, limit: u64 },
    #[error("the image came out blank; nothing was written")]
    Blank,
    #[error("{0}")]
    Options(String),
    #[error("could not encode the PNG: {0}")]
    Encode(String),
    /// Writing the image failed; `write_png` says to which file.
    #[error("could not write the image: {0}")]
    Io(#[source] std::io::Error),
    /// Callers say which file; the words say what happened and what to do.
    #[error("could not write the file ({source}): {}", write_advice(source))]
    Write {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
}

/// What to do about a file that could not be written.
fn write_advice(err: &std::io::Error) -> &'static str {
    use crate::io::WriteFailure;
    match WriteFailure::of(err) {
        WriteFailure::Unwritable => "the folder cannot be written to; export to another folder",
        WriteFailure::Full => "the disk is full; free some space or export to another disk",
        WriteFailure::NoFolder => "the folder does not exist; export to another folder",
        WriteFailure::Other => "try again, or export to another folder",
    }
}

/// Draws the whole map to a PNG file, atomically: streamed to a temporary file beside
/// the target, which replaces it only when the image is complete and not blank.
pub fn write_png(
    rasterizer: &mut Rasterizer,
    map: &Map,
    settings: &LayoutSettings,
    options: &PngOptions,
    path: &Path,
) -> Result<(u32, u32), ExportError> {
    let geometry = layout(map, settings);
    write_laid_out_png(rasterizer, map, &geometry, settings, options, path)
}

fn write_laid_out_png(
    rasterizer: &mut Rasterizer,
    map: &Map,
    geometry: &crate::layout::Geometry,
    settings: &LayoutSettings,
    options: &PngOptions,
    path: &Path,
) -> Result<(u32, u32), ExportError> {
    stream_to_file(path, |out| {
        rasterizer.stream_png(map, geometry, settings, options, out)
    })
}

/// [`write_png`] sized for a document, as File > Export PNG is by default
/// ([`png_size::png_scale`]): 2 pixels per point, shrunk to at most 3,200 pixels wide and
/// 16,384 tall. Returns the size in pixels.
pub fn write_document_png(
    rasterizer: &mut Rasterizer,
    map: &Map,
    settings: &LayoutSettings,
    dark: bool,
    path: &Path,
) -> Result<(u32, u32), ExportError> {
    let geometry = layout(map, settings);
    let page = crate::render::page_size(&geometry);
    let options = PngOptions {
        scale: png_size::png_scale(false, 1.0, page),
        dark,
    };
    write_laid_out_png(rasterizer, map, &geometry, settings, &options, path)
}

/// Draws the map's iceberg (its themes above and below the waterline) to a file: a PNG,
/// or an SVG when `svg` (in light or dark as `options.dark` says), atomically.
pub fn write_iceberg(
    rasterizer: &mut Rasterizer,
    map: &Map,
    options: &PngOptions,
    svg: bool,
    path: &Path,
) -> Result<(), ExportError> {
    let berg = crate::layout::iceberg::iceberg(map);
    if svg {
        return stream_to_file(path, |out| {
            write_iceberg_svg(map, &berg, options.dark, out).map_err(ExportError::Io)
        });
    }
    stream_to_file(path, |out| {
        rasterizer.stream_iceberg_png(map, &berg, options, out)
    })
    .map(drop)
}

/// Streams an export into `path` atomically (a temporary file beside it, renamed once
/// complete); an I/O failure is told with the file's name and what to do.
fn stream_to_file<T>(
    path: &Path,
    write: impl FnOnce(&mut dyn std::io::Write) -> Result<T, ExportError>,
) -> Result<T, ExportError> {
    let write_error = |source| ExportError::Write {
        path: path.to_owned(),
        source,
    };
    crate::io::write_atomically_with(
        path,
        |out| {
            write(out).map_err(|err| match err {
                ExportError::Io(source) => write_error(source),
                other => other,
            })
        },
        write_error,
    )
}

/// The text exports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextFormat {
    Svg { dark: bool },
    Markdown,
    Mermaid,
    PlantUml,
}

/// Writes a text export of the map, atomically. The SVG is streamed to the file band by
/// band, never held whole.
pub fn write_text(
    map: &Map,
    settings: &LayoutSettings,
    format: TextFormat,
    path: &Path,
) -> Result<(), ExportError> {
    let TextFormat::Svg { dark } = format else {
        return write_file(path, text(map, settings, format).as_bytes());
    };
    let geometry = layout(map, settings);
    stream_to_file(path, |out| {
        write_svg(map, &geometry, settings, dark, out).map_err(ExportError::Io)
    })
}

/// Writes a text export of the map to `out` (standard output); the SVG is streamed.
pub fn write_text_to(
    map: &Map,
    settings: &LayoutSettings,
    format: TextFormat,
    mut out: impl std::io::Write,
) -> std::io::Result<()> {
    match format {
        TextFormat::Svg { dark } => write_svg(map, &layout(map, settings), settings, dark, out),
        other => {
            out.write_all(text(map, settings, other).as_bytes())?;
            out.flush()
        }
    }
}

/// A text export of the map.
pub fn text(map: &Map, settings: &LayoutSettings, format: TextFormat) -> String {
    if format == TextFormat::Markdown {
        // The lens reads every text of the map (a second of work at 200,000 events):
        // on another core, while this one lays the map out and writes the questions to
        // prepare.
        return std::thread::scope(|scope| {
            let lens = scope.spawn(|| crate::lens::scan_map(map));
            let geometry = layout(map, settings);
            let questions = questions::questions_to_prepare_md(map, &geometry);
            let findings = lens
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            markdown::markdown_of_parts(map, &geometry, &findings, &questions)
        });
    }
    let geometry = layout(map, settings);
    match format {
        TextFormat::Svg { dark } => svg(map, &geometry, settings, dark),
        TextFormat::Markdown => markdown(map, &geometry),
        TextFormat::Mermaid => mermaid(map, &geometry),
        TextFormat::PlantUml => plantuml(map, &geometry),
    }
}

pub(crate) fn write_file(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    crate::io::write_atomically(path, bytes).map_err(|source| ExportError::Write {
        path: path.to_owned(),
        source,
    })
}
