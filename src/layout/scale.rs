//! How far down each card wants to go before overlaps are resolved: from `pos` in ordinal
//! mode, from the clock in the time modes (with gaps squeezed in compressed time).

use super::{LayoutSettings, TimeScale};
use crate::model::{CardId, Timestamp};
use crate::timeline::GapScan;

/// A card to place, whatever it stands for.
pub(super) struct Item {
    pub id: CardId,
    /// Index into the map's events or branches.
    pub index: usize,
    pub lane: usize,
    pub pos: f64,
    pub time: Option<Timestamp>,
    pub height: f32,
}

/// Seconds assumed between cards where no clock says otherwise.
const DEFAULT_SPACING_SECS: f64 = 60.0;

/// No card is wanted further down than this (scene points), however far apart a file's
/// positions or times are: the geometry stays finite and drawable.
const MAX_OFFSET: f64 = 10_000_000.0;

/// Each item's wanted distance below the first card, in scene points.
pub(super) fn wanted_offsets(
    items: &[Item],
    gaps: &GapScan,
    settings: &LayoutSettings,
) -> Vec<f32> {
    let offsets: Vec<f64> = match settings.time_scale {
        TimeScale::Ordinal => {
            let first = items.iter().map(|i| i.pos).reduce(f64::min).unwrap_or(0.0);
            items
                .iter()
                .map(|item| (item.pos - first) * f64::from(settings.row_height))
                .collect()
        }
        TimeScale::Time | TimeScale::Compressed => clock_offsets(items, gaps, settings),
    };
    offsets
        .into_iter()
        .map(|offset: f64| {
            if offset.is_finite() {
                offset.clamp(0.0, MAX_OFFSET) as f32
            } else {
                MAX_OFFSET as f32
            }
        })
        .collect()
}

fn clock_offsets(items: &[Item], gaps: &GapScan, settings: &LayoutSettings) -> Vec<f64> {
    let secs = effective_secs(items);
    let mut timed: Vec<f64> = items
        .iter()
        .filter_map(|i| i.time.map(|t| t.unix_secs() as f64))
        .collect();
    timed.sort_by(f64::total_cmp);
    let usual = usual_spacing(&timed);
    // One usual step between events takes one row.
    let points_per_sec = f64::from(settings.row_height) / usual;
    let squeezed: Vec<(f64, f64, f64)> = if settings.time_scale == TimeScale::Compressed {
        let kept = f64::from(settings.compressed_gap) / points_per_sec;
        gaps.across_map()
            .map(|g| (g.start.unix_secs() as f64, g.end.unix_secs() as f64))
            .filter(|(start, end)| end - start > kept)
            .map(|(start, end)| (start, end, kept))
            .collect()
    } else {
        Vec::new()
    };
    let mapped: Vec<f64> = secs.iter().map(|&t| squeeze(t, &squeezed)).collect();
    let first = mapped.iter().copied().reduce(f64::min).unwrap_or(0.0);
    mapped
        .iter()
        .map(|&m| (m - first) * points_per_sec)
        .collect()
}

/// A clock time for every item: its own, or, for untimed ones, a time between the timed
/// cards before and after it in the reviewer's order.
fn effective_secs(items: &[Item]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| items[a].pos.total_cmp(&items[b].pos).then(a.cmp(&b)));
    let anchors: Vec<(usize, f64)> = order
        .iter()
        .enumerate()
        .filter_map(|(rank, &i)| items[i].time.map(|t| (rank, t.unix_secs() as f64)))
        .collect();
    let mut secs = vec![0.0; items.len()];
    let Some(&(first_rank, first_secs)) = anchors.first() else {
        // Nothing timed: one default step per card in the reviewer's order.
        for (rank, &i) in order.iter().enumerate() {
            secs[i] = rank as f64 * DEFAULT_SPACING_SECS;
        }
        return secs;
    };
    let mut next_anchor = 0;
    for (rank, &i) in order.iter().enumerate() {
        while next_anchor < anchors.len() && anchors[next_anchor].0 < rank {
            next_anchor += 1;
        }
        secs[i] = match items[i].time {
            Some(t) => t.unix_secs() as f64,
            None if rank < first_rank => {
                first_secs - (first_rank - rank) as f64 * DEFAULT_SPACING_SECS
            }
            None => {
                let (prev_rank, prev_secs) = anchors[next_anchor - 1];
                match anchors.get(next_anchor) {
                    Some(&(next_rank, next_secs)) if next_secs > prev_secs => {
                        let t = (rank - prev_rank) as f64 / (next_rank - prev_rank) as f64;
                        prev_secs + (next_secs - prev_secs) * t
                    }
                    Some(_) => prev_secs,
                    None => prev_secs + (rank - prev_rank) as f64 * DEFAULT_SPACING_SECS,
                }
            }
        };
    }
    secs
}

/// The median step between timed cards, within reason.
fn usual_spacing(sorted_secs: &[f64]) -> f64 {
    let mut steps: Vec<f64> = sorted_secs
        .windows(2)
        .map(|w| w[1] - w[0])
        .filter(|&s| s > 0.0)
        .collect();
    if steps.is_empty() {
        return DEFAULT_SPACING_SECS;
    }
    steps.sort_by(f64::total_cmp);
    steps[steps.len() / 2].clamp(10.0, 3_600.0)
}

/// The clock with each listed gap `(start, end, kept)` shortened to `kept` seconds.
fn squeeze(t: f64, gaps: &[(f64, f64, f64)]) -> f64 {
    let removed: f64 = gaps
        .iter()
        .map(|&(start, end, kept)| {
            let inside = (t - start).clamp(0.0, end - start);
            inside * (1.0 - kept / (end - start))
        })
        .sum();
    t - removed
}
