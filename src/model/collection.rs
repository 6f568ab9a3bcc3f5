//! The keyed collections of a map (lanes, events, links, paths not taken, themes, gap
//! notes) and the key each item is known by, shared by the git merge and live sessions,
//! which both handle a map collection by collection and item by item.

use serde_json::Value;

/// One of a map's keyed lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Collection {
    Lanes,
    Events,
    Links,
    Branches,
    Themes,
    Gaps,
}

impl Collection {
    /// All of them, in the map file's order.
    pub const ALL: [Collection; 6] = [
        Collection::Lanes,
        Collection::Events,
        Collection::Links,
        Collection::Branches,
        Collection::Themes,
        Collection::Gaps,
    ];

    /// The map's field holding it.
    pub fn key(self) -> &'static str {
        match self {
            Collection::Lanes => "lanes",
            Collection::Events => "events",
            Collection::Links => "links",
            Collection::Branches => "branches",
            Collection::Themes => "themes",
            Collection::Gaps => "gaps",
        }
    }

    /// The prefix of generated ids (gap notes have none).
    pub fn prefix(self) -> &'static str {
        match self {
            Collection::Lanes => "l",
            Collection::Events => "e",
            Collection::Links => "k",
            Collection::Branches => "b",
            Collection::Themes => "t",
            Collection::Gaps => "gap",
        }
    }

    /// "lane", "event", … for messages.
    pub fn singular(self) -> &'static str {
        match self {
            Collection::Lanes => "lane",
            Collection::Events => "event",
            Collection::Links => "link",
            Collection::Branches => "path not taken",
            Collection::Themes => "theme",
            Collection::Gaps => "gap note",
        }
    }

    /// Whether items have ids (gap notes are keyed by their stretch and lane instead).
    pub fn has_ids(self) -> bool {
        self != Collection::Gaps
    }

    /// The fields that are lists of notes (no ids of their own).
    pub fn list_fields(self) -> &'static [&'static str] {
        match self {
            Collection::Events => &["annotations"],
            Collection::Gaps => &["notes"],
            _ => &[],
        }
    }

    /// The key an item (as JSON) is known by: its id, or for gap notes the stretch and
    /// lane they were written for (`start|end|lane`, `*` for none). `None` when an item
    /// that should have an id has none.
    pub fn item_key(self, item: &serde_json::Map<String, Value>) -> Option<String> {
        if self.has_ids() {
            return item.get("id").and_then(Value::as_str).map(str::to_owned);
        }
        let part = |field: &str| match item.get(field) {
            Some(Value::String(text)) => text.clone(),
            Some(other) => other.to_string(),
            None => "*".to_owned(),
        };
        Some(format!(
            "{}|{}|{}",
            part("start"),
            part("end"),
            part("lane")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn gap_notes_are_keyed_by_their_stretch_and_lane_and_others_by_id() {
        let gap = json!({"start": "2024-01-01T10:00:00Z", "end": "2024-01-01T11:00:00Z"});
        assert_eq!(
            Collection::Gaps
                .item_key(gap.as_object().unwrap())
                .as_deref(),
            Some("2024-01-01T10:00:00Z|2024-01-01T11:00:00Z|*")
        );
        let card = json!({"id": "e3", "title": "x"});
        assert_eq!(
            Collection::Events
                .item_key(card.as_object().unwrap())
                .as_deref(),
            Some("e3")
        );
        assert_eq!(Collection::Lanes.item_key(&serde_json::Map::new()), None);
    }
}
