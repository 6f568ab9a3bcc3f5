//! What the timestamps say about a map: where the gaps are, how long stretches read, and
//! the story it tells in order. Pure functions of the map, shared by layout, the
//! inspector, presentation and exports.

mod clock;
mod contacts;
mod gaps;
mod knowledge;
mod questions;
mod story;

pub use clock::{Clock, DayByDay};
pub use contacts::{Contact, LaneContacts, Moment, per_lane, says_handoff, who_asked_whom};
pub use gaps::{Gap, GapScan, find_gaps, find_gaps_with_lanes, lane_of_each_event};
pub use knowledge::{Knowledge, known_to};
pub use questions::{About, ForWhom, Line, Question, Source, ToAsk, questions_to_prepare};
pub use story::{Beat, Story};

/// A duration in words that fit on a band: "45 s", "27 min", "2 h 05 min", "3 days".
pub fn duration_label(secs: i64) -> String {
    let secs = secs.max(0);
    match secs {
        0..60 => format!("{secs} s"),
        60..3_600 => format!("{} min", (secs + 30) / 60),
        3_600..172_800 => {
            let minutes = (secs + 30) / 60;
            match minutes % 60 {
                0 => format!("{} h", minutes / 60),
                m => format!("{} h {m:02} min", minutes / 60),
            }
        }
        _ => format!("{} days", (secs + 43_200) / 86_400),
    }
}

#[cfg(test)]
mod tests {
    use super::duration_label;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration_label(45), "45 s");
        assert_eq!(duration_label(27 * 60), "27 min");
        assert_eq!(duration_label(27 * 60 + 20), "27 min");
        assert_eq!(duration_label(2 * 3600 + 5 * 60), "2 h 05 min");
        assert_eq!(duration_label(3600), "1 h");
        assert_eq!(duration_label(3 * 86_400), "3 days");
    }
}
