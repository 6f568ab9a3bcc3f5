//! Finding gaps: stretches between consecutive timestamped events that are long, either
//! past the map's threshold or long compared with how often things usually happen in it,
//! across the whole map and within each lane. Then attaching the stored notes to them.

use crate::model::{EventId, LaneId, Map, Timestamp};

/// A stretch is also a gap when it is this many times the map's usual (median) spacing...
const RELATIVE_FACTOR: i64 = 6;
/// ...and at least this long, so a map logged to the second does not flag every pause.
const RELATIVE_MIN_SECS: i64 = 120;
/// The usual spacing means something only with a few stretches to take it from.
const RELATIVE_MIN_SAMPLES: usize = 4;

/// One stretch with nothing recorded.
#[derive(Clone, Debug, PartialEq)]
pub struct Gap {
    /// The time of the last event before the stretch.
    pub start: Timestamp,
    /// The time of the first event after it.
    pub end: Timestamp,
    /// `None` for a gap across the whole map; a lane for a stretch where only that lane
    /// records nothing.
    pub lane: Option<LaneId>,
    pub before: EventId,
    pub after: EventId,
    /// Index of `after` in [`Map::events`], for lookups without hashing.
    pub after_index: usize,
    /// Indexes into [`Map::gaps`] of the notes written for this gap.
    pub notes: Vec<usize>,
}

impl Gap {
    pub fn secs(&self) -> i64 {
        self.end.unix_secs() - self.start.unix_secs()
    }
}

/// Every gap in a map, and the stored notes that no gap matches any more.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GapScan {
    /// Whole-map gaps in time order, then each lane's, lanes left to right.
    pub gaps: Vec<Gap>,
    /// Indexes into [`Map::gaps`] of notes whose gap has gone (an event was added inside
    /// it, or times changed). Kept in the file and listed, so they reappear when the gap
    /// comes back and are never dropped silently.
    pub unplaced_notes: Vec<usize>,
}

impl GapScan {
    /// The whole-map gaps.
    pub fn across_map(&self) -> impl Iterator<Item = &Gap> {
        self.gaps.iter().filter(|gap| gap.lane.is_none())
    }
}

/// Finds the gaps of a map and attaches its stored notes to them.
pub fn find_gaps(map: &Map) -> GapScan {
    let threshold = i64::from(map.gap_threshold());
    let all = timed_events(map, None);
    let usual = usual_spacing(&all);
    let mut gaps: Vec<Gap> = stretches(&all)
        .filter(|(a, b)| {
            let secs = b.2.unix_secs() - a.2.unix_secs();
            secs >= threshold
                || usual.is_some_and(|u| secs >= u * RELATIVE_FACTOR && secs >= RELATIVE_MIN_SECS)
        })
        .map(|(a, b)| gap(a, b, None))
        .collect();
    let map_gap_count = gaps.len();
    for lane in &map.lanes {
        let events = timed_events(map, Some(&lane.id));
        for (a, b) in stretches(&events) {
            // The part of the lane's quiet that the whole map's gaps do not already show.
            // Map gaps are in time order and do not overlap: only those from the first
            // one ending after `a` can meet the stretch.
            let map_gaps = &gaps[..map_gap_count];
            let first = map_gaps.partition_point(|g| g.end <= a.2);
            let covered: i64 = map_gaps[first..]
                .iter()
                .take_while(|g| g.start < b.2)
                .map(|g| overlap(g.start, g.end, a.2, b.2))
                .sum();
            if b.2.unix_secs() - a.2.unix_secs() - covered >= threshold {
                gaps.push(gap(a, b, Some(lane.id.clone())));
            }
        }
    }
    let unplaced_notes = attach_notes(map, &mut gaps);
    GapScan {
        gaps,
        unplaced_notes,
    }
}

/// An event's id, its index in the map, and its time.
type Timed<'a> = (&'a EventId, usize, Timestamp);

/// Timestamped events (of one lane, or all), by instant; equal instants by `pos`.
fn timed_events<'a>(map: &'a Map, lane: Option<&LaneId>) -> Vec<Timed<'a>> {
    let mut events: Vec<(Timed<'a>, f64)> = map
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| lane.is_none_or(|lane| &e.lane == lane))
        .filter_map(|(i, e)| e.time.map(|t| ((&e.id, i, t), e.pos)))
        .collect();
    events.sort_by(|a, b| a.0.2.cmp(&b.0.2).then(a.1.total_cmp(&b.1)));
    events.into_iter().map(|(timed, _)| timed).collect()
}

fn stretches<'a, 'b>(
    events: &'b [Timed<'a>],
) -> impl Iterator<Item = (&'b Timed<'a>, &'b Timed<'a>)> + 'b {
    events.windows(2).map(|w| (&w[0], &w[1]))
}

/// The median of the non-zero stretches between consecutive events.
fn usual_spacing(events: &[Timed<'_>]) -> Option<i64> {
    let mut spacings: Vec<i64> = stretches(events)
        .map(|(a, b)| b.2.unix_secs() - a.2.unix_secs())
        .filter(|&s| s > 0)
        .collect();
    if spacings.len() < RELATIVE_MIN_SAMPLES {
        return None;
    }
    spacings.sort_unstable();
    Some(spacings[spacings.len() / 2])
}

fn gap(a: &Timed<'_>, b: &Timed<'_>, lane: Option<LaneId>) -> Gap {
    Gap {
        start: a.2,
        end: b.2,
        lane,
        before: a.0.clone(),
        after: b.0.clone(),
        after_index: b.1,
        notes: Vec::new(),
    }
}

fn overlap(a_start: Timestamp, a_end: Timestamp, b_start: Timestamp, b_end: Timestamp) -> i64 {
    (a_end.min(b_end).unix_secs() - a_start.max(b_start).unix_secs()).max(0)
}

/// Gives each stored note to the gap of the same lane it overlaps most; returns the ones
/// that overlap none.
fn attach_notes(map: &Map, gaps: &mut [Gap]) -> Vec<usize> {
    let mut unplaced = Vec::new();
    for (index, notes) in map.gaps.iter().enumerate() {
        let best = gaps
            .iter_mut()
            .filter(|gap| gap.lane == notes.lane)
            .map(|gap| (notes.overlap_secs(gap.start, gap.end), gap))
            .filter(|(shared, _)| *shared > 0)
            .max_by_key(|(shared, _)| *shared);
        match best {
            Some((_, gap)) => gap.notes.push(index),
            None => unplaced.push(index),
        }
    }
    unplaced
}

#[cfg(test)]
mod tests;
