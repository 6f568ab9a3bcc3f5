//! One change to every selected card, as one batch (one undo step): the kind, the lane,
//! taking a theme off; and what the selection has in common, for the inspector to show.

use super::{Op, themes};
use crate::model::{CardId, Event, EventKind, LaneId, Map, ThemeId};

/// The value every item shares, or that they differ.
#[derive(Clone, Debug, PartialEq)]
pub enum Shared<T> {
    All(T),
    Mixed,
    /// Nothing to compare (no card has the field).
    Nothing,
}

impl<T: PartialEq> Shared<T> {
    pub fn of(values: impl IntoIterator<Item = T>) -> Self {
        let mut shared = Shared::Nothing;
        for value in values {
            shared = match shared {
                Shared::Nothing => Shared::All(value),
                Shared::All(first) if first == value => Shared::All(first),
                _ => return Shared::Mixed,
            };
        }
        shared
    }
}

/// The kind of the selected events (paths not taken have none).
pub fn shared_kind(map: &Map, cards: &[CardId]) -> Shared<Option<EventKind>> {
    Shared::of(
        cards
            .iter()
            .filter_map(CardId::event)
            .filter_map(|id| map.event(id))
            .map(|e| e.kind.clone()),
    )
}

/// The lane of the selected cards.
pub fn shared_lane(map: &Map, cards: &[CardId]) -> Shared<LaneId> {
    Shared::of(
        cards
            .iter()
            .filter_map(|id| map.card_place(id))
            .map(|(lane, _)| lane.clone()),
    )
}

/// Every theme a selected card carries, with how many of them carry it, in the map's
/// theme order. One pass over the cards.
pub fn carried_themes(map: &Map, cards: &[CardId]) -> Vec<(ThemeId, usize)> {
    let mut counts = crate::model::FastHashMap::<&ThemeId, usize>::default();
    for card in cards {
        for theme in themes::themes_of(map, card) {
            *counts.entry(theme).or_default() += 1;
        }
    }
    map.themes
        .iter()
        .filter_map(|theme| Some((theme.id.clone(), *counts.get(&theme.id)?)))
        .collect()
}

/// Sets the kind of every selected event; `None` when all have it already.
pub fn set_kind(map: &Map, cards: &[CardId], kind: Option<EventKind>) -> Option<Op> {
    let ops: Vec<Op> = cards
        .iter()
        .filter_map(CardId::event)
        .filter_map(|id| map.event(id))
        .filter(|e| e.kind != kind)
        .map(|e| {
            Op::UpdateEvent(Event {
                kind: kind.clone(),
                ..e.clone()
            })
        })
        .collect();
    (!ops.is_empty()).then_some(Op::Batch(ops))
}

/// Moves every selected card to `lane`, keeping its place in the sequence.
pub fn move_to_lane(map: &Map, cards: &[CardId], lane: &LaneId) -> Option<Op> {
    let ops: Vec<Op> = cards
        .iter()
        .filter_map(|id| {
            let (_, pos) = map.card_place(id)?;
            Op::place_card(map, id, lane.clone(), pos)
        })
        .collect();
    (!ops.is_empty()).then_some(Op::Batch(ops))
}

/// Takes a theme off every selected card that carries it.
pub fn uncode_cards(map: &Map, cards: &[CardId], theme: &ThemeId) -> Option<Op> {
    let ops: Vec<Op> = cards
        .iter()
        .filter_map(|card| themes::uncode_card(map, card, theme))
        .collect();
    (!ops.is_empty()).then_some(Op::Batch(ops))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EventId;

    fn small() -> Map {
        crate::io::parse_map(crate::samples::SMALL.as_bytes()).unwrap()
    }

    fn cards(ids: &[&str]) -> Vec<CardId> {
        ids.iter()
            .map(|id| CardId::Event(EventId::from(*id)))
            .collect()
    }

    #[test]
    fn shared_values_are_one_value_or_mixed() {
        let map = small();
        assert_eq!(
            shared_lane(&map, &cards(&["e2", "e3"])),
            Shared::All("ana".into())
        );
        assert_eq!(shared_lane(&map, &cards(&["e2", "e4"])), Shared::Mixed);
        assert_eq!(shared_lane(&map, &[]), Shared::Nothing);
    }

    #[test]
    fn one_batch_changes_every_card_and_one_undo_restores_them() {
        let mut map = small();
        let before = map.clone();
        let selection = cards(&["e1", "e4"]);
        let op = set_kind(&map, &selection, Some(EventKind::Decision)).unwrap();
        let undo = op.apply(&mut map).unwrap();
        assert_eq!(
            shared_kind(&map, &selection),
            Shared::All(Some(EventKind::Decision))
        );
        assert!(set_kind(&map, &selection, Some(EventKind::Decision)).is_none());
        undo.apply(&mut map).unwrap();
        assert_eq!(map, before);

        let op = move_to_lane(&map, &selection, &"ana".into()).unwrap();
        op.apply(&mut map).unwrap();
        assert_eq!(shared_lane(&map, &selection), Shared::All("ana".into()));
        assert_eq!(map.event(&"e4".into()).unwrap().pos, 4.0, "keeps its place");
    }

    #[test]
    fn a_theme_comes_off_every_card_that_carries_it() {
        let mut map = small();
        let selection = cards(&["e1", "e2", "e3"]);
        themes::code_cards(&map, &selection[..2], "Alarm fatigue")
            .unwrap()
            .apply(&mut map)
            .unwrap();
        let carried = carried_themes(&map, &selection);
        assert_eq!(carried.len(), 1);
        assert_eq!(carried[0].1, 2, "two of the three carry it");
        uncode_cards(&map, &selection, &carried[0].0)
            .unwrap()
            .apply(&mut map)
            .unwrap();
        assert!(carried_themes(&map, &selection).is_empty());
    }
}
