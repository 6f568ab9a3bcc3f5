//! Editing a list of annotations (an event's, or a gap's notes): add by kind, edit, change
//! kind, reorder, delete; and the debrief questions, one click from a question annotation.
//! A new annotation is a draft until Enter or leaving the field keeps it, so an empty
//! one is never saved and Escape drops it.

use super::InspectorState;
use super::fields::{seal_on_leave, too_long_ui};
use super::lens_notes::{Found, findings_under};
use crate::lens::Place;
use crate::model::{Annotation, AnnotationKind, ThemeId};
use crate::ops::{Edit, Op, themes};
use crate::render::{fits_editing, shown_text};
use crate::ui::Intents;
use crate::ui::themes::{NoteThemeChange, note_themes_ui};
use egui::{ComboBox, Id, Key, Modifiers, RichText, TextEdit, Ui};

/// Who owns the list being edited: the key that ties a draft to it, how to write a new
/// list back, and a name for undo labels.
pub(super) struct Owner<'a> {
    /// Identifies the owner across frames ("event:e12", "gap:e3:e4").
    pub key: String,
    /// "'Paged Ana'" or "the 27 min gap", for undo labels.
    pub name: String,
    pub list: &'a [Annotation],
    pub write: &'a dyn Fn(Vec<Annotation>) -> Op,
    /// Where each annotation of `list` is in the map, for the lens's findings in it.
    pub places: Vec<Place>,
    pub found: &'a Found<'a>,
}

/// A new annotation being typed.
#[derive(Clone, Debug, PartialEq)]
pub struct AnnotationDraft {
    pub owner: String,
    pub kind: AnnotationKind,
    pub text: String,
    /// Put the cursor in the field on the next frame.
    pub focus: bool,
}

/// The kinds offered for adding, with the key that adds each on the canvas.
const ADDABLE: [AnnotationKind; 5] = [
    AnnotationKind::Thinking,
    AnnotationKind::Feeling,
    AnnotationKind::Seeing,
    AnnotationKind::Question,
    AnnotationKind::Note,
];

pub(super) fn annotations_ui(
    ui: &mut Ui,
    owner: &Owner<'_>,
    state: &mut InspectorState,
    intents: &mut Intents,
) {
    for (i, annotation) in owner.list.iter().enumerate() {
        annotation_row(ui, owner, i, annotation, intents);
    }
    draft_ui(ui, owner, state, intents);
    ui.horizontal_wrapped(|ui| {
        ui.weak("Add:");
        for kind in ADDABLE {
            let name = format!("Add a {} annotation", kind.label().to_lowercase());
            let button = ui.button(kind.label()).on_hover_text(&name);
            button.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
            if button.clicked() {
                state.start_annotation(owner.key.clone(), kind);
            }
        }
    });
}

fn annotation_row(
    ui: &mut Ui,
    owner: &Owner<'_>,
    i: usize,
    annotation: &Annotation,
    intents: &mut Intents,
) {
    let n = i + 1;
    let count = owner.list.len();
    let write_with = |change: &dyn Fn(&mut Vec<Annotation>)| {
        let mut list = owner.list.to_vec();
        change(&mut list);
        (owner.write)(list)
    };
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        let color = crate::render::Theme::for_dark_mode(ui.visuals().dark_mode)
            .annotation_kind(&annotation.kind);
        let (dot, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
        ui.painter().circle_filled(dot.center(), 4.0, color);
        let kind_label = ui.label(format!("{n}."));
        let mut chosen = None;
        ComboBox::from_id_salt(("annotation-kind", &owner.key, i))
            .selected_text(shown_text(annotation.kind.label()))
            .width(96.0)
            .show_ui(ui, |ui| {
                for kind in AnnotationKind::ALL {
                    if ui
                        .selectable_label(&annotation.kind == kind, kind.label())
                        .clicked()
                    {
                        chosen = Some(kind.clone());
                    }
                }
            })
            .response
            .labelled_by(kind_label.id)
            .widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::ComboBox,
                    true,
                    format!("Annotation {n} kind"),
                )
            });
        if let Some(kind) = chosen
            && kind != annotation.kind
        {
            let op = write_with(&|list| list[i].kind = kind.clone());
            intents.edits.push(Edit::new(
                format!("Change annotation kind on {}", owner.name),
                op,
            ));
        }
        let up = ui
            .add_enabled(i > 0, egui::Button::new("Up").small())
            .on_hover_text("Move up");
        up.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Button, i > 0, format!("Move annotation {n} up"))
        });
        if up.clicked() {
            let op = write_with(&|list| list.swap(i, i - 1));
            intents.edits.push(Edit::new(
                format!("Reorder annotations on {}", owner.name),
                op,
            ));
        }
        let down = ui
            .add_enabled(n < count, egui::Button::new("Down").small())
            .on_hover_text("Move down");
        down.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::Button,
                n < count,
                format!("Move annotation {n} down"),
            )
        });
        if down.clicked() {
            let op = write_with(&|list| list.swap(i, i + 1));
            intents.edits.push(Edit::new(
                format!("Reorder annotations on {}", owner.name),
                op,
            ));
        }
        let delete = ui.small_button("Delete");
        delete.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Delete annotation {n}"))
        });
        if delete.clicked() {
            let op = write_with(&|list| {
                list.remove(i);
            });
            intents.edits.push(Edit::new(
                format!(
                    "Delete {} annotation on {}",
                    annotation.kind.label().to_lowercase(),
                    owner.name
                ),
                op,
            ));
        }
    });
    if !fits_editing(&annotation.text) {
        let label = ui.label(format!("Annotation {n}"));
        too_long_ui(ui, &label, "the annotation", &annotation.text);
        annotation_themes_ui(ui, owner, i, annotation, intents);
        return;
    }
    let mut text = annotation.text.clone();
    let findings = owner
        .places
        .get(i)
        .map(|place| owner.found.at(place))
        .unwrap_or_default();
    let mut underline = |ui: &Ui, buffer: &dyn egui::TextBuffer, wrap_width: f32| {
        crate::ui::lens_view::underlined(ui, buffer.as_str(), wrap_width, &findings)
    };
    let mut editor = TextEdit::multiline(&mut text)
        .desired_rows(1)
        .desired_width(f32::INFINITY);
    if !findings.is_empty() {
        editor = editor.layouter(&mut underline);
    }
    let response = ui
        .add(editor)
        .widget_info_labelled(format!("Annotation {n}"));
    if response.changed() {
        let op = write_with(&|list| list[i].text = text.clone());
        intents.continuing.push((
            Edit::new(format!("Edit annotation on {}", owner.name), op),
            format!("{}:annotation:{i}", owner.key),
        ));
    }
    seal_on_leave(intents, &response);
    findings_under(ui, owner.found.map, &findings, intents);
    annotation_themes_ui(ui, owner, i, annotation, intents);
}

/// The themes of annotation `i`: its chips and the field that codes it, each change one
/// undo step (with the new theme, when the name is new).
fn annotation_themes_ui(
    ui: &mut Ui,
    owner: &Owner<'_>,
    i: usize,
    annotation: &Annotation,
    intents: &mut Intents,
) {
    let map = owner.found.map;
    let what = format!("annotation {}", i + 1);
    let Some(change) = note_themes_ui(ui, map, &annotation.themes, (&owner.key, i), &what) else {
        return;
    };
    let write_themes = |themes: Vec<ThemeId>| {
        let mut list = owner.list.to_vec();
        list[i].themes = themes;
        (owner.write)(list)
    };
    let edit = match change {
        NoteThemeChange::Add(name) => {
            let Some((insert, themes)) = themes::with_theme_named(map, &annotation.themes, &name)
            else {
                return;
            };
            let ops = insert.into_iter().chain([write_themes(themes)]).collect();
            Edit::new(
                format!("Theme '{name}' on {what} of {}", owner.name),
                Op::Batch(ops),
            )
        }
        NoteThemeChange::Remove(theme) => {
            let name = map.theme(&theme).map_or("", |t| t.name.as_str());
            let label = format!("Take theme '{name}' off {what} of {}", owner.name);
            let kept = annotation.themes.iter().filter(|t| **t != theme);
            Edit::new(label, write_themes(kept.cloned().collect()))
        }
    };
    intents.edits.push(edit);
}

/// The field for a new annotation of the draft's kind, when the draft is this owner's.
fn draft_ui(ui: &mut Ui, owner: &Owner<'_>, state: &mut InspectorState, intents: &mut Intents) {
    let Some(draft) = state.annotation.as_mut().filter(|d| d.owner == owner.key) else {
        return;
    };
    let label = format!("New {} annotation", draft.kind.label().to_lowercase());
    ui.add_space(4.0);
    ui.label(RichText::new(&label).strong());
    let hint = match draft.kind {
        AnnotationKind::Thinking => "What were they thinking then? Enter keeps it, Esc drops it",
        AnnotationKind::Feeling => "How did it feel at that moment? Enter keeps it, Esc drops it",
        AnnotationKind::Seeing => "What could they see then? Enter keeps it, Esc drops it",
        AnnotationKind::Question => "What to ask in the debrief? Enter keeps it, Esc drops it",
        _ => "Enter keeps it, Esc drops it",
    };
    // Enter keeps the text (Shift+Enter for a new line): taken before the field sees it.
    let id = Id::unique(("annotation-draft", &owner.key));
    let focused = ui.memory(|m| m.has_focus(id));
    let enter = focused
        && ui.input_mut(|i| !i.modifiers.shift && i.consume_key(Modifiers::NONE, Key::Enter));
    let response = ui
        .add(
            TextEdit::multiline(&mut draft.text)
                .id(id)
                .hint_text(hint)
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
        .widget_info_labelled(label);
    if draft.focus {
        response.request_focus();
        draft.focus = false;
        return;
    }
    let escape = ui.input(|i| i.key_pressed(Key::Escape));
    if escape && (focused || response.lost_focus()) {
        state.annotation = None;
        return;
    }
    if enter || response.lost_focus() {
        keep_draft(owner, state, intents);
    }
}

/// Turns the draft into one undoable edit; an empty draft is dropped.
pub(super) fn keep_draft(owner: &Owner<'_>, state: &mut InspectorState, intents: &mut Intents) {
    let Some(draft) = state.annotation.take() else {
        return;
    };
    let text = draft.text.trim();
    if text.is_empty() {
        return;
    }
    let mut list = owner.list.to_vec();
    list.push(Annotation::new(draft.kind.clone(), text));
    intents.edits.push(Edit::new(
        format!(
            "Add {} to {}",
            draft.kind.label().to_lowercase(),
            owner.name
        ),
        (owner.write)(list),
    ));
}

/// The questions for the selection, each one click from a question annotation.
pub(super) fn prompts_ui(ui: &mut Ui, owner: &Owner<'_>, prompts: &[&str], intents: &mut Intents) {
    ui.add_space(10.0);
    ui.strong("Questions for the debrief");
    ui.weak("Ask how and what, not why. Click + to keep one as a question.");
    for prompt in prompts {
        let asked = owner
            .list
            .iter()
            .any(|a| a.kind == AnnotationKind::Question && a.text == *prompt);
        ui.horizontal(|ui| {
            let button = ui
                .add_enabled(!asked, egui::Button::new("+").small())
                .on_hover_text("Add as a question annotation");
            button.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Button, !asked, format!("Ask: {prompt}"))
            });
            if button.clicked() {
                let mut list = owner.list.to_vec();
                list.push(Annotation::new(AnnotationKind::Question, *prompt));
                intents.edits.push(Edit::new(
                    format!("Add question to {}", owner.name),
                    (owner.write)(list),
                ));
            }
            ui.add(egui::Label::new(*prompt).wrap());
        });
    }
}

/// Labels a response for screen readers and tests by name.
trait LabelledResponse {
    fn widget_info_labelled(self, label: String) -> Self;
}

impl LabelledResponse for egui::Response {
    fn widget_info_labelled(self, label: String) -> Self {
        self.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, &label));
        self
    }
}
