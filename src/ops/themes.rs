//! Coding moments with themes and reshaping the themes themselves: each builder looks at
//! the map and returns one [`Op`] (a batch when several things change) or `None` when
//! there is nothing to do, so every change is a single undo step.
//!
//! Themes are the reviewer's own words, so a name is matched without regard to case or
//! surrounding spaces: typing "late is worse than broken" reuses "Late is worse than
//! broken" instead of making a twin.

use super::Op;
use crate::model::{Annotation, Branch, CardId, Event, FastHashMap, Map, Theme, ThemeId};

/// The theme whose name is `name`, ignoring case and surrounding spaces.
pub fn find_by_name<'a>(map: &'a Map, name: &str) -> Option<&'a Theme> {
    let wanted = normalised(name);
    map.themes
        .iter()
        .find(|theme| normalised(&theme.name) == wanted)
}

/// How many moments carry each theme: events, their annotations, paths not taken and gap
/// notes each count once per theme they carry. One walk of the map for every theme.
pub fn counts(map: &Map) -> FastHashMap<ThemeId, usize> {
    let mut counts = FastHashMap::default();
    let mut add = |themes: &[ThemeId]| {
        for id in themes {
            *counts.entry(id.clone()).or_insert(0) += 1;
        }
    };
    for event in map.events.iter() {
        add(&event.themes);
        for annotation in &event.annotations {
            add(&annotation.themes);
        }
    }
    for branch in map.branches.iter() {
        add(&branch.themes);
    }
    for note in map.gaps.iter().flat_map(|g| &g.notes) {
        add(&note.themes);
    }
    counts
}

/// The cards that carry `theme`, themselves or in one of their annotations, events first
/// in map order, then paths not taken.
pub fn cards_of(map: &Map, theme: &ThemeId) -> Vec<CardId> {
    let events = map
        .events
        .iter()
        .filter(|e| {
            e.themes.contains(theme) || e.annotations.iter().any(|a| a.themes.contains(theme))
        })
        .map(|e| CardId::Event(e.id.clone()));
    let branches = map
        .branches
        .iter()
        .filter(|b| b.themes.contains(theme))
        .map(|b| CardId::Branch(b.id.clone()));
    events.chain(branches).collect()
}

/// The themes a card carries itself (not those of its annotations).
pub fn themes_of<'a>(map: &'a Map, card: &CardId) -> &'a [ThemeId] {
    match card {
        CardId::Event(id) => map.event(id).map_or(&[], |e| e.themes.as_slice()),
        CardId::Branch(id) => map.branch(id).map_or(&[], |b| b.themes.as_slice()),
    }
}

/// Codes `cards` with the theme called `name`: the map's theme of that name when there is
/// one, a new theme otherwise. Cards already carrying it are left alone; `None` when the
/// name is blank or every card already carries it.
pub fn code_cards(map: &Map, cards: &[CardId], name: &str) -> Option<Op> {
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    match find_by_name(map, name) {
        Some(theme) => code_cards_with(map, cards, &theme.id),
        None => {
            let theme = Theme::new(map.next_theme_id(), name);
            let id = theme.id.clone();
            let insert = Op::InsertTheme {
                index: map.themes.len(),
                theme,
            };
            let Op::Batch(coded) = code_cards_with(map, cards, &id)? else {
                return None;
            };
            Some(Op::Batch([insert].into_iter().chain(coded).collect()))
        }
    }
}

/// Codes `cards` with the map's theme `id` (by id: two themes may share a name after a
/// rename). Cards already carrying it are left alone; `None` when every card carries it.
pub fn code_cards_with(map: &Map, cards: &[CardId], id: &ThemeId) -> Option<Op> {
    let mut seen = crate::model::FastHashSet::default();
    let ops: Vec<Op> = cards
        .iter()
        // A card listed twice is coded once.
        .filter(|card| seen.insert(*card))
        .filter_map(|card| {
            with_card_themes(map, card, |themes| {
                (!themes.contains(id)).then(|| {
                    let mut themes = themes.to_vec();
                    themes.push(id.clone());
                    themes
                })
            })
        })
        .collect();
    (!ops.is_empty()).then_some(Op::Batch(ops))
}

/// The themes `carried` with the theme called `name` added (the map's theme of that name,
/// or a new one), and the op that makes the theme when it is new: for moments that are not
/// cards (an annotation, a gap note), whose owner writes the list back. `None` when the
/// name is blank or the theme is carried already.
pub fn with_theme_named(
    map: &Map,
    carried: &[ThemeId],
    name: &str,
) -> Option<(Option<Op>, Vec<ThemeId>)> {
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    let (insert, id) = match find_by_name(map, name) {
        Some(theme) if carried.contains(&theme.id) => return None,
        Some(theme) => (None, theme.id.clone()),
        None => {
            let theme = Theme::new(map.next_theme_id(), name);
            let id = theme.id.clone();
            let index = map.themes.len();
            (Some(Op::InsertTheme { index, theme }), id)
        }
    };
    let mut themes = carried.to_vec();
    themes.push(id);
    Some((insert, themes))
}

/// Takes `theme` off one card (the theme itself stays in the map, for other moments and
/// for coding again).
pub fn uncode_card(map: &Map, card: &CardId, theme: &ThemeId) -> Option<Op> {
    with_card_themes(map, card, |themes| {
        themes
            .contains(theme)
            .then(|| themes.iter().filter(|t| *t != theme).cloned().collect())
    })
}

/// Gives the theme a new name; `None` when blank or unchanged.
pub fn rename(map: &Map, theme: &ThemeId, name: &str) -> Option<Op> {
    let name = name.trim();
    let current = map.theme(theme)?;
    if name.is_empty() || current.name == name {
        return None;
    }
    Some(Op::UpdateTheme(Theme {
        name: name.to_owned(),
        ..current.clone()
    }))
}

/// Sets the theme's colour (`#rrggbb`; `None`: the palette's); `None` when unchanged or
/// the colour is not `#rrggbb`.
pub fn recolour(map: &Map, theme: &ThemeId, colour: Option<String>) -> Option<Op> {
    let current = map.theme(theme)?;
    if colour
        .as_deref()
        .is_some_and(|c| crate::model::parse_colour(c).is_none())
        || current.colour == colour
    {
        return None;
    }
    Some(Op::UpdateTheme(Theme {
        colour,
        ..current.clone()
    }))
}

/// Merges `from` into `into`: every moment carrying `from` carries `into` instead (once,
/// where `from` was when it did not carry `into` already), then `from` is removed.
pub fn merge(map: &Map, from: &ThemeId, into: &ThemeId) -> Option<Op> {
    if from == into || map.theme(from).is_none() || map.theme(into).is_none() {
        return None;
    }
    let mut ops = rewrite_everywhere(map, |themes| {
        if !themes.contains(from) {
            return None;
        }
        let carries_into = themes.contains(into);
        Some(
            themes
                .iter()
                .filter_map(|t| match t {
                    t if t == from && carries_into => None,
                    t if t == from => Some(into.clone()),
                    t => Some(t.clone()),
                })
                .collect(),
        )
    });
    ops.push(Op::RemoveTheme(from.clone()));
    Some(Op::Batch(ops))
}

/// Splits `theme`: the chosen cards that carry it carry a theme called `name` instead (a
/// new one, or the map's theme of that name). `None` when no chosen card carries `theme`,
/// the name is blank, or it names `theme` itself.
pub fn split(map: &Map, theme: &ThemeId, cards: &[CardId], name: &str) -> Option<Op> {
    let name = name.trim();
    map.theme(theme)?;
    if name.is_empty() {
        return None;
    }
    let mut ops = Vec::new();
    let new = match find_by_name(map, name) {
        Some(existing) if &existing.id == theme => return None,
        Some(existing) => existing.id.clone(),
        None => {
            let created = Theme::new(map.next_theme_id(), name);
            let id = created.id.clone();
            ops.push(Op::InsertTheme {
                index: map.themes.len(),
                theme: created,
            });
            id
        }
    };
    let mut moved = false;
    for card in cards {
        if let Some(op) = with_card_themes(map, card, |themes| replace(themes, theme, &new)) {
            ops.push(op);
            moved = true;
        }
    }
    moved.then_some(Op::Batch(ops))
}

/// Deletes the theme: taken off every moment, then removed from the map.
pub fn delete(map: &Map, theme: &ThemeId) -> Option<Op> {
    map.theme(theme)?;
    let mut ops = rewrite_everywhere(map, |themes| {
        themes
            .contains(theme)
            .then(|| themes.iter().filter(|t| *t != theme).cloned().collect())
    });
    ops.push(Op::RemoveTheme(theme.clone()));
    Some(Op::Batch(ops))
}

/// `themes` with `old` replaced by `new` in place (dropped when `new` is there already);
/// `None` when `old` is not there.
fn replace(themes: &[ThemeId], old: &ThemeId, new: &ThemeId) -> Option<Vec<ThemeId>> {
    if !themes.contains(old) {
        return None;
    }
    let has_new = themes.contains(new);
    Some(
        themes
            .iter()
            .filter_map(|t| match t {
                t if t == old && has_new => None,
                t if t == old => Some(new.clone()),
                t => Some(t.clone()),
            })
            .collect(),
    )
}

fn normalised(name: &str) -> String {
    name.trim().to_lowercase()
}

/// The op that gives one card the themes `change` returns for its current ones (`None`
/// from `change`, or a missing card: no op).
fn with_card_themes(
    map: &Map,
    card: &CardId,
    change: impl FnOnce(&[ThemeId]) -> Option<Vec<ThemeId>>,
) -> Option<Op> {
    match card {
        CardId::Event(id) => {
            let event = map.event(id)?;
            let themes = change(&event.themes)?;
            Some(Op::UpdateEvent(Event {
                themes,
                ..event.clone()
            }))
        }
        CardId::Branch(id) => {
            let branch = map.branch(id)?;
            let themes = change(&branch.themes)?;
            Some(Op::UpdateBranch(Branch {
                themes,
                ..branch.clone()
            }))
        }
    }
}

/// Ops that apply `change` to the themes of every moment: events with their annotations,
/// paths not taken, and gap notes (one whole-list replacement, as gap notes are written).
fn rewrite_everywhere(map: &Map, change: impl Fn(&[ThemeId]) -> Option<Vec<ThemeId>>) -> Vec<Op> {
    let rewrite_notes = |notes: &[Annotation]| -> Option<Vec<Annotation>> {
        let mut changed = false;
        let notes = notes
            .iter()
            .map(|note| match change(&note.themes) {
                Some(themes) => {
                    changed = true;
                    Annotation {
                        themes,
                        ..note.clone()
                    }
                }
                None => note.clone(),
            })
            .collect();
        changed.then_some(notes)
    };
    let mut ops = Vec::new();
    for event in map.events.iter() {
        let themes = change(&event.themes);
        let annotations = rewrite_notes(&event.annotations);
        if themes.is_some() || annotations.is_some() {
            ops.push(Op::UpdateEvent(Event {
                themes: themes.unwrap_or_else(|| event.themes.clone()),
                annotations: annotations.unwrap_or_else(|| event.annotations.clone()),
                ..event.clone()
            }));
        }
    }
    for branch in map.branches.iter() {
        if let Some(themes) = change(&branch.themes) {
            ops.push(Op::UpdateBranch(Branch {
                themes,
                ..branch.clone()
            }));
        }
    }
    let mut gaps_changed = false;
    let gaps: Vec<_> = map
        .gaps
        .iter()
        .map(|record| {
            let mut record = record.clone();
            if let Some(notes) = rewrite_notes(&record.notes) {
                record.notes = notes;
                gaps_changed = true;
            }
            record
        })
        .collect();
    if gaps_changed {
        ops.push(Op::SetGapNotes(gaps));
    }
    ops
}

#[cfg(test)]
mod tests;
