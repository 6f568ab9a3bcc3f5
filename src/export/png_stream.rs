//! Writing a PNG row by row as fast as the rows come: the png crate writes the chunks, and
//! the image data is filtered here and compressed with fdeflate (the png crate's own fast
//! deflate). Filtering here rather than in png's stream writer saves two copies of every
//! row and lets a row that repeats the row above skip the arithmetic. The image is RGBA
//! although the page is opaque: "up" filtering four-byte pixels is a plain byte
//! subtraction the compiler vectorizes, where packing three-byte pixels costs more than
//! fdeflate spends on the extra (always zero) alpha bytes.

use std::io::Write;

/// The PNG "up" filter: each byte minus the byte above. A map is mostly vertical
/// structure, so this turns most bytes into zeros, which fdeflate codes as runs.
const FILTER_UP: u8 = 2;

/// Compressed data is written in IDAT chunks of about this size.
const CHUNK_BYTES: usize = 1 << 18;

/// An 8-bit RGBA PNG being written row by row.
pub struct PngStream<W: Write> {
    compressor: fdeflate::Compressor<IdatChunks<W>>,
    width: usize,
    rows_left: u32,
    /// The row above, RGBA (zeros above the first row, as PNG filters assume).
    above: Vec<[u8; 4]>,
    filtered: Vec<u8>,
    repeated: Vec<u8>,
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
        let width = width as usize;
        let row_bytes = 1 + 4 * width;
        let mut repeated = vec![0; row_bytes];
        repeated[0] = FILTER_UP;
        Ok(PngStream {
            compressor,
            width,
            rows_left: height,
            above: vec![[0; 4]; width],
            filtered: vec![0; row_bytes],
            repeated,
        })
    }

    /// Adds rows of RGBA pixels.
    pub fn write_rows(&mut self, pixels: &[[u8; 4]]) -> std::io::Result<()> {
        let width = self.width.max(1);
        if pixels.len() / width > self.rows_left as usize {
            return Err(std::io::Error::other("more rows than the image has"));
        }
        let mut above: &[[u8; 4]] = &self.above;
        for row in pixels.chunks_exact(width) {
            self.rows_left -= 1;
            if row == above {
                self.compressor.write_data(&self.repeated)?;
                continue;
            }
            self.filtered[0] = FILTER_UP;
            let row_bytes: &[u8] = bytemuck::cast_slice(row);
            let above_bytes: &[u8] = bytemuck::cast_slice(above);
            for ((out, byte), above) in self.filtered[1..]
                .iter_mut()
                .zip(row_bytes)
                .zip(above_bytes)
            {
                *out = byte.wrapping_sub(*above);
            }
            self.compressor.write_data(&self.filtered)?;
            above = row;
        }
        // The next rows come in another buffer: keep the last row for them.
        if let Some(last) = pixels.chunks_exact(width).next_back() {
            self.above.copy_from_slice(last);
        }
        Ok(())
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
            stream.write_rows(strip).unwrap();
        }
        stream.finish().unwrap();
        let decoded = image::load_from_memory(&bytes).unwrap().to_rgba8();
        assert_eq!(decoded.dimensions(), (width, height));
        let expected: Vec<u8> = pixels.iter().flatten().copied().collect();
        assert_eq!(decoded.as_raw(), &expected);
    }

    #[test]
    fn too_few_or_too_many_rows_are_an_error() {
        let mut stream = PngStream::new(Vec::new(), 4, 2).unwrap();
        stream.write_rows(&[[1, 2, 3, 255]; 4]).unwrap();
        assert!(stream.finish().is_err());
        let mut stream = PngStream::new(Vec::new(), 4, 1).unwrap();
        assert!(stream.write_rows(&[[1, 2, 3, 255]; 8]).is_err());
    }
}
