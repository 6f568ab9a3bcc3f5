//! Cards on the clipboard: what Copy takes from a map (the cards with their annotations,
//! the paths not taken growing from them, the links among them, their lanes and themes),
//! the op that cuts exactly that, and the one op that puts them into a map, the same one
//! or another, with new ids.
//!
//! The system clipboard holds one text (egui hands the app a single text flavour), so the
//! text is made for both readers: one chat line per event for other apps and for the
//! paste importer (`[2025-03-11 14:05:00+00:00] Ana: paged`), then one line holding the
//! cards as Waterline data (`{"format":"waterline-cards","version":1,"map":{…}}`). The
//! data is a small map, read back with the map loader, so clipboard text from anywhere
//! gets the same checks as a file.

use super::Op;
use crate::model::{
    Branch, BranchId, CardId, Event, EventId, FreshNumbers, Lane, LaneId, LinkEnd, LinkId, Map,
    Theme, ThemeId,
};
use std::collections::{HashMap, HashSet, VecDeque};

/// The marker of Waterline card data on the clipboard.
pub const FORMAT: &str = "waterline-cards";
/// The version of that data this build writes and reads.
pub const VERSION: u32 = 1;

/// How far after the originals a duplicate (or a paste with no pointer) lands: half a
/// step of the ordinal ruler, so it sits just below without lining up with the next card.
const AFTER_STEP: f64 = 0.5;

/// Copied cards: a small map holding them, their lanes, themes, the paths not taken
/// growing from them and the links among them.
#[derive(Clone, Debug, PartialEq)]
pub struct Clip {
    pub map: Map,
}

/// Why cards on the clipboard cannot be pasted.
#[derive(Debug, thiserror::Error)]
pub enum ClipError {
    /// The text says it holds cards, but they cannot be read.
    #[error("the clipboard's Waterline cards could not be read: {0}")]
    Unreadable(String),
    /// The map would hold more than a map may.
    #[error("{0}")]
    TooMuch(String),
}

/// Where pasted cards go: the lane and `pos` under the pointer, when it is on the map.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Placement {
    pub lane: Option<LaneId>,
    pub pos: Option<f64>,
}

/// The op that pastes a clip, and what it did.
#[derive(Clone, Debug, PartialEq)]
pub struct Pasted {
    pub op: Op,
    /// The new cards, to select after the paste.
    pub cards: Vec<CardId>,
    /// Names of the lanes the paste had to make (no lane of that name was there).
    pub new_lanes: Vec<String>,
}

impl Clip {
    /// The selected cards of `map` and what they need; `None` when none of them exists.
    /// An event brings every path not taken growing from it, selected or not (the card
    /// comes with its paths, as Delete and Cut take them with it); a path whose event is
    /// not copied is left out, as it would hang from nothing.
    pub fn copy(map: &Map, cards: &[CardId]) -> Option<Clip> {
        let events: HashSet<&EventId> = cards.iter().filter_map(CardId::event).collect();
        let roots = map
            .events
            .iter()
            .map(|e| &e.id)
            .filter(|id| events.contains(id));
        let branches = grown_from(&map.branches, roots);
        let mut clip = Map::new(map.title.clone());
        for event in map.events.iter().filter(|e| events.contains(&e.id)) {
            clip.events.push(event.clone());
        }
        if clip.events.is_empty() {
            return None;
        }
        for branch in branches {
            clip.branches.push(branch.clone());
        }
        for link in map.links.iter() {
            let to_in = match &link.to {
                LinkEnd::Event(id) => events.contains(id),
                LinkEnd::Lane(_) => true,
            };
            if events.contains(&link.from) && to_in {
                clip.links.push(link.clone());
            }
        }
        let lanes: HashSet<&LaneId> = clip
            .events
            .iter()
            .map(|e| &e.lane)
            .chain(clip.branches.iter().map(|b| &b.lane))
            .chain(clip.links.iter().filter_map(|k| k.to.lane()))
            .collect();
        for lane in map.lanes.iter().filter(|l| lanes.contains(&l.id)) {
            clip.lanes.push(lane.clone());
        }
        let themes: HashSet<&ThemeId> = clip
            .events
            .iter()
            .flat_map(|e| {
                e.themes
                    .iter()
                    .chain(e.annotations.iter().flat_map(|a| &a.themes))
            })
            .chain(clip.branches.iter().flat_map(|b| &b.themes))
            .collect();
        for theme in map.themes.iter().filter(|t| themes.contains(&t.id)) {
            clip.themes.push(theme.clone());
        }
        Some(Clip { map: clip })
    }

    /// The op that cuts the clip's cards from `map`, the map it was copied from: exactly
    /// the cards the clip holds (with the links touching its events), so pasting it
    /// brings back every card the cut removed. Removing an event removes the paths
    /// growing from it, which are the clip's paths, so the events alone are named.
    pub fn cut(&self, map: &Map) -> Op {
        let events: Vec<CardId> = self
            .map
            .events
            .iter()
            .map(|e| CardId::Event(e.id.clone()))
            .collect();
        Op::remove_cards(map, &events)
    }

    /// The clipboard text: chat lines for people and other apps, then the data line.
    pub fn to_text(&self) -> String {
        let mut events: Vec<&Event> = self.map.events.iter().collect();
        events.sort_by(|a, b| a.pos.total_cmp(&b.pos));
        let mut text = String::new();
        for event in events {
            text.push_str(&chat_line(&self.map, event));
            text.push('\n');
        }
        let data = serde_json::json!({
            "format": FORMAT,
            "version": VERSION,
            "map": &self.map,
        });
        // Serialising plain data into a string cannot fail; an empty line if it ever did.
        text.push_str(&serde_json::to_string(&data).unwrap_or_default());
        text.push('\n');
        text
    }

    /// The cards in clipboard text: `None` when the text holds no Waterline cards (chat
    /// lines, a spreadsheet, anything else), an error when it says it does but they
    /// cannot be read (cut short, edited, from a newer Waterline, hostile).
    pub fn from_text(text: &str) -> Option<Result<Clip, ClipError>> {
        let line = text
            .lines()
            .map(str::trim)
            .rfind(|line| line.starts_with('{') && line.contains(FORMAT))?;
        let value: serde_json::Value = match serde_json::from_str(line) {
            Ok(value) => value,
            Err(err) => return Some(Err(ClipError::Unreadable(err.to_string()))),
        };
        if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
            return None;
        }
        Some(Self::from_value(value))
    }

    fn from_value(value: serde_json::Value) -> Result<Clip, ClipError> {
        match value.get("version").and_then(|v| v.as_u64()) {
            Some(version) if version == u64::from(VERSION) => {}
            Some(version) => {
                return Err(ClipError::Unreadable(format!(
                    "they are version {version}; this Waterline reads version {VERSION}"
                )));
            }
            None => return Err(ClipError::Unreadable("no version".into())),
        }
        let map = value
            .get("map")
            .ok_or_else(|| ClipError::Unreadable("no cards".into()))?;
        let bytes =
            serde_json::to_vec(map).map_err(|err| ClipError::Unreadable(err.to_string()))?;
        // The map loader's checks: shape, unique ids, references that resolve, limits.
        let map =
            crate::io::parse_map(&bytes).map_err(|err| ClipError::Unreadable(err.to_string()))?;
        if map.events.is_empty() {
            return Err(ClipError::Unreadable("no cards".into()));
        }
        Ok(Clip { map })
    }

    /// Why the clip does not fit in `target`: the map would hold more than a map may
    /// (the loader would refuse the file). Counted as if every lane and theme were new.
    pub fn too_much_for(&self, target: &Map) -> Option<ClipError> {
        let limits = crate::io::Limits::default();
        let clip = &self.map;
        [
            (
                "lanes",
                target.lanes.len() + clip.lanes.len(),
                limits.max_lanes,
            ),
            (
                "events",
                target.events.len() + clip.events.len(),
                limits.max_events,
            ),
            (
                "links",
                target.links.len() + clip.links.len(),
                limits.max_links,
            ),
            (
                "paths not taken",
                target.branches.len() + clip.branches.len(),
                limits.max_branches,
            ),
            (
                "themes",
                target.themes.len() + clip.themes.len(),
                limits.max_themes,
            ),
        ]
        .into_iter()
        .find(|(_, count, max)| count > max)
        .map(|(what, _, max)| ClipError::TooMuch(format!("a map holds at most {max} {what}")))
    }

    /// The one op that adds the clip's cards to `target` with new ids, at `at` (or just
    /// after the originals when they are in `target`, else after its last card).
    pub fn paste(&self, target: &Map, at: &Placement) -> Pasted {
        let clip = &self.map;
        let mut ops = Vec::new();
        let mut new_lanes = Vec::new();

        let themes = self.theme_ids(target, &mut ops);

        // Lanes: the one under the pointer when every card came from one lane; otherwise
        // the lane of the same name; else a new lane. Never by id alone: generated ids
        // (l1, l2…) repeat across maps, so another map's l1 is most likely another lane.
        let card_lanes: HashSet<&LaneId> = clip
            .events
            .iter()
            .map(|e| &e.lane)
            .chain(clip.branches.iter().map(|b| &b.lane))
            .collect();
        let pointer_lane = at
            .lane
            .as_ref()
            .filter(|l| card_lanes.len() == 1 && target.lane(l).is_some());
        let mut next_lane = FreshNumbers::new(target.lanes.iter().map(|l| l.id.generated_number()));
        let mut lanes: HashMap<LaneId, LaneId> = HashMap::new();
        for lane in clip.lanes.iter() {
            let key = lane.name.trim().to_lowercase();
            let found = pointer_lane
                .filter(|_| card_lanes.contains(&lane.id))
                .or_else(|| {
                    target
                        .lanes
                        .iter()
                        .find(|l| l.name.trim().to_lowercase() == key)
                        .map(|l| &l.id)
                });
            let id = match found {
                Some(id) => id.clone(),
                None => {
                    let id = LaneId::new(target.fresh_id(LaneId::PREFIX, next_lane.take()));
                    new_lanes.push(lane.name.clone());
                    ops.push(Op::InsertLane {
                        index: usize::MAX,
                        lane: Lane {
                            id: id.clone(),
                            ..lane.clone()
                        },
                    });
                    id
                }
            };
            lanes.insert(lane.id.clone(), id);
        }
        let lane_of = |id: &LaneId| lanes.get(id).cloned().unwrap_or_else(|| id.clone());

        let shift = self.shift(target, at);
        let mut next_event =
            FreshNumbers::new(target.events.iter().map(|e| e.id.generated_number()));
        let mut events: HashMap<EventId, EventId> = HashMap::new();
        let mut cards = Vec::new();
        for event in clip.events.iter() {
            let id = EventId::new(target.fresh_id(EventId::PREFIX, next_event.take()));
            events.insert(event.id.clone(), id.clone());
            cards.push(CardId::Event(id.clone()));
            let mut event = Event {
                id,
                lane: lane_of(&event.lane),
                pos: event.pos + shift,
                themes: themes.mapped(&event.themes),
                ..event.clone()
            };
            for annotation in &mut event.annotations {
                annotation.themes = themes.mapped(&annotation.themes);
            }
            ops.push(Op::InsertEvent {
                index: usize::MAX,
                event,
            });
        }

        let mut next_branch =
            FreshNumbers::new(target.branches.iter().map(|b| b.id.generated_number()));
        let mut branches: HashMap<BranchId, BranchId> = HashMap::new();
        for branch in grown_from(&clip.branches, clip.events.iter().map(|e| &e.id)) {
            let from = match &branch.from {
                CardId::Event(id) => events.get(id).cloned().map(CardId::Event),
                CardId::Branch(id) => branches.get(id).cloned().map(CardId::Branch),
            };
            let Some(from) = from else { continue };
            let id = BranchId::new(target.fresh_id(BranchId::PREFIX, next_branch.take()));
            branches.insert(branch.id.clone(), id.clone());
            cards.push(CardId::Branch(id.clone()));
            ops.push(Op::InsertBranch {
                index: usize::MAX,
                branch: Branch {
                    id,
                    from,
                    lane: lane_of(&branch.lane),
                    pos: branch.pos + shift,
                    themes: themes.mapped(&branch.themes),
                    ..branch.clone()
                },
            });
        }

        let mut next_link = FreshNumbers::new(target.links.iter().map(|k| k.id.generated_number()));
        for link in clip.links.iter() {
            let Some(from) = events.get(&link.from) else {
                continue;
            };
            let to = match &link.to {
                LinkEnd::Event(id) => match events.get(id) {
                    Some(id) => LinkEnd::Event(id.clone()),
                    None => continue,
                },
                LinkEnd::Lane(id) => LinkEnd::Lane(lane_of(id)),
            };
            let id = LinkId::new(target.fresh_id(LinkId::PREFIX, next_link.take()));
            ops.push(Op::InsertLink {
                index: usize::MAX,
                link: crate::model::Link {
                    id,
                    from: from.clone(),
                    to,
                    ..link.clone()
                },
            });
        }
        Pasted {
            op: Op::Batch(ops),
            cards,
            new_lanes,
        }
    }

    /// How far the cards move along the sequence.
    fn shift(&self, target: &Map, at: &Placement) -> f64 {
        let positions = || {
            self.map
                .events
                .iter()
                .map(|e| e.pos)
                .chain(self.map.branches.iter().map(|b| b.pos))
        };
        let first = positions().reduce(f64::min).unwrap_or(0.0);
        let last = positions().reduce(f64::max).unwrap_or(0.0);
        if let Some(pos) = at.pos.filter(|p| p.is_finite()) {
            return pos - first;
        }
        let originals_here = self
            .map
            .events
            .iter()
            .any(|e| target.event(&e.id).is_some_and(|t| t.title == e.title));
        let after = if originals_here {
            last
        } else {
            target
                .events
                .iter()
                .map(|e| e.pos)
                .chain(target.branches.iter().map(|b| b.pos))
                .reduce(f64::max)
                .unwrap_or(first - AFTER_STEP)
        };
        let shift = after + AFTER_STEP - first;
        if shift.is_finite() { shift } else { 0.0 }
    }

    /// The target's theme for each of the clip's: the same id and name, else the same
    /// name, else a new theme (its op pushed onto `ops`).
    fn theme_ids(&self, target: &Map, ops: &mut Vec<Op>) -> ThemeMap {
        let mut next = FreshNumbers::new(target.themes.iter().map(|t| t.id.generated_number()));
        let mut map = HashMap::new();
        for theme in self.map.themes.iter() {
            let key = theme.name.trim().to_lowercase();
            let same = target
                .theme(&theme.id)
                .filter(|t| t.name.trim().to_lowercase() == key)
                .or_else(|| {
                    target
                        .themes
                        .iter()
                        .find(|t| t.name.trim().to_lowercase() == key)
                });
            let id = match same {
                Some(found) => found.id.clone(),
                None => {
                    let id = ThemeId::new(target.fresh_id(ThemeId::PREFIX, next.take()));
                    ops.push(Op::InsertTheme {
                        index: usize::MAX,
                        theme: Theme {
                            id: id.clone(),
                            ..theme.clone()
                        },
                    });
                    id
                }
            };
            map.insert(theme.id.clone(), id);
        }
        ThemeMap(map)
    }
}

/// The clip's theme ids to the target's.
struct ThemeMap(HashMap<ThemeId, ThemeId>);

impl ThemeMap {
    fn mapped(&self, themes: &[ThemeId]) -> Vec<ThemeId> {
        themes
            .iter()
            .filter_map(|t| self.0.get(t).cloned())
            .collect()
    }
}

/// The paths not taken growing from `events`, directly or along a chain, each after the
/// one it grows from. One pass over an index of each card's paths, so any shape costs
/// O(paths): a hostile clipboard listing a long chain backwards cannot stall the window.
fn grown_from<'a>(
    branches: &'a [Branch],
    events: impl IntoIterator<Item = &'a EventId>,
) -> Vec<&'a Branch> {
    let mut children: HashMap<&CardId, Vec<&Branch>> = HashMap::new();
    for branch in branches {
        children.entry(&branch.from).or_default().push(branch);
    }
    let mut queue: VecDeque<CardId> = events.into_iter().cloned().map(CardId::Event).collect();
    // Ids are unique in a loaded map; the check keeps a hand-made one from looping.
    let mut placed: HashSet<&BranchId> = HashSet::new();
    let mut order = Vec::new();
    while let Some(parent) = queue.pop_front() {
        for &branch in children.get(&parent).into_iter().flatten() {
            if placed.insert(&branch.id) {
                order.push(branch);
                queue.push_back(CardId::Branch(branch.id.clone()));
            }
        }
    }
    order
}

/// `[2025-03-11 14:05:00+00:00] Ana (on-call): Paged`, as the paste importer reads it;
/// without a time when the card has none. Line breaks in a title become spaces.
fn chat_line(map: &Map, event: &Event) -> String {
    let lane = map.lane(&event.lane).map_or("", |l| l.name.as_str());
    let title = event.title.split_whitespace().collect::<Vec<_>>().join(" ");
    let lane = lane.split_whitespace().collect::<Vec<_>>().join(" ");
    match &event.time {
        Some(time) => {
            let approximate = if event.approximate { "~" } else { "" };
            let written = time.to_rfc3339().replacen('T', " ", 1);
            format!("[{approximate}{written}] {lane}: {title}")
        }
        None => format!("{lane}: {title}"),
    }
}

#[cfg(test)]
#[path = "clipboard_tests.rs"]
mod tests;
