//! Drags in progress and the single edit each one becomes when the button is released:
//! one drag, one undo step.

use super::{CanvasState, InlineEditor, InlineTarget};
use crate::document::Document;
use crate::layout::{CardGeom, Geometry, pos_at_y};
use crate::model::{CardId, EventId, LaneId, Link};
use crate::ops::{Edit, Op};
use crate::ui::Intents;
use egui::{Key, Pos2, Rect, Ui};

/// Below this distance (scene points) a press-and-release is a click, not a move.
const MIN_MOVE: f32 = 3.0;

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Drag {
    /// Moving the selected cards; `start` is where the pointer grabbed `grabbed`.
    Cards { grabbed: CardId, start: Pos2 },
    /// Drawing from a card's handle: onto an event, a link; onto empty space, a path not
    /// taken.
    Link { from: CardId },
    /// Reordering a lane by its header.
    Lane { id: LaneId },
    /// Shift-drag on empty canvas: box selection.
    Box { start: Pos2 },
}

/// The cards being dragged, as egui's drag-and-drop payload: a window over the canvas (the
/// Themes panel) can take them when they are dropped on it.
#[derive(Clone, Debug, PartialEq)]
pub struct DraggedCards(pub Vec<CardId>);

/// Follows the pointer; on release, emits the drag's edit; Escape cancels.
pub(super) fn update(
    ui: &Ui,
    doc: &Document,
    state: &mut CanvasState,
    inline: &mut Option<InlineEditor>,
    intents: &mut Intents,
    pointer: Option<Pos2>,
) {
    let Some(drag) = &state.drag else { return };
    // A card drag's payload goes when egui's drag-and-drop takes Escape (it consumes the
    // key) or a window over the canvas takes the cards: either way, nothing moves.
    let payload_gone = matches!(drag, Drag::Cards { .. })
        && !egui::DragAndDrop::has_payload_of_type::<DraggedCards>(ui.ctx());
    if payload_gone || ui.input(|i| i.key_pressed(Key::Escape)) {
        state.drag = None;
        return;
    }
    let released = ui.input(|i| !i.pointer.primary_down());
    if !released {
        return;
    }
    let drag = drag.clone();
    state.drag = None;
    let Some(end) = pointer else { return };
    match drag {
        Drag::Cards { grabbed, start } => {
            // Dropped on a window over the canvas (a theme in the Themes panel): that
            // window takes the cards; they do not move under it.
            let over_canvas = ui
                .input(|i| i.pointer.latest_pos())
                .is_none_or(|at| ui.ctx().layer_id_at(at) == Some(ui.layer_id()));
            if over_canvas
                && let Some(edit) =
                    move_cards(doc, &state.selection.cards, &grabbed, end - start, end)
            {
                intents.edits.push(edit);
            }
        }
        Drag::Link { from } => match link_target(doc.geometry(), &from, end) {
            Some(target) => {
                if let (CardId::Event(from), Some(to)) = (&from, target.event())
                    && let Some(edit) = link_cards(doc, from, to)
                {
                    intents.edits.push(edit);
                }
            }
            None => start_branch_at(doc, inline, from, end),
        },
        Drag::Lane { id } => {
            if let Some(edit) = move_lane(doc, &id, end) {
                intents.edits.push(edit);
            }
        }
        Drag::Box { start } => {
            let area = Rect::from_two_pos(start, end);
            for card in &doc.geometry().cards {
                if area.intersects(card.rect) && !state.selection.contains(&card.item) {
                    state.selection.cards.push(card.item.clone());
                }
            }
            state.selection.lanes.clear();
            state.selection.link = None;
            state.selection.gap = None;
        }
    }
}

/// Where a dragged card would land: its new lane and `pos`. Shared with the overlay so the
/// preview shows exactly what the drop will do.
pub(super) fn drop_target(
    doc: &Document,
    moving: &[CardId],
    grabbed: &CardId,
    delta: egui::Vec2,
    pointer: Pos2,
) -> Vec<(CardId, LaneId, f64)> {
    let geometry = doc.geometry();
    let map = doc.map();
    let Some(grabbed_card) = geometry.card_of_item(grabbed) else {
        return Vec::new();
    };
    let Some(target_lane) = geometry.lane_at_x(pointer.x) else {
        return Vec::new();
    };
    let lane_shift = target_lane as isize - grabbed_card.lane_index as isize;
    let last_lane = geometry.lanes.len() as isize - 1;
    moving
        .iter()
        .filter_map(|id| {
            let card = geometry.card_of_item(id)?;
            let lane_index = (card.lane_index as isize + lane_shift).clamp(0, last_lane) as usize;
            let lane = geometry.lanes.get(lane_index)?.id.clone();
            let pos = pos_at_y(
                geometry,
                map,
                doc.settings(),
                card.rect.min.y + delta.y,
                moving,
            );
            Some((id.clone(), lane, pos))
        })
        .collect()
}

fn move_cards(
    doc: &Document,
    selection: &[CardId],
    grabbed: &CardId,
    delta: egui::Vec2,
    pointer: Pos2,
) -> Option<Edit> {
    if delta.length() < MIN_MOVE {
        return None;
    }
    let map = doc.map();
    let moves: Vec<(CardId, Op)> = drop_target(doc, selection, grabbed, delta, pointer)
        .into_iter()
        .filter_map(|(id, lane, pos)| Some((id.clone(), Op::place_card(map, &id, lane, pos)?)))
        .collect();
    let label = match moves.as_slice() {
        [] => return None,
        [(id, _)] => format!("Move '{}'", map.card_title(id)),
        many => format!("Move {} cards", many.len()),
    };
    let ops = moves.into_iter().map(|(_, op)| op).collect();
    Some(Edit::new(label, Op::Batch(ops)))
}

/// A handle dropped on empty space: the label editor of a new path not taken, where the
/// pointer is.
fn start_branch_at(doc: &Document, inline: &mut Option<InlineEditor>, from: CardId, pointer: Pos2) {
    let geometry = doc.geometry();
    let (Some(lane_index), Some(from_card)) =
        (geometry.lane_at_x(pointer.x), geometry.card_of_item(&from))
    else {
        return;
    };
    if from_card.rect.expand(12.0).contains(pointer) {
        return;
    }
    let Some(lane) = geometry.lanes.get(lane_index) else {
        return;
    };
    let top = pointer.y - doc.settings().card_height / 2.0;
    let pos = pos_at_y(geometry, doc.map(), doc.settings(), top, &[]);
    *inline = Some(InlineEditor::new(
        InlineTarget::NewBranch {
            from,
            lane: lane.id.clone(),
            pos,
        },
        String::new(),
    ));
}

fn link_cards(doc: &Document, from: &EventId, to: &EventId) -> Option<Edit> {
    let map = doc.map();
    let exists = map
        .links
        .iter()
        .any(|l| &l.from == from && l.to.event() == Some(to));
    if exists {
        return None;
    }
    let link = Link::new(map.next_link_id(), from.clone(), to.clone());
    let label = format!(
        "Link '{}' to '{}'",
        map.event(from).map_or("", |e| e.title.as_str()),
        map.event(to).map_or("", |e| e.title.as_str())
    );
    Some(Edit::new(
        label,
        Op::InsertLink {
            index: map.links.len(),
            link,
        },
    ))
}

fn move_lane(doc: &Document, id: &LaneId, pointer: Pos2) -> Option<Edit> {
    let from = doc.map().lane_index(id)?;
    // Dropped on a lane shown here: it takes that lane's place in the map's order.
    let to = doc
        .map()
        .lane_index(doc.geometry().lane_id_at_x(pointer.x)?)?;
    if from == to {
        return None;
    }
    let name = doc.map().lanes[from].name.clone();
    Some(Edit::new(
        format!("Move lane '{name}'"),
        Op::MoveLane {
            id: id.clone(),
            to_index: to,
        },
    ))
}

/// The card a drag from `from`'s handle is over (other than `from` itself). Shared with
/// the overlay so the highlighted card is the one the drop links to. Links join events
/// only; over a ghost card, or from one, the drop does nothing.
pub(super) fn link_target<'a>(
    geometry: &'a Geometry,
    from: &CardId,
    pointer: Pos2,
) -> Option<&'a CardGeom> {
    geometry
        .card_at(pointer, 4.0, 0.0)
        .filter(|card| &card.item != from)
}
