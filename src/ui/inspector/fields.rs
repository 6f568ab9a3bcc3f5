//! Labelled fields shared by the inspector's sections. A field's typing continues one undo
//! step until the field is left.

use super::InspectorState;
use crate::lens::MapFinding;
use crate::ops::{Edit, Op};
use crate::render::{fits_editing, shown_text, too_long_to_edit};
use crate::ui::Intents;
use egui::{Response, TextEdit, Ui};

/// A labelled text field; returns the new text when it changed. A text too long to edit
/// here is shown read-only instead.
pub(super) fn text_field(
    ui: &mut Ui,
    label: &str,
    value: &str,
    multiline: bool,
) -> (Option<String>, Response) {
    text_field_flagged(ui, label, value, multiline, &[])
}

/// [`text_field`] with the hindsight lens's findings in it underlined.
pub(super) fn text_field_flagged(
    ui: &mut Ui,
    label: &str,
    value: &str,
    multiline: bool,
    findings: &[&MapFinding],
) -> (Option<String>, Response) {
    let what = format!("the {}", label.to_lowercase());
    let label = ui.label(label);
    if !fits_editing(value) {
        return (None, too_long_ui(ui, &label, &what, value));
    }
    let mut text = value.to_owned();
    let mut underline = |ui: &Ui, buffer: &dyn egui::TextBuffer, wrap_width: f32| {
        crate::ui::lens_view::underlined(ui, buffer.as_str(), wrap_width, findings)
    };
    let mut editor = if multiline {
        TextEdit::multiline(&mut text).desired_rows(3)
    } else {
        TextEdit::singleline(&mut text)
    };
    if !findings.is_empty() {
        editor = editor.layouter(&mut underline);
    }
    let response = ui
        .add(editor.desired_width(f32::INFINITY))
        .labelled_by(label.id);
    ((response.changed()).then_some(text), response)
}

/// The start of a text too long to edit in a text field (which lays out its whole text
/// every frame), read-only, under a line saying how long it is. The text itself is kept
/// whole in the map.
pub(super) fn too_long_ui(ui: &mut Ui, label: &Response, what: &str, value: &str) -> Response {
    ui.colored_label(ui.visuals().warn_fg_color, too_long_to_edit(what, value));
    egui::Frame::group(ui.style())
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt(label.id.with("too-long"))
                .max_height(160.0)
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.label(shown_text(value))
                })
                .inner
        })
        .inner
}

/// Queues an edit that joins the open undo step with the same key.
pub(super) fn continuing(
    intents: &mut Intents,
    label: String,
    op: Op,
    key: String,
    response: &Response,
) {
    intents.continuing.push((Edit::new(label, op), key));
    if response.lost_focus() {
        intents.seal = true;
    }
}

/// Leaving a field ends its undo step.
pub(super) fn seal_on_leave(intents: &mut Intents, response: &Response) {
    if response.lost_focus() {
        intents.seal = true;
    }
}

/// When a parsed field writes what is typed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Commit {
    /// At each change that parses (tags: every prefix is a fine value).
    AsTyped,
    /// On Enter or leaving the field (times: "2:0" on the way to "2:05 pm" parses as
    /// 02:00, and must not be written, or Esc could not give the old time back).
    OnLeave,
}

/// A field showing `shown` that only writes back when `parse` accepts the typed text.
/// Text that does not parse stays in the field, framed in red with `parse`'s message under
/// it, even after the field is left (so nothing typed vanishes), until it is fixed or Esc
/// puts the stored value back. `key` tells one card's field from another's.
pub(super) fn parsed_field<T>(
    ui: &mut Ui,
    state: &mut InspectorState,
    (label, key): (&str, &str),
    hint: &str,
    (shown, commit): (String, Commit),
    parse: impl Fn(&str) -> Result<T, String>,
) -> (Option<T>, Response) {
    let what = format!("the {}", label.to_lowercase());
    let label = ui.label(label);
    if !fits_editing(&shown) {
        return (None, too_long_ui(ui, &label, &what, &shown));
    }
    let id = ui.scope_id().with(("parsed-field", key));
    let mut text = state
        .drafts
        .get(&id)
        .cloned()
        .unwrap_or_else(|| shown.clone());
    let response = ui
        .add(
            TextEdit::singleline(&mut text)
                .id(id)
                .hint_text(hint)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    // Esc leaves the field (egui's doing) and, here, drops the refused text.
    let restored = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape));
    let edited = text != shown;
    if restored {
        text = shown;
    }
    let parsed = parse(&text);
    if let Err(message) = &parsed {
        ui.painter().rect_stroke(
            response.rect.expand(1.0),
            2.0,
            egui::Stroke::new(1.5, ui.visuals().error_fg_color),
            egui::StrokeKind::Outside,
        );
        ui.colored_label(ui.visuals().error_fg_color, message);
        ui.weak("Esc in the field puts the saved value back.");
    }
    if !restored && (response.has_focus() || parsed.is_err()) {
        state.drafts.insert(id, text);
    } else {
        state.drafts.remove(&id);
    }
    let write = !restored
        && match commit {
            Commit::AsTyped => response.changed(),
            Commit::OnLeave => response.lost_focus() && edited,
        };
    (write.then_some(parsed.ok()).flatten(), response)
}
