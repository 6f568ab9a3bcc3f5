//! Copy, cut, paste and duplicate of cards from the window: the clipboard events egui
//! hands over (Ctrl+C, Ctrl+X and Ctrl+V arrive as events, not keys), the commands, and
//! what each does to the map (one undo step each).

use super::Intents;
use super::app::WaterlineApp;
use super::canvas::ViewRequest;
use super::commands::Command;
use super::selection::Selection;
use crate::ops::Edit;
use crate::ops::clipboard::{Clip, Pasted, Placement};

impl WaterlineApp {
    /// Takes this frame's clipboard events while no text field has the keyboard (a field
    /// being typed in keeps them for its text): copy and cut become commands, a paste is
    /// pasted.
    pub(super) fn clipboard_events(&mut self, ctx: &egui::Context, intents: &mut Intents) {
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        let mut pasted = None;
        ctx.input_mut(|input| {
            input.events.retain(|event| match event {
                egui::Event::Copy => {
                    intents.commands.push(Command::Copy);
                    false
                }
                egui::Event::Cut => {
                    intents.commands.push(Command::Cut);
                    false
                }
                egui::Event::Paste(text) if pasted.is_none() => {
                    pasted = Some(text.clone());
                    false
                }
                _ => true,
            })
        });
        if let Some(text) = pasted {
            self.paste_text(&text, ctx);
        }
    }

    /// Pasted text: Waterline cards when it holds them, else chat lines or spreadsheet
    /// rows as a timeline.
    fn paste_text(&mut self, text: &str, ctx: &egui::Context) {
        match Clip::from_text(text) {
            Some(Ok(clip)) => {
                let at = self.canvas.spot_under_pointer(&self.doc, ctx);
                self.paste_clip(&clip, &at, ["Paste", "Pasted"]);
            }
            Some(Err(err)) => self.status = err.to_string(),
            None => self.paste_timeline(text),
        }
    }

    /// The selected cards as a clip, or why there is none.
    fn selected_clip(&mut self, verb: &str) -> Option<Clip> {
        let clip = Clip::copy(self.doc.map(), &self.canvas.selection.cards);
        if clip.is_none() {
            self.status = format!(
                "Select the cards to {verb} first (paths not taken come with the event they grow from)"
            );
        }
        clip
    }

    /// Edit > Copy: the selected cards onto the clipboard.
    pub(super) fn copy_cards(&mut self, ctx: &egui::Context) {
        let Some(clip) = self.selected_clip("copy") else {
            return;
        };
        ctx.copy_text(clip.to_text());
        self.status = format!("Copied {}", cards(&clip));
    }

    /// Edit > Cut: copied, then removed with their links, as one undo step. What is
    /// removed is exactly what the clip holds, so a paste brings it all back.
    pub(super) fn cut_cards(&mut self, ctx: &egui::Context) {
        let Some(clip) = self.selected_clip("cut") else {
            return;
        };
        if self.doc.is_read_only() {
            self.copy_cards(ctx);
            return;
        }
        ctx.copy_text(clip.to_text());
        let op = clip.cut(self.doc.map());
        let before = self.doc.map().events.len();
        self.apply_edit(Edit::new(format!("Cut {}", cards(&clip)), op), None);
        if self.doc.map().events.len() == before {
            return; // refused: apply_edit said why
        }
        // A selected path whose event was not cut cannot be pasted on its own: it stays.
        let stayed = self
            .canvas
            .selection
            .cards
            .iter()
            .filter_map(|card| card.branch())
            .filter(|id| self.doc.map().branch(id).is_some())
            .count();
        if stayed > 0 {
            self.status.push_str(&format!(
                "; {stayed} selected path{} not taken stayed (cut {} with the event {} from)",
                if stayed == 1 { "" } else { "s" },
                if stayed == 1 { "it" } else { "them" },
                if stayed == 1 { "it grows" } else { "they grow" },
            ));
        }
        self.canvas.selection = Selection::default();
    }

    /// Edit > Duplicate: copies of the selected cards just after them.
    pub(super) fn duplicate_cards(&mut self) {
        if let Some(clip) = self.selected_clip("duplicate") {
            self.paste_clip(&clip, &Placement::default(), ["Duplicate", "Duplicated"]);
        }
    }

    /// Edit > Paste from the menu or palette: the window asks the system for the
    /// clipboard, which comes back as a paste event next frame.
    pub(super) fn request_paste(&mut self, ctx: &egui::Context) {
        ctx.send_viewport_cmd(egui::ViewportCommand::RequestPaste);
    }

    /// Adds the clip's cards as one undo step, selects them and shows them. `verb` is the
    /// undo step's ("Paste") and the status bar's ("Pasted").
    fn paste_clip(&mut self, clip: &Clip, at: &Placement, [verb, done]: [&str; 2]) {
        if let Some(err) = clip.too_much_for(self.doc.map()) {
            self.status = format!("Could not {}: {err}", verb.to_lowercase());
            return;
        }
        let Pasted {
            op,
            cards: new_cards,
            new_lanes,
        } = clip.paste(self.doc.map(), at);
        let label = format!("{verb} {}", cards(clip));
        let before = self.doc.map().events.len();
        self.apply_edit(Edit::new(label, op), None);
        if self.doc.map().events.len() == before {
            return; // refused: apply_edit said why
        }
        if let Some(first) = new_cards.first() {
            self.canvas.request(ViewRequest::Reveal(first.clone()));
        }
        self.canvas.selection = Selection {
            cards: new_cards,
            ..Default::default()
        };
        let what = format!("{done} {}", cards(clip));
        self.status = match new_lanes.as_slice() {
            [] => format!("{what} (Ctrl+Z takes it back)"),
            names => format!(
                "{what}; new lane{} {} (no lane of that name here). Ctrl+Z takes it back",
                if names.len() == 1 { "" } else { "s" },
                first_few(
                    names
                        .iter()
                        .map(|n| format!("\"{}\"", crate::render::shown_text(n))),
                    ", "
                )
            ),
        };
    }
}

/// How many of a list the status bar names before "and N more": it is one line.
const SHOWN_IN_STATUS: usize = 3;

/// The first few items joined by `separator`, then how many more there are.
pub(super) fn first_few(items: impl ExactSizeIterator<Item = String>, separator: &str) -> String {
    let more = items.len().saturating_sub(SHOWN_IN_STATUS);
    let mut text = items
        .take(SHOWN_IN_STATUS)
        .collect::<Vec<_>>()
        .join(separator);
    if more > 0 {
        text.push_str(&format!(", and {more} more"));
    }
    text
}

/// "3 cards", "1 card", with the paths not taken counted apart.
fn cards(clip: &Clip) -> String {
    let events = clip.map.events.len();
    let branches = clip.map.branches.len();
    let mut text = format!("{events} card{}", if events == 1 { "" } else { "s" });
    if branches > 0 {
        text.push_str(&format!(
            " and {branches} path{} not taken",
            if branches == 1 { "" } else { "s" }
        ));
    }
    text
}
