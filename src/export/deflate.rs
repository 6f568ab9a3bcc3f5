//! DEFLATE for the PNG export's image data, by zlib-rs (the Rust port of zlib-ng that
//! flate2 also uses), one strip at a time on the threads that paint them, as pigz does:
//! each strip is compressed on its own as raw deflate ended by a sync flush (non-final
//! blocks and an empty stored block, so it ends byte-aligned), and the strips, in order,
//! make one deflate stream; `Zlib` puts the zlib header before them, and after them an
//! empty final block and the Adler-32 of all the data, combined from each strip's.
//! Within a strip the coder also starts afresh every `SEGMENT` bytes, the same way, so
//! zlib never slides its window (see `SEGMENT`).
//!
//! Level 1 (zlib-ng's "quick" strategy: fixed codes, one hash probe). Filtered map rows
//! are almost all zeros, which it codes as long matches. Measured end to end
//! (`waterline export --png`, release build, 2 cores shared with other builds,
//! interleaved runs, 2 December 2026) against the hand-made fixed-code run coder it
//! replaced, at N = 200 / 1,000 / 5,000: CPU time 0.85-0.92x / 0.96-1.02x / 0.87-0.97x
//! of it over three sessions, files a third smaller. zlib-rs at levels 2-4 or with the
//! RLE strategy, and miniz_oxide at level 1, were 4-31% slower (BENCHMARKS.md).

use std::io;
use zlib_rs::{Deflate, DeflateConfig, DeflateFlush, Strategy};

/// Room made for compressed bytes at a time (zeroed first: the coder writes into a slice).
/// Map rows compress about 40 to 1, so a segment (below) mostly fits in one step.
const OUTPUT_STEP: usize = 1 << 12;

/// The coder starts afresh after this many bytes of data (ending the piece so far on a
/// sync flush, as it ends a strip). zlib reads into a 64 KiB buffer holding its 32 KiB
/// window and what comes next and, each time it moves them on by 32 KiB, rewrites its
/// hash and chain tables (192 KiB): on a map's mostly-zero rows that cost more than
/// finding the matches. Starting afresh clears only the heads (128 KiB), once per
/// segment, which fits the buffer whole so nothing ever moves.
const SEGMENT: usize = 64_000;
// zlib-rs moves the window once it reaches 2 x 32 KiB less its 262-byte lookahead.
const _: () = assert!(SEGMENT <= 2 * 32 * 1024 - 262);

/// Compresses strips into pieces of one deflate stream, keeping its state between them
/// (one per painting thread: making one allocates a few hundred kilobytes). A strip's
/// data comes in pieces (a few rows at a time, while they are in cache): `start`, `push`
/// each piece, `finish`.
pub struct StripCoder {
    deflate: Deflate,
    adler: u32,
    len: usize,
    /// Bytes given to the coder since it last started afresh.
    in_segment: usize,
}

impl Default for StripCoder {
    fn default() -> Self {
        Self::new()
    }
}

impl StripCoder {
    pub fn new() -> Self {
        StripCoder {
            deflate: Deflate::new_with_config(DeflateConfig {
                level: 1,
                // Raw deflate: the zlib wrapper is written once for all strips.
                window_bits: -15,
                strategy: Strategy::Default,
                ..DeflateConfig::default()
            }),
            adler: 1,
            len: 0,
            in_segment: 0,
        }
    }

    /// Starts a strip: a new stream, nothing in it refers back into the strip before
    /// (another thread's).
    pub fn start(&mut self) {
        self.deflate.reset();
        self.adler = 1;
        self.len = 0;
        self.in_segment = 0;
    }

    /// Compresses the strip's next piece of data, appending what comes out to `out`.
    pub fn push(&mut self, data: &[u8], out: &mut Vec<u8>) -> io::Result<()> {
        self.adler = zlib_rs::adler32::adler32(self.adler, data);
        self.len += data.len();
        let mut data = data;
        while !data.is_empty() {
            if self.in_segment == SEGMENT {
                self.deflate_into(&[], out, DeflateFlush::SyncFlush)?;
                self.deflate.reset();
                self.in_segment = 0;
            }
            let (now, rest) = data.split_at(data.len().min(SEGMENT - self.in_segment));
            self.deflate_into(now, out, DeflateFlush::NoFlush)?;
            self.in_segment += now.len();
            data = rest;
        }
        Ok(())
    }

    /// Ends the strip byte-aligned on a non-final block, appending the rest to `out`.
    /// Returns the Adler-32 and length of its data, for `Zlib::add`.
    pub fn finish(&mut self, out: &mut Vec<u8>) -> io::Result<(u32, usize)> {
        self.deflate_into(&[], out, DeflateFlush::SyncFlush)?;
        Ok((self.adler, self.len))
    }

    fn deflate_into(
        &mut self,
        mut input: &[u8],
        out: &mut Vec<u8>,
        flush: DeflateFlush,
    ) -> io::Result<()> {
        loop {
            let start = out.len();
            out.resize(start + OUTPUT_STEP, 0);
            let (read, written) = (self.deflate.total_in(), self.deflate.total_out());
            let result = self.deflate.compress(input, &mut out[start..], flush);
            let read = (self.deflate.total_in() - read) as usize;
            let written = (self.deflate.total_out() - written) as usize;
            out.truncate(start + written);
            result.map_err(|err| io::Error::other(format!("deflate: {}", err.as_str())))?;
            input = &input[read..];
            // Done when all was read and there was room to spare (a flush may have had
            // more to write).
            if input.is_empty() && written < OUTPUT_STEP {
                return Ok(());
            }
        }
    }
}

/// A zlib stream (RFC 1950) put together from strips compressed separately.
pub struct Zlib {
    adler: u32,
}

impl Zlib {
    /// The stream's first bytes: deflate, 32 KiB window, fastest compression.
    pub const HEADER: [u8; 2] = [0x78, 0x01];

    pub fn new() -> Self {
        Zlib { adler: 1 }
    }

    /// Notes the next strip's uncompressed data, by its checksum and length.
    pub fn add(&mut self, adler: u32, len: usize) {
        self.adler = zlib_rs::adler32::adler32_combine(self.adler, adler, len as u64);
    }

    /// The stream's last bytes: an empty final block and the checksum of all the data.
    pub fn end(&self) -> [u8; 6] {
        let [a, b, c, d] = self.adler.to_be_bytes();
        [0x03, 0x00, a, b, c, d]
    }
}

impl Default for Zlib {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Compresses `strips` separately, each with a coder that compressed other data
    /// before, into one zlib stream.
    fn zlib_of(strips: &[&[u8]]) -> Vec<u8> {
        zlib_of_pieces(strips, usize::MAX)
    }

    /// The same, each strip given in pieces of `piece` bytes.
    fn zlib_of_pieces(strips: &[&[u8]], piece: usize) -> Vec<u8> {
        let mut stream = Zlib::HEADER.to_vec();
        let mut zlib = Zlib::new();
        let mut coder = StripCoder::new();
        for strip in strips {
            coder.start();
            for piece in strip.chunks(piece) {
                coder.push(piece, &mut stream).expect("compresses");
            }
            let (adler, len) = coder.finish(&mut stream).expect("compresses");
            zlib.add(adler, len);
        }
        stream.extend_from_slice(&zlib.end());
        stream
    }

    fn inflate(stream: &[u8]) -> Vec<u8> {
        miniz_oxide::inflate::decompress_to_vec_zlib(stream).expect("a valid zlib stream")
    }

    #[test]
    fn strips_compressed_apart_inflate_to_the_data_joined() {
        // Runs of every length a match can take (and one more), other repeated bytes,
        // single bytes of every value, and an empty strip.
        let mut data = Vec::new();
        for length in 0..300 {
            data.extend(std::iter::repeat_n(0u8, length));
            data.push((length % 255 + 1) as u8);
            data.extend(std::iter::repeat_n(7u8, length % 13));
        }
        data.extend(0..=255u8);
        let strips: Vec<&[u8]> = data.chunks(997).chain([&[][..]]).collect();
        assert_eq!(inflate(&zlib_of(&strips)), data);
        assert_eq!(
            inflate(&zlib_of_pieces(&strips, 100)),
            data,
            "given in pieces"
        );
    }

    #[test]
    fn a_strip_that_does_not_compress_comes_out_whole() {
        // More than one output step of bytes that do not repeat: the coder goes round
        // for more room, and the strip after it still joins.
        let mut state = 1u32;
        let noise: Vec<u8> = (0..3 * OUTPUT_STEP)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                state as u8
            })
            .collect();
        let zeros = vec![0u8; 1000];
        let stream = zlib_of(&[&noise, &zeros, &noise]);
        assert_eq!(inflate(&stream), [&noise[..], &zeros, &noise].concat());
    }

    #[test]
    fn strips_longer_than_a_segment_inflate_whole() {
        // Several segments per strip, given in pieces that straddle their ends, and data
        // that repeats across them (matches must not reach back past a fresh start).
        let mut state = 7u32;
        let data: Vec<u8> = (0..(7 * SEGMENT / 2))
            .map(|i| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                if (i / 5000) % 3 == 0 {
                    state as u8
                } else {
                    (i % 251) as u8
                }
            })
            .collect();
        let strips: Vec<&[u8]> = data.chunks(2 * SEGMENT + 123).collect();
        assert_eq!(inflate(&zlib_of(&strips)), data);
        assert_eq!(inflate(&zlib_of_pieces(&strips, 10_007)), data);
        assert_eq!(inflate(&zlib_of_pieces(&[&data], SEGMENT)), data);
    }

    #[test]
    fn runs_are_cheap() {
        let zeros = vec![0u8; 1 << 20];
        let stream = zlib_of(&[&zeros]);
        assert_eq!(inflate(&stream), zeros);
        // Filtered map rows are mostly zeros: they must cost next to nothing.
        assert!(
            stream.len() < zeros.len() / 64,
            "{} bytes for a megabyte of zeros",
            stream.len()
        );
    }

    #[test]
    fn checksums_join_as_the_data_does() {
        let data: Vec<u8> = (0..100_000u32).map(|i| ((i * 7919) >> 3) as u8).collect();
        let mut zlib = Zlib::new();
        let mut coder = StripCoder::new();
        for strip in data.chunks(31_337) {
            coder.start();
            for piece in strip.chunks(1000) {
                coder.push(piece, &mut Vec::new()).expect("compresses");
            }
            let (adler, len) = coder.finish(&mut Vec::new()).expect("compresses");
            zlib.add(adler, len);
        }
        // Adler-32 as RFC 1950 defines it.
        let (a, b) = data.iter().fold((1u32, 0u32), |(a, b), &byte| {
            let a = (a + u32::from(byte)) % 65521;
            (a, (b + a) % 65521)
        });
        assert_eq!(zlib.end()[2..], ((b << 16) | a).to_be_bytes());
    }
}
