//! How big a PNG export of the map is for documents (File > Export PNG's default, and
//! `waterline export --document`): as wide as a
//! report page shows an image (1,600 points) at 2x for sharpness, so at most 3,200 pixels
//! wide: a 91-event map at full size was 10,992x12,698 pixels, too big for common viewers
//! and ImageMagick's default limits. Full size (every point at the chosen scale) stays
//! one click away. A long map is also kept under 16,384 pixels tall, the most common
//! viewers and ImageMagick's default policy take on a side.

/// The widest a document-sized export is, in pixels: a report page's 1,600 points at 2x.
pub const DOCUMENT_WIDTH_PX: f32 = 3200.0;
/// The sharpest a document-sized export is drawn: 2 pixels per point.
const DOCUMENT_SCALE: f32 = 2.0;
/// The tallest a document-sized export is, in pixels.
pub const DOCUMENT_HEIGHT_PX: f32 = 16_384.0;

/// The scale a PNG of a `page`-sized page (points) is drawn at: `full_scale` at full
/// size, else 2x shrunk to fit [`DOCUMENT_WIDTH_PX`] across and [`DOCUMENT_HEIGHT_PX`]
/// down, never under the export's own floor (beyond it a huge map comes out bigger).
pub fn png_scale(full_size: bool, full_scale: f32, page: egui::Vec2) -> f32 {
    if full_size {
        return full_scale;
    }
    // A hair under, so rounding up to whole pixels never makes it 3,201.
    let fit = |limit: f32, side: f32| {
        if side > 0.0 {
            limit / side * (1.0 - 1e-6)
        } else {
            DOCUMENT_SCALE
        }
    };
    let scale = fit(DOCUMENT_WIDTH_PX, page.x).min(fit(DOCUMENT_HEIGHT_PX, page.y));
    scale.clamp(*crate::export::SCALES.start(), DOCUMENT_SCALE)
}

/// The pixel size of a page drawn at `scale`, as the export rounds it.
pub fn pixel_size(page: egui::Vec2, scale: f32) -> (u32, u32) {
    (
        (page.x * scale).ceil() as u32,
        (page.y * scale).ceil() as u32,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wide_map_fits_a_report_page_and_full_size_keeps_the_scale() {
        // The 91-event map that came out 10992x12698 at 2x.
        let page = egui::vec2(5496.0, 6349.0);
        let scale = png_scale(false, 2.0, page);
        let (w, h) = pixel_size(page, scale);
        assert!((3199..=3200).contains(&w), "{w}");
        assert!(h < 3800, "{h}");
        assert_eq!(pixel_size(page, png_scale(true, 2.0, page)), (10992, 12698));
    }

    #[test]
    fn a_small_map_stays_at_2x() {
        let scale = |w, h| png_scale(false, 3.0, egui::vec2(w, h));
        assert_eq!(scale(900.0, 700.0), 2.0);
        assert_eq!(scale(0.0, 0.0), 2.0);
        assert_eq!(scale(1.0e9, 10.0), 0.1);
    }

    #[test]
    fn a_long_narrow_map_is_kept_under_the_viewers_height_limit() {
        // Four lanes, a few thousand events: narrow, and 60,000 points long.
        let page = egui::vec2(900.0, 60_000.0);
        let (w, h) = pixel_size(page, png_scale(false, 2.0, page));
        assert!(h <= 16_384, "{h}");
        assert!(w < 900, "shrunk across too: {w}");
    }
}
