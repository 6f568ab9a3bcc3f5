//! Times as people type them into a time field: `14:05`, `14:05:30`, `2:05 pm`, `+5m`,
//! `-1h30m`, `2025-05-01 14:05`, `May 1 14:05`, or the full RFC 3339 form. Everything
//! without a UTC offset is read in the map's zone; a bare clock time takes the day it is
//! given. Pure: no egui, no map, so the inspector and tests share one reading.

use super::Timestamp;
use chrono::{
    DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike,
};

/// What a typed time is read against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EntryContext {
    /// The zone typed clock times are in (the one cards show times in).
    pub zone: FixedOffset,
    /// The day a bare clock time falls on: the card's current day, else the previous
    /// card's, else the map's first day.
    pub day: Option<NaiveDate>,
    /// What `+5m` and `-2m` count from: the previous timed card in story order, else the
    /// card's own time.
    pub anchor: Option<Timestamp>,
}

/// The forms a time field takes, for the message under a field that refused its text.
pub const ENTRY_FORMS: &str = "Try 14:05, 14:05:30, 2:05 pm, +5m or -1h30m (from the previous card), \
     2025-05-01 14:05, May 1 14:05, or 2025-05-01T14:05:00+00:00; empty for unknown";

/// Reads a typed time. `Ok(None)` for an empty field (the time is unknown); `Err` with a
/// short reason and the forms that work.
pub fn parse_entry(text: &str, ctx: &EntryContext) -> Result<Option<Timestamp>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if let Some(rest) = text.strip_prefix('+') {
        return relative(rest, 1, ctx).map(Some);
    }
    // A leading '-' is a step back; a date never starts with one here.
    if let Some(rest) = text.strip_prefix('-').or_else(|| text.strip_prefix('−')) {
        return relative(rest, -1, ctx).map(Some);
    }
    if let Ok(full) = Timestamp::parse(text) {
        return Ok(Some(full));
    }
    if let Some(full) = with_offset(text) {
        return Timestamp::new(full)
            .map(Some)
            .ok_or_else(|| out_of_range(text));
    }
    let local = match local_date_time(text, ctx)? {
        Some(local) => local,
        None => return Err(format!("'{}' is not a time. {ENTRY_FORMS}", clip(text))),
    };
    let moment = ctx
        .zone
        .from_local_datetime(&local)
        .single()
        .and_then(Timestamp::new);
    moment.map(Some).ok_or_else(|| out_of_range(text))
}

/// How a time field shows a time when it is not being typed in: the date and clock in
/// the zone cards show times in, `2025-05-01 14:05` (`14:05:30` when seconds matter), a
/// form [`parse_entry`] reads back to the same second.
pub fn entry_text(time: Timestamp, zone: FixedOffset) -> String {
    let date = time.datetime().with_timezone(&zone).date_naive();
    format!("{date} {}", time.clock_label_in(zone))
}

fn out_of_range(text: &str) -> String {
    format!(
        "'{}' is outside the years 0000 to 9999 a map holds",
        clip(text)
    )
}

/// The first characters of a typed text, so a pasted page does not fill the message.
fn clip(text: &str) -> String {
    const MAX: usize = 40;
    match text.char_indices().nth(MAX) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// `5m`, `1h30m`, `90s`, `2d`, `1h 30m` after the sign, counted from the anchor.
fn relative(rest: &str, sign: i64, ctx: &EntryContext) -> Result<Timestamp, String> {
    let secs = duration_secs(rest).ok_or_else(|| {
        format!(
            "'{}' is not a step: write it like +5m, +1h30m, -2m or +90s",
            clip(rest)
        )
    })?;
    let anchor = ctx.anchor.ok_or_else(|| {
        "No earlier card has a time to count from: type a clock time like 14:05".to_owned()
    })?;
    secs.checked_mul(sign)
        .and_then(|secs| anchor.plus_secs(secs))
        .map(|moved| {
            // Written in the map's zone like any other typed time.
            Timestamp::new(moved.datetime().with_timezone(&ctx.zone)).unwrap_or(moved)
        })
        .ok_or_else(|| format!("'{}' steps outside the years a map holds", clip(rest)))
}

/// Seconds in a step like `1h30m`: whole numbers each followed by d, h, m or s.
fn duration_secs(text: &str) -> Option<i64> {
    let mut total: i64 = 0;
    let mut number: Option<i64> = None;
    let mut any = false;
    for ch in text.chars() {
        if ch.is_whitespace() {
            continue;
        }
        if let Some(digit) = ch.to_digit(10) {
            number = Some(
                number
                    .unwrap_or(0)
                    .checked_mul(10)?
                    .checked_add(i64::from(digit))?,
            );
            continue;
        }
        let unit = match ch.to_ascii_lowercase() {
            'd' => 86_400,
            'h' => 3_600,
            'm' => 60,
            's' => 1,
            _ => return None,
        };
        total = total.checked_add(number.take()?.checked_mul(unit)?)?;
        any = true;
    }
    // A number left without a unit ("+5") is refused rather than guessed.
    (any && number.is_none()).then_some(total)
}

/// A date and time written with its own offset: `2025-05-01 14:05+02:00`.
fn with_offset(text: &str) -> Option<DateTime<FixedOffset>> {
    let text = text.replacen(' ', "T", 1);
    let text = match text.strip_suffix(['Z', 'z']) {
        Some(rest) => format!("{rest}+00:00"),
        None => text,
    };
    [
        "%Y-%m-%dT%H:%M%:z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%dT%H:%M:%S%z",
        "%Y-%m-%dT%H:%M:%S%.f%:z",
    ]
    .into_iter()
    .find_map(|format| DateTime::parse_from_str(&text, format).ok())
}

/// A clock time, with or without a date before it, as a local date and time. `Ok(None)`
/// when the text is not one of these forms.
fn local_date_time(text: &str, ctx: &EntryContext) -> Result<Option<NaiveDateTime>, String> {
    let lower = text.to_lowercase();
    let tokens: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .collect();
    // The clock is the last token, or the last two when they are "2:05 pm".
    let clock_len = match tokens.as_slice() {
        [.., _, last] if meridiem(last).is_some() => 2,
        [] => return Ok(None),
        _ => 1,
    };
    let (date_tokens, clock_tokens) = tokens.split_at(tokens.len() - clock_len);
    let Some(clock) = clock(&clock_tokens.join("")) else {
        // "2025-05-01T14:05" without an offset.
        return Ok(iso_local(text).map(Some).unwrap_or(None));
    };
    if date_tokens.is_empty() {
        let day = ctx.day.ok_or_else(|| {
            "No day to put this clock time on: type a date too, like 2025-05-01 14:05".to_owned()
        })?;
        return Ok(Some(day.and_time(clock)));
    }
    Ok(date(date_tokens, ctx.day).map(|day| day.and_time(clock)))
}

fn iso_local(text: &str) -> Option<NaiveDateTime> {
    ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"]
        .into_iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
}

/// `am` or `pm` (also `a.m.`, `p.m.`): whether it is the afternoon.
fn meridiem(token: &str) -> Option<bool> {
    match token.replace('.', "").as_str() {
        "am" => Some(false),
        "pm" => Some(true),
        _ => None,
    }
}

/// `14:05`, `14:05:30`, `14:05:30.5`, `2:05pm`, `2pm` (the spaces already gone).
fn clock(text: &str) -> Option<NaiveTime> {
    let (digits, afternoon) = ["a.m.", "p.m.", "am", "pm"]
        .into_iter()
        .find_map(|suffix| {
            let rest = text.strip_suffix(suffix)?;
            Some((rest, meridiem(suffix)?))
        })
        .map_or((text, None), |(rest, pm)| (rest, Some(pm)));
    let time = ["%H:%M:%S%.f", "%H:%M"]
        .into_iter()
        .find_map(|format| NaiveTime::parse_from_str(digits, format).ok())
        .or_else(|| {
            // A bare hour only with am or pm: "2pm".
            afternoon?;
            let hour: u32 = digits.parse().ok()?;
            NaiveTime::from_hms_opt(hour, 0, 0)
        })?;
    match afternoon {
        None => Some(time),
        Some(pm) => {
            let hour = time.hour();
            if !(1..=12).contains(&hour) {
                return None;
            }
            let hour24 = match (hour, pm) {
                (12, false) => 0,
                (12, true) => 12,
                (h, false) => h,
                (h, true) => h + 12,
            };
            time.with_hour(hour24)
        }
    }
}

/// `2025-05-01`, `2025/05/01`, `May 1`, `1 May`, `May 1 2025`, `1 May 2025`; a date with
/// no year takes the year of `day` (the card's day), or this year when there is none.
fn date(tokens: &[&str], day: Option<NaiveDate>) -> Option<NaiveDate> {
    if let [single] = tokens {
        return ["%Y-%m-%d", "%Y/%m/%d"]
            .into_iter()
            .find_map(|format| NaiveDate::parse_from_str(single, format).ok());
    }
    let joined = tokens.join(" ");
    let with_year = match tokens.len() {
        2 => {
            let year = day.map_or_else(|| chrono::Utc::now().year(), |d| d.year());
            format!("{joined} {year}")
        }
        3 => joined,
        _ => return None,
    };
    ["%b %d %Y", "%d %b %Y"]
        .into_iter()
        .find_map(|format| NaiveDate::parse_from_str(&with_year, format).ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ctx() -> EntryContext {
        let zone = FixedOffset::east_opt(2 * 3600).unwrap();
        EntryContext {
            zone,
            day: NaiveDate::from_ymd_opt(2025, 5, 1),
            anchor: Timestamp::parse("2025-05-01T14:00:00+02:00").ok(),
        }
    }

    fn read(text: &str) -> String {
        parse_entry(text, &ctx())
            .unwrap()
            .map(|t| t.to_rfc3339())
            .unwrap_or_default()
    }

    #[test]
    fn a_shown_time_reads_back_as_the_same_moment() {
        let zone = ctx().zone;
        let shown = |rfc: &str| entry_text(Timestamp::parse(rfc).unwrap(), zone);
        assert_eq!(shown("2025-05-01T12:05:00+00:00"), "2025-05-01 14:05");
        assert_eq!(shown("2025-05-01T23:30:15-01:00"), "2025-05-02 02:30:15");
        for rfc in ["2025-05-01T12:05:00+00:00", "2025-05-01T23:30:15-01:00"] {
            let time = Timestamp::parse(rfc).unwrap();
            let back = parse_entry(&entry_text(time, zone), &ctx()).unwrap();
            assert_eq!(back, Some(time), "{rfc}");
        }
    }

    #[test]
    fn clock_times_take_the_day_and_zone() {
        assert_eq!(read("14:05"), "2025-05-01T14:05:00+02:00");
        assert_eq!(read(" 9:05 "), "2025-05-01T09:05:00+02:00");
        assert_eq!(read("14:05:30"), "2025-05-01T14:05:30+02:00");
    }

    #[test]
    fn twelve_hour_clock() {
        assert_eq!(read("2:05 pm"), "2025-05-01T14:05:00+02:00");
        assert_eq!(read("2:05PM"), "2025-05-01T14:05:00+02:00");
        assert_eq!(read("12:10 am"), "2025-05-01T00:10:00+02:00");
        assert_eq!(read("12:10 p.m."), "2025-05-01T12:10:00+02:00");
        assert_eq!(read("2pm"), "2025-05-01T14:00:00+02:00");
        assert!(parse_entry("13:05 pm", &ctx()).is_err());
    }

    #[test]
    fn steps_count_from_the_anchor() {
        assert_eq!(read("+5m"), "2025-05-01T14:05:00+02:00");
        assert_eq!(read("+1h30m"), "2025-05-01T15:30:00+02:00");
        assert_eq!(read("-2m"), "2025-05-01T13:58:00+02:00");
        assert_eq!(read("+ 90s"), "2025-05-01T14:01:30+02:00");
        assert!(parse_entry("+5", &ctx()).is_err());
        assert!(parse_entry("+5x", &ctx()).is_err());
        let none = EntryContext {
            anchor: None,
            ..ctx()
        };
        assert!(parse_entry("+5m", &none).is_err());
    }

    #[test]
    fn dates_when_needed() {
        assert_eq!(read("2025-05-03 14:05"), "2025-05-03T14:05:00+02:00");
        assert_eq!(read("2025-05-03T14:05"), "2025-05-03T14:05:00+02:00");
        assert_eq!(read("May 3 14:05"), "2025-05-03T14:05:00+02:00");
        assert_eq!(read("3 May 2:05 pm"), "2025-05-03T14:05:00+02:00");
        assert_eq!(read("May 3, 2024 14:05"), "2024-05-03T14:05:00+02:00");
        assert_eq!(read("2025-05-03 14:05+00:00"), "2025-05-03T14:05:00+00:00");
    }

    #[test]
    fn the_full_form_keeps_its_offset() {
        assert_eq!(
            read("2025-03-11T14:02:00-05:00"),
            "2025-03-11T14:02:00-05:00"
        );
        assert_eq!(read("2025-03-11T14:02:00Z"), "2025-03-11T14:02:00+00:00");
    }

    #[test]
    fn empty_is_unknown_and_nonsense_says_what_works() {
        assert_eq!(parse_entry("  ", &ctx()), Ok(None));
        let err = parse_entry("soon", &ctx()).unwrap_err();
        assert!(err.contains("14:05"), "{err}");
        assert!(parse_entry("25:00", &ctx()).is_err());
        let no_day = EntryContext { day: None, ..ctx() };
        assert!(parse_entry("14:05", &no_day).unwrap_err().contains("date"));
    }

    #[test]
    fn huge_steps_are_refused_not_overflowed() {
        assert!(parse_entry("+99999999999999999999d", &ctx()).is_err());
        assert!(parse_entry("+9999999999d", &ctx()).is_err());
    }

    proptest! {
        #[test]
        fn never_panics(text in ".{0,40}") {
            let _ = parse_entry(&text, &ctx());
        }

        #[test]
        fn never_panics_on_time_like_text(text in "[-+ 0-9:.apmAPMdhsT,yMa-z]{0,24}") {
            let _ = parse_entry(&text, &ctx());
        }
    }
}
