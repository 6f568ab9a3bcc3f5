//! Highlighting a theme: its moments stand out on the canvas and the rest fades (through
//! the same fading as a point of view), a line says which theme it is, and F8 / Shift+F8
//! (or ] and [) step through its cards in the order they are drawn, top to bottom. What is
//! lit is worked out again only when the map, its layout or the theme changes.

use crate::document::Document;
use crate::model::{CardId, ThemeId};
use crate::ops::themes;
use crate::render::{CardSet, shown_text};
use crate::ui::app::WaterlineApp;
use crate::ui::canvas::ViewRequest;
use crate::ui::selection::Selection;
use std::sync::Arc;

/// The highlighted theme, if any, and its moments as last worked out.
#[derive(Default)]
pub struct Highlight {
    theme: Option<ThemeId>,
    /// The card last stepped to, by its place in `Highlighted::order`.
    current: Option<usize>,
    cached: Option<(Key, Arc<Highlighted>)>,
}

/// What the highlight was worked out for.
#[derive(Clone, Debug, PartialEq)]
struct Key {
    revision: u64,
    layout: u64,
    theme: ThemeId,
}

/// A theme's moments on the map.
#[derive(Debug)]
pub struct Highlighted {
    /// The cards that stand out.
    pub cards: CardSet,
    /// The cards shown on the map, top to bottom (left to right when level): the steps.
    pub order: Vec<CardId>,
    /// Moments carrying the theme: cards, annotations and gap notes.
    pub moments: usize,
}

impl Highlight {
    /// The highlighted theme.
    pub fn theme(&self) -> Option<&ThemeId> {
        self.theme.as_ref()
    }

    /// Highlights `theme`, or stops when it is highlighted already; whether one is after.
    pub fn toggle(&mut self, theme: ThemeId) -> bool {
        if self.theme.as_ref() == Some(&theme) {
            self.leave();
        } else {
            self.theme = Some(theme);
            self.current = None;
        }
        self.theme.is_some()
    }

    pub fn leave(&mut self) {
        self.theme = None;
        self.current = None;
    }

    /// The highlighted theme's moments as of the document now (`None`: no highlight, or
    /// its theme is gone, which ends it).
    pub fn highlighted(&mut self, doc: &Document) -> Option<Arc<Highlighted>> {
        let theme = self.theme.clone()?;
        let map = doc.map();
        if map.theme(&theme).is_none() {
            self.leave();
            return None;
        }
        let key = Key {
            revision: doc.revision(),
            layout: doc.layout_generation(),
            theme,
        };
        if let Some((cached_for, found)) = &self.cached
            && *cached_for == key
        {
            return Some(Arc::clone(found));
        }
        let cards = themes::cards_of(map, &key.theme);
        let geometry = doc.geometry();
        let mut placed: Vec<(egui::Pos2, CardId)> = cards
            .iter()
            .filter_map(|id| Some((geometry.card_of_item(id)?.rect.min, id.clone())))
            .collect();
        placed.sort_by(|(a, _), (b, _)| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
        let found = Arc::new(Highlighted {
            cards: CardSet::of(map, &cards),
            order: placed.into_iter().map(|(_, id)| id).collect(),
            moments: themes::counts(map).get(&key.theme).copied().unwrap_or(0),
        });
        self.cached = Some((key, Arc::clone(&found)));
        Some(found)
    }

    /// The next (`step` 1) or previous (-1) card of the theme after the one last stepped to
    /// (the first or last when none was).
    fn step(&mut self, doc: &Document, step: isize) -> Option<CardId> {
        let found = self.highlighted(doc)?;
        let count = found.order.len() as isize;
        if count == 0 {
            return None;
        }
        let next = match self.current {
            None if step < 0 => count - 1,
            None => 0,
            Some(at) => (at as isize + step).rem_euclid(count),
        } as usize;
        self.current = Some(next);
        found.order.get(next).cloned()
    }

    /// The line that says which theme is highlighted.
    pub fn line(&self, doc: &Document, found: &Highlighted) -> String {
        let name = self
            .theme
            .as_ref()
            .and_then(|id| doc.map().theme(id))
            .map_or("", |t| t.name.as_str());
        let moments = match found.moments {
            1 => "1 moment".to_owned(),
            n => format!("{n} moments"),
        };
        let at = match self.current {
            Some(at) if !found.order.is_empty() => {
                format!(" · card {} of {}", at + 1, found.order.len())
            }
            _ => String::new(),
        };
        format!(
            "Theme: {} · {moments}{at} · F8 / ]: next · Shift+F8 / [: previous · Esc: leave",
            shown_text(name)
        )
    }
}

impl WaterlineApp {
    /// Highlights `theme` (or stops highlighting it); a point of view gives way to it.
    pub(in crate::ui) fn toggle_highlight(&mut self, theme: ThemeId) {
        let name = self
            .doc
            .map()
            .theme(&theme)
            .map_or_else(String::new, |t| t.name.clone());
        self.status = if self.canvas.highlight.toggle(theme) {
            self.canvas.point_of_view.leave();
            format!(
                "Highlighting '{}': F8 steps through its moments, Esc leaves",
                shown_text(&name)
            )
        } else {
            "Highlight left: everything shown".to_owned()
        };
    }

    /// Selects the highlighted theme's next (1) or previous (-1) card and shows it.
    pub(in crate::ui) fn step_theme(&mut self, step: isize) {
        if self.canvas.highlight.theme().is_none() {
            self.status = "Highlight a theme first (Shift+G lists the themes)".to_owned();
            return;
        }
        match self.canvas.highlight.step(&self.doc, step) {
            Some(card) => {
                self.canvas.request(ViewRequest::Reveal(card.clone()));
                self.canvas.selection = Selection::only(card);
            }
            None => self.status = "No card of this theme is shown on the map".to_owned(),
        }
    }

    /// Esc leaves the highlight when nothing else wants it (a field, a drag, a dialog).
    pub(in crate::ui) fn highlight_keys(&mut self, ctx: &egui::Context) {
        if self.canvas.highlight.theme().is_some()
            && !ctx.egui_wants_keyboard_input()
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
        {
            self.canvas.highlight.leave();
            self.status = "Highlight left: everything shown".to_owned();
        }
    }
}
