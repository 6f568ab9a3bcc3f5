//! Undo and redo keep the view where it is, unless what they change is off screen: then
//! the view scrolls just enough to show it (as Find does), so a change is never undone
//! out of sight and the reviewer is never thrown somewhere else for one that was in view.

use super::app::WaterlineApp;
use super::canvas::ViewRequest;
use crate::model::CardId;
use crate::ops::Op;

/// The cards an op changes (a link's change shows at the card it starts from). Lanes and
/// the map's own fields are left out: they are not one place to scroll to.
pub fn cards_changed(op: &Op) -> Vec<CardId> {
    match op {
        Op::InsertEvent { event, .. } | Op::UpdateEvent(event) => {
            vec![CardId::Event(event.id.clone())]
        }
        Op::RemoveEvent(id) => vec![CardId::Event(id.clone())],
        Op::InsertBranch { branch, .. } | Op::UpdateBranch(branch) => {
            vec![CardId::Branch(branch.id.clone())]
        }
        Op::RemoveBranch(id) => vec![CardId::Branch(id.clone())],
        Op::InsertLink { link, .. } | Op::UpdateLink(link) => {
            vec![CardId::Event(link.from.clone())]
        }
        Op::Batch(ops) => ops.iter().flat_map(cards_changed).collect(),
        _ => Vec::new(),
    }
}

impl WaterlineApp {
    /// After an undo or redo of an op that changed `cards`: when none of those still on
    /// the map is in view, scrolls to the first of them; otherwise leaves the view alone.
    pub(super) fn show_undone(&mut self, cards: &[CardId]) {
        let canvas = self.canvas.canvas_rect();
        let to_screen = self.canvas.camera.screen_from_scene(canvas);
        let geometry = self.doc.geometry();
        let present: Vec<&CardId> = cards
            .iter()
            .filter(|id| geometry.card_of_item(id).is_some())
            .collect();
        let in_view = present.iter().any(|id| {
            geometry
                .card_of_item(id)
                .is_some_and(|card| canvas.intersects(to_screen.mul_rect(card.rect)))
        });
        if !in_view && let Some(first) = present.first() {
            let first = (*first).clone();
            self.canvas.request(ViewRequest::Reveal(first));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EventId;

    #[test]
    fn a_batch_names_each_card_it_changes() {
        let op = Op::Batch(vec![
            Op::RemoveEvent(EventId::from("e1")),
            Op::SetTitle("t".to_owned()),
            Op::RemoveEvent(EventId::from("e2")),
        ]);
        assert_eq!(
            cards_changed(&op),
            [
                CardId::Event(EventId::from("e1")),
                CardId::Event(EventId::from("e2"))
            ]
        );
    }
}
