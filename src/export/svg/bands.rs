//! Where the SVG's page is cut into bands: each band is drawn on its own (on one of two
//! threads) and written out as soon as the bands above it are, so memory stays at a few
//! bands however tall the map is. Cuts fall in the empty room between cards (and clear of
//! gap bands, link labels and ruler times), so every card and every label is drawn, whole,
//! by exactly one band (except in a stretch with no room for [`LONGEST_BLOCK`] bands,
//! where a cut is forced through it); only lines and backgrounds run across a cut, each band drawing
//! its own part of them (clipped to the band, as the PNG's strips are).

use crate::layout::Geometry;
use crate::render::{PAGE_MARGIN, PAGE_TITLE_HEIGHT};

/// A band of the page: its top and height in page points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Band {
    pub top: u32,
    pub rows: u32,
}

/// Room kept clear of a cut around text that is not in a card (a link's label, a ruler
/// time), in points: more than a line of it.
const TEXT_ROOM: f32 = 24.0;

/// A band is cut where it can (clear of cards and labels) at least `height` points below
/// its top; only where cards overlap without a break for this many bands' height is it
/// cut anyway (a card across the cut is then drawn by both bands, each its part, and its
/// text is in the file twice). A busy real map has breaks far more often than this.
const LONGEST_BLOCK: u32 = 64;

/// Cuts a page `page_height` points tall into bands about `height` points tall.
pub fn bands(geometry: &Geometry, page_height: u32, height: u32) -> Vec<Band> {
    let height = height.max(1);
    let cuts = cuts(&blocked(geometry), page_height, height);
    cuts.iter()
        .zip(cuts.iter().skip(1).chain([&page_height]))
        .filter(|(top, bottom)| bottom > top)
        .map(|(&top, &bottom)| Band {
            top,
            rows: bottom - top,
        })
        .collect()
}

/// Stretches of the page (top, bottom, in page points) that no cut may cross, sorted by
/// top.
fn blocked(geometry: &Geometry) -> Vec<(f32, f32)> {
    // The map is drawn below the page's title and margin.
    let down = PAGE_MARGIN + PAGE_TITLE_HEIGHT;
    let mut spans = Vec::with_capacity(
        geometry.cards.len()
            + geometry.gap_bands.len()
            + geometry.links.len()
            + geometry.ruler.len(),
    );
    // A card's shadow reaches a little below it.
    spans.extend(
        geometry
            .cards
            .iter()
            .map(|card| (card.rect.min.y + down - 2.0, card.rect.max.y + down + 4.0)),
    );
    spans.extend(
        geometry
            .gap_bands
            .iter()
            .map(|band| (band.rect.min.y + down - 2.0, band.rect.max.y + down + 2.0)),
    );
    spans.extend(geometry.links.iter().map(|link| {
        let y = link.label_at.y + down;
        (y - TEXT_ROOM, y + TEXT_ROOM)
    }));
    spans.extend(geometry.ruler.iter().map(|tick| {
        let y = tick.y + down;
        // A day's first time has the date above it.
        (y - 2.0 * TEXT_ROOM, y + TEXT_ROOM)
    }));
    spans.retain(|(top, bottom)| top.is_finite() && bottom.is_finite());
    spans.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    spans
}

/// The bands' tops: 0, then a cut in each free stretch at least `height` below the last
/// (or, in a blocked stretch longer than [`LONGEST_BLOCK`] bands, every `height`).
fn cuts(blocked: &[(f32, f32)], page_height: u32, height: u32) -> Vec<u32> {
    let mut cuts = vec![0u32];
    let longest = height.saturating_mul(LONGEST_BLOCK);
    // Free from here down to the next blocked stretch.
    let mut free_from = 0.0f32;
    let mut spans = blocked.iter().copied().peekable();
    loop {
        // The next blocked stretch, joined with those overlapping it.
        let (block_top, mut block_bottom) =
            spans.next().unwrap_or((page_height as f32, f32::INFINITY));
        while let Some(&(top, bottom)) = spans.peek() {
            if top > block_bottom {
                break;
            }
            block_bottom = block_bottom.max(bottom);
            spans.next();
        }
        // Cuts in the free stretch above it.
        loop {
            let last = *cuts.last().unwrap_or(&0);
            let want = (last.saturating_add(height) as f32).max(free_from.ceil());
            if want >= block_top.min(page_height as f32) {
                break;
            }
            cuts.push(want as u32);
        }
        // A long blocked stretch is cut anyway.
        let stop = block_bottom.min(page_height as f32);
        loop {
            let last = *cuts.last().unwrap_or(&0);
            if (last.saturating_add(longest) as f32) >= stop {
                break;
            }
            cuts.push(last + height);
        }
        if block_bottom >= page_height as f32 {
            return cuts;
        }
        free_from = free_from.max(block_bottom);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_fall_between_blocked_stretches() {
        let blocked = [(5.0, 30.0), (25.0, 60.0), (70.0, 95.0), (99.0, 140.0)];
        assert_eq!(cuts(&blocked, 200, 20), vec![0, 60, 95, 140, 160, 180]);
    }

    #[test]
    fn a_long_blocked_stretch_is_cut_anyway() {
        // Cut every 100 points until the rest is no more than 64 bands' height.
        let expected: Vec<u32> = (0..=36).map(|i| i * 100).collect();
        assert_eq!(cuts(&[(0.0, 10_000.0)], 10_000, 100), expected);
        // Short blocked stretches wait for the room after them.
        assert_eq!(
            cuts(&[(0.0, 1_000.0)], 2_000, 100),
            vec![
                0, 1_000, 1_100, 1_200, 1_300, 1_400, 1_500, 1_600, 1_700, 1_800, 1_900
            ]
        );
        assert_eq!(cuts(&[], 250, 100), vec![0, 100, 200]);
    }
}
