//! How times read in a map: in its display zone, with the date wherever the day is not
//! obvious. A map within one calendar day shows clock times only ("14:02"); one that
//! spans several days (in its display zone) writes the date with the first time of each
//! day and in every range that crosses midnight ("Wed 27 Oct 14:00 – Thu 28 Oct 13:37"),
//! so 00:36 on the second day never reads like the first.

use crate::model::{Map, Timestamp};
use chrono::{Datelike, FixedOffset, NaiveDate};

/// Formats a map's times.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Clock {
    zone: FixedOffset,
    multi_day: bool,
    multi_year: bool,
}

impl Clock {
    /// The clock of `map` shown in `zone`.
    pub fn of(map: &Map, zone: FixedOffset) -> Clock {
        let mut first: Option<NaiveDate> = None;
        let mut last: Option<NaiveDate> = None;
        for time in map.events.iter().filter_map(|e| e.time) {
            let day = time.datetime().with_timezone(&zone).date_naive();
            first = Some(first.map_or(day, |f| f.min(day)));
            last = Some(last.map_or(day, |l| l.max(day)));
        }
        let (multi_day, multi_year) = match (first, last) {
            (Some(first), Some(last)) => (first != last, first.year() != last.year()),
            _ => (false, false),
        };
        Clock {
            zone,
            multi_day,
            multi_year,
        }
    }

    /// Whether the map spans more than one calendar day.
    pub fn spans_days(&self) -> bool {
        self.multi_day
    }

    pub fn zone(&self) -> FixedOffset {
        self.zone
    }

    /// The zone in words for a reader: `UTC`, `UTC+02:00`, `UTC-07:00`.
    pub fn zone_name(&self) -> String {
        let secs = self.zone.local_minus_utc();
        if secs == 0 {
            return "UTC".to_owned();
        }
        let sign = if secs < 0 { '-' } else { '+' };
        let minutes = secs.unsigned_abs() / 60;
        format!("UTC{sign}{:02}:{:02}", minutes / 60, minutes % 60)
    }

    /// The calendar day of a time, in the display zone.
    pub fn day_of(&self, time: Timestamp) -> NaiveDate {
        time.datetime().with_timezone(&self.zone).date_naive()
    }

    /// The clock time alone: "14:02" (or "14:02:30").
    pub fn time(&self, time: Timestamp) -> String {
        time.clock_label_in(self.zone)
    }

    /// The date: "Wed 27 Oct", with the year when the map spans years.
    pub fn date(&self, time: Timestamp) -> String {
        let local = time.datetime().with_timezone(&self.zone);
        if self.multi_year {
            local.format("%a %-d %b %Y").to_string()
        } else {
            local.format("%a %-d %b").to_string()
        }
    }

    /// A moment on its own: the time, with the date when the map spans days.
    pub fn moment(&self, time: Timestamp) -> String {
        if self.multi_day {
            format!("{} {}", self.date(time), self.time(time))
        } else {
            self.time(time)
        }
    }

    /// A stretch: "14:00–14:27"; on a map of several days "Wed 27 Oct 14:00–14:27", or
    /// "Wed 27 Oct 14:00 – Thu 28 Oct 13:37" when it crosses midnight.
    pub fn range(&self, start: Timestamp, end: Timestamp) -> String {
        if !self.multi_day {
            format!("{}–{}", self.time(start), self.time(end))
        } else if self.day_of(start) == self.day_of(end) {
            format!("{}–{}", self.moment(start), self.time(end))
        } else {
            // A spaced dash, not an arrow: the app's bundled font has no arrow glyph, and
            // the same words go on screen and into exports.
            format!("{} – {}", self.moment(start), self.moment(end))
        }
    }

    /// A reader of times in order, writing the date only when the day changes.
    pub fn in_order(&self) -> DayByDay {
        DayByDay {
            clock: *self,
            last_day: None,
        }
    }
}

/// Times read one after another (a table, a walk through the map): the first time of
/// each day carries its date when the map spans days; the rest are clock times.
#[derive(Clone, Debug)]
pub struct DayByDay {
    clock: Clock,
    last_day: Option<NaiveDate>,
}

impl DayByDay {
    /// The label for the next time in order.
    pub fn next(&mut self, time: Timestamp) -> String {
        let day = self.clock.day_of(time);
        let new_day = self.last_day != Some(day);
        self.last_day = Some(day);
        if self.clock.multi_day && new_day {
            self.clock.moment(time)
        } else {
            self.clock.time(time)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Event, EventId, Lane, LaneKind};

    fn at(text: &str) -> Timestamp {
        Timestamp::parse(text).unwrap()
    }

    fn map_at(times: &[&str]) -> Map {
        let mut map = Map::new("t");
        map.lanes.push(Lane::new("a".into(), "A", LaneKind::Person));
        for (i, time) in times.iter().enumerate() {
            let mut event = Event::new(EventId::new(format!("e{i}")), "a".into(), i as f64, "x");
            event.time = Some(at(time));
            map.events.push(event);
        }
        map
    }

    #[test]
    fn the_zone_is_named_for_a_reader() {
        let map = map_at(&["2021-10-27T14:00:00Z"]);
        let name = |secs| Clock::of(&map, FixedOffset::east_opt(secs).unwrap()).zone_name();
        assert_eq!(name(0), "UTC");
        assert_eq!(name(-7 * 3600), "UTC-07:00");
        assert_eq!(name(5 * 3600 + 45 * 60), "UTC+05:45");
    }

    #[test]
    fn one_day_reads_as_clock_times() {
        let map = map_at(&["2021-10-27T14:00:00Z", "2021-10-27T14:27:00Z"]);
        let clock = Clock::of(&map, FixedOffset::east_opt(0).unwrap());
        assert!(!clock.spans_days());
        let (a, b) = (at("2021-10-27T14:00:00Z"), at("2021-10-27T14:27:00Z"));
        assert_eq!(clock.range(a, b), "14:00–14:27");
        assert_eq!(clock.moment(a), "14:00");
    }

    #[test]
    fn several_days_carry_the_date_where_the_day_is_not_obvious() {
        let map = map_at(&["2021-10-27T14:00:00Z", "2021-10-28T13:37:00Z"]);
        let clock = Clock::of(&map, FixedOffset::east_opt(0).unwrap());
        assert!(clock.spans_days());
        let (a, b) = (at("2021-10-27T14:00:00Z"), at("2021-10-28T13:37:00Z"));
        assert_eq!(clock.range(a, b), "Wed 27 Oct 14:00 – Thu 28 Oct 13:37");
        let c = at("2021-10-27T14:27:00Z");
        assert_eq!(clock.range(a, c), "Wed 27 Oct 14:00–14:27");
        let mut rows = clock.in_order();
        assert_eq!(rows.next(a), "Wed 27 Oct 14:00");
        assert_eq!(rows.next(c), "14:27");
        assert_eq!(rows.next(b), "Thu 28 Oct 13:37");
    }

    #[test]
    fn the_day_is_the_display_zones_day() {
        // 23:30 in UTC is already the next day in +02:00.
        let map = map_at(&["2021-10-27T20:00:00Z", "2021-10-27T23:30:00Z"]);
        assert!(!Clock::of(&map, FixedOffset::east_opt(0).unwrap()).spans_days());
        assert!(Clock::of(&map, FixedOffset::east_opt(7200).unwrap()).spans_days());
    }
}
