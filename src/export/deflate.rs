//! DEFLATE (RFC 1951) for filtered PNG rows, one strip at a time on the threads that paint
//! them. Filtered map rows are almost all zeros (about 95% of 8-byte words at N = 200), so
//! this coder does one thing fast: a run of one byte value becomes a literal and matches at
//! distance 1, found by skipping zeros a word at a time; other bytes are literals. It uses
//! the format's fixed codes, so there is no table to build or send. Each strip is a
//! non-final block closed byte-aligned (an empty stored block, as zlib's sync flush does),
//! so strips compressed separately join, in order, into one stream; `Zlib` wraps them.
//!
//! A general-purpose deflate (fdeflate, zlib-rs) compresses one stream on one thread, and
//! the PNG writer waited on it: this coder lets every core compress its own strips.

/// The largest run a single match can repeat.
const MAX_MATCH: usize = 258;

/// A code to write: its bits, first bit lowest, and how many there are.
#[derive(Clone, Copy)]
struct Code {
    bits: u32,
    len: u32,
}

/// Reverses the lowest `len` bits: Huffman codes are sent from their top bit.
const fn reversed(code: u32, len: u32) -> u32 {
    code.reverse_bits() >> (32 - len)
}

/// The fixed literal/length code of symbol `symbol` (RFC 1951, 3.2.6).
const fn fixed_code(symbol: u32) -> Code {
    let (base, first, len) = match symbol {
        0..=143 => (0x30, 0, 8),
        144..=255 => (0x190, 144, 9),
        256..=279 => (0, 256, 7),
        _ => (0xC0, 280, 8),
    };
    Code {
        bits: reversed(base + symbol - first, len),
        len,
    }
}

/// Literals.
const LITERALS: [Code; 256] = {
    let mut codes = [Code { bits: 0, len: 0 }; 256];
    let mut i = 0;
    while i < 256 {
        codes[i] = fixed_code(i as u32);
        i += 1;
    }
    codes
};

/// A match of `length` (3..=258) at distance 1, ready to write: the length's code, its
/// extra bits, and distance code 0 (five zero bits, no extra bits).
const MATCHES: [Code; MAX_MATCH + 1] = {
    let mut codes = [Code { bits: 0, len: 0 }; MAX_MATCH + 1];
    let mut length = 3;
    while length <= MAX_MATCH {
        // The length codes: (first symbol, first length, extra bits) of each group.
        let (symbol, extra_bits, base) = match length {
            3..=10 => (257 + (length - 3), 0, length),
            11..=18 => (265 + (length - 11) / 2, 1, 11 + (length - 11) / 2 * 2),
            19..=34 => (269 + (length - 19) / 4, 2, 19 + (length - 19) / 4 * 4),
            35..=66 => (273 + (length - 35) / 8, 3, 35 + (length - 35) / 8 * 8),
            67..=130 => (277 + (length - 67) / 16, 4, 67 + (length - 67) / 16 * 16),
            131..=257 => (281 + (length - 131) / 32, 5, 131 + (length - 131) / 32 * 32),
            _ => (285, 0, 258),
        };
        let code = fixed_code(symbol as u32);
        codes[length] = Code {
            bits: code.bits | (((length - base) as u32) << code.len),
            len: code.len + extra_bits + 5,
        };
        length += 1;
    }
    codes
};

/// Bits gathered into bytes, first bit lowest.
struct Bits<'a> {
    out: &'a mut Vec<u8>,
    pending: u64,
    count: u32,
}

impl Bits<'_> {
    #[inline(always)]
    fn put(&mut self, code: Code) {
        self.pending |= u64::from(code.bits) << self.count;
        self.count += code.len;
        if self.count >= 32 {
            self.out
                .extend_from_slice(&(self.pending as u32).to_le_bytes());
            self.pending >>= 32;
            self.count -= 32;
        }
    }

    /// Pads with zero bits to a whole byte and writes what is left.
    fn align(&mut self) {
        let bytes = self.count.div_ceil(8) as usize;
        self.out
            .extend_from_slice(&self.pending.to_le_bytes()[..bytes]);
        self.pending = 0;
        self.count = 0;
    }
}

/// Compresses one strip into `out` as a non-final fixed-code block followed by an empty
/// stored block, ending on a byte boundary: a piece of a deflate stream. The strip's data
/// comes in pieces (a few rows at a time, while they are in cache).
pub struct StripCompressor<'a> {
    bits: Bits<'a>,
    adler: simd_adler32::Adler32,
    len: usize,
}

impl<'a> StripCompressor<'a> {
    pub fn new(out: &'a mut Vec<u8>) -> Self {
        let mut bits = Bits {
            out,
            pending: 0,
            count: 0,
        };
        // BFINAL 0, BTYPE 01 (fixed codes).
        bits.put(Code {
            bits: 0b010,
            len: 3,
        });
        StripCompressor {
            bits,
            adler: simd_adler32::Adler32::new(),
            len: 0,
        }
    }

    /// Codes the next piece of the strip's data.
    pub fn push(&mut self, data: &[u8]) {
        self.adler.write(data);
        self.len += data.len();
        let bits = &mut self.bits;
        let mut at = 0;
        while at < data.len() {
            let byte = data[at];
            let run = run_length(&data[at..], byte);
            bits.put(LITERALS[usize::from(byte)]);
            let mut left = run - 1;
            while left >= 3 {
                let length = left.min(MAX_MATCH);
                bits.put(MATCHES[length]);
                left -= length;
            }
            for _ in 0..left {
                bits.put(LITERALS[usize::from(byte)]);
            }
            at += run;
        }
    }

    /// Ends the strip; returns the Adler-32 checksum and the length of its data.
    pub fn finish(mut self) -> (u32, usize) {
        // End of block (symbol 256: seven zero bits), then an empty stored block, BFINAL 0.
        self.bits.put(Code {
            bits: 0,
            len: 7 + 3,
        });
        self.bits.align();
        self.bits.out.extend_from_slice(&[0x00, 0x00, 0xFF, 0xFF]);
        (self.adler.finish(), self.len)
    }
}

/// How many bytes from the start of `data` equal `byte` (at least one: the first).
#[inline]
fn run_length(data: &[u8], byte: u8) -> usize {
    if byte == 0 {
        zeros_at_start(data)
    } else {
        1 + data[1..].iter().take_while(|&&b| b == byte).count()
    }
}

/// How many zeros `data` starts with. Most of the data is zeros: they are skipped 32
/// bytes at a time.
fn zeros_at_start(data: &[u8]) -> usize {
    const BLOCK: usize = 32;
    let word = |bytes: &[u8]| u64::from_le_bytes(bytes.try_into().unwrap_or([0xFF; 8]));
    let mut blocks = data.chunks_exact(BLOCK);
    let mut zeros = 0;
    for block in &mut blocks {
        let words = [0, 8, 16, 24].map(|at| word(&block[at..at + 8]));
        if words.iter().fold(0, |any, w| any | w) != 0 {
            let (index, first) = words
                .iter()
                .enumerate()
                .find(|(_, w)| **w != 0)
                .unwrap_or((0, &0));
            return zeros + index * 8 + (first.trailing_zeros() / 8) as usize;
        }
        zeros += BLOCK;
    }
    zeros + blocks.remainder().iter().take_while(|&&b| b == 0).count()
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
        self.adler = adler32_combine(self.adler, adler, len);
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

/// The checksum of two pieces of data joined, from theirs (as zlib's `adler32_combine`).
fn adler32_combine(first: u32, second: u32, second_len: usize) -> u32 {
    const BASE: u64 = 65521;
    let (first, second) = (u64::from(first), u64::from(second));
    let rem = second_len as u64 % BASE;
    let mut sum1 = first & 0xFFFF;
    let mut sum2 = (rem * sum1) % BASE;
    sum1 += (second & 0xFFFF) + BASE - 1;
    sum2 += (first >> 16) + (second >> 16) + BASE - rem;
    sum1 %= BASE;
    sum2 %= BASE;
    (sum1 | (sum2 << 16)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Compresses `strips` separately into one zlib stream, each given in `pieces`.
    fn zlib_of(strips: &[&[u8]]) -> Vec<u8> {
        zlib_of_pieces(strips, usize::MAX)
    }

    fn zlib_of_pieces(strips: &[&[u8]], piece: usize) -> Vec<u8> {
        let mut stream = Zlib::HEADER.to_vec();
        let mut zlib = Zlib::new();
        for strip in strips {
            let mut compressor = StripCompressor::new(&mut stream);
            for piece in strip.chunks(piece) {
                compressor.push(piece);
            }
            let (adler, len) = compressor.finish();
            zlib.add(adler, len);
        }
        stream.extend_from_slice(&zlib.end());
        stream
    }

    fn adler32(data: &[u8]) -> u32 {
        let mut adler = simd_adler32::Adler32::new();
        adler.write(data);
        adler.finish()
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
    fn runs_are_cheap() {
        let zeros = vec![0u8; 1 << 20];
        let stream = zlib_of(&[&zeros]);
        assert_eq!(inflate(&stream), zeros);
        // 258 zeros a match, in 18 bits: over 100 to 1.
        assert!(
            stream.len() < 10_000,
            "{} bytes for a megabyte of zeros",
            stream.len()
        );
    }

    #[test]
    fn zeros_are_counted_to_the_first_other_byte() {
        for len in 0..100 {
            for one_at in 0..=len {
                let mut data = vec![0u8; len];
                if one_at < len {
                    data[one_at] = 9;
                }
                assert_eq!(zeros_at_start(&data), one_at, "{one_at} of {len}");
            }
        }
    }

    #[test]
    fn checksums_join_as_the_data_does() {
        let data: Vec<u8> = (0..100_000u32).map(|i| ((i * 7919) >> 3) as u8).collect();
        let (a, b) = data.split_at(31_337);
        assert_eq!(
            adler32_combine(adler32(a), adler32(b), b.len()),
            adler32(&data)
        );
    }
}
