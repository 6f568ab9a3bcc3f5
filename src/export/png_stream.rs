//! Writing a PNG as fast as rows come: the png crate writes the chunks, fdeflate (the png
//! crate's own fast deflate) compresses, and strips of rows are filtered beforehand by
//! `filter_rows`, on the threads that painted them while they are still in cache, each
//! strip on its own (its first row does not refer to the strip above). The
//! image is RGBA although the page is opaque: "up" filtering four-byte pixels is a plain
//! byte subtraction the compiler vectorizes, where packing three-byte pixels costs more
//! than fdeflate spends on the extra (always zero) alpha bytes.

use std::io::Write;

/// The PNG "up" filter: each byte minus the byte above. A map is mostly vertical
/// structure, so this turns most bytes into zeros, which fdeflate codes as runs.
const FILTER_UP: u8 = 2;

/// Compressed data is written in IDAT chunks of about this size.
const CHUNK_BYTES: usize = 1 << 18;

/// The PNG "sub" filter: each byte minus the byte of the pixel to its left. Used for a
/// strip's first row, whose row above is in another strip (maybe not painted yet).
const FILTER_SUB: u8 = 1;

/// Appends the rows of `pixels` (`width` pixels each) to `out` as PNG image data: the
/// first row "sub"-filtered, so that it does not depend on the rows before, the others
/// "up"-filtered against the row before them.
pub fn filter_rows(pixels: &[[u8; 4]], width: usize, out: &mut Vec<u8>) {
    let mut rows = pixels.chunks_exact(width.max(1));
    let Some(first) = rows.next() else {
        return;
    };
    out.push(FILTER_SUB);
    let bytes: &[u8] = bytemuck::cast_slice(first);
    out.extend_from_slice(&bytes[..4]);
    out.extend(
        bytes[4..]
            .iter()
            .zip(bytes)
            .map(|(byte, left)| byte.wrapping_sub(*left)),
    );
    let mut above = first;
    for row in rows {
        out.push(FILTER_UP);
        if row == above {
            out.resize(out.len() + 4 * row.len(), 0);
        } else {
            let row_bytes: &[u8] = bytemuck::cast_slice(row);
            let above_bytes: &[u8] = bytemuck::cast_slice(above);
            out.extend(
                row_bytes
                    .iter()
                    .zip(above_bytes)
                    .map(|(byte, above)| byte.wrapping_sub(*above)),
            );
        }
        above = row;
    }
}

/// An 8-bit RGBA PNG being written from filtered rows.
pub struct PngStream<W: Write> {
    compressor: fdeflate::Compressor<IdatChunks<W>>,
    row_bytes: usize,
    rows_left: usize,
}

impl<W: Write> PngStream<W> {
    pub fn new(out: W, width: u32, height: u32) -> Result<Self, png::EncodingError> {
        let mut encoder = png::Encoder::new(out, width, height);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let writer = encoder.write_header()?;
        let compressor = fdeflate::Compressor::new(IdatChunks {
            writer,
            buffer: Vec::with_capacity(CHUNK_BYTES + 64),
        })?;
        Ok(PngStream {
            compressor,
            row_bytes: 1 + 4 * width as usize,
            rows_left: height as usize,
        })
    }

    /// Adds whole rows made by `filter_rows`, the next ones down.
    pub fn write_filtered(&mut self, data: &[u8]) -> std::io::Result<()> {
        let rows = data.len() / self.row_bytes;
        if !data.len().is_multiple_of(self.row_bytes) || rows > self.rows_left {
            return Err(std::io::Error::other("rows that do not fit the image"));
        }
        self.rows_left -= rows;
        self.compressor.write_data(data)
    }

    /// Ends the image data and the file.
    pub fn finish(self) -> Result<(), png::EncodingError> {
        if self.rows_left > 0 {
            return Err(png::EncodingError::IoError(std::io::Error::other(
                "the image ended early",
            )));
        }
        let mut chunks = self.compressor.finish()?;
        chunks.flush_chunk()?;
        chunks.writer.finish()
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
            self.flush_chunk().map_err(std::io::Error::other)?;
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
        for strip in pixels.chunks(width as usize * 16) {
            let mut filtered = Vec::new();
            filter_rows(strip, width as usize, &mut filtered);
            stream.write_filtered(&filtered).unwrap();
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
            let mut data = Vec::new();
            filter_rows(&vec![[1, 2, 3, 255]; 4 * count], 4, &mut data);
            data
        };
        let mut stream = PngStream::new(Vec::new(), 4, 2).unwrap();
        stream.write_filtered(&rows(1)).unwrap();
        assert!(stream.finish().is_err());
        let mut stream = PngStream::new(Vec::new(), 4, 1).unwrap();
        assert!(stream.write_filtered(&rows(2)).is_err());
    }
}
