//! Moving the selection card to card by keyboard, as the cards are laid out on screen:
//! lanes are columns and time runs down, so Up and Down step along the lane, Left and
//! Right go to the nearest card in the next lane that has one, and Tab walks every card
//! in story order (top to bottom, left to right on a row).

use crate::layout::{CardGeom, Geometry};
use crate::model::CardId;

/// A step of the selection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The card before, on the same lane.
    Up,
    /// The card after, on the same lane.
    Down,
    /// The nearest card (in height) on the nearest lane to the left that has cards.
    Left,
    Right,
    /// The next card in story order (Tab), round to the first after the last.
    Next,
    /// Shift+Tab.
    Previous,
}

/// The card a step from `from` lands on; with nothing selected (or a card not shown), the
/// first card of the story (the last for Shift+Tab). `None` when there is nowhere to go.
pub fn step(geometry: &Geometry, from: Option<&CardId>, step: Step) -> Option<CardId> {
    let story = story_order(geometry);
    let current = from.and_then(|id| story.iter().position(|card| &card.item == id));
    let Some(at) = current else {
        let card = match step {
            Step::Previous => story.last(),
            _ => story.first(),
        };
        return card.map(|c| c.item.clone());
    };
    let here = story[at];
    let found = match step {
        Step::Next => story.get((at + 1) % story.len()).copied(),
        Step::Previous => story.get((at + story.len() - 1) % story.len()).copied(),
        Step::Down => story[at + 1..]
            .iter()
            .find(|c| c.lane_index == here.lane_index)
            .copied(),
        Step::Up => story[..at]
            .iter()
            .rev()
            .find(|c| c.lane_index == here.lane_index)
            .copied(),
        Step::Left | Step::Right => beside(&story, here, step == Step::Right),
    };
    found.map(|c| c.item.clone())
}

/// Every card shown, in story order: by top edge, then by lane.
fn story_order(geometry: &Geometry) -> Vec<&CardGeom> {
    let mut cards: Vec<&CardGeom> = geometry.cards.iter().collect();
    cards.sort_by(|a, b| {
        a.rect
            .min
            .y
            .total_cmp(&b.rect.min.y)
            .then(a.lane_index.cmp(&b.lane_index))
    });
    cards
}

/// The card nearest in height to `here` on the closest lane to one side that has cards.
fn beside<'a>(story: &[&'a CardGeom], here: &CardGeom, right: bool) -> Option<&'a CardGeom> {
    let lane = story
        .iter()
        .map(|c| c.lane_index)
        .filter(|&l| {
            if right {
                l > here.lane_index
            } else {
                l < here.lane_index
            }
        })
        .min_by_key(|&l| l.abs_diff(here.lane_index))?;
    let y = here.rect.center().y;
    story
        .iter()
        .filter(|c| c.lane_index == lane)
        .min_by(|a, b| {
            (a.rect.center().y - y)
                .abs()
                .total_cmp(&(b.rect.center().y - y).abs())
        })
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EventId;

    fn small() -> Geometry {
        let map = crate::io::parse_map(crate::samples::SMALL.as_bytes()).unwrap();
        crate::layout::layout(&map, &crate::layout::LayoutSettings::default())
    }

    fn walk(geometry: &Geometry, from: Option<&str>, s: Step) -> Option<String> {
        let from = from.map(|id| CardId::Event(EventId::from(id)));
        step(geometry, from.as_ref(), s).map(|c| c.event().unwrap().as_str().to_owned())
    }

    // SMALL: lanes ana, bo, api; e1 api, e2 ana, e3 ana, e4 bo, e5 ana, top to bottom.
    #[test]
    fn up_and_down_stay_on_the_lane() {
        let g = small();
        assert_eq!(walk(&g, Some("e2"), Step::Down).as_deref(), Some("e3"));
        assert_eq!(walk(&g, Some("e3"), Step::Down).as_deref(), Some("e5"));
        assert_eq!(
            walk(&g, Some("e5"), Step::Down),
            None,
            "the lane's last card"
        );
        assert_eq!(walk(&g, Some("e5"), Step::Up).as_deref(), Some("e3"));
    }

    #[test]
    fn left_and_right_go_to_the_nearest_card_on_the_next_lane_with_cards() {
        let g = small();
        assert_eq!(walk(&g, Some("e3"), Step::Right).as_deref(), Some("e4"));
        assert_eq!(walk(&g, Some("e4"), Step::Right).as_deref(), Some("e1"));
        assert_eq!(walk(&g, Some("e1"), Step::Left).as_deref(), Some("e4"));
        assert_eq!(walk(&g, Some("e2"), Step::Left), None, "the first lane");
    }

    #[test]
    fn tab_walks_the_story_round_and_starts_at_the_first_card() {
        let g = small();
        assert_eq!(walk(&g, None, Step::Next).as_deref(), Some("e1"));
        assert_eq!(walk(&g, None, Step::Previous).as_deref(), Some("e5"));
        assert_eq!(walk(&g, Some("e1"), Step::Next).as_deref(), Some("e2"));
        assert_eq!(walk(&g, Some("e5"), Step::Next).as_deref(), Some("e1"));
        assert_eq!(walk(&g, Some("e1"), Step::Previous).as_deref(), Some("e5"));
    }
}
