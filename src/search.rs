//! Finding cards by text: titles, descriptions, tags, annotations, and the labels and
//! notes of paths not taken, ignoring case, in the order the map shows them (top to
//! bottom).

use crate::layout::Geometry;
use crate::model::{CardId, Map};

/// The cards whose text holds `query`, top to bottom. Empty for an empty query.
pub fn find_cards(map: &Map, geometry: &Geometry, query: &str) -> Vec<CardId> {
    let needle = query.trim().to_lowercase();
    if needle.is_empty() {
        return Vec::new();
    }
    let holds = |text: &str| text.to_lowercase().contains(&needle);
    geometry
        .cards
        .iter()
        .filter(|card| match &card.item {
            CardId::Event(id) => map.event(id).is_some_and(|e| {
                holds(&e.title)
                    || holds(&e.description)
                    || e.tags.iter().any(|t| holds(t))
                    || e.annotations.iter().any(|a| holds(&a.text))
            }),
            CardId::Branch(id) => map
                .branch(id)
                .is_some_and(|b| holds(&b.label) || holds(&b.note)),
        })
        .map(|card| card.item.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{LayoutSettings, layout};

    #[test]
    fn finds_text_anywhere_on_a_card_ignoring_case_top_to_bottom() {
        let map = crate::io::parse_map(crate::samples::CHECKOUT_OUTAGE.as_bytes()).unwrap();
        let geometry = layout(&map, &LayoutSettings::default());
        let found = find_cards(&map, &geometry, "PAYWELL");
        assert!(found.len() >= 4, "{found:?}");
        let tops: Vec<f32> = found
            .iter()
            .map(|id| geometry.card_of_item(id).unwrap().rect.min.y)
            .collect();
        assert!(tops.windows(2).all(|w| w[0] <= w[1]), "top to bottom");
        // In an annotation only: "aggregate lag panel" is in notes, not titles.
        let in_notes = find_cards(&map, &geometry, "aggregate lag panel");
        assert!(!in_notes.is_empty());
        // A path not taken's label.
        let ghost = find_cards(&map, &geometry, "freeze all deploys");
        assert_eq!(ghost.len(), 1);
        assert!(ghost[0].branch().is_some());
        assert!(find_cards(&map, &geometry, "   ").is_empty());
    }
}
