//! The lens over a whole map: every text a reviewer writes, in map order, each finding
//! with where it is and a stable key a "keep as written" list can use.

use super::find::{Finding, find_with};
use super::lexicon::{Family, Lexicon};
use crate::model::{
    Branch, BranchId, CardId, Event, EventId, FastHashMap, LaneKind, LinkId, Map, ThemeId,
};
use std::collections::HashSet;
use std::fmt;

/// Where a text lives in a map.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Place {
    MapTitle,
    MapDescription,
    EventTitle(EventId),
    EventDescription(EventId),
    /// The annotation at this index in the event's list.
    EventAnnotation(EventId, usize),
    BranchLabel(BranchId),
    BranchNote(BranchId),
    LinkLabel(LinkId),
    /// The note at index `note` of the gap notes at index `gap` in the map's list.
    GapNote {
        gap: usize,
        note: usize,
    },
    ThemeName(ThemeId),
}

impl Place {
    /// The card the text is on, for marking it: an event or a path not taken.
    pub fn card(&self) -> Option<CardId> {
        match self {
            Place::EventTitle(id) | Place::EventDescription(id) | Place::EventAnnotation(id, _) => {
                Some(CardId::Event(id.clone()))
            }
            Place::BranchLabel(id) | Place::BranchNote(id) => Some(CardId::Branch(id.clone())),
            Place::MapTitle
            | Place::MapDescription
            | Place::LinkLabel(_)
            | Place::GapNote { .. }
            | Place::ThemeName(_) => None,
        }
    }
}

impl Place {
    /// Where the text is, in words for people: "the title of “Paged Ana”", "the thinking
    /// annotation on “…”", "the note on the path not taken “…”". Titles are cut at 60
    /// characters. Map text as written: the caller makes it safe for where it goes.
    pub fn describe(&self, map: &Map) -> String {
        let event = |id: &EventId| quoted(map.events.by_id(id).map_or("", |e| &e.title));
        let branch = |id: &BranchId| quoted(map.branches.by_id(id).map_or("", |b| &b.label));
        match self {
            Place::MapTitle => "the map's title".to_owned(),
            Place::MapDescription => "the map's description".to_owned(),
            Place::EventTitle(id) => format!("the title of {}", event(id)),
            Place::EventDescription(id) => format!("the description of {}", event(id)),
            Place::EventAnnotation(id, index) => {
                let kind = map
                    .events
                    .by_id(id)
                    .and_then(|e| e.annotations.get(*index))
                    .map(|a| a.kind.label().to_lowercase());
                match kind {
                    Some(kind) => format!("the {kind} annotation on {}", event(id)),
                    None => format!("an annotation on {}", event(id)),
                }
            }
            Place::BranchLabel(id) => format!("the path not taken {}", branch(id)),
            Place::BranchNote(id) => format!("the note on the path not taken {}", branch(id)),
            Place::LinkLabel(_) => "a link's label".to_owned(),
            Place::GapNote { .. } => "a note on a gap".to_owned(),
            Place::ThemeName(_) => "a theme's name".to_owned(),
        }
    }
}

/// A title in quotes, cut at 60 characters with "…".
fn quoted(title: &str) -> String {
    const CHARS: usize = 60;
    match title.char_indices().nth(CHARS) {
        Some((at, _)) => format!("“{}…”", title[..at].trim_end()),
        None => format!("“{title}”"),
    }
}

impl fmt::Display for Place {
    /// A path: `title`, `e3.title`, `e3.annotations[1]`, `b2.note`, `gaps[0].notes[2]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::MapTitle => f.write_str("title"),
            Place::MapDescription => f.write_str("description"),
            Place::EventTitle(id) => write!(f, "{id}.title"),
            Place::EventDescription(id) => write!(f, "{id}.description"),
            Place::EventAnnotation(id, index) => write!(f, "{id}.annotations[{index}]"),
            Place::BranchLabel(id) => write!(f, "{id}.label"),
            Place::BranchNote(id) => write!(f, "{id}.note"),
            Place::LinkLabel(id) => write!(f, "{id}.label"),
            Place::GapNote { gap, note } => write!(f, "gaps[{gap}].notes[{note}]"),
            Place::ThemeName(id) => write!(f, "{id}.name"),
        }
    }
}

/// A finding's identity across edits: where, and the words (lower case). It stays the
/// same while the rest of the text is edited, and changes once the words do. (Kept phrases
/// are stored with what holds the text, `kept_words`, not as keys: an annotation or gap
/// note is placed here by its index, which moves when an earlier one is removed.)
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LensKey {
    pub place: Place,
    pub phrase: String,
}

/// One phrase found somewhere in a map.
#[derive(Clone, Debug, PartialEq)]
pub struct MapFinding {
    pub place: Place,
    /// The phrase as written.
    pub phrase: String,
    pub finding: Finding,
}

impl MapFinding {
    pub fn family(&self) -> Family {
        self.finding.family
    }

    /// What to ask instead, ready to show ("<option>" in a list's question stands for the
    /// choice being discussed).
    pub fn ask(&self) -> String {
        self.finding
            .entry
            .ask
            .replace("<option>", "the other option")
    }

    /// The key a kept-phrase list stores for this finding.
    pub fn key(&self) -> LensKey {
        LensKey {
            place: self.place.clone(),
            phrase: self.phrase.to_lowercase(),
        }
    }
}

/// Every finding of the built-in English list in the map, in map order.
pub fn scan_map(map: &Map) -> Vec<MapFinding> {
    scan_map_with(Lexicon::english(), map)
}

/// Every finding in the map, in map order: title, description, then each event (title,
/// description, annotations) followed by the paths not taken off it, then links, then
/// gap notes. The names of the map's person and team lanes count as people, so "Ana
/// failed to ..." reads as a judgement of Ana. Phrases kept as written (`kept_words`)
/// are left out.
pub fn scan_map_with(lexicon: &Lexicon, map: &Map) -> Vec<MapFinding> {
    let lexicon = with_lane_people(lexicon, map);
    let mut found = Vec::new();
    scan_owner(&lexicon, map, &Owner::Map, &mut found);
    let branches_off = branches_by_event(map);
    let mut branches_seen = HashSet::new();
    for event in map.events.iter() {
        scan_event(&lexicon, event, &mut found);
        // The paths not taken off this event, chained ones too, in the map's order.
        let off_event = branches_off.get(&event.id).map_or(&[][..], Vec::as_slice);
        for branch in off_event.iter().filter_map(|&i| map.branches.get(i)) {
            if branches_seen.insert(branch.id.clone()) {
                scan_branch(&lexicon, branch, &mut found);
            }
        }
    }
    // Paths not taken whose event is missing (a hand-edited file) are still read.
    for branch in map.branches.iter() {
        if branches_seen.insert(branch.id.clone()) {
            scan_branch(&lexicon, branch, &mut found);
        }
    }
    for link in map.links.iter() {
        scan_owner(&lexicon, map, &Owner::Link(link.id.clone()), &mut found);
    }
    scan_owner(&lexicon, map, &Owner::Gaps, &mut found);
    for theme in map.themes.iter() {
        scan_owner(&lexicon, map, &Owner::Theme(theme.id.clone()), &mut found);
    }
    found
}

/// What holds texts the lens reads, and is rescanned as one when edited.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Owner {
    /// The map's title and description.
    Map,
    /// A card's title, description and annotations.
    Event(EventId),
    /// A path not taken's label and note.
    Branch(BranchId),
    Link(LinkId),
    /// Every gap note (they are few, and replaced as one list).
    Gaps,
    Theme(ThemeId),
}

impl Place {
    /// What holds this text.
    pub fn owner(&self) -> Owner {
        match self {
            Place::MapTitle | Place::MapDescription => Owner::Map,
            Place::EventTitle(id) | Place::EventDescription(id) | Place::EventAnnotation(id, _) => {
                Owner::Event(id.clone())
            }
            Place::BranchLabel(id) | Place::BranchNote(id) => Owner::Branch(id.clone()),
            Place::LinkLabel(id) => Owner::Link(id.clone()),
            Place::GapNote { .. } => Owner::Gaps,
            Place::ThemeName(id) => Owner::Theme(id.clone()),
        }
    }
}

/// The findings in the texts `owner` holds (nothing when it is not in the map), with a
/// lexicon that already knows the map's people ([`people_lexicon`]).
pub(crate) fn scan_owner(lexicon: &Lexicon, map: &Map, owner: &Owner, out: &mut Vec<MapFinding>) {
    match owner {
        Owner::Map => {
            scan_text(lexicon, Place::MapTitle, &map.title, &map.kept_words, out);
            let description = Place::MapDescription;
            scan_text(lexicon, description, &map.description, &map.kept_words, out);
        }
        Owner::Event(id) => {
            if let Some(event) = map.events.by_id(id) {
                scan_event(lexicon, event, out);
            }
        }
        Owner::Branch(id) => {
            if let Some(branch) = map.branches.by_id(id) {
                scan_branch(lexicon, branch, out);
            }
        }
        Owner::Link(id) => {
            if let Some(link) = map.links.by_id(id) {
                let place = Place::LinkLabel(link.id.clone());
                scan_text(lexicon, place, &link.label, &link.kept_words, out);
            }
        }
        Owner::Theme(id) => {
            if let Some(theme) = map.themes.by_id(id) {
                let place = Place::ThemeName(theme.id.clone());
                scan_text(lexicon, place, &theme.name, &theme.kept_words, out);
            }
        }
        Owner::Gaps => {
            for (gap, notes) in map.gaps.iter().enumerate() {
                for (note, annotation) in notes.notes.iter().enumerate() {
                    let place = Place::GapNote { gap, note };
                    scan_text(
                        lexicon,
                        place,
                        &annotation.text,
                        &annotation.kept_words,
                        out,
                    );
                }
            }
        }
    }
}

fn scan_event(lexicon: &Lexicon, event: &Event, out: &mut Vec<MapFinding>) {
    let kept = &event.kept_words;
    scan_text(
        lexicon,
        Place::EventTitle(event.id.clone()),
        &event.title,
        kept,
        out,
    );
    let description = Place::EventDescription(event.id.clone());
    scan_text(lexicon, description, &event.description, kept, out);
    for (index, annotation) in event.annotations.iter().enumerate() {
        let place = Place::EventAnnotation(event.id.clone(), index);
        scan_text(
            lexicon,
            place,
            &annotation.text,
            &annotation.kept_words,
            out,
        );
    }
}

fn scan_branch(lexicon: &Lexicon, branch: &Branch, out: &mut Vec<MapFinding>) {
    let kept = &branch.kept_words;
    scan_text(
        lexicon,
        Place::BranchLabel(branch.id.clone()),
        &branch.label,
        kept,
        out,
    );
    scan_text(
        lexicon,
        Place::BranchNote(branch.id.clone()),
        &branch.note,
        kept,
        out,
    );
}

/// The findings in one text worth pointing out there, less those kept as written.
pub(crate) fn scan_text(
    lexicon: &Lexicon,
    place: Place,
    text: &str,
    kept: &[String],
    out: &mut Vec<MapFinding>,
) {
    if text.is_empty() {
        return;
    }
    for finding in find_with(lexicon, text) {
        if !worth_saying(lexicon, &place, &finding, text) {
            continue;
        }
        let phrase = finding.phrase(text);
        if is_kept(kept, phrase) {
            continue;
        }
        out.push(MapFinding {
            place: place.clone(),
            phrase: phrase.to_owned(),
            finding,
        });
    }
}

/// Whether `phrase` is among the phrases kept as written (stored in lower case).
pub fn is_kept(kept: &[String], phrase: &str) -> bool {
    !kept.is_empty() && {
        let lower = phrase.to_lowercase();
        kept.contains(&lower)
    }
}

/// The paths not taken off each event, chained ones too, by index in the map's order.
/// Each path's event is found once, remembered along its chain (asking each event for its
/// tree scanned every path per event: 200,000 events took seconds).
fn branches_by_event(map: &Map) -> FastHashMap<&EventId, Vec<usize>> {
    // For each path not taken: the index of the event its chain starts from, once known.
    let mut root: Vec<Option<Option<usize>>> = vec![None; map.branches.len()];
    let mut by_event: FastHashMap<&EventId, Vec<usize>> = FastHashMap::default();
    // Which walk last passed each path (its start + 1), to stop going round a loop.
    let mut walked_by = vec![0_usize; map.branches.len()];
    for start in 0..map.branches.len() {
        let mut chain = Vec::new();
        let mut current = start;
        let found = loop {
            if let Some(known) = root[current] {
                break known;
            }
            // A loop of paths (only in a hand-edited file) reaches no event.
            if walked_by[current] == start + 1 {
                break None;
            }
            walked_by[current] = start + 1;
            chain.push(current);
            match &map.branches[current].from {
                CardId::Event(id) => break map.events.index_of(id),
                CardId::Branch(id) => match map.branches.index_of(id) {
                    Some(next) => current = next,
                    None => break None,
                },
            }
        };
        for at in chain {
            root[at] = Some(found);
        }
        if let Some(event) = found.and_then(|i| map.events.get(i)) {
            by_event.entry(&event.id).or_default().push(start);
        }
    }
    by_event
}

/// Whether a finding is worth pointing out where it is. In a path not taken, "would have"
/// describes the option as it looked then; only a claim about the outcome counts there.
fn worth_saying(lexicon: &Lexicon, place: &Place, finding: &Finding, text: &str) -> bool {
    let on_a_path_not_taken = matches!(place, Place::BranchLabel(_) | Place::BranchNote(_));
    if !on_a_path_not_taken || finding.family != Family::Counterfactual {
        return true;
    }
    finding
        .phrase(text)
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| lexicon.words.outcomes.contains(&word.to_lowercase()))
}

/// The lexicon with the names of the map's people added to its people: the capitalised
/// words of person lanes' names ("Ana" of "on-call: Ana"), not all-capital ones ("DB").
pub(crate) fn with_lane_people(lexicon: &Lexicon, map: &Map) -> Lexicon {
    let mut lexicon = lexicon.clone();
    lexicon.words.add_people(lane_people(map));
    lexicon
}

/// The names [`with_lane_people`] adds: what a lane edit must change for the whole map to
/// be read again.
pub(crate) fn lane_people(map: &Map) -> Vec<&str> {
    map.lanes
        .iter()
        .filter(|lane| lane.kind == LaneKind::Person)
        .flat_map(|lane| lane.name.split(|c: char| !c.is_alphanumeric()))
        .filter(|word| {
            let mut chars = word.chars();
            chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase)
        })
        .collect()
}
