//! Reading the times people write in timelines: RFC 3339 and its everyday variants, a
//! date with a clock time, or a bare clock time that takes its day (and zone) from the
//! rows before it, rolling over midnight when the clock goes backwards.

use crate::model::Timestamp;
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};

/// A time as written: full, or missing the date or the zone.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Written {
    Full(DateTime<FixedOffset>),
    /// A date and clock time with no UTC offset.
    Local(NaiveDateTime),
    /// A clock time alone.
    Clock(NaiveTime),
}

/// A time cell: empty, or a time with its approximate mark.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cell {
    pub written: Written,
    /// Written with a leading `~` or `±`.
    pub approximate: bool,
}

/// Reads a time cell. `Ok(None)` for an empty cell; `Err` with the reason otherwise.
pub fn read_cell(text: &str) -> Result<Option<Cell>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let (approximate, rest) = match text.strip_prefix('~').or_else(|| text.strip_prefix('±')) {
        Some(rest) => (true, rest.trim()),
        None => (false, text),
    };
    let written = read(rest).ok_or_else(|| {
        format!(
            "'{text}' is not a time (expected e.g. 2025-03-11T14:05:00+00:00, 2025-03-11 14:05 or 14:05)"
        )
    })?;
    Ok(Some(Cell {
        written,
        approximate,
    }))
}

fn read(text: &str) -> Option<Written> {
    // "2025-03-11 14:05..." reads like "2025-03-11T14:05...".
    let text = match text.split_once(' ') {
        Some((date, rest)) if date.len() == 10 && date.as_bytes()[4] == b'-' => {
            format!("{date}T{}", rest.trim().replace(' ', ""))
        }
        _ => text.to_owned(),
    };
    let text = match text.strip_suffix('Z').or_else(|| text.strip_suffix('z')) {
        Some(rest) => format!("{rest}+00:00"),
        None => text,
    };
    if let Ok(full) = DateTime::parse_from_rfc3339(&text) {
        return Some(Written::Full(full));
    }
    for format in [
        "%Y-%m-%dT%H:%M%:z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%dT%H:%M:%S%z",
    ] {
        if let Ok(full) = DateTime::parse_from_str(&text, format) {
            return Some(Written::Full(full));
        }
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"] {
        if let Ok(local) = NaiveDateTime::parse_from_str(&text, format) {
            return Some(Written::Local(local));
        }
    }
    for format in ["%H:%M:%S%.f", "%H:%M"] {
        if let Ok(clock) = NaiveTime::parse_from_str(&text, format) {
            return Some(Written::Clock(clock));
        }
    }
    None
}

/// What earlier rows said about the day and the zone, for rows that leave them out.
#[derive(Clone, Debug, Default)]
pub struct Context {
    date: Option<NaiveDate>,
    offset: Option<FixedOffset>,
    /// The local clock time of the previous timed row, to notice midnight.
    last_clock: Option<NaiveTime>,
}

/// Why a cell's time could not be completed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Incomplete {
    /// A bare clock time before any row said which day.
    NoDay,
    /// The time falls outside what a map file holds (years 0000 to 9999).
    OutOfRange,
}

/// A time completed from the context, and whether the day rolled over to get it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Completed {
    pub time: Timestamp,
    pub rolled_over: bool,
}

impl Context {
    /// Starts with a day and zone to assume before any row gives them.
    pub fn starting(date: NaiveDate, offset: FixedOffset) -> Self {
        Context {
            date: Some(date),
            offset: Some(offset),
            last_clock: None,
        }
    }

    /// The full time a cell means here, and the context for the next row.
    pub fn complete(&mut self, written: Written) -> Result<Completed, Incomplete> {
        let offset = self
            .offset
            .unwrap_or_else(|| FixedOffset::east_opt(0).expect("UTC"));
        let (local, offset, rolled_over) = match written {
            Written::Full(full) => (full.naive_local(), *full.offset(), false),
            Written::Local(local) => (local, offset, false),
            Written::Clock(clock) => {
                let mut date = self.date.ok_or(Incomplete::NoDay)?;
                let rolled = self.last_clock.is_some_and(|last| clock < last);
                if rolled {
                    date = date
                        .checked_add_signed(Duration::days(1))
                        .ok_or(Incomplete::OutOfRange)?;
                }
                (date.and_time(clock), offset, rolled)
            }
        };
        let time = offset
            .from_local_datetime(&local)
            .single()
            .ok_or(Incomplete::OutOfRange)?;
        let time = Timestamp::new(time).ok_or(Incomplete::OutOfRange)?;
        self.date = Some(local.date());
        self.offset = Some(offset);
        self.last_clock = Some(local.time());
        Ok(Completed { time, rolled_over })
    }
}

/// The day and zone of the first row that gives them, to complete rows before it.
pub fn first_date_and_offset<'a>(
    cells: impl IntoIterator<Item = &'a Written>,
) -> (Option<NaiveDate>, Option<FixedOffset>) {
    let mut date = None;
    let mut offset = None;
    for written in cells {
        match written {
            Written::Full(full) => {
                date = date.or(Some(full.date_naive()));
                offset = offset.or(Some(*full.offset()));
            }
            Written::Local(local) => date = date.or(Some(local.date())),
            Written::Clock(_) => {}
        }
        if date.is_some() && offset.is_some() {
            break;
        }
    }
    (date, offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full(text: &str) -> String {
        let cell = read_cell(text).unwrap().unwrap();
        let mut context = Context::starting(
            NaiveDate::from_ymd_opt(2025, 3, 11).unwrap(),
            FixedOffset::east_opt(3600).unwrap(),
        );
        context.complete(cell.written).unwrap().time.to_rfc3339()
    }

    #[test]
    fn everyday_ways_of_writing_a_time_are_read() {
        assert_eq!(
            full("2021-01-04T06:45:00-08:00"),
            "2021-01-04T06:45:00-08:00"
        );
        assert_eq!(full("2021-01-04T06:45:00Z"), "2021-01-04T06:45:00+00:00");
        assert_eq!(full("2021-01-04T06:45-08:00"), "2021-01-04T06:45:00-08:00");
        assert_eq!(
            full("2021-01-04 06:45:00-08:00"),
            "2021-01-04T06:45:00-08:00"
        );
        assert_eq!(full("2021-01-04 06:45 -08:00"), "2021-01-04T06:45:00-08:00");
        assert_eq!(full("2021-01-04 06:45"), "2021-01-04T06:45:00+01:00");
        assert_eq!(full("06:45"), "2025-03-11T06:45:00+01:00");
        assert_eq!(full("06:45:30"), "2025-03-11T06:45:30+01:00");
    }

    #[test]
    fn a_leading_tilde_or_plus_minus_marks_an_estimate() {
        assert!(read_cell("~14:05").unwrap().unwrap().approximate);
        assert!(read_cell("± 14:05").unwrap().unwrap().approximate);
        assert!(!read_cell("14:05").unwrap().unwrap().approximate);
        assert_eq!(read_cell("  ").unwrap(), None);
        assert!(
            read_cell("after lunch")
                .unwrap_err()
                .contains("'after lunch'")
        );
    }

    #[test]
    fn times_a_map_cannot_hold_are_refused_not_made() {
        let mut context = Context::default();
        let last = read_cell("9999-12-31T23:58:00Z").unwrap().unwrap();
        assert!(context.complete(last.written).is_ok());
        let next_year = read_cell("00:01").unwrap().unwrap();
        assert_eq!(
            context.complete(next_year.written),
            Err(Incomplete::OutOfRange)
        );
    }

    #[test]
    fn bare_times_follow_the_day_and_zone_before_them_and_roll_past_midnight() {
        let mut context = Context::default();
        let first = read_cell("2025-03-11T23:50:00-05:00").unwrap().unwrap();
        context.complete(first.written).unwrap();
        let late = context
            .complete(read_cell("23:58").unwrap().unwrap().written)
            .unwrap();
        assert_eq!(late.time.to_rfc3339(), "2025-03-11T23:58:00-05:00");
        let after = context
            .complete(read_cell("00:04").unwrap().unwrap().written)
            .unwrap();
        assert!(after.rolled_over);
        assert_eq!(after.time.to_rfc3339(), "2025-03-12T00:04:00-05:00");
    }
}
