//! Who is in a live session and what they are doing, as told by their presence state:
//! the standard Yjs `user` (name and colour, so JavaScript tools show our people too),
//! their selection, their view, and whether they are presenting. Never saved in the map.

use crate::model::{BranchId, CardId, EventId};
use egui::{Color32, Rect, pos2, vec2};
use serde_json::{Value, json};

/// Colours for people, told apart on both themes and from the selection accent.
const COLOURS: [Color32; 8] = [
    Color32::from_rgb(0xd9, 0x4f, 0x70),
    Color32::from_rgb(0x2e, 0x9e, 0x6b),
    Color32::from_rgb(0xe0, 0x8a, 0x1e),
    Color32::from_rgb(0x8e, 0x5c, 0xd6),
    Color32::from_rgb(0x1f, 0x9e, 0xb3),
    Color32::from_rgb(0xc2, 0x5b, 0x1c),
    Color32::from_rgb(0xb8, 0x90, 0x0f),
    Color32::from_rgb(0xb0, 0x3a, 0xb8),
];

/// The colour for the person with this client id.
pub fn colour_for(client: u64) -> Color32 {
    COLOURS[(client % COLOURS.len() as u64) as usize]
}

/// What someone's canvas shows, in scene points.
pub type Look = Rect;

/// One person in the session, as their presence says.
#[derive(Clone, Debug, PartialEq)]
pub struct Person {
    pub client: u64,
    pub name: String,
    pub colour: Color32,
    pub selection: Vec<CardId>,
    pub look: Option<Look>,
    pub presenting: bool,
}

/// The presence state to publish.
pub fn state(
    name: &str,
    colour: Color32,
    selection: &[CardId],
    look: Look,
    presenting: bool,
) -> Value {
    let ids: Vec<String> = selection
        .iter()
        .map(|id| match id {
            CardId::Event(id) => format!("event:{id}"),
            CardId::Branch(id) => format!("branch:{id}"),
        })
        .collect();
    json!({
        "user": {"name": name, "color": format!("#{:02x}{:02x}{:02x}", colour.r(), colour.g(), colour.b())},
        "selection": ids,
        "view": {"x": look.min.x, "y": look.min.y, "w": look.width(), "h": look.height()},
        "presenting": presenting,
    })
}

/// Reads a peer's presence; what is missing or malformed is left out (it comes from the
/// network), a missing name reads "Someone".
pub fn person(client: u64, state: &Value) -> Person {
    let user = &state["user"];
    let name = user["name"]
        .as_str()
        .map(|n| n.chars().take(60).collect::<String>())
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| "Someone".to_owned());
    let colour = user["color"]
        .as_str()
        .and_then(|c| Color32::from_hex(c).ok())
        .unwrap_or_else(|| colour_for(client));
    let selection = state["selection"]
        .as_array()
        .map(|ids| {
            ids.iter()
                .take(10_000)
                .filter_map(|id| {
                    let (kind, id) = id.as_str()?.split_once(':')?;
                    match kind {
                        "event" => Some(CardId::Event(EventId::from(id))),
                        "branch" => Some(CardId::Branch(BranchId::from(id))),
                        _ => None,
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    let view = &state["view"];
    let number = |key: &str| {
        view[key]
            .as_f64()
            .filter(|n| n.is_finite())
            .map(|n| n as f32)
    };
    let look = match (number("x"), number("y"), number("w"), number("h")) {
        (Some(x), Some(y), Some(w), Some(h)) if w > 0.0 && h > 0.0 => {
            Some(Rect::from_min_size(pos2(x, y), vec2(w, h)))
        }
        _ => None,
    };
    Person {
        client,
        name,
        colour,
        selection,
        look,
        presenting: state["presenting"].as_bool().unwrap_or(false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_published_state_reads_back_as_the_same_person() {
        let selection = vec![
            CardId::Event(EventId::from("e1")),
            CardId::Branch(BranchId::from("b2")),
        ];
        let look = Rect::from_min_size(pos2(120.0, 800.5), vec2(640.0, 480.0));
        let colour = colour_for(3);
        let person = person(3, &state("Ana", colour, &selection, look, true));
        assert_eq!(person.name, "Ana");
        assert_eq!(person.colour, colour);
        assert_eq!(person.selection, selection);
        assert_eq!(person.look, Some(look));
        assert!(person.presenting);
    }

    #[test]
    fn a_malformed_state_reads_as_someone_with_nothing_selected() {
        let person = person(
            9,
            &json!({"user": 5, "selection": [1, "x", "event"], "view": {"x": 1, "y": 2, "w": -1, "h": 5}}),
        );
        assert_eq!(person.name, "Someone");
        assert!(person.selection.is_empty());
        assert_eq!(person.look, None);
        assert!(!person.presenting);
    }
}
