//! The in-place text editor over a card or lane header: type a new event's title or a new
//! path not taken's label, rename a card or a lane. Enter or clicking away keeps the text;
//! Escape drops it.

use super::CanvasState;
use crate::document::Document;
use crate::model::{Branch, CardId, Event, LaneId};
use crate::ops::{Edit, Op};
use crate::render::{View, header_rect_on_screen};
use crate::ui::Intents;
use crate::ui::focus::FocusOnce;
use crate::ui::selection::Selection;
use egui::{Id, Key, Rect, Role, TextEdit, Ui, Vec2, WidgetInfo, pos2, vec2};

/// What the editor writes to.
#[derive(Clone, Debug, PartialEq)]
pub enum InlineTarget {
    /// A card that does not exist yet: created, with its title, when the text is kept.
    NewEvent {
        lane: LaneId,
        pos: f64,
    },
    /// A path not taken that does not exist yet, branching off `from`.
    NewBranch {
        from: CardId,
        lane: LaneId,
        pos: f64,
    },
    /// An event's title or a path not taken's label.
    CardTitle(CardId),
    LaneName(LaneId),
}

#[derive(Clone, Debug, PartialEq)]
pub struct InlineEditor {
    pub target: InlineTarget,
    pub text: String,
    focus: FocusOnce,
}

impl InlineEditor {
    pub fn new(target: InlineTarget, text: String) -> Self {
        InlineEditor {
            target,
            text,
            focus: FocusOnce::pending(),
        }
    }

    fn label(&self) -> &'static str {
        match self.target {
            InlineTarget::NewEvent { .. } => "New event title",
            InlineTarget::NewBranch { .. } => "New path not taken",
            InlineTarget::CardTitle(CardId::Event(_)) => "Event title",
            InlineTarget::CardTitle(CardId::Branch(_)) => "Path not taken",
            InlineTarget::LaneName(_) => "Lane name",
        }
    }
}

pub(super) fn editor_ui(
    ui: &mut Ui,
    doc: &Document,
    state: &mut CanvasState,
    inline: &mut Option<InlineEditor>,
    view: &View,
    intents: &mut Intents,
) {
    let Some(editor) = inline else {
        return;
    };
    let Some(rect) = screen_rect(doc, &editor.target, view) else {
        *inline = None;
        return;
    };
    // Zoomed out, a card or a header is smaller than a text field can be typed in: the
    // field keeps a usable size, from the same top left (a header's: its middle).
    let rect = match editor.target {
        InlineTarget::LaneName(_) => {
            Rect::from_center_size(rect.center(), rect.size().max(MIN_EDITOR_SIZE))
        }
        _ => Rect::from_min_size(rect.min, rect.size().max(MIN_EDITOR_SIZE)),
    };
    if matches!(
        editor.target,
        InlineTarget::NewEvent { .. } | InlineTarget::NewBranch { .. }
    ) {
        let visuals = ui.visuals();
        ui.painter().rect(
            rect.expand(3.0),
            5.0,
            visuals.extreme_bg_color,
            visuals.selection.stroke,
            egui::StrokeKind::Outside,
        );
    }
    let id = Id::unique("waterline-inline-editor");
    let label = editor.label();
    let response = ui.put(
        rect,
        TextEdit::singleline(&mut editor.text)
            .id(id)
            .hint_text(label)
            .font(egui::TextStyle::Body)
            .desired_width(rect.width()),
    );
    response.widget_info(|| WidgetInfo::labeled(Role::TextInput, true, label));
    if editor.focus.take(&response) {
        // A rename or a placeholder name ("Lane 4") is replaced by what is typed.
        crate::ui::text_select::select_all(ui.ctx(), id, &editor.text);
        return;
    }
    let escape = ui.input(|i| i.key_pressed(Key::Escape));
    if escape {
        *inline = None;
        return;
    }
    if response.lost_focus() || !response.has_focus() {
        let editor = inline.take();
        if let Some(editor) = editor
            && let Some((edit, select)) = commit(doc, editor)
        {
            intents.edits.push(edit);
            if let Some(id) = select {
                state.selection = Selection::only(id);
            }
        }
    }
}

/// The smallest an in-place editor is on screen, however far out the map is zoomed.
const MIN_EDITOR_SIZE: Vec2 = vec2(160.0, 22.0);

/// Where an open editor sits on screen, for what must keep clear of it (the overview).
pub(super) fn editor_rect(doc: &Document, editor: &InlineEditor, view: &View) -> Option<Rect> {
    screen_rect(doc, &editor.target, view)
}

/// Where the editor sits: over the card, the header, or where the new card will go.
fn screen_rect(doc: &Document, target: &InlineTarget, view: &View) -> Option<Rect> {
    let settings = doc.settings();
    let geometry = doc.geometry();
    let editor_height = 26.0;
    match target {
        InlineTarget::NewEvent { lane, pos } | InlineTarget::NewBranch { lane, pos, .. } => {
            let lane = geometry.lane(lane)?;
            // Level with cards of the same pos, or below the last card.
            let y = geometry
                .cards
                .iter()
                .find(|card| {
                    doc.map()
                        .card_place(&card.item)
                        .is_some_and(|(_, card_pos)| card_pos >= *pos)
                })
                .map(|card| card.rect.min.y)
                .unwrap_or_else(|| {
                    let last = geometry.cards.last();
                    last.map_or(geometry.lifeline_top + settings.margin, |c| {
                        c.rect.max.y + settings.card_gap
                    })
                });
            let scene = Rect::from_min_size(
                pos2(lane.lifeline_x - lane.card_width / 2.0, y),
                vec2(lane.card_width, editor_height),
            );
            Some(view.screen_from_scene.mul_rect(scene))
        }
        InlineTarget::CardTitle(id) => {
            let card = geometry.card_of_item(id)?;
            let screen = view.screen_from_scene.mul_rect(card.rect);
            Some(Rect::from_min_size(
                screen.min + vec2(4.0, 18.0 * view.screen_from_scene.scaling),
                vec2(screen.width() - 8.0, editor_height),
            ))
        }
        InlineTarget::LaneName(id) => {
            let lane = geometry.lanes.iter().find(|lane| &lane.id == id)?;
            let header = header_rect_on_screen(lane, view);
            Some(Rect::from_center_size(
                header.center(),
                vec2(header.width() - 12.0, editor_height),
            ))
        }
    }
}

/// The edit the kept text makes, and the card to select after it. Empty text keeps nothing.
fn commit(doc: &Document, editor: InlineEditor) -> Option<(Edit, Option<CardId>)> {
    let text = editor.text.trim().to_owned();
    if text.is_empty() {
        return None;
    }
    let map = doc.map();
    match editor.target {
        InlineTarget::NewEvent { lane, pos } => {
            let id = map.next_event_id();
            let event = Event::new(id.clone(), lane, pos, text.clone());
            let op = Op::InsertEvent {
                index: map.events.len(),
                event,
            };
            Some((
                Edit::new(format!("Add event '{text}'"), op),
                Some(CardId::Event(id)),
            ))
        }
        InlineTarget::NewBranch { from, lane, pos } => {
            let id = map.next_branch_id();
            let branch = Branch::new(id.clone(), from, lane, pos, text.clone());
            let op = Op::InsertBranch {
                index: map.branches.len(),
                branch,
            };
            Some((
                Edit::new(format!("Add path not taken '{text}'"), op),
                Some(CardId::Branch(id)),
            ))
        }
        InlineTarget::CardTitle(CardId::Event(id)) => {
            let mut event = map.event(&id)?.clone();
            if event.title == text {
                return None;
            }
            let label = format!("Rename event '{}'", event.title);
            event.title = text;
            Some((
                Edit::new(label, Op::UpdateEvent(event)),
                Some(CardId::Event(id)),
            ))
        }
        InlineTarget::CardTitle(CardId::Branch(id)) => {
            let mut branch = map.branch(&id)?.clone();
            if branch.label == text {
                return None;
            }
            let label = format!("Rename path not taken '{}'", branch.label);
            branch.label = text;
            Some((
                Edit::new(label, Op::UpdateBranch(branch)),
                Some(CardId::Branch(id)),
            ))
        }
        InlineTarget::LaneName(id) => {
            let mut lane = map.lane(&id)?.clone();
            if lane.name == text {
                return None;
            }
            lane.name = text;
            Some((
                Edit::new(format!("Rename lane '{}'", lane.name), Op::UpdateLane(lane)),
                None,
            ))
        }
    }
}
