//! Reading a map's JSON strictly: a key given twice in one object is refused (serde_json
//! would keep the last one and silently drop the first, with its data), and what the file
//! may hold is bounded while it is parsed, not after, so a hostile file cannot make memory
//! grow far past its own size before it is refused.

use super::validate::Limits;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map as JsonMap, Number, Value};
use std::cell::Cell;
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
            if let Some((what, max)) = self.counted
                && items.len() >= max
            {
                return Err(de::Error::custom(format!(
                    "more than {max} {what}; at most {max} are supported"
                )));
            }
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        self.spend()?;
        let mut object = JsonMap::new();
        while let Some(key) = access.next_key::<String>()? {
            if object.contains_key(&key) {
                return Err(de::Error::custom(format!(
                    "the key \"{key}\" appears twice in one object; only one can be kept, so \
                     the file is refused rather than losing the other (remove or rename one)"
                )));
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

    #[test]
    fn trailing_content_is_still_an_error() {
        let err = parse("{} x").err().unwrap();
        assert!(!err.refused);
    }
}
