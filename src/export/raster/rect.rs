//! Filling an axis-aligned rectangle of one colour (a lane band, a card's strip, a glyph)
//! row by row without edge arithmetic: most of a map's pixels are drawn here.

use super::blend;
use super::polygon::{ONE, first_centre_at_or_after, fixed};
use super::{Clip, Target, Texture};

/// An axis-aligned rectangle in pixels, one colour, optionally textured with texture
/// coordinates that follow x and y.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PixelRect {
    pub left: f32,
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
    pub color: [u8; 4],
    /// Texture coordinates at the left, top, right and bottom edges.
    pub uv: Option<[f32; 4]>,
}

/// Fills the pixels whose centres are inside the rectangle (left and top edges in,
/// right and bottom out, as for polygons).
pub fn fill(target: &mut Target<'_>, clip: &Clip, rect: &PixelRect, texture: &Texture<'_>) {
    let x0 = first_centre_at_or_after(fixed(rect.left)).max(clip.left);
    let x1 = first_centre_at_or_after(fixed(rect.right)).min(clip.right);
    let y0 = first_centre_at_or_after(fixed(rect.top)).max(clip.top);
    let y1 = first_centre_at_or_after(fixed(rect.bottom)).min(clip.bottom);
    if x0 >= x1 || y0 >= y1 {
        return;
    }
    let (from, to) = (x0 as usize, x1 as usize);
    let Some([u0, v0, u1, v1]) = rect.uv else {
        for y in y0..y1 {
            blend::solid_span(&mut target.row_mut(y)[from..to], rect.color);
        }
        return;
    };
    // Texture coordinates at pixel centres.
    let along = |start: f32, end: f32, low: f32, high: f32, pixel: i64| {
        let t = (pixel as f32 + 0.5 - start) / (end - start);
        low + t * (high - low)
    };
    let u_at = |x: i64| along(rect.left, rect.right, u0, u1, x);
    let v_at = |y: i64| along(rect.top, rect.bottom, v0, v1, y);
    let first_column = texture.column(u_at(x0));
    let width = (x1 - x0) as usize;
    if texture.is_aligned(u_at(x0), u_at(x0 + 1), texture.width)
        && texture.is_aligned(v_at(y0), v_at(y0 + 1), texture.height)
        && first_column + width <= texture.width
    {
        // Text is snapped to pixels: each pixel centre is a texel centre, one texel per
        // pixel, so the GPU's linear filter reads exactly one texel, and a row of pixels
        // reads a row of texels.
        for y in y0..y1 {
            let texels = &texture.row(v_at(y))[first_column..first_column + width];
            blend::textured_span(&mut target.row_mut(y)[from..to], rect.color, texels);
        }
    } else {
        // Drawn at a fraction of a pixel (a small dot) or scaled: filter as the GPU does.
        for y in y0..y1 {
            let v = v_at(y);
            let row = &mut target.row_mut(y)[from..to];
            for (pixel, x) in row.iter_mut().zip(x0..x1) {
                *pixel = blend::textured(*pixel, rect.color, texture.linear(u_at(x), v));
            }
        }
    }
}

/// Fills a solid axis-aligned rectangle anti-aliased: a pixel on its border gets the
/// colour times the share of the pixel inside (exact for a rectangle).
pub fn fill_solid(target: &mut Target<'_>, clip: &Clip, rect: &PixelRect) {
    let [left, top, right, bottom] = [rect.left, rect.top, rect.right, rect.bottom].map(fixed);
    if left >= right || top >= bottom {
        return;
    }
    // The share (out of ONE) of pixel `i`'s extent that lies in `low..high`.
    let share = |i: i64, low: i64, high: i64| (high.min((i + 1) * ONE) - low.max(i * ONE)).max(0);
    let columns =
        left.div_euclid(ONE).max(clip.left)..((right - 1).div_euclid(ONE) + 1).min(clip.right);
    let rows =
        top.div_euclid(ONE).max(clip.top)..((bottom - 1).div_euclid(ONE) + 1).min(clip.bottom);
    if columns.is_empty() || rows.is_empty() {
        return;
    }
    // Columns wholly inside; the (at most two) partly covered ones are done one by one.
    let whole =
        (left + ONE - 1).div_euclid(ONE).max(columns.start)..right.div_euclid(ONE).min(columns.end);
    let (first, last) = (columns.start, columns.end - 1);
    let partial = [Some(first), (last != first).then_some(last)];
    let partial = partial.into_iter().flatten().filter(|x| !whole.contains(x));
    for y in rows {
        let row_share = share(y, top, bottom);
        let row = target.row_mut(y);
        let shaded = |coverage: i64| {
            let coverage = ((coverage * 255 + ONE * ONE / 2) / (ONE * ONE)) as u16;
            rect.color
                .map(|c| blend::mul_255(u16::from(c), coverage) as u8)
        };
        if !whole.is_empty() {
            let pixels = &mut row[whole.start as usize..whole.end as usize];
            if row_share == ONE {
                blend::solid_span(pixels, rect.color);
            } else {
                blend::solid_span(pixels, shaded(row_share * ONE));
            }
        }
        for x in partial.clone() {
            let coverage = row_share * share(x, left, right);
            blend::solid_span(&mut row[x as usize..=x as usize], shaded(coverage));
        }
    }
}
