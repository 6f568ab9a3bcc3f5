//! Finding gaps: stretches between consecutive timestamped events that are long, either
//! past the map's threshold or long compared with how often things usually happen in it,
//! across the whole map and within each lane. Then attaching the stored notes to them.
//!
//! A stretch may hold events whose time is unknown (a review tells what happened between
//! two clock times without saying when): such a stretch is not "nothing recorded", and
//! says how many it holds. Without a threshold set in the map, the threshold follows the
//! incident's span, so a three-day incident shows its few long stretches, not every ten
//! minutes.

use crate::model::{EventId, FastHashMap, LaneId, Map, Timestamp};

/// A stretch is also a gap when it is this many times the map's usual (median) spacing...
const RELATIVE_FACTOR: i64 = 6;
/// ...and at least this long, so a map logged to the second does not flag every pause.
const RELATIVE_MIN_SECS: i64 = 120;
/// The usual spacing means something only with a few stretches to take it from.
const RELATIVE_MIN_SAMPLES: usize = 4;
/// Without a threshold set in the map, a stretch must also be this share of the whole
/// incident's span (an hour for each day it lasted) to be a gap.
const SPAN_SHARE: i64 = 24;
/// A stretch at an end of the map this long, and more than twice the rest, is the wait
/// for the review (or the story before the incident), not days the incident lasted.
const AFTERMATH_MIN_SECS: i64 = 2 * 24 * 3600;

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
    /// Index of `before` in [`Map::events`].
    pub before_index: usize,
    pub after: EventId,
    /// Index of `after` in [`Map::events`], for lookups without hashing.
    pub after_index: usize,
    /// Indexes into [`Map::gaps`] of the notes written for this gap.
    pub notes: Vec<usize>,
    /// Events without a time placed inside the stretch (between `before` and `after` in
    /// the map's order; on the gap's lane for a lane gap), by index in [`Map::events`],
    /// in that order: the first [`UNTIMED_LISTED`] of them.
    pub untimed: Vec<usize>,
    /// How many untimed events the stretch holds (the list may stop short).
    pub untimed_count: usize,
}

/// Untimed events listed per gap: enough to place the band and walk them; the count
/// says the rest. (A map whose order zig-zags against its times would otherwise give
/// every gap most of the map's untimed events.)
pub const UNTIMED_LISTED: usize = 32;

impl Gap {
    pub fn secs(&self) -> i64 {
        self.end.unix_secs() - self.start.unix_secs()
    }

    /// What the stretch holds, in words for a band, a list or a step: "27 min with
    /// nothing recorded", or "1 h, 10 events with no time recorded" when it holds events
    /// whose time is unknown.
    pub fn summary(&self) -> String {
        let length = super::duration_label(self.secs());
        match self.untimed_count {
            0 => format!("{length} with nothing recorded"),
            1 => format!("{length}, 1 event with no time recorded"),
            n => format!("{length}, {n} events with no time recorded"),
        }
    }

    /// The first event inside the stretch, by index in [`Map::events`]: the first untimed
    /// one it holds, or the one ending it. Its band opens, and its step comes, there.
    pub fn first_inside(&self) -> usize {
        self.untimed.first().copied().unwrap_or(self.after_index)
    }

    /// The question the stretch asks of the debrief.
    pub fn question(&self) -> &'static str {
        if self.is_empty() {
            "What was going on here?"
        } else {
            "When did they happen, and what else was going on?"
        }
    }

    /// Whether the stretch holds nothing at all: then the question is what was going on.
    pub fn is_empty(&self) -> bool {
        self.untimed_count == 0
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
    /// The threshold that applied: the map's own, or the default stretched to the span.
    pub threshold_secs: i64,
}

impl GapScan {
    /// The whole-map gaps.
    pub fn across_map(&self) -> impl Iterator<Item = &Gap> {
        self.gaps.iter().filter(|gap| gap.lane.is_none())
    }
}

/// Finds the gaps of a map and attaches its stored notes to them.
pub fn find_gaps(map: &Map) -> GapScan {
    find_gaps_with_lanes(map, &lane_of_each_event(map))
}

/// The index into [`Map::lanes`] of each event's lane (`None` for an unknown lane).
pub fn lane_of_each_event(map: &Map) -> Vec<Option<usize>> {
    let index: FastHashMap<&LaneId, usize> = map
        .lanes
        .iter()
        .enumerate()
        .map(|(i, lane)| (&lane.id, i))
        .collect();
    map.events
        .iter()
        .map(|event| index.get(&event.lane).copied())
        .collect()
}

/// [`find_gaps`], given each event's lane as [`lane_of_each_event`] finds it (a layout
/// after a move already has it: grouping the events by lane then hashes nothing).
pub fn find_gaps_with_lanes(map: &Map, event_lane: &[Option<usize>]) -> GapScan {
    let lane_of = |event: usize| event_lane.get(event).copied().flatten();
    let all = timed_events(map);
    let span = span_secs(&all);
    let threshold = threshold_secs(map, span);
    let usual = usual_spacing(&all);
    let floor = if map.gap_threshold_secs.is_some() {
        RELATIVE_MIN_SECS
    } else {
        RELATIVE_MIN_SECS.max(span / SPAN_SHARE)
    };
    let mut gaps: Vec<Gap> = stretches(&all)
        .filter(|(a, b)| {
            let secs = b.2.unix_secs() - a.2.unix_secs();
            secs >= threshold || usual.is_some_and(|u| secs >= u * RELATIVE_FACTOR && secs >= floor)
        })
        .map(|(a, b)| gap(a, b, None))
        .collect();
    let map_gap_count = gaps.len();
    // Each lane's timed events, in the same order: one pass over the map, not one per lane.
    let mut by_lane: Vec<Vec<Timed<'_>>> = vec![Vec::new(); map.lanes.len()];
    for timed in &all {
        if let Some(lane) = lane_of(timed.1) {
            by_lane[lane].push(*timed);
        }
    }
    for (lane, events) in map.lanes.iter().zip(&by_lane) {
        for (a, b) in stretches(events) {
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
    fill_untimed(map, &lane_of, &mut gaps);
    let unplaced_notes = attach_notes(map, &mut gaps);
    GapScan {
        gaps,
        unplaced_notes,
        threshold_secs: threshold,
    }
}

/// The threshold that applies: the map's own, or the default stretched to the
/// incident's span.
fn threshold_secs(map: &Map, span: i64) -> i64 {
    match map.gap_threshold_secs {
        Some(secs) => i64::from(secs),
        None => i64::from(map.gap_threshold()).max(span / SPAN_SHARE),
    }
}

/// How long the incident lasted: from the first timed event to the last, less a stretch at
/// either end that is at least `AFTERMATH_MIN_SECS` long and more than twice as long as
/// the rest together. A review's last row is often its publication, weeks later, and
/// counting those weeks raised the threshold past every silence in the incident itself
/// (the Roblox 2021 outage's 7 to 13 hour nights went unmarked under an 85-hour threshold
/// set by a writeup 81 days on). Such a stretch is still a gap: it is longer than the
/// threshold the rest gives. Only an end, and only days: a night between two busy days
/// (GitLab 2017's 15 h 42 min) is part of the incident.
fn span_secs(all: &[Timed<'_>]) -> i64 {
    let secs = |a: &Timed<'_>, b: &Timed<'_>| b.2.unix_secs() - a.2.unix_secs();
    let (Some(first), Some(last)) = (all.first(), all.last()) else {
        return 0;
    };
    let mut span = secs(first, last);
    let n = all.len();
    // The last stretch, then the first (one and the same when there are two events).
    let ends = [
        (n >= 2).then(|| secs(&all[n - 2], last)),
        (n >= 3).then(|| secs(first, &all[1])),
    ];
    for stretch in ends.into_iter().flatten() {
        if stretch >= AFTERMATH_MIN_SECS && stretch > 2 * (span - stretch) {
            span -= stretch;
        }
    }
    span
}

/// Lists, for each gap, the untimed events inside it: those placed between the events
/// around it in the map's order (`pos`), on its lane for a lane gap. One sort, then a
/// binary search per gap.
fn fill_untimed(map: &Map, lane_of: &dyn Fn(usize) -> Option<usize>, gaps: &mut [Gap]) {
    // Untimed events by pos, across the map and per lane.
    let mut untimed: Vec<(f64, usize)> = map
        .events
        .iter()
        .enumerate()
        .filter(|(_, e)| e.time.is_none())
        .map(|(i, e)| (e.pos, i))
        .collect();
    if untimed.is_empty() {
        return;
    }
    untimed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut by_lane: Vec<Vec<(f64, usize)>> = vec![Vec::new(); map.lanes.len()];
    for &(pos, i) in &untimed {
        if let Some(lane) = lane_of(i) {
            by_lane[lane].push((pos, i));
        }
    }
    let lane_index: FastHashMap<&LaneId, usize> = map
        .lanes
        .iter()
        .enumerate()
        .map(|(i, lane)| (&lane.id, i))
        .collect();
    for gap in gaps.iter_mut() {
        let (Some(from), Some(to)) = (
            pos_of_index(map, gap.before_index),
            pos_of_index(map, gap.after_index),
        ) else {
            continue;
        };
        let list = match &gap.lane {
            None => &untimed,
            Some(lane) => match lane_index.get(lane) {
                Some(&i) => &by_lane[i],
                None => continue,
            },
        };
        let first = list.partition_point(|&(pos, _)| pos <= from);
        let last = list.partition_point(|&(pos, _)| pos < to);
        if first < last {
            gap.untimed_count = last - first;
            gap.untimed = list[first..last.min(first + UNTIMED_LISTED)]
                .iter()
                .map(|&(_, i)| i)
                .collect();
        }
    }
}

fn pos_of_index(map: &Map, index: usize) -> Option<f64> {
    map.events.get(index).map(|e| e.pos)
}

/// An event's id, its index in the map, and its time.
type Timed<'a> = (&'a EventId, usize, Timestamp);

/// Timestamped events, by instant; equal instants by `pos`.
fn timed_events(map: &Map) -> Vec<Timed<'_>> {
    let mut events: Vec<(Timed<'_>, f64)> = map
        .events
        .iter()
        .enumerate()
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
        before_index: a.1,
        after: b.0.clone(),
        after_index: b.1,
        notes: Vec::new(),
        untimed: Vec::new(),
        untimed_count: 0,
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
