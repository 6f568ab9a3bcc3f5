//! Gap bands: room kept above the first card inside a whole-map gap, so the band with its
//! length and question never sits on a card, and the bands' final rects (around the
//! untimed cards a stretch holds).

use super::card_index::CardIndex;
use super::{CardGeom, GapBand, LaneGeom, LayoutSettings, TimeScale};
use crate::model::FastHashMap as HashMap;
use crate::model::LaneId;
use crate::timeline::GapScan;
use egui::{Rect, pos2};

/// Space between a band and the cards around it.
const BAND_PAD: f32 = 6.0;
/// A lane's gap band is drawn only when at least this tall.
const MIN_LANE_BAND: f32 = 28.0;
/// How much of the lane's width a lane gap's strip takes.
const LANE_BAND_FRACTION: f32 = 0.1;

/// Tracks the whole-map gaps while cards are placed: which card comes right after each,
/// and where its band starts and ends.
pub(super) struct GapRoom<'a> {
    scan: &'a GapScan,
    band_height: f32,
    compressed: bool,
    /// By event index: the whole-map gap whose band opens above the event (the first
    /// event inside the stretch: an untimed one, or the one ending it), if any.
    opens: Vec<Option<usize>>,
    /// By event index: the whole-map gap the event ends, if any.
    closes: Vec<Option<usize>>,
    /// Top and bottom of each placed band, by gap index.
    spans: HashMap<usize, (f32, f32)>,
}

impl<'a> GapRoom<'a> {
    pub fn new(scan: &'a GapScan, event_count: usize, settings: &LayoutSettings) -> Self {
        let mut opens = vec![None; event_count];
        let mut closes = vec![None; event_count];
        for (i, gap) in scan.gaps.iter().enumerate() {
            if gap.lane.is_some() {
                continue;
            }
            // A stretch holding untimed events opens above the first of them, so the band
            // sits around them.
            if let Some(slot) = opens.get_mut(gap.first_inside()) {
                *slot = Some(i);
            }
            if let Some(slot) = closes.get_mut(gap.after_index) {
                *slot = Some(i);
            }
        }
        GapRoom {
            scan,
            band_height: settings.gap_band,
            compressed: settings.time_scale == TimeScale::Compressed,
            opens,
            closes,
            spans: HashMap::default(),
        }
    }

    pub fn scan(&self) -> &'a GapScan {
        self.scan
    }

    /// Before placing `event`: the highest its card may go, leaving room for the band of
    /// the gap it opens, below everything placed so far (`content_bottom`).
    pub fn open_before(&mut self, event_index: usize, content_bottom: f32) -> f32 {
        let Some(&Some(gap)) = self.opens.get(event_index) else {
            return f32::NEG_INFINITY;
        };
        let top = content_bottom + BAND_PAD;
        self.spans.insert(gap, (top, top + self.band_height));
        top + self.band_height + BAND_PAD
    }

    /// After placing `event` with its top at `y`: the band of the gap it ends fills the
    /// space above it.
    pub fn close_before(&mut self, event_index: usize, y: f32) {
        if let Some(Some(gap)) = self.closes.get(event_index)
            && let Some(span) = self.spans.get_mut(gap)
        {
            span.1 = span.1.max(y - BAND_PAD);
        }
    }
}

/// Bands for every gap: whole-map gaps across the map, lane gaps in their lane's column
/// between the cards around them.
pub(super) fn gap_bands(
    room: GapRoom<'_>,
    scan: &GapScan,
    cards: &[CardGeom],
    card_of: &CardIndex,
    lanes: &[LaneGeom],
    lane_of: &HashMap<LaneId, usize>,
    bounds: Rect,
) -> Vec<GapBand> {
    let mut bands = Vec::new();
    for (index, gap) in scan.gaps.iter().enumerate() {
        match &gap.lane {
            None => {
                if let Some(&(top, bottom)) = room.spans.get(&index) {
                    bands.push(GapBand {
                        gap: index,
                        rect: Rect::from_min_max(pos2(0.0, top), pos2(bounds.max.x, bottom)),
                        compressed: room.compressed,
                    });
                }
            }
            Some(lane) => {
                let card = |index: usize| card_of.event_at(index).map(|i| &cards[i].rect);
                let (Some(before), Some(after)) = (card(gap.before_index), card(gap.after_index))
                else {
                    continue;
                };
                let Some(lane) = lane_of.get(lane).map(|&i| &lanes[i]) else {
                    continue;
                };
                let top = before.max.y + BAND_PAD;
                let bottom = after.min.y - BAND_PAD;
                if bottom - top < MIN_LANE_BAND {
                    continue;
                }
                // A strip along the lifeline: visible, but quieter than a whole-map gap.
                let half = lane.header.width() * LANE_BAND_FRACTION / 2.0;
                bands.push(GapBand {
                    gap: index,
                    rect: Rect::from_min_max(
                        pos2(lane.lifeline_x - half, top),
                        pos2(lane.lifeline_x + half, bottom),
                    ),
                    compressed: false,
                });
            }
        }
    }
    bands
}
