//! Pixel arithmetic of egui_wgpu's shader and blend state: the fragment is the vertex
//! colour (premultiplied, gamma space) times the texel, blended "premultiplied over" the
//! target: `out = src + dst * (1 - src.a)`. The target is opaque, and the same formula
//! keeps its alpha at 255 (`src.a + 255 * (1 - src.a)`), so every byte of a pixel is
//! treated alike. Runs of pixels are worked on as plain bytes in blocks, which the
//! compiler turns into vector instructions: that is most of the export's speed.

/// `round(x * y / 255)` for `x, y <= 255`, exactly.
#[inline(always)]
pub fn mul_255(x: u16, y: u16) -> u16 {
    let t = x * y + 128;
    (t + (t >> 8)) >> 8
}

/// Pixels worked on at a time.
const BLOCK: usize = 8;

/// Blends one colour over a run of pixels.
#[inline]
pub fn solid_span(pixels: &mut [[u8; 4]], color: [u8; 4]) {
    // Anti-aliased edges blend one pixel at a time: no setting up for a run.
    if let [pixel] = pixels {
        *pixel = over(*pixel, color.map(u16::from));
        return;
    }
    match color[3] {
        255 => {
            let words: &mut [u32] = bytemuck::cast_slice_mut(pixels);
            words.fill(u32::from_ne_bytes(color));
        }
        0 if color == [0; 4] => {}
        alpha => {
            let keep = 255 - u16::from(alpha);
            let src: [u8; 4 * BLOCK] = std::array::from_fn(|i| color[i % 4]);
            let bytes: &mut [u8] = bytemuck::cast_slice_mut(pixels);
            let mut blocks = bytes.chunks_exact_mut(4 * BLOCK);
            for block in &mut blocks {
                for (byte, s) in block.iter_mut().zip(src) {
                    *byte = s.wrapping_add(mul_255(u16::from(*byte), keep) as u8);
                }
            }
            for (byte, s) in blocks.into_remainder().iter_mut().zip(src) {
                *byte = s.wrapping_add(mul_255(u16::from(*byte), keep) as u8);
            }
        }
    }
}

/// Blends one colour times a run of texels (a row of a glyph) over as many pixels.
pub fn textured_span(pixels: &mut [[u8; 4]], color: [u8; 4], texels: &[[u8; 4]]) {
    let color16: [u16; 4 * BLOCK] = std::array::from_fn(|i| u16::from(color[i % 4]));
    let mut blocks = pixels
        .chunks_exact_mut(BLOCK)
        .zip(texels.chunks_exact(BLOCK));
    for (block, texel_block) in &mut blocks {
        // Blank texels (the space around a glyph's strokes) are common: skip them.
        if texel_block.iter().all(|t| t[3] == 0) {
            continue;
        }
        let src: [u16; 4 * BLOCK] =
            std::array::from_fn(|i| mul_255(color16[i], u16::from(texel_block[i / 4][i % 4])));
        let keep: [u16; 4 * BLOCK] = std::array::from_fn(|i| 255 - src[(i / 4) * 4 + 3]);
        let bytes: &mut [u8] = bytemuck::cast_slice_mut(block);
        for ((byte, s), k) in bytes.iter_mut().zip(src).zip(keep) {
            *byte = (s + mul_255(u16::from(*byte), k)) as u8;
        }
    }
    let done = pixels.len() / BLOCK * BLOCK;
    for (pixel, texel) in pixels[done..].iter_mut().zip(&texels[done..]) {
        *pixel = textured(*pixel, color, *texel);
    }
}

/// One colour times one texel, blended over one pixel.
#[inline(always)]
pub fn textured(dst: [u8; 4], color: [u8; 4], texel: [u8; 4]) -> [u8; 4] {
    if texel == [0; 4] {
        return dst;
    }
    let src: [u16; 4] = std::array::from_fn(|i| mul_255(u16::from(color[i]), u16::from(texel[i])));
    over(dst, src)
}

/// An interpolated colour (channels 0..=255 as floats, premultiplied), blended over one
/// pixel: gradients.
#[inline(always)]
pub fn smooth(dst: [u8; 4], color: [f32; 4]) -> [u8; 4] {
    over(
        dst,
        color.map(|channel| (channel + 0.5).clamp(0.0, 255.0) as u16),
    )
}

/// A premultiplied colour over one pixel.
#[inline(always)]
fn over(dst: [u8; 4], src: [u16; 4]) -> [u8; 4] {
    let keep = 255 - src[3].min(255);
    std::array::from_fn(|i| (src[i] + mul_255(u16::from(dst[i]), keep)).min(255) as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mul_255_rounds_like_the_gpu() {
        for x in 0..=255u16 {
            for y in 0..=255u16 {
                let exact = (f64::from(x * y) / 255.0).round() as u16;
                assert_eq!(mul_255(x, y), exact, "{x} * {y}");
            }
        }
    }

    #[test]
    fn blending_follows_premultiplied_over() {
        let white = [255, 255, 255, 255];
        // Half-transparent black over white is mid grey, in runs of any length.
        for len in [1, 7, 8, 9, 33] {
            let mut row = vec![white; len];
            solid_span(&mut row, [0, 0, 0, 128]);
            assert!(row.iter().all(|p| *p == [127, 127, 127, 255]), "{len}");
        }
        // Opaque covers; transparent leaves.
        let mut row = [white; 3];
        solid_span(&mut row, [10, 20, 30, 255]);
        assert_eq!(row, [[10, 20, 30, 255]; 3]);
        solid_span(&mut row, [0, 0, 0, 0]);
        assert_eq!(row, [[10, 20, 30, 255]; 3]);
        // A white texel leaves the vertex colour as it is; an empty one leaves the target.
        assert_eq!(textured(white, [0, 0, 0, 255], [255; 4]), [0, 0, 0, 255]);
        assert_eq!(textured(white, [0, 0, 0, 255], [0; 4]), white);
        assert_eq!(smooth(white, [0.0, 0.0, 0.0, 255.0]), [0, 0, 0, 255]);
        assert_eq!(smooth(white, [0.0; 4]), white);
        assert_eq!(smooth(white, [0.0, 0.0, 0.0, 127.6]), [127, 127, 127, 255]);
    }

    #[test]
    fn a_run_of_texels_blends_as_each_texel_alone() {
        let color = [40, 80, 120, 200];
        let texels: Vec<[u8; 4]> = (0..37u32)
            .map(|i| {
                let a = (i * 53 % 256) as u8;
                if i % 9 < 3 { [0; 4] } else { [a, a, a, a] }
            })
            .collect();
        let start: Vec<[u8; 4]> = (0..37u32).map(|i| [i as u8, 200, 90, 255]).collect();
        let mut run = start.clone();
        textured_span(&mut run, color, &texels);
        for ((got, dst), texel) in run.iter().zip(&start).zip(&texels) {
            assert_eq!(*got, textured(*dst, color, *texel));
        }
    }
}
