//! The lens kept up to date with a map being edited: findings held per text owner (the
//! map, a card, a path not taken, a link, the gap notes) and read again only where an
//! edit changed a text. Typing in one card of 200,000 rescans that card, not the map
//! (which takes most of a second).

use super::lexicon::Lexicon;
use super::map::{MapFinding, Owner, Place, lane_people, scan_owner, with_lane_people};
use crate::model::{CardId, FastHashMap, Map};
use crate::ops::Op;

/// Every finding in a map, kept current edit by edit.
pub struct LiveLens {
    /// The built-in list with the map's people added.
    lexicon: Lexicon,
    /// The people names that lexicon was made with, to notice a lane edit that changes them.
    people: Vec<String>,
    /// Owners with at least one finding, and their findings in text order.
    by_owner: FastHashMap<Owner, Vec<MapFinding>>,
    count: usize,
}

/// What an edit changed, for the lens.
#[derive(Debug, Default, PartialEq)]
pub struct Touched {
    owners: Vec<Owner>,
    /// A lane was added, removed or renamed: the people the lens knows may have changed.
    lanes: bool,
}

impl Touched {
    /// What applying `op` to `map` (as it is before the edit) changes: the owners whose
    /// texts or kept phrases differ. A card that only moved changes nothing here.
    pub fn by(op: &Op, map: &Map) -> Touched {
        let mut touched = Touched::default();
        touched.add(op, map);
        touched
    }

    fn add(&mut self, op: &Op, map: &Map) {
        match op {
            Op::SetTitle(_) | Op::SetDescription(_) | Op::SetKeptWords(_) => {
                self.owners.push(Owner::Map)
            }
            Op::SetGapThreshold(_) | Op::MoveLane { .. } => {}
            Op::InsertTheme { theme, .. } | Op::UpdateTheme(theme) => {
                self.owners.push(Owner::Theme(theme.id.clone()));
            }
            Op::RemoveTheme(id) => self.owners.push(Owner::Theme(id.clone())),
            Op::SetGapNotes(_) => self.owners.push(Owner::Gaps),
            Op::InsertLane { .. } | Op::RemoveLane(_) | Op::UpdateLane(_) => self.lanes = true,
            Op::InsertEvent { event, .. } => self.owners.push(Owner::Event(event.id.clone())),
            Op::UpdateEvent(new) => {
                let same = map.events.by_id(&new.id).is_some_and(|old| {
                    old.title == new.title
                        && old.description == new.description
                        && old.annotations == new.annotations
                        && old.kept_words == new.kept_words
                });
                if !same {
                    self.owners.push(Owner::Event(new.id.clone()));
                }
            }
            Op::RemoveEvent(id) => self.owners.push(Owner::Event(id.clone())),
            Op::InsertLink { link, .. } | Op::UpdateLink(link) => {
                self.owners.push(Owner::Link(link.id.clone()));
            }
            Op::RemoveLink(id) => self.owners.push(Owner::Link(id.clone())),
            Op::InsertBranch { branch, .. } => {
                self.owners.push(Owner::Branch(branch.id.clone()));
            }
            Op::UpdateBranch(new) => {
                let same = map.branches.by_id(&new.id).is_some_and(|old| {
                    old.label == new.label
                        && old.note == new.note
                        && old.kept_words == new.kept_words
                });
                if !same {
                    self.owners.push(Owner::Branch(new.id.clone()));
                }
            }
            Op::RemoveBranch(id) => self.owners.push(Owner::Branch(id.clone())),
            Op::Batch(ops) => ops.iter().for_each(|op| self.add(op, map)),
        }
    }
}

impl LiveLens {
    /// Reads every text of `map` once.
    pub fn new(map: &Map) -> Self {
        let mut lens = LiveLens {
            lexicon: with_lane_people(Lexicon::english(), map),
            people: owned(lane_people(map)),
            by_owner: FastHashMap::default(),
            count: 0,
        };
        lens.scan_all(map);
        lens
    }

    /// Brings the findings up to date after an edit that changed `touched` (worked out
    /// before it, see [`Touched::by`]); `map` is the map after the edit.
    pub fn update(&mut self, map: &Map, touched: Touched) {
        let mut owners = touched.owners;
        if touched.lanes {
            let people = lane_people(map);
            if people != self.people {
                // Only texts naming someone added or gone can read differently: typing a
                // person's name on a map of 200,000 cards must not read them all.
                let changed: Vec<String> = people
                    .iter()
                    .map(|name| name.to_lowercase())
                    .filter(|name| !self.people.iter().any(|p| p.to_lowercase() == *name))
                    .chain(
                        self.people
                            .iter()
                            .map(|name| name.to_lowercase())
                            .filter(|name| !people.iter().any(|p| p.to_lowercase() == *name)),
                    )
                    .collect();
                self.lexicon = with_lane_people(Lexicon::english(), map);
                self.people = owned(people);
                if changed.iter().all(|name| name.is_ascii()) {
                    owners.extend(owners_naming(map, &changed));
                } else {
                    self.scan_all(map);
                    return;
                }
            }
        }
        for owner in owners {
            self.rescan(map, owner);
        }
    }

    /// Reads the whole map again (after undo or redo of an edit the lens cannot follow).
    pub fn scan_all(&mut self, map: &Map) {
        self.by_owner.clear();
        self.count = 0;
        let mut found = Vec::new();
        scan_owner(&self.lexicon, map, &Owner::Map, &mut found);
        self.store(Owner::Map, &mut found);
        for event in map.events.iter() {
            let owner = Owner::Event(event.id.clone());
            scan_owner(&self.lexicon, map, &owner, &mut found);
            self.store(owner, &mut found);
        }
        for branch in map.branches.iter() {
            let owner = Owner::Branch(branch.id.clone());
            scan_owner(&self.lexicon, map, &owner, &mut found);
            self.store(owner, &mut found);
        }
        for link in map.links.iter() {
            let owner = Owner::Link(link.id.clone());
            scan_owner(&self.lexicon, map, &owner, &mut found);
            self.store(owner, &mut found);
        }
        scan_owner(&self.lexicon, map, &Owner::Gaps, &mut found);
        self.store(Owner::Gaps, &mut found);
        for theme in map.themes.iter() {
            let owner = Owner::Theme(theme.id.clone());
            scan_owner(&self.lexicon, map, &owner, &mut found);
            self.store(owner, &mut found);
        }
    }

    fn rescan(&mut self, map: &Map, owner: Owner) {
        if let Some(old) = self.by_owner.remove(&owner) {
            self.count -= old.len();
        }
        let mut found = Vec::new();
        scan_owner(&self.lexicon, map, &owner, &mut found);
        self.store(owner, &mut found);
    }

    /// Keeps `found` (emptied) for `owner` when there is anything in it.
    fn store(&mut self, owner: Owner, found: &mut Vec<MapFinding>) {
        if !found.is_empty() {
            self.count += found.len();
            self.by_owner.insert(owner, std::mem::take(found));
        }
    }

    /// How many phrases the lens points out in the whole map (kept ones left out).
    pub fn count(&self) -> usize {
        self.count
    }

    /// The findings on one card: an event's texts, or a path not taken's.
    pub fn on_card(&self, card: &CardId) -> &[MapFinding] {
        let owner = match card {
            CardId::Event(id) => Owner::Event(id.clone()),
            CardId::Branch(id) => Owner::Branch(id.clone()),
        };
        self.by_owner.get(&owner).map_or(&[], Vec::as_slice)
    }

    /// The findings in one text.
    pub fn at(&self, place: &Place) -> impl Iterator<Item = &MapFinding> + '_ {
        let all = self
            .by_owner
            .get(&place.owner())
            .map_or(&[][..], Vec::as_slice);
        let place = place.clone();
        all.iter().filter(move |f| f.place == place)
    }

    /// Every finding in map order, as [`super::scan_map`] lists them; sorts only the
    /// findings, so it costs little however large the map.
    pub fn in_map_order(&self, map: &Map) -> Vec<MapFinding> {
        let mut owners: Vec<(OrderKey, &Vec<MapFinding>)> = self
            .by_owner
            .iter()
            .map(|(owner, found)| (order_key(map, owner), found))
            .collect();
        owners.sort_by_key(|(key, _)| *key);
        owners
            .into_iter()
            .flat_map(|(_, found)| found.iter().cloned())
            .collect()
    }

    /// The lexicon the lens reads with (the built-in list and the map's people), for
    /// reading a text being typed the same way.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }
}

/// Where an owner's texts come in map order: the map's own, each event followed by the
/// paths not taken off it (in the map's order of paths), paths whose event is gone, links,
/// gap notes.
type OrderKey = (u8, usize, u8, usize);

fn order_key(map: &Map, owner: &Owner) -> OrderKey {
    match owner {
        Owner::Map => (0, 0, 0, 0),
        Owner::Event(id) => (1, map.events.index_of(id).unwrap_or(usize::MAX), 0, 0),
        Owner::Branch(id) => {
            let index = map.branches.index_of(id).unwrap_or(usize::MAX);
            match root_event(map, id) {
                Some(event) => (1, event, 1, index),
                None => (2, index, 0, 0),
            }
        }
        Owner::Link(id) => (3, map.links.index_of(id).unwrap_or(usize::MAX), 0, 0),
        Owner::Gaps => (4, 0, 0, 0),
        Owner::Theme(id) => (5, map.themes.index_of(id).unwrap_or(usize::MAX), 0, 0),
    }
}

/// The index of the event a path not taken's chain starts from; `None` when the chain
/// reaches no event (a loop or a missing card, only in a hand-edited file).
fn root_event(map: &Map, id: &crate::model::BranchId) -> Option<usize> {
    let mut current = map.branches.by_id(id)?;
    // A chain longer than the number of paths goes round a loop.
    for _ in 0..=map.branches.len() {
        match &current.from {
            CardId::Event(event) => return map.events.index_of(event),
            CardId::Branch(next) => current = map.branches.by_id(next)?,
        }
    }
    None
}

/// What holds a text with one of `names` (lower-case ASCII) as a whole word, in any case.
fn owners_naming(map: &Map, names: &[String]) -> Vec<Owner> {
    let mut owners = Vec::new();
    if names_any(names, [map.title.as_str(), &map.description]) {
        owners.push(Owner::Map);
    }
    for event in map.events.iter() {
        let texts = [event.title.as_str(), &event.description]
            .into_iter()
            .chain(event.annotations.iter().map(|a| a.text.as_str()));
        if names_any(names, texts) {
            owners.push(Owner::Event(event.id.clone()));
        }
    }
    for branch in map.branches.iter() {
        if names_any(names, [branch.label.as_str(), &branch.note]) {
            owners.push(Owner::Branch(branch.id.clone()));
        }
    }
    for link in map.links.iter() {
        if names_any(names, [link.label.as_str()]) {
            owners.push(Owner::Link(link.id.clone()));
        }
    }
    let notes = map
        .gaps
        .iter()
        .flat_map(|g| &g.notes)
        .map(|n| n.text.as_str());
    if names_any(names, notes) {
        owners.push(Owner::Gaps);
    }
    owners
}

/// Whether any of `texts` holds one of `names` as a whole word.
fn names_any<'a>(names: &[String], texts: impl IntoIterator<Item = &'a str>) -> bool {
    texts
        .into_iter()
        .any(|text| names.iter().any(|name| has_word(text, name)))
}

/// Whether `text` holds `word` (lower-case ASCII) as a whole word, in any case.
fn has_word(text: &str, word: &str) -> bool {
    let (bytes, word) = (text.as_bytes(), word.as_bytes());
    if word.is_empty() || bytes.len() < word.len() {
        return false;
    }
    let boundary = |at: Option<&u8>| at.is_none_or(|b| !b.is_ascii_alphanumeric());
    (0..=bytes.len() - word.len()).any(|at| {
        bytes[at..at + word.len()].eq_ignore_ascii_case(word)
            && boundary(at.checked_sub(1).and_then(|i| bytes.get(i)))
            && boundary(bytes.get(at + word.len()))
    })
}

fn owned(names: Vec<&str>) -> Vec<String> {
    names.into_iter().map(str::to_owned).collect()
}

#[cfg(test)]
mod tests;
