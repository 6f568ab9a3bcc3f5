//! Themes: patterns a reviewer sees across moments ("trusts the dashboard over the logs",
//! "late is worse than broken"), in the reviewer's own words, not a fixed taxonomy. Cards,
//! annotations and paths not taken carry the ids of their themes; the iceberg places each
//! theme above the waterline (the operations) or below it (the organisation).

use super::{Extra, ThemeId};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One theme.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Theme {
    pub id: ThemeId,
    /// The reviewer's words for the pattern.
    pub name: String,
    /// A colour as `#rrggbb`; absent: one from the palette, by the theme's place in the list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colour: Option<String>,
    /// Where the theme sits on the iceberg, from -1 (the tip, far above the waterline)
    /// through 0 (the waterline) to 1 (the deepest); absent: not placed yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub depth: Option<f64>,
    /// Phrases the hindsight lens pointed out in the name that the reviewer keeps as
    /// written (lower case).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kept_words: Vec<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Theme {
    pub fn new(id: ThemeId, name: impl Into<String>) -> Self {
        Theme {
            id,
            name: name.into(),
            colour: None,
            depth: None,
            kept_words: Vec::new(),
            extra: Extra::new(),
        }
    }

    /// Whether the theme is placed below the waterline (the organisation).
    pub fn is_below(&self) -> bool {
        self.depth.is_some_and(|depth| depth > 0.0)
    }
}

/// A colour written `#rrggbb` as its three channels.
pub fn parse_colour(text: &str) -> Option<[u8; 3]> {
    let hex = text.strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let channel = |at: usize| u8::from_str_radix(&hex[at..at + 2], 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_read_only_as_hash_and_six_hex_digits() {
        assert_eq!(parse_colour("#ff8800"), Some([255, 136, 0]));
        assert_eq!(parse_colour("#FF8800"), Some([255, 136, 0]));
        for bad in ["ff8800", "#ff880", "#ff88001", "#gg8800", "#ffé800", ""] {
            assert_eq!(parse_colour(bad), None, "{bad}");
        }
    }
}
