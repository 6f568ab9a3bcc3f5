//! The inspector section for an event: title, description, time, kind, tags, its
//! annotations and the debrief questions for its kind.

use super::InspectorState;
use super::annotations::{Owner, annotations_ui, prompts_ui};
use super::fields::{Commit, continuing, parsed_field, seal_on_leave};
use super::lens_notes::{Found, flagged_field};
use crate::layout::Geometry;
use crate::lens::Place;
use crate::model::{EntryContext, Event, EventId, EventKind, Map, entry_text, parse_entry};
use crate::ops::{Edit, Op};
use crate::prompts;
use crate::ui::Intents;
use crate::ui::commands::Command;
use egui::{ComboBox, Ui};

pub(super) fn event_ui(
    ui: &mut Ui,
    found: &Found<'_>,
    geometry: &Geometry,
    event: &Event,
    state: &mut InspectorState,
    intents: &mut Intents,
) {
    ui.heading("Event");
    let key = |field: &str| format!("event:{}:{field}", event.id);
    let map = found.map;
    let place = Place::EventTitle(event.id.clone());
    let field = ("Title", event.title.as_str(), false);
    let (title, response) = flagged_field(ui, found, &place, field, intents);
    if let Some(title) = title {
        let updated = Event {
            title,
            ..event.clone()
        };
        continuing(
            intents,
            format!("Edit title of '{}'", event.title),
            Op::UpdateEvent(updated),
            key("title"),
            &response,
        );
    }
    seal_on_leave(intents, &response);

    let place = Place::EventDescription(event.id.clone());
    let field = ("Description", event.description.as_str(), true);
    let (description, response) = flagged_field(ui, found, &place, field, intents);
    if let Some(description) = description {
        let updated = Event {
            description,
            ..event.clone()
        };
        continuing(
            intents,
            format!("Edit description of '{}'", event.title),
            Op::UpdateEvent(updated),
            key("description"),
            &response,
        );
    }
    seal_on_leave(intents, &response);

    time_field(ui, found.map, geometry, event, state, intents);

    let mut approximate = event.approximate;
    if ui.checkbox(&mut approximate, "Approximate time").changed() {
        let label = if approximate {
            "Mark time approximate"
        } else {
            "Mark time exact"
        };
        intents.edits.push(Edit::new(
            label,
            Op::UpdateEvent(Event {
                approximate,
                ..event.clone()
            }),
        ));
    }

    let kind_label = ui.label("Kind");
    let current = event.kind.as_ref().map_or("(none)", |k| k.label());
    let current = crate::render::shown_text(current).into_owned();
    let mut chosen: Option<Option<EventKind>> = None;
    ComboBox::from_id_salt(("event-kind", &event.id))
        .selected_text(current)
        .show_ui(ui, |ui| {
            if ui
                .selectable_label(event.kind.is_none(), "(none)")
                .clicked()
            {
                chosen = Some(None);
            }
            for kind in EventKind::ALL {
                if ui
                    .selectable_label(event.kind.as_ref() == Some(kind), kind.label())
                    .clicked()
                {
                    chosen = Some(Some(kind.clone()));
                }
            }
        })
        .response
        .labelled_by(kind_label.id);
    if let Some(kind) = chosen
        && kind != event.kind
    {
        intents.edits.push(Edit::new(
            format!("Set kind of '{}'", event.title),
            Op::UpdateEvent(Event {
                kind,
                ..event.clone()
            }),
        ));
    }

    tags_field(ui, event, state, intents);
    let card = crate::model::CardId::Event(event.id.clone());
    crate::ui::themes::card_themes_ui(ui, map, &card, intents);

    if let Some(lane) = map.lane(&event.lane) {
        ui.add_space(6.0);
        ui.weak(format!(
            "On lane: {}   ·   id {}",
            crate::render::shown_text(&lane.name),
            crate::render::shown_text(&event.id.0)
        ));
    }
    let write = |annotations| {
        Op::UpdateEvent(Event {
            annotations,
            ..event.clone()
        })
    };
    let owner = Owner {
        key: event_owner_key(&event.id),
        name: format!("'{}'", event.title),
        list: &event.annotations,
        write: &write,
        places: (0..event.annotations.len())
            .map(|i| Place::EventAnnotation(event.id.clone(), i))
            .collect(),
        found,
    };
    ui.add_space(10.0);
    ui.strong("Thinking, feeling, seeing");
    annotations_ui(ui, &owner, state, intents);
    let prompts = prompts::for_card(event.kind.as_ref(), &event.annotations);
    prompts_ui(ui, &owner, &prompts, intents);
    ui.add_space(10.0);
    ui.horizontal(|ui| {
        if ui.button("Add path not taken").clicked() {
            intents.commands.push(Command::AddBranch);
        }
        if ui.button("Delete event").clicked() {
            intents.commands.push(Command::Delete);
        }
    });
}

/// The draft key of an event's annotations.
pub fn event_owner_key(id: &EventId) -> String {
    format!("event:{id}")
}

fn time_field(
    ui: &mut Ui,
    map: &Map,
    geometry: &Geometry,
    event: &Event,
    state: &mut InspectorState,
    intents: &mut Intents,
) {
    // In the zone the cards show, as the field takes times typed (the file keeps RFC 3339).
    let shown = event
        .time
        .map(|t| entry_text(t, geometry.display_zone))
        .unwrap_or_default();
    // What the typing is read against, worked out over the story only once the field is
    // typed in (and kept while it is), not on every frame a card is selected.
    let context = std::cell::OnceCell::new();
    if let Some((id, cached)) = &state.time_context
        && *id == event.id
    {
        let _ = context.set(*cached);
    }
    let context_now = || *context.get_or_init(|| entry_context(map, geometry, event));
    let (time, response) = parsed_field(
        ui,
        state,
        ("Time", &format!("event:{}:time", event.id)),
        "14:05, 2:05 pm, +5m, 2025-05-01 14:05 (empty: unknown)",
        (shown.clone(), Commit::OnLeave),
        |text| {
            if text == shown {
                return Ok(event.time);
            }
            parse_entry(text, &context_now())
        },
    );
    // Taken afresh whenever the field is not being typed in.
    state.time_context = response
        .has_focus()
        .then(|| (event.id.clone(), context_now()));
    if let Some(time) = time
        && time != event.time
    {
        let updated = Event {
            time,
            ..event.clone()
        };
        continuing(
            intents,
            format!("Set time of '{}'", event.title),
            Op::UpdateEvent(updated),
            format!("event:{}:time", event.id),
            &response,
        );
    }
    seal_on_leave(intents, &response);
}

/// How the time field reads what is typed into `event`'s: clock times in the zone cards
/// show, on the card's day (else the previous card's, else the map's first); `+5m` counts
/// from the previous timed card in story order (else from the card's own time).
fn entry_context(map: &Map, geometry: &Geometry, event: &Event) -> EntryContext {
    let here = map.events.index_of(&event.id);
    let order: Vec<usize> = geometry.story.events().collect();
    let previous = here
        .and_then(|here| order.iter().position(|&i| i == here))
        .and_then(|at| {
            order[..at]
                .iter()
                .rev()
                .find_map(|&i| map.events.get(i).and_then(|e| e.time))
        });
    let first = map.events.iter().filter_map(|e| e.time).min();
    let zone = geometry.display_zone;
    EntryContext {
        zone,
        day: event
            .time
            .or(previous)
            .or(first)
            .map(|t| t.datetime().with_timezone(&zone).date_naive()),
        anchor: previous.or(event.time),
    }
}

fn tags_field(ui: &mut Ui, event: &Event, state: &mut InspectorState, intents: &mut Intents) {
    let (tags, response) = parsed_field(
        ui,
        state,
        ("Tags", &format!("event:{}:tags", event.id)),
        "comma-separated",
        (event.tags.join(", "), Commit::AsTyped),
        |text| {
            Ok::<_, String>(
                text.split(',')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned)
                    .collect::<Vec<_>>(),
            )
        },
    );
    if let Some(tags) = tags
        && tags != event.tags
    {
        let updated = Event {
            tags,
            ..event.clone()
        };
        continuing(
            intents,
            format!("Set tags of '{}'", event.title),
            Op::UpdateEvent(updated),
            format!("event:{}:tags", event.id),
            &response,
        );
    }
    seal_on_leave(intents, &response);
}
