//! Writing a PNG as fast as strips come: each strip's rows are filtered (`filter_row`)
//! and compressed (`deflate`) on the thread that painted them, while they are in cache,
//! each strip on its own (its first row does not refer to the strip above); `PngStream`
//! joins them in order into the image data, and the png crate writes the chunks. The
//! image is RGB: the page is opaque, and a quarter fewer bytes is a quarter less to
//! filter, compress and write.

use super::deflate::{StripCoder, Zlib};
use std::io::Write;

/// The PNG "up" filter: each byte minus the byte above. A map is mostly vertical
/// structure, so this turns most bytes into zeros, which deflate codes as long matches.
const FILTER_UP: u8 = 2;

/// Compressed data is written in IDAT chunks of about this size.
const CHUNK_BYTES: usize = 1 << 18;

/// The PNG "sub" filter: each byte minus the byte of the pixel to its left. Used for a
/// strip's first row, whose row above is in another strip (maybe not painted yet).
const FILTER_SUB: u8 = 1;

/// Rows are filtered and compressed about this many filtered bytes at a time: few
/// enough to stay in cache from one to the other.
const GROUP_BYTES: usize = 1 << 17;

/// Pixels compared at a time: a row mostly repeats the row above, in long stretches.
const BLOCK: usize = 8;

/// Writes `row` into `out` (`1 + 3 * row.len()` bytes) as PNG image data, RGB (the page
/// is opaque): "up"-filtered against the row above, or "sub"-filtered when there is none
/// in this strip. Every byte is written once (zeros where the row repeats the one above,
/// most of it), so `out` needs no clearing before.
fn filter_row(row: &[[u8; 4]], above: Option<&[[u8; 4]]>, out: &mut [u8]) {
    let (kind, filtered) = out.split_at_mut(1);
    kind[0] = if above.is_some() {
        FILTER_UP
    } else {
        FILTER_SUB
    };
    let Some(above) = above else {
        let mut left = [0; 4];
        for (out, pixel) in filtered.chunks_exact_mut(3).zip(row) {
            put_difference(out, pixel, &left);
            left = *pixel;
        }
        return;
    };
    // A row that repeats the one above whole (a fifth of a map's rows): one comparison
    // and zeros, not block by block.
    if row == above {
        filtered.fill(0);
        return;
    }
    // Whole blocks first (compared as arrays, which compiles to a few wide compares),
    // then the pixels left over at the row's end.
    let (blocks, rest) = row.as_chunks::<BLOCK>();
    let (above_blocks, above_rest) = above.as_chunks::<BLOCK>();
    let (out_blocks, out_rest) = filtered.as_chunks_mut::<{ 3 * BLOCK }>();
    for ((out, pixels), above) in out_blocks.iter_mut().zip(blocks).zip(above_blocks) {
        if pixels == above {
            out.fill(0);
        } else {
            for ((out, pixel), above) in out.chunks_exact_mut(3).zip(pixels).zip(above) {
                put_difference(out, pixel, above);
            }
        }
    }
    for ((out, pixel), above) in out_rest.chunks_exact_mut(3).zip(rest).zip(above_rest) {
        put_difference(out, pixel, above);
    }
}

/// Writes a pixel's red, green and blue minus those of `reference`.
#[inline(always)]
fn put_difference(out: &mut [u8], pixel: &[u8; 4], reference: &[u8; 4]) {
    for channel in 0..3 {
        out[channel] = pixel[channel].wrapping_sub(reference[channel]);
    }
}

/// A strip of the image ready for the file: its filtered rows compressed as a piece of
/// the image data's deflate stream, with what the stream's checksum needs of them.
pub struct CompressedRows {
    pub rows: usize,
    pub compressed: Vec<u8>,
    pub adler: u32,
    pub filtered_len: usize,
}

/// Filters and compresses strips, keeping its buffers and the coder's state between
/// them: one per painting thread.
#[derive(Default)]
pub struct StripEncoder {
    filtered: Vec<u8>,
    coder: StripCoder,
}

impl StripEncoder {
    /// Filters and compresses rows of pixels (`width` each) into `compressed` (a buffer
    /// to reuse), as a strip on its own: its first row does not refer to the strip above.
    pub fn encode(
        &mut self,
        pixels: &[[u8; 4]],
        width: usize,
        mut compressed: Vec<u8>,
    ) -> std::io::Result<CompressedRows> {
        let width = width.max(1);
        compressed.clear();
        self.coder.start();
        // A few rows at a time, filtered and compressed while they are in cache.
        let group = (GROUP_BYTES / (3 * width)).max(1);
        let row_bytes = 1 + 3 * width;
        // Grown once, then overwritten: filter_row writes every byte.
        if self.filtered.len() < group * row_bytes {
            self.filtered.resize(group * row_bytes, 0);
        }
        let mut above = None;
        for rows in pixels.chunks(group * width) {
            let count = rows.len() / width;
            let filtered = &mut self.filtered[..count * row_bytes];
            for (row, out) in rows
                .chunks_exact(width)
                .zip(filtered.chunks_exact_mut(row_bytes))
            {
                filter_row(row, above, out);
                above = Some(row);
            }
            self.coder.push(filtered, &mut compressed)?;
        }
        let (adler, filtered_len) = self.coder.finish(&mut compressed)?;
        Ok(CompressedRows {
            rows: pixels.len() / width,
            compressed,
            adler,
            filtered_len,
        })
    }
}

/// An 8-bit RGB PNG being written from compressed strips.
pub struct PngStream<W: Write> {
    chunks: IdatChunks<W>,
    zlib: Zlib,
    rows_left: usize,
}

impl<W: Write> PngStream<W> {
    pub fn new(out: W, width: u32, height: u32) -> Result<Self, png::EncodingError> {
        let mut encoder = png::Encoder::new(out, width, height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let writer = encoder.write_header()?;
        let mut chunks = IdatChunks {
            writer,
            buffer: Vec::with_capacity(CHUNK_BYTES + (1 << 16)),
        };
        chunks.write_all(&Zlib::HEADER)?;
        Ok(PngStream {
            chunks,
            zlib: Zlib::new(),
            rows_left: height as usize,
        })
    }

    /// Adds the next strip down.
    pub fn write(&mut self, strip: &CompressedRows) -> std::io::Result<()> {
        if strip.rows > self.rows_left {
            return Err(std::io::Error::other("more rows than the image has"));
        }
        self.rows_left -= strip.rows;
        self.zlib.add(strip.adler, strip.filtered_len);
        self.chunks.write_all(&strip.compressed)
    }

    /// Ends the image data and the file.
    pub fn finish(mut self) -> Result<(), png::EncodingError> {
        if self.rows_left > 0 {
            return Err(png::EncodingError::IoError(std::io::Error::other(
                "the image ended early",
            )));
        }
        self.chunks.write_all(&self.zlib.end())?;
        self.chunks.flush_chunk()?;
        self.chunks.writer.finish()
    }
}

/// Collects compressed bytes into IDAT chunks.
struct IdatChunks<W: Write> {
    writer: png::Writer<W>,
    buffer: Vec<u8>,
}

impl<W: Write> IdatChunks<W> {
    fn flush_chunk(&mut self) -> Result<(), png::EncodingError> {
        if !self.buffer.is_empty() {
            self.writer.write_chunk(png::chunk::IDAT, &self.buffer)?;
            self.buffer.clear();
        }
        Ok(())
    }
}

impl<W: Write> Write for IdatChunks<W> {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(data);
        if self.buffer.len() >= CHUNK_BYTES {
            self.flush_chunk().map_err(|err| match err {
                // Keep the system's error (a full disk) for the words shown.
                png::EncodingError::IoError(err) => err,
                other => std::io::Error::other(other),
            })?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_come_back_as_they_went_in() {
        let (width, height) = (37u32, 70u32);
        let pixels: Vec<[u8; 4]> = (0..width * height)
            .map(|i| {
                // Runs of repeated rows with changes between them, as a map has.
                let (x, y) = (i % width, (i / width) / 9);
                [(x * 7 + y) as u8, (y * 31) as u8, (x ^ y) as u8, 255]
            })
            .collect();
        let mut bytes = Vec::new();
        let mut stream = PngStream::new(&mut bytes, width, height).unwrap();
        let mut encoder = StripEncoder::default();
        for strip in pixels.chunks(width as usize * 16) {
            let strip = encoder.encode(strip, width as usize, Vec::new()).unwrap();
            stream.write(&strip).unwrap();
        }
        stream.finish().unwrap();
        let decoded = image::load_from_memory(&bytes).unwrap().to_rgba8();
        assert_eq!(decoded.dimensions(), (width, height));
        let expected: Vec<u8> = pixels.iter().flatten().copied().collect();
        assert_eq!(decoded.as_raw(), &expected);
    }

    #[test]
    fn too_few_or_too_many_rows_are_an_error() {
        let rows = |count: usize| {
            StripEncoder::default()
                .encode(&vec![[1, 2, 3, 255]; 4 * count], 4, Vec::new())
                .unwrap()
        };
        let mut stream = PngStream::new(Vec::new(), 4, 2).unwrap();
        stream.write(&rows(1)).unwrap();
        assert!(stream.finish().is_err());
        let mut stream = PngStream::new(Vec::new(), 4, 1).unwrap();
        assert!(stream.write(&rows(2)).is_err());
    }
}
