//! Reading a map's JSON strictly: a key given twice in one object is refused (serde_json
//! would keep the last one and silently drop the first, with its data), and what the file
//! may hold is bounded while it is parsed, not after, so a hostile file cannot make memory
//! grow far past its own size before it is refused.

use super::validate::Limits;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map as JsonMap, Number, Value};
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::fmt;

/// At most this many JSON values (objects, arrays, strings, numbers...) in one file. A
/// map at every count limit (200,000 events with their fields and annotations) stays well
/// under it; 63 MiB of `0,` does not, and is stopped here after about 16 MB instead of
/// growing to 3.4 GB.
pub const MAX_VALUES: u64 = 8_000_000;

/// What went wrong, with where serde_json says it was.
pub struct StrictError {
    pub line: usize,
    pub column: usize,
    pub message: String,
    /// The bytes are JSON but the content is refused (a duplicate key, a count over its
    /// limit), as opposed to not being JSON at all.
    pub refused: bool,
}

/// Parses JSON bytes into a `Value`, refusing duplicate keys and files over the limits.
pub fn parse_strict(data: &[u8], limits: &Limits) -> Result<Value, StrictError> {
    let budget = Cell::new(MAX_VALUES);
    let seed = Strict {
        budget: &budget,
        limits,
        depth: 0,
        counted: None,
    };
    let mut deserializer = serde_json::Deserializer::from_slice(data);
    let parsed = seed
        .deserialize(&mut deserializer)
        .and_then(|value| deserializer.end().map(|()| value));
    parsed.map_err(|err| StrictError {
        line: err.line(),
        column: err.column(),
        refused: err.classify() == serde_json::error::Category::Data,
        message: without_position(&err),
    })
}

/// serde_json appends " at line L column C" to its messages; they are reported apart.
pub fn without_position(err: &serde_json::Error) -> String {
    let text = err.to_string();
    match text.rfind(" at line ") {
        Some(cut) => text[..cut].to_owned(),
        None => text,
    }
}

/// The top-level lists whose length is limited, with the limit that applies.
fn list_limit(key: &str, limits: &Limits) -> Option<(&'static str, usize)> {
    Some(match key {
        "lanes" => ("lanes", limits.max_lanes),
        "events" => ("events", limits.max_events),
        "links" => ("links", limits.max_links),
        "branches" => ("branches", limits.max_branches),
        "gaps" => ("gaps", limits.max_gap_notes),
        _ => return None,
    })
}

#[derive(Clone, Copy)]
struct Strict<'a> {
    budget: &'a Cell<u64>,
    limits: &'a Limits,
    depth: usize,
    /// When this value is one of the top-level lists: its name and how long it may be.
    counted: Option<(&'static str, usize)>,
}

impl Strict<'_> {
    fn spend<E: de::Error>(&self) -> Result<(), E> {
        match self.budget.get().checked_sub(1) {
            Some(left) => {
                self.budget.set(left);
                Ok(())
            }
            None => Err(E::custom(format!(
                "the file holds more than {MAX_VALUES} values; no map needs that many, \
                 so it is refused"
            ))),
        }
    }

    /// Refuses the item after `count` others in a counted list over its limit.
    fn within_limit<E: de::Error>(&self, count: usize) -> Result<(), E> {
        match self.counted {
            Some((what, max)) if count >= max => Err(E::custom(format!(
                "more than {max} {what}; at most {max} are supported"
            ))),
            _ => Ok(()),
        }
    }

    fn child(&self, counted: Option<(&'static str, usize)>) -> Self {
        Strict {
            depth: self.depth + 1,
            counted,
            ..*self
        }
    }
}

impl<'de> DeserializeSeed<'de> for Strict<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        self.spend()?;
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        self.spend()?;
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        self.spend()?;
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        self.spend()?;
        // JSON has no NaN or infinity, so this only fails on input serde_json never gives.
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        self.spend()?;
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        self.spend()?;
        Ok(Value::String(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        self.spend()?;
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        self.visit_unit()
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        self.spend()?;
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(self.child(None))? {
            self.within_limit(items.len())?;
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        self.spend()?;
        let mut object = JsonMap::new();
        while let Some(key) = access.next_key::<String>()? {
            if object.contains_key(&key) {
                return Err(twice(&key));
            }
            let counted = if self.depth == 0 {
                list_limit(&key, self.limits)
            } else {
                None
            };
            let value = access.next_value_seed(self.child(counted))?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

fn twice<E: de::Error>(key: &str) -> E {
    E::custom(format!(
        "the key \"{key}\" appears twice in one object; only one can be kept, so the file \
         is refused rather than losing the other (remove or rename one)"
    ))
}

/// What [`scan_strict`] learned of the document: whether it is an object, and its
/// envelope (`format` and `version`) when it has one.
#[derive(Debug, Default)]
pub struct Envelope {
    pub is_object: bool,
    pub format: Option<Value>,
    pub version: Option<Value>,
}

/// Checks JSON bytes by the same rules as [`parse_strict`] (duplicate keys, limits,
/// syntax) without building the document, and reads its envelope. A map of the current
/// version is then decoded straight from the bytes: building a `Value` of a large map
/// first cost more than the typed decoding itself (allocations for every string and
/// object, then freeing them).
pub fn scan_strict(data: &[u8], limits: &Limits) -> Result<Envelope, StrictError> {
    let budget = Cell::new(MAX_VALUES);
    let envelope = RefCell::new(Envelope::default());
    let seed = Scan {
        rules: Strict {
            budget: &budget,
            limits,
            depth: 0,
            counted: None,
        },
        envelope: &envelope,
    };
    let mut deserializer = serde_json::Deserializer::from_slice(data);
    let scanned = seed
        .deserialize(&mut deserializer)
        .and_then(|()| deserializer.end());
    match scanned {
        Ok(()) => Ok(envelope.into_inner()),
        Err(err) => Err(StrictError {
            line: err.line(),
            column: err.column(),
            refused: err.classify() == serde_json::error::Category::Data,
            message: without_position(&err),
        }),
    }
}

/// [`Strict`]'s rules on a document that is only read, not kept.
#[derive(Clone, Copy)]
struct Scan<'a> {
    rules: Strict<'a>,
    envelope: &'a RefCell<Envelope>,
}

impl<'de> DeserializeSeed<'de> for Scan<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Scan<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.rules.spend()
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.rules.spend()
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.rules.spend()
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.rules.spend()
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.rules.spend()
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.rules.spend()
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.rules.spend()
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.rules.spend()?;
        let item = Scan {
            rules: self.rules.child(None),
            ..self
        };
        let mut count = 0;
        while seq.next_element_seed(item)?.is_some() {
            self.rules.within_limit(count)?;
            count += 1;
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<(), A::Error> {
        self.rules.spend()?;
        let top = self.rules.depth == 0;
        if top {
            self.envelope.borrow_mut().is_object = true;
        }
        let mut seen = SeenKeys::default();
        while let Some(key) = access.next_key_seed(KeySeed)? {
            if !seen.insert(key.clone()) {
                return Err(twice(&key));
            }
            let envelope_slot = match key.as_ref() {
                "format" if top => Some(true),
                "version" if top => Some(false),
                _ => None,
            };
            if let Some(is_format) = envelope_slot {
                // Kept as a value (small in any real file; bounded by the budget anyway).
                let value = access.next_value_seed(self.rules.child(None))?;
                let mut envelope = self.envelope.borrow_mut();
                *if is_format {
                    &mut envelope.format
                } else {
                    &mut envelope.version
                } = Some(value);
                continue;
            }
            let counted = if top {
                list_limit(&key, self.rules.limits)
            } else {
                None
            };
            access.next_value_seed(Scan {
                rules: self.rules.child(counted),
                ..self
            })?;
        }
        Ok(())
    }
}

/// An object key, borrowed from the input when it has no escapes.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }
}

/// The keys of one object so far: a short list while the object is small (a map's
/// objects have a dozen keys at most), a hash set beyond, so an object of a million keys
/// is checked in linear time.
#[derive(Default)]
struct SeenKeys<'de> {
    few: Vec<Cow<'de, str>>,
    many: HashSet<Cow<'de, str>>,
}

impl<'de> SeenKeys<'de> {
    const FEW: usize = 16;

    /// Adds a key; false when it was already there.
    fn insert(&mut self, key: Cow<'de, str>) -> bool {
        if self.many.is_empty() {
            if self.few.contains(&key) {
                return false;
            }
            if self.few.len() < Self::FEW {
                self.few.push(key);
                return true;
            }
            self.many.extend(self.few.drain(..));
        }
        self.many.insert(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Value, StrictError> {
        parse_strict(text.as_bytes(), &Limits::default())
    }

    #[test]
    fn ordinary_json_reads_as_serde_json_reads_it() {
        let text = r#"{"a": [1, -2, 3.5, "x", null, true, {"b": {}}], "c": "\u00e9"}"#;
        let strict = parse(text).ok().unwrap();
        let plain: Value = serde_json::from_str(text).unwrap();
        assert_eq!(strict, plain);
    }

    #[test]
    fn a_key_given_twice_is_refused_with_line_and_column() {
        let err = parse("{\n  \"events\": [],\n  \"events\": [1]\n}")
            .err()
            .unwrap();
        assert!(err.refused);
        assert_eq!(err.line, 3);
        assert!(
            err.message.contains("\"events\" appears twice"),
            "{}",
            err.message
        );
    }

    #[test]
    fn the_same_key_in_different_objects_is_fine() {
        assert!(parse(r#"[{"id": 1}, {"id": 2}]"#).is_ok());
    }

    #[test]
    fn too_many_values_are_refused_while_parsing() {
        let mut text = String::from("{\"x\": [");
        text.push_str(&"0,".repeat(MAX_VALUES as usize));
        text.push_str("0]}");
        let err = parse(&text).err().unwrap();
        assert!(err.refused);
        assert!(err.message.contains("more than"), "{}", err.message);
    }

    #[test]
    fn a_top_level_list_over_its_limit_is_refused_at_the_first_item_too_many() {
        let limits = Limits {
            max_events: 2,
            ..Limits::default()
        };
        let err = parse_strict(br#"{"events": [1, 2, 3, 4]}"#, &limits)
            .err()
            .unwrap();
        assert!(
            err.message.contains("more than 2 events"),
            "{}",
            err.message
        );
        // Nested lists of the same name are not top-level lists.
        assert!(parse_strict(br#"{"x": {"events": [1, 2, 3]}}"#, &limits).is_ok());
    }

    /// The scan that a current-version map goes through refuses what the parse refuses,
    /// at the same place, and reads the envelope.
    #[test]
    fn the_scan_refuses_what_the_parse_refuses() {
        let limits = Limits {
            max_events: 2,
            ..Limits::default()
        };
        let many_keys: String = (0..40).map(|i| format!("\"k{i}\": {i},")).collect();
        for text in [
            "{\n  \"events\": [],\n  \"events\": [1]\n}",
            r#"{"events": [1, 2, 3, 4]}"#,
            r#"{"a": {"b": 1, "c": 2, "b\u0031": 3, "b": 4}}"#,
            &format!("{{{many_keys} \"k39\": 0}}"),
            "{} x",
            "{\"a\": [1, 2,]}",
            "[1, 2, 3]",
        ] {
            let parsed = parse_strict(text.as_bytes(), &limits).err();
            let scanned = scan_strict(text.as_bytes(), &limits).err();
            let summary =
                |err: Option<StrictError>| err.map(|e| (e.line, e.column, e.refused, e.message));
            assert_eq!(summary(parsed), summary(scanned), "{text}");
        }
        let envelope = scan_strict(
            br#"{"title": "t", "format": "waterline-map", "version": 3}"#,
            &limits,
        )
        .ok()
        .unwrap();
        assert!(envelope.is_object);
        assert_eq!(envelope.format, Some(Value::from("waterline-map")));
        assert_eq!(envelope.version, Some(Value::from(3)));
        assert!(!scan_strict(b"[]", &limits).ok().unwrap().is_object);
    }

    #[test]
    fn trailing_content_is_still_an_error() {
        let err = parse("{} x").err().unwrap();
        assert!(!err.refused);
    }
}
