//! Where a link's label sits: the spot on its route nearest the preferred one whose label
//! box covers no card, found from the cards near the route only (a binary search by top
//! edge, then the few cards in the band), never by scanning the map.

use super::{GLYPH_WIDTH, Geometry};
use egui::{Pos2, Rect, Vec2, vec2};

/// Labels are drawn in 11-point text; [`GLYPH_WIDTH`] is the generous average for 13.
const LABEL_GLYPH_WIDTH: f32 = GLYPH_WIDTH * 11.0 / 13.0;
/// The widest a label's text is drawn (longer ones are cut with an ellipsis).
const LABEL_TEXT_MAX: f32 = 120.0;
/// The label's box around its text, as the renderer pads it.
const LABEL_PADDING: Vec2 = vec2(8.0, 2.0);
/// Characters enough to reach [`LABEL_TEXT_MAX`] at any width counted.
const LABEL_CHARS_COUNTED: usize = 64;
/// A line of 11-point text.
const LABEL_LINE: f32 = 13.0;

/// The size of a label's box: an estimate, since layout has no fonts, that errs wide (a
/// little more than the widest lowercase letters, plus two points for short words).
/// Characters outside the first two UTF-8 byte ranges (CJK, emoji) count double: they
/// are drawn about twice as wide as Latin letters.
pub fn label_size(label: &str) -> Vec2 {
    // Past the cap, more characters change nothing: a huge label costs no more.
    let glyphs: f32 = label
        .chars()
        .take(LABEL_CHARS_COUNTED)
        .map(|c| if c.len_utf8() >= 3 { 2.0 } else { 1.0 })
        .sum();
    vec2(
        (glyphs * LABEL_GLYPH_WIDTH + 2.0).min(LABEL_TEXT_MAX),
        LABEL_LINE,
    ) + LABEL_PADDING
}

/// The height of a label's box (one line).
const LABEL_HEIGHT: f32 = LABEL_LINE + LABEL_PADDING.y;
/// How far above or below a level piece its label may go when there is no room nearer:
/// about to the gap between two rows of cards.
const OFF_LINE: f32 = 48.0;
/// Rows tried above and below a level piece, up to [`OFF_LINE`].
const OFF_LINE_ROWS: usize = 4;
/// Room between a label set beside a line and the line.
const BESIDE_LINE: f32 = 3.0;
/// Room a label on a line leaves at a corner, so the route's turn stays in sight.
const CORNER_ROOM: f32 = 2.0;
/// Room a label on a line leaves before the arrow's tip: its head stays in sight.
const HEAD_ROOM: f32 = 11.0;

/// A straight stretch along which a label's centre may slide, most often a drawn piece of
/// a route.
#[derive(Clone, Copy, Debug)]
pub(super) struct Track {
    pub from: Pos2,
    pub to: Pos2,
    /// 0: the label sits on the line, which runs under its box. 1 or -1: the label sits
    /// beside the line, to its right or left (for upright pieces, where a label on the
    /// line would reach over the cards on both sides).
    pub beside: f32,
    /// For a drawn piece: how far the label's box keeps inside the piece's ends, at `from`
    /// and at `to`, so a corner or an arrow head there stays in sight. `None` for a
    /// stretch that is not drawn, only near the route: the centre may go anywhere on it.
    pub ends: Option<[f32; 2]>,
    /// Where along the track the label would best sit, 0 at `from` to 1 at `to`.
    pub prefer: f32,
}

impl Track {
    /// A drawn piece of a route.
    pub fn on(from: Pos2, to: Pos2) -> Self {
        Track {
            from,
            to,
            beside: 0.0,
            ends: Some([CORNER_ROOM; 2]),
            prefer: 0.5,
        }
    }

    /// A drawn piece ending in the arrow's tip.
    pub fn to_tip(from: Pos2, to: Pos2) -> Self {
        Track {
            ends: Some([CORNER_ROOM, HEAD_ROOM]),
            ..Track::on(from, to)
        }
    }

    /// The label best sits at most `distance` before the track's end (on a long upright
    /// piece: near its turn towards the receiver, not far off in between).
    pub fn near_end(self, distance: f32) -> Self {
        let length = (self.to - self.from).length();
        let prefer = if length > 0.0 {
            (1.0 - distance / length).clamp(0.5, 1.0)
        } else {
            0.5
        };
        Track { prefer, ..self }
    }

    /// Beside a drawn upright piece, to its right (1) or left (-1).
    pub fn beside(self, side: f32) -> Self {
        Track {
            beside: side,
            ..self
        }
    }

    /// Stretches the label's centre may take nowhere on the line but near it.
    fn near(from: Pos2, to: Pos2) -> Self {
        Track {
            from,
            to,
            beside: 0.0,
            ends: None,
            prefer: 0.5,
        }
    }

    /// Where a label of `size` sits from the line.
    fn offset(&self, size: Vec2) -> Vec2 {
        vec2(self.beside * (size.x / 2.0 + BESIDE_LINE), 0.0)
    }

    /// The stretch the centre of a label of `size` may take: the track moved by the
    /// label's offset, and kept inside its ends on a drawn piece. `None` when the piece is
    /// too short for the label.
    fn centres(&self, size: Vec2) -> Option<(Pos2, Pos2)> {
        let offset = self.offset(size);
        let (a, b) = (self.from + offset, self.to + offset);
        let Some([at_from, at_to]) = self.ends else {
            return Some((a, b));
        };
        let length = (b - a).length();
        let half = if (a.y - b.y).abs() < 0.5 {
            size.x / 2.0
        } else {
            size.y / 2.0
        };
        let (skip_from, skip_to) = (at_from + half, at_to + half);
        if length <= 0.0 || skip_from + skip_to > length {
            return None;
        }
        let dir = (b - a) / length;
        Some((a + dir * skip_from, b - dir * skip_to))
    }
}

/// Where a label may go along a level piece ending in the arrow's tip, best first: on it;
/// just above or below it (as sequence diagrams write messages); then further off, up to
/// [`OFF_LINE`], where a short line between two close cards leaves no room nearer (upright
/// through its middle, then along rows above and below).
pub(super) fn around_level(start: Pos2, end: Pos2) -> Vec<Track> {
    let mut tracks = vec![Track::to_tip(start, end)];
    let just_off = LABEL_HEIGHT / 2.0 + BESIDE_LINE;
    for dy in [-just_off, just_off] {
        tracks.push(Track::on(start + vec2(0.0, dy), end + vec2(0.0, dy)));
    }
    let middle = start.lerp(end, 0.5);
    tracks.push(Track::near(
        middle - vec2(0.0, OFF_LINE),
        middle + vec2(0.0, OFF_LINE),
    ));
    for row in 2..=OFF_LINE_ROWS {
        let dy = OFF_LINE * row as f32 / OFF_LINE_ROWS as f32;
        for dy in [-dy, dy] {
            tracks.push(Track::near(start + vec2(0.0, dy), end + vec2(0.0, dy)));
        }
    }
    tracks
}

/// The centre for a label of `size`: on the first track with room, the spot nearest its
/// middle; with room on none, of a few spots along each track, the one whose box covers
/// the least card area (the label is drawn over the cards, so it then covers a little of
/// one rather than hiding).
pub(super) fn label_spot(geometry: &Geometry, tracks: &[Track], size: Vec2) -> Pos2 {
    if let Some(spot) = tracks
        .iter()
        .find_map(|track| free_spot(geometry, track, size))
    {
        return spot;
    }
    tracks
        .iter()
        .flat_map(|track| {
            let middle = track.from.lerp(track.to, 0.5) + track.offset(size);
            let (a, b) = track.centres(size).unwrap_or((middle, middle));
            let prefer = a.lerp(b, track.prefer);
            FALLBACK_STOPS.map(|t| if t == 0.5 { prefer } else { a.lerp(b, t) })
        })
        .map(|spot| {
            let covered = covered_area(geometry, Rect::from_center_size(spot, size));
            (spot, covered)
        })
        // The first of equals: tracks come best first, and a track's middle first.
        .fold(
            None,
            |best: Option<(Pos2, f32)>, (spot, covered)| match best {
                Some((_, least)) if least <= covered => best,
                _ => Some((spot, covered)),
            },
        )
        .map_or(Pos2::ZERO, |(spot, _)| spot)
}

/// Where along a track the fallback looks, its preferred spot (in place of the middle)
/// first.
const FALLBACK_STOPS: [f32; 5] = [0.5, 0.25, 0.75, 0.0, 1.0];

/// The spot along a level or upright track nearest its middle where the label's box
/// covers no card. A slanted track is only tried at its middle.
fn free_spot(geometry: &Geometry, track: &Track, size: Vec2) -> Option<Pos2> {
    let (a, b) = track.centres(size)?;
    let level = (a.y - b.y).abs() < 0.5;
    let upright = (a.x - b.x).abs() < 0.5;
    if !level && !upright {
        let middle = a.lerp(b, 0.5);
        let free = covered_area(geometry, Rect::from_center_size(middle, size)) == 0.0;
        return free.then_some(middle);
    }
    // Work along one axis: `along` picks the coordinate the label slides on.
    let along = |p: Pos2| if level { p.x } else { p.y };
    let half = if level { size.x } else { size.y } / 2.0;
    let (lo, hi) = (along(a).min(along(b)), along(a).max(along(b)));
    let swept = Rect::from_two_pos(a, b).expand2(size / 2.0);
    let mut blocked: Vec<(f32, f32)> = geometry
        .cards_between(swept.min.y, swept.max.y)
        .iter()
        .filter(|card| overlaps(card.rect, swept))
        .map(|card| {
            let (start, end) = if level {
                (card.rect.min.x, card.rect.max.x)
            } else {
                (card.rect.min.y, card.rect.max.y)
            };
            (start - half, end + half)
        })
        .collect();
    blocked.sort_by(|p, q| p.0.total_cmp(&q.0));
    let merged = merge(blocked);
    // A centre strictly inside a blocked span puts the box over a card; on its ends the
    // box only touches one.
    let is_free = |x: f32| {
        let after = merged.partition_point(|span| span.0 < x);
        after == 0 || merged[after - 1].1 <= x
    };
    let preferred = along(a.lerp(b, track.prefer));
    let candidates = [preferred, lo, hi]
        .into_iter()
        .chain(merged.iter().flat_map(|&(start, end)| [start, end]));
    let best = candidates
        .filter(|&x| (lo..=hi).contains(&x) && is_free(x))
        .min_by(|x, y| (x - preferred).abs().total_cmp(&(y - preferred).abs()))?;
    let fixed = if level { a.y } else { a.x };
    Some(if level {
        Pos2::new(best, fixed)
    } else {
        Pos2::new(fixed, best)
    })
}

/// Sorted spans joined where they overlap, so they are disjoint and in order.
fn merge(sorted: Vec<(f32, f32)>) -> Vec<(f32, f32)> {
    let mut merged: Vec<(f32, f32)> = Vec::with_capacity(sorted.len());
    for (start, end) in sorted {
        match merged.last_mut() {
            Some(last) if start < last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

/// Whether two rectangles share some area (touching edges do not count).
fn overlaps(a: Rect, b: Rect) -> bool {
    a.min.x < b.max.x && b.min.x < a.max.x && a.min.y < b.max.y && b.min.y < a.max.y
}

/// How much card area a box covers.
fn covered_area(geometry: &Geometry, rect: Rect) -> f32 {
    geometry
        .cards_between(rect.min.y, rect.max.y)
        .iter()
        .filter(|card| overlaps(card.rect, rect))
        .map(|card| card.rect.intersect(rect).area())
        .sum()
}
