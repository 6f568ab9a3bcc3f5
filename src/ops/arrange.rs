//! "Arrange by time": sets every card's `pos` from the timestamps, as one edit. Cards
//! without a time (untimed events, paths not taken) stay with the timestamped event they
//! followed, in the same order, so the reviewer's placement of them is kept.

use super::Op;
use crate::model::{CardId, Map, Timestamp};

/// The edit that orders the map by time, or `None` when it already is.
pub fn arrange_by_time(map: &Map) -> Option<Op> {
    let mut cards: Vec<(CardId, f64, Option<Timestamp>)> = map
        .events
        .iter()
        .map(|e| (CardId::Event(e.id.clone()), e.pos, e.time))
        .chain(
            map.branches
                .iter()
                .map(|b| (CardId::Branch(b.id.clone()), b.pos, None)),
        )
        .collect();
    // Stable: equal `pos` keep file order, events before branches.
    cards.sort_by(|a, b| a.1.total_cmp(&b.1));

    // A run of untimed cards belongs to the timestamped event above it; the ones above
    // every timestamped event stay on top.
    let mut leading = Vec::new();
    let mut runs: Vec<(Timestamp, Vec<CardId>)> = Vec::new();
    for (id, _, time) in cards {
        match (time, runs.last_mut()) {
            (Some(time), _) => runs.push((time, vec![id])),
            (None, Some((_, run))) => run.push(id),
            (None, None) => leading.push(id),
        }
    }
    runs.sort_by_key(|(time, _)| *time);

    let mut ops = Vec::new();
    let mut next = 1.0;
    let place = |id: &CardId, pos: f64, ops: &mut Vec<Op>| {
        if let Some((lane, _)) = map.card_place(id)
            && let Some(op) = Op::place_card(map, id, lane.clone(), pos)
        {
            ops.push(op);
        }
    };
    for id in &leading {
        place(id, next, &mut ops);
        next += 1.0;
    }
    let mut previous: Option<(Timestamp, f64)> = None;
    for (time, run) in &runs {
        for (i, id) in run.iter().enumerate() {
            // Events at the same moment share a `pos`, so they line up across lanes.
            let pos = match previous {
                Some((t, pos)) if i == 0 && t == *time => pos,
                _ => {
                    next += 1.0;
                    next - 1.0
                }
            };
            if i == 0 {
                previous = Some((*time, pos));
            }
            place(id, pos, &mut ops);
        }
    }
    (!ops.is_empty()).then_some(Op::Batch(ops))
}
