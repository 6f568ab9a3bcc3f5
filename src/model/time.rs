//! Event timestamps: an instant with the UTC offset it was recorded in (RFC 3339).

use chrono::{DateTime, FixedOffset, SecondsFormat, Timelike};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;

/// A moment with its original UTC offset. Ordering and equality compare instants, so
/// `14:00+00:00` and `09:00-05:00` are the same moment.
///
/// Only moments a map file can hold exist: years 0000 to 9999 and an offset in whole
/// minutes, as RFC 3339 writes them. Every way of making one checks this, so whatever an
/// import, a paste or an edit produces is saved as a time the loader reads back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(DateTime<FixedOffset>);

/// Why a typed time was refused, in words for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "'{text}' is not a time with a UTC offset (expected e.g. 2025-03-11T14:02:00+00:00): {reason}"
)]
pub struct TimeParseError {
    pub text: String,
    pub reason: String,
}

impl Timestamp {
    /// The moment, if a map file can hold it (see the type's note).
    pub fn new(time: DateTime<FixedOffset>) -> Option<Self> {
        use chrono::Datelike;
        let in_years = (0..=9999).contains(&time.year());
        let whole_minutes = time.offset().local_minus_utc() % 60 == 0;
        (in_years && whole_minutes).then_some(Timestamp(time))
    }

    /// The moment with the offset it was recorded in.
    pub fn datetime(&self) -> DateTime<FixedOffset> {
        self.0
    }

    /// This moment moved by `secs` seconds, if the result can still be held.
    pub fn plus_secs(&self, secs: i64) -> Option<Self> {
        let moved = self
            .0
            .checked_add_signed(chrono::Duration::try_seconds(secs)?)?;
        Timestamp::new(moved)
    }

    /// Parses RFC 3339 (`2025-03-11T14:02:00+00:00`, `...Z`); a space may stand for the `T`.
    pub fn parse(text: &str) -> Result<Self, TimeParseError> {
        let trimmed = text.trim();
        DateTime::parse_from_rfc3339(trimmed)
            .or_else(|_| DateTime::parse_from_rfc3339(&trimmed.replacen(' ', "T", 1)))
            .map_err(|err| TimeParseError {
                text: trimmed.to_owned(),
                reason: err.to_string(),
            })
            .and_then(|time| {
                Timestamp::new(time).ok_or_else(|| TimeParseError {
                    text: trimmed.to_owned(),
                    reason: "the year must be 0000 to 9999".to_owned(),
                })
            })
    }

    /// Seconds since the Unix epoch, for arithmetic on instants.
    pub fn unix_secs(&self) -> i64 {
        self.0.timestamp()
    }

    /// The canonical file form: RFC 3339, seconds always shown, offset as `+HH:MM`.
    pub fn to_rfc3339(&self) -> String {
        self.0.to_rfc3339_opts(SecondsFormat::AutoSi, false)
    }

    /// The UTC offset the time was recorded in.
    pub fn offset(&self) -> FixedOffset {
        *self.0.offset()
    }

    /// Short wall-clock form in the given zone, for cards and the ruler: `14:02` (or
    /// `14:02:30` when seconds matter). One zone for the whole map, so times recorded in
    /// different offsets read in order.
    pub fn clock_label_in(&self, zone: FixedOffset) -> String {
        // Written from the fields: chrono's `format` parses its pattern on every call, and
        // a 200,000-event Markdown export spent a tenth of its time there.
        let local = self.0.with_timezone(&zone);
        // A leap second (`23:59:60`) is second 59 with a nanosecond count past a second.
        let second = local.second() + local.nanosecond() / 1_000_000_000;
        let (hour, minute) = (local.hour(), local.minute());
        if second == 0 {
            format!("{hour:02}:{minute:02}")
        } else {
            format!("{hour:02}:{minute:02}:{second:02}")
        }
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_rfc3339())
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Timestamp::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Timestamp {
    fn schema_name() -> Cow<'static, str> {
        "Timestamp".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "RFC 3339 date and time with a UTC offset, e.g. 2025-03-11T14:02:00+00:00",
            "type": "string",
            "format": "date-time"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_in_different_offsets_compare_as_moments() {
        let utc = Timestamp::parse("2025-03-11T14:00:00+00:00").unwrap();
        let east = Timestamp::parse("2025-03-11T09:30:00-05:00").unwrap();
        assert!(utc < east);
    }

    #[test]
    fn canonical_form_keeps_the_offset() {
        let t = Timestamp::parse("2025-03-11 09:30:00-05:00").unwrap();
        assert_eq!(t.to_rfc3339(), "2025-03-11T09:30:00-05:00");
        assert_eq!(t.clock_label_in(t.offset()), "09:30");
        assert_eq!(t.clock_label_in(FixedOffset::east_opt(0).unwrap()), "14:30");
    }

    #[test]
    fn clock_labels_show_seconds_only_when_they_matter() {
        let zone = FixedOffset::east_opt(0).unwrap();
        let label = |text: &str| Timestamp::parse(text).unwrap().clock_label_in(zone);
        assert_eq!(label("2025-03-11T04:05:00+00:00"), "04:05");
        assert_eq!(label("2025-03-11T04:05:09+00:00"), "04:05:09");
        assert_eq!(
            label("2016-12-31T23:59:60+00:00"),
            "23:59:60",
            "a leap second"
        );
    }

    #[test]
    fn a_time_without_offset_is_refused_with_the_text() {
        let err = Timestamp::parse("14:02").unwrap_err();
        assert!(err.to_string().contains("'14:02'"));
    }
}
