//! The inspector panel: edits the selected event, lane or link (or the map itself when
//! nothing is selected). Each field's typing is one undo step, ended when the field is left.

use super::Intents;
use super::commands::Command;
use super::selection::Selection;
use crate::document::Document;
use crate::model::{Event, EventKind, Lane, LaneKind, Link, Map, Timestamp};
use crate::ops::{Edit, Op};
use egui::{ComboBox, Id, Response, TextEdit, Ui};

/// Text typed into fields whose value must parse (time, tags), kept while the field has
/// focus so half-typed input is not thrown away.
#[derive(Default)]
pub struct InspectorState {
    draft: Option<(Id, String)>,
}

pub fn inspector_ui(
    ui: &mut Ui,
    doc: &Document,
    selection: &Selection,
    state: &mut InspectorState,
    intents: &mut Intents,
) {
    let map = doc.map();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if let [id] = selection.events.as_slice()
                && let Some(event) = map.event(id)
            {
                event_ui(ui, map, event, state, intents);
            } else if selection.events.len() > 1 {
                ui.heading(format!("{} events selected", selection.events.len()));
                ui.label("Drag any of them to move them together.");
                if ui.button("Delete selected events").clicked() {
                    intents.commands.push(Command::Delete);
                }
            } else if let Some(lane) = selection.lane.as_ref().and_then(|id| map.lane(id)) {
                lane_ui(ui, map, lane, intents);
            } else if let Some(link) = selection.link.as_ref().and_then(|id| map.link(id)) {
                link_ui(ui, map, link, intents);
            } else {
                map_ui(ui, map, intents);
            }
        });
}

/// A labelled text field whose every change is an edit continuing under `key`.
fn text_field(
    ui: &mut Ui,
    label: &str,
    value: &str,
    multiline: bool,
) -> (Option<String>, Response) {
    let label = ui.label(label);
    let mut text = value.to_owned();
    let editor = if multiline {
        TextEdit::multiline(&mut text).desired_rows(3)
    } else {
        TextEdit::singleline(&mut text)
    };
    let response = ui
        .add(editor.desired_width(f32::INFINITY))
        .labelled_by(label.id);
    ((response.changed()).then_some(text), response)
}

fn continuing(intents: &mut Intents, label: String, op: Op, key: String, response: &Response) {
    intents.continuing.push((Edit::new(label, op), key));
    if response.lost_focus() {
        intents.seal = true;
    }
}

fn seal_on_leave(intents: &mut Intents, response: &Response) {
    if response.lost_focus() {
        intents.seal = true;
    }
}

fn event_ui(
    ui: &mut Ui,
    map: &Map,
    event: &Event,
    state: &mut InspectorState,
    intents: &mut Intents,
) {
    ui.heading("Event");
    let key = |field: &str| format!("event:{}:{field}", event.id);
    let (title, response) = text_field(ui, "Title", &event.title, false);
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

    let (description, response) = text_field(ui, "Description", &event.description, true);
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

    time_field(ui, event, state, intents);

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
    let current = event
        .kind
        .as_ref()
        .map_or("(none)", |k| k.label())
        .to_owned();
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

    if let Some(lane) = map.lane(&event.lane) {
        ui.add_space(6.0);
        ui.weak(format!("On lane: {}   ·   id {}", lane.name, event.id));
    }
    if !event.annotations.is_empty() {
        ui.add_space(8.0);
        ui.strong("Annotations");
        for annotation in &event.annotations {
            ui.label(format!("{}: {}", annotation.kind.label(), annotation.text));
        }
    }
    ui.add_space(8.0);
    if ui.button("Delete event").clicked() {
        intents.commands.push(Command::Delete);
    }
}

/// A field showing `shown` that only writes back when `parse` accepts the typed text;
/// otherwise the draft stays and the error is shown under the field.
fn parsed_field<T>(
    ui: &mut Ui,
    state: &mut InspectorState,
    label: &str,
    hint: &str,
    shown: String,
    parse: impl Fn(&str) -> Result<T, String>,
) -> (Option<T>, Response) {
    let label = ui.label(label);
    let id = label.id.with("field");
    let mut text = match &state.draft {
        Some((draft_id, draft)) if *draft_id == id => draft.clone(),
        _ => shown,
    };
    let response = ui
        .add(
            TextEdit::singleline(&mut text)
                .id(id)
                .hint_text(hint)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    let parsed = parse(&text);
    if let Err(message) = &parsed {
        ui.colored_label(ui.visuals().error_fg_color, message);
    }
    if response.has_focus() {
        state.draft = Some((id, text));
    } else if state
        .draft
        .as_ref()
        .is_some_and(|(draft_id, _)| *draft_id == id)
    {
        state.draft = None;
    }
    (
        response.changed().then_some(parsed.ok()).flatten(),
        response,
    )
}

fn time_field(ui: &mut Ui, event: &Event, state: &mut InspectorState, intents: &mut Intents) {
    let shown = event.time.map(|t| t.to_rfc3339()).unwrap_or_default();
    let (time, response) = parsed_field(
        ui,
        state,
        "Time",
        "e.g. 2025-03-11T14:02:00+00:00 (empty: unknown)",
        shown,
        |text| {
            if text.trim().is_empty() {
                Ok(None)
            } else {
                Timestamp::parse(text)
                    .map(Some)
                    .map_err(|err| err.to_string())
            }
        },
    );
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

fn tags_field(ui: &mut Ui, event: &Event, state: &mut InspectorState, intents: &mut Intents) {
    let (tags, response) = parsed_field(
        ui,
        state,
        "Tags",
        "comma-separated",
        event.tags.join(", "),
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

fn lane_ui(ui: &mut Ui, map: &Map, lane: &Lane, intents: &mut Intents) {
    ui.heading("Lane");
    let (name, response) = text_field(ui, "Name", &lane.name, false);
    if let Some(name) = name {
        let updated = Lane {
            name,
            ..lane.clone()
        };
        continuing(
            intents,
            format!("Rename lane '{}'", lane.name),
            Op::UpdateLane(updated),
            format!("lane:{}:name", lane.id),
            &response,
        );
    }
    seal_on_leave(intents, &response);

    let kind_label = ui.label("Kind");
    let mut chosen = None;
    ComboBox::from_id_salt(("lane-kind", &lane.id))
        .selected_text(lane.kind.label().to_owned())
        .show_ui(ui, |ui| {
            for kind in LaneKind::ALL {
                if ui
                    .selectable_label(&lane.kind == kind, kind.label())
                    .clicked()
                {
                    chosen = Some(kind.clone());
                }
            }
        })
        .response
        .labelled_by(kind_label.id);
    if let Some(kind) = chosen
        && kind != lane.kind
    {
        intents.edits.push(Edit::new(
            format!("Set kind of lane '{}'", lane.name),
            Op::UpdateLane(Lane {
                kind,
                ..lane.clone()
            }),
        ));
    }

    let count = map.events_on(&lane.id).count();
    ui.weak(format!("{count} events   ·   id {}", lane.id));
    let index = map.lane_index(&lane.id).unwrap_or(0);
    ui.horizontal(|ui| {
        if ui
            .add_enabled(index > 0, egui::Button::new("Move left"))
            .clicked()
        {
            intents.edits.push(Edit::new(
                format!("Move lane '{}'", lane.name),
                Op::MoveLane {
                    id: lane.id.clone(),
                    to_index: index - 1,
                },
            ));
        }
        if ui
            .add_enabled(index + 1 < map.lanes.len(), egui::Button::new("Move right"))
            .clicked()
        {
            intents.edits.push(Edit::new(
                format!("Move lane '{}'", lane.name),
                Op::MoveLane {
                    id: lane.id.clone(),
                    to_index: index + 1,
                },
            ));
        }
    });
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui.button("Add event here").clicked() {
            intents.commands.push(Command::AddEvent);
        }
        if ui.button("Delete lane").clicked() {
            intents.commands.push(Command::Delete);
        }
    });
}

fn link_ui(ui: &mut Ui, map: &Map, link: &Link, intents: &mut Intents) {
    ui.heading("Link");
    let title = |id| {
        map.event(id)
            .map_or("?", |e: &Event| e.title.as_str())
            .to_owned()
    };
    ui.label(format!("From: {}", title(&link.from)));
    ui.label(format!("To: {}", title(&link.to)));
    let (label, response) = text_field(ui, "Label", &link.label, false);
    if let Some(label) = label {
        let updated = Link {
            label,
            ..link.clone()
        };
        continuing(
            intents,
            "Edit link label".to_owned(),
            Op::UpdateLink(updated),
            format!("link:{}:label", link.id),
            &response,
        );
    }
    seal_on_leave(intents, &response);
    ui.horizontal(|ui| {
        if ui.button("Reverse direction").clicked() {
            let reversed = Link {
                from: link.to.clone(),
                to: link.from.clone(),
                ..link.clone()
            };
            intents
                .edits
                .push(Edit::new("Reverse link", Op::UpdateLink(reversed)));
        }
        if ui.button("Delete link").clicked() {
            intents.commands.push(Command::Delete);
        }
    });
}

fn map_ui(ui: &mut Ui, map: &Map, intents: &mut Intents) {
    ui.heading("Map");
    let (title, response) = text_field(ui, "Map title", &map.title, false);
    if let Some(title) = title {
        continuing(
            intents,
            "Rename map".to_owned(),
            Op::SetTitle(title),
            "map:title".to_owned(),
            &response,
        );
    }
    seal_on_leave(intents, &response);
    ui.weak(format!(
        "{} lanes · {} events · {} links",
        map.lanes.len(),
        map.events.len(),
        map.links.len()
    ));
    ui.add_space(10.0);
    ui.strong("Getting started");
    ui.label("• Double-click a lifeline to add an event there; type its title, Enter to keep.");
    ui.label("• Click a card to select it, Shift-click to add more; Shift-drag on empty canvas to box-select.");
    ui.label("• Drag cards up and down, or into another lane. Drag the round handle on a card's right onto another card to link them.");
    ui.label("• Double-click a lane header to rename it; drag it to reorder lanes.");
    ui.label("• Drag empty canvas or scroll to pan; Ctrl+scroll to zoom; F fits the map.");
    ui.label("• Ctrl+K lists every command.");
}
