//! Drags in progress and the single edit each one becomes when the button is released:
//! one drag, one undo step.

use super::CanvasState;
use crate::document::Document;
use crate::layout::{CardGeom, Geometry, pos_at_y};
use crate::model::{EventId, LaneId, Link};
use crate::ops::{Edit, Op};
use crate::ui::Intents;
use egui::{Key, Pos2, Rect, Ui};

/// Below this distance (scene points) a press-and-release is a click, not a move.
const MIN_MOVE: f32 = 3.0;

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Drag {
    /// Moving the selected cards; `start` is where the pointer grabbed `grabbed`.
    Cards { grabbed: EventId, start: Pos2 },
    /// Drawing a link from a card's handle.
    Link { from: EventId },
    /// Reordering a lane by its header.
    Lane { id: LaneId },
    /// Shift-drag on empty canvas: box selection.
    Box { start: Pos2 },
}

/// Follows the pointer; on release, emits the drag's edit; Escape cancels.
pub(super) fn update(
    ui: &Ui,
    doc: &Document,
    state: &mut CanvasState,
    intents: &mut Intents,
    pointer: Option<Pos2>,
) {
    let Some(drag) = &state.drag else { return };
    if ui.input(|i| i.key_pressed(Key::Escape)) {
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
            if let Some(edit) = move_cards(doc, &state.selection.events, &grabbed, end - start, end)
            {
                intents.edits.push(edit);
            }
        }
        Drag::Link { from } => {
            if let Some(edit) = link_cards(doc, &from, end) {
                intents.edits.push(edit);
            }
        }
        Drag::Lane { id } => {
            if let Some(edit) = move_lane(doc, &id, end) {
                intents.edits.push(edit);
            }
        }
        Drag::Box { start } => {
            let area = Rect::from_two_pos(start, end);
            for card in &doc.geometry().cards {
                if area.intersects(card.rect) && !state.selection.contains_event(&card.event) {
                    state.selection.events.push(card.event.clone());
                }
            }
            state.selection.lane = None;
            state.selection.link = None;
        }
    }
}

/// Where a dragged card would land: its new lane and `pos`. Shared with the overlay so the
/// preview shows exactly what the drop will do.
pub(super) fn drop_target(
    doc: &Document,
    moving: &[EventId],
    grabbed: &EventId,
    delta: egui::Vec2,
    pointer: Pos2,
) -> Vec<(EventId, LaneId, f64)> {
    let geometry = doc.geometry();
    let map = doc.map();
    let Some(grabbed_card) = geometry.card(grabbed) else {
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
            let card = geometry.card(id)?;
            let lane_index = (card.lane_index as isize + lane_shift).clamp(0, last_lane) as usize;
            let lane = map.lanes.get(lane_index)?.id.clone();
            let pos = pos_at_y(
                geometry,
                &map.events,
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
    selection: &[EventId],
    grabbed: &EventId,
    delta: egui::Vec2,
    pointer: Pos2,
) -> Option<Edit> {
    if delta.length() < MIN_MOVE {
        return None;
    }
    let map = doc.map();
    let ops: Vec<Op> = drop_target(doc, selection, grabbed, delta, pointer)
        .into_iter()
        .filter_map(|(id, lane, pos)| {
            let mut event = map.event(&id)?.clone();
            if event.lane == lane && event.pos == pos {
                return None;
            }
            event.lane = lane;
            event.pos = pos;
            Some(Op::UpdateEvent(event))
        })
        .collect();
    if ops.is_empty() {
        return None;
    }
    let label = match ops.as_slice() {
        [Op::UpdateEvent(event)] => format!("Move '{}'", event.title),
        _ => format!("Move {} events", ops.len()),
    };
    Some(Edit::new(label, Op::Batch(ops)))
}

fn link_cards(doc: &Document, from: &EventId, pointer: Pos2) -> Option<Edit> {
    let map = doc.map();
    let target = link_target(doc.geometry(), from, pointer)?;
    let exists = map
        .links
        .iter()
        .any(|l| &l.from == from && l.to == target.event);
    if exists {
        return None;
    }
    let link = Link::new(map.next_link_id(), from.clone(), target.event.clone());
    let label = format!(
        "Link '{}' to '{}'",
        map.event(from).map_or("", |e| e.title.as_str()),
        map.event(&target.event).map_or("", |e| e.title.as_str())
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
    let to = doc.geometry().lane_at_x(pointer.x)?;
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

/// The card a link being drawn from `from` would end on. Shared with the overlay so the
/// highlighted card is the one the drop links to.
pub(super) fn link_target<'a>(
    geometry: &'a Geometry,
    from: &EventId,
    pointer: Pos2,
) -> Option<&'a CardGeom> {
    geometry
        .card_at(pointer, 4.0, 0.0)
        .filter(|card| &card.event != from)
}
