//! The map by keyboard: arrows move the selection card to card, Alt+arrows nudge the
//! selected cards (a quarter row up or down, a lane left or right; one undo step each),
//! Tab and Shift+Tab walk the cards in story order. Only while the map has the keyboard:
//! no text field is being typed in and no other widget has the focus (there the arrows
//! and Tab move between widgets, as everywhere in egui).

use super::app::WaterlineApp;
use super::canvas::ViewRequest;
use super::card_walk::{Step, step};
use super::selection::Selection;
use crate::model::CardId;
use crate::ops::{Edit, Op};
use egui::{Key, Modifiers};

/// How far Alt+Up/Down moves a card in the sequence: a quarter of a row, enough to pass
/// a card level with it on another lane, small enough to stay between its neighbours.
const NUDGE: f64 = 0.25;

const ARROWS: [(Key, Step); 4] = [
    (Key::ArrowUp, Step::Up),
    (Key::ArrowDown, Step::Down),
    (Key::ArrowLeft, Step::Left),
    (Key::ArrowRight, Step::Right),
];

impl WaterlineApp {
    /// Reads this frame's arrow and Tab keys for the map, consuming those it uses.
    pub(super) fn card_keys(&mut self, ctx: &egui::Context) {
        let iceberg = self
            .screen
            .editing_mut()
            .is_none_or(|e| e.iceberg.is_some());
        if iceberg || ctx.egui_wants_keyboard_input() || ctx.memory(|m| m.focused().is_some()) {
            return;
        }
        let mut steps = Vec::new();
        let mut nudges = Vec::new();
        ctx.input_mut(|input| {
            for (key, walk) in ARROWS {
                // Alt first: a plain arrow's check would not take Alt+arrow, but be plain.
                if input.consume_key(Modifiers::ALT, key) {
                    nudges.push(walk);
                }
                if input.consume_key(Modifiers::NONE, key) {
                    steps.push(walk);
                }
            }
            // Shift+Tab first: the plain check lets Shift through.
            if input.consume_key(Modifiers::SHIFT, Key::Tab) {
                steps.push(Step::Previous);
            }
            if input.consume_key(Modifiers::NONE, Key::Tab) {
                steps.push(Step::Next);
            }
        });
        if steps.is_empty() && nudges.is_empty() {
            return;
        }
        // The keys were the map's: egui would otherwise move the focus to a widget.
        ctx.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
        for walk in steps {
            let from = self.canvas.selection.cards.last();
            if let Some(card) = step(self.doc.geometry(), from, walk) {
                self.canvas.selection = Selection::only(card.clone());
                self.canvas.request(ViewRequest::Reveal(card));
            }
        }
        for walk in nudges {
            self.nudge(walk);
        }
    }

    /// Moves the selected cards a little: up or down in the sequence, or a lane across.
    fn nudge(&mut self, walk: Step) {
        let map = self.doc.map();
        let geometry = self.doc.geometry();
        let lanes = &geometry.lanes;
        let ops: Vec<Op> = self
            .canvas
            .selection
            .cards
            .iter()
            .filter_map(|id| {
                let (lane, pos) = map.card_place(id)?;
                let (lane, pos) = match walk {
                    Step::Up => (lane.clone(), pos - NUDGE),
                    Step::Down => (lane.clone(), pos + NUDGE),
                    Step::Left | Step::Right => {
                        // The card's place among the lanes shown, looked up by id.
                        let at = geometry.card_of_item(id)?.lane_index;
                        let to = if walk == Step::Left {
                            at.checked_sub(1)?
                        } else {
                            at + 1
                        };
                        (lanes.get(to)?.id.clone(), pos)
                    }
                    Step::Next | Step::Previous => return None,
                };
                Op::place_card(map, id, lane, pos)
            })
            .collect();
        if ops.is_empty() {
            if !self.canvas.selection.cards.is_empty() {
                self.status = "The selection is already at the edge of the map".to_owned();
            }
            return;
        }
        let label = match self.canvas.selection.cards.as_slice() {
            [one] => format!("Nudge '{}'", map.card_title(one)),
            many => format!("Nudge {} cards", many.len()),
        };
        let shown: Option<CardId> = self.canvas.selection.cards.last().cloned();
        self.apply_edit(Edit::new(label, Op::Batch(ops)), None);
        if let Some(card) = shown {
            self.canvas.request(ViewRequest::Reveal(card));
        }
    }
}
