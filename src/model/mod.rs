//! The map as plain data: lanes, events, links and annotations, exactly as saved in a file.
//! Nothing here knows about screens or egui.

mod branch;
mod collection;
mod fresh_ids;
mod gap;
mod ids;
mod kinds;
mod table;
mod theme;
mod time;
mod time_entry;

pub use branch::Branch;
pub use collection::Collection;
pub use fresh_ids::FreshNumbers;
pub use gap::{DEFAULT_GAP_THRESHOLD_SECS, GapNotes};
pub use ids::{BranchId, CardId, EventId, LaneId, LinkId, ThemeId, slug};
pub use kinds::{AnnotationKind, EventKind, LaneKind};
pub use table::{Keyed, Table};
pub use theme::{Theme, parse_colour};

/// A hash map with a fast hasher (foldhash, seeded per process), for maps keyed by ids
/// that are rebuilt on every layout.
pub type FastHashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
/// The set twin of [`FastHashMap`].
pub type FastHashSet<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;
pub use time::{TimeParseError, Timestamp};
pub use time_entry::{ENTRY_FORMS, EntryContext, entry_text, parse_entry};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Fields this version does not know, kept so they are written back unchanged.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// The `format` every map file carries.
pub const FORMAT: &str = "waterline-map";
/// The newest file version this build reads and writes. Version 2 added paths not taken,
/// gap notes and the gap threshold; version 3 messages (links that end on a lane);
/// version 4 the phrases kept as written (`kept_words`); version 5 themes.
pub const VERSION: u32 = 5;

/// One incident map: the whole document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "Waterline map")]
pub struct Map {
    /// Always `"waterline-map"`.
    pub format: String,
    /// The file version; this build writes 5.
    pub version: u32,
    /// The incident's name, shown in the window title and on exports.
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Stretches at least this many seconds long between timestamped events are shown as
    /// gaps; absent means 600 (ten minutes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gap_threshold_secs: Option<u32>,
    /// Columns, left to right.
    #[serde(default)]
    #[schemars(with = "Vec<Lane>")]
    pub lanes: Table<Lane>,
    /// Cards; the array order is kept as written.
    #[serde(default)]
    #[schemars(with = "Vec<Event>")]
    pub events: Table<Event>,
    /// Arrows between events.
    #[serde(default)]
    #[schemars(with = "Vec<Link>")]
    pub links: Table<Link>,
    /// Paths not taken: ghost cards branching off events.
    #[serde(default, skip_serializing_if = "Table::is_empty")]
    #[schemars(with = "Vec<Branch>")]
    pub branches: Table<Branch>,
    /// Notes written for gaps in the timeline.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gaps: Vec<GapNotes>,
    /// Patterns the reviewer sees across moments, in the order they were made.
    #[serde(default, skip_serializing_if = "Table::is_empty")]
    #[schemars(with = "Vec<Theme>")]
    pub themes: Table<Theme>,
    /// Phrases the hindsight lens pointed out in the title or description that the reviewer chose to keep as
    /// written (lower case): the lens stays quiet about them here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kept_words: Vec<String>,
    #[serde(flatten)]
    pub extra: Extra,
    /// Ends the ids this app makes for new items, when set: in a live session each person's
    /// new cards get their own (`e13-k3f9`), so two people adding a card at the same moment
    /// never make the same id. Not part of the map: never saved, never compared.
    #[serde(skip)]
    #[schemars(skip)]
    pub fresh_id_suffix: IdSuffix,
}

/// The end of new ids in a live session (see [`Map::fresh_id_suffix`]).
#[derive(Clone, Debug, Default)]
pub struct IdSuffix(pub Option<std::sync::Arc<str>>);

impl PartialEq for IdSuffix {
    /// How new ids will be spelled is not part of a map's content.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Map {
    /// A new id: `prefix`, `number`, and this session's suffix if any.
    pub fn fresh_id(&self, prefix: &str, number: u64) -> String {
        match &self.fresh_id_suffix.0 {
            Some(suffix) => format!("{prefix}{number}-{suffix}"),
            None => format!("{prefix}{number}"),
        }
    }
}

/// A column: one responder, team or system.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Lane {
    pub id: LaneId,
    pub name: String,
    #[serde(default)]
    pub kind: LaneKind,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A card on a lane: something that happened, was seen, said or decided.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Event {
    pub id: EventId,
    /// The lane the card sits on.
    pub lane: LaneId,
    /// Vertical place in the sequence, chosen by the reviewer (larger is later). Events
    /// with the same `pos` in different lanes line up.
    #[serde(default)]
    pub pos: f64,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<EventKind>,
    /// When it happened; absent when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<Timestamp>,
    /// The time is an estimate.
    #[serde(default, skip_serializing_if = "is_false")]
    pub approximate: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// What people were thinking, feeling and seeing; questions and notes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub annotations: Vec<Annotation>,
    /// The themes this card carries (ids of the map's `themes`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<ThemeId>,
    /// Phrases the hindsight lens pointed out in the card's title or description that the reviewer chose to keep as
    /// written (lower case): the lens stays quiet about them here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kept_words: Vec<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// An arrow from one event to another: a page, a question, a handoff, an effect.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Link {
    pub id: LinkId,
    pub from: EventId,
    /// Where the arrow ends: `"to"` an event, or `"to_lane"` a lane (a message).
    #[serde(flatten)]
    pub to: LinkEnd,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    /// Phrases the hindsight lens pointed out in the label that the reviewer chose to keep as
    /// written (lower case): the lens stays quiet about them here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kept_words: Vec<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// What a link may end on: another event, or a lane at the sender's moment (a message,
/// as in a sequence diagram: a page, a question, a handoff, where the timeline does not
/// say what the receiver did).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum LinkEnd {
    /// The id of the event the arrow points at.
    #[serde(rename = "to")]
    Event(EventId),
    /// The id of the lane the message reaches, level with the event it comes from.
    #[serde(rename = "to_lane")]
    Lane(LaneId),
}

impl LinkEnd {
    /// The event it ends on, when it ends on one.
    pub fn event(&self) -> Option<&EventId> {
        match self {
            LinkEnd::Event(id) => Some(id),
            LinkEnd::Lane(_) => None,
        }
    }

    /// The lane it ends on, when it is a message.
    pub fn lane(&self) -> Option<&LaneId> {
        match self {
            LinkEnd::Lane(id) => Some(id),
            LinkEnd::Event(_) => None,
        }
    }
}

/// A note on an event about the moment as it was lived.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Annotation {
    pub kind: AnnotationKind,
    pub text: String,
    /// The themes this annotation carries (ids of the map's `themes`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<ThemeId>,
    /// Phrases the hindsight lens pointed out in the text that the reviewer chose to keep as
    /// written (lower case): the lens stays quiet about them here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kept_words: Vec<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

fn is_false(value: &bool) -> bool {
    !*value
}

impl Map {
    /// An empty map with the given title.
    pub fn new(title: impl Into<String>) -> Self {
        Map {
            format: FORMAT.to_owned(),
            version: VERSION,
            title: title.into(),
            description: String::new(),
            lanes: Table::new(),
            events: Table::new(),
            links: Table::new(),
            branches: Table::new(),
            gaps: Vec::new(),
            themes: Table::new(),
            gap_threshold_secs: None,
            kept_words: Vec::new(),
            extra: Extra::new(),
            fresh_id_suffix: IdSuffix::default(),
        }
    }

    /// The gap threshold in seconds, with the default filled in.
    pub fn gap_threshold(&self) -> u32 {
        self.gap_threshold_secs
            .unwrap_or(DEFAULT_GAP_THRESHOLD_SECS)
    }

    pub fn branch(&self, id: &BranchId) -> Option<&Branch> {
        self.branches.by_id(id)
    }

    pub fn branch_index(&self, id: &BranchId) -> Option<usize> {
        self.branches.index_of(id)
    }

    /// Whether the event or branch exists.
    pub fn has_card(&self, id: &CardId) -> bool {
        match id {
            CardId::Event(id) => self.event(id).is_some(),
            CardId::Branch(id) => self.branch(id).is_some(),
        }
    }

    /// The lane and `pos` of an event or branch.
    pub fn card_place(&self, id: &CardId) -> Option<(&LaneId, f64)> {
        match id {
            CardId::Event(id) => self.event(id).map(|e| (&e.lane, e.pos)),
            CardId::Branch(id) => self.branch(id).map(|b| (&b.lane, b.pos)),
        }
    }

    /// The title of an event or the label of a branch, for messages and undo labels.
    pub fn card_title(&self, id: &CardId) -> &str {
        match id {
            CardId::Event(id) => self.event(id).map_or("", |e| e.title.as_str()),
            CardId::Branch(id) => self.branch(id).map_or("", |b| b.label.as_str()),
        }
    }

    /// Branches growing directly off the event or branch.
    pub fn branches_from<'a>(&'a self, from: &'a CardId) -> impl Iterator<Item = &'a Branch> + 'a {
        self.branches
            .iter()
            .filter(move |branch| &branch.from == from)
    }

    /// The branches off `from` and everything chained from them, leaves first, so removing
    /// them in this order never leaves one pointing at a removed branch.
    pub fn branch_tree(&self, from: &CardId) -> Vec<BranchId> {
        let mut found: Vec<BranchId> = Vec::new();
        let mut frontier = vec![from.clone()];
        while let Some(parent) = frontier.pop() {
            for branch in self.branches_from(&parent) {
                // A cycle (only possible in a hand-edited file) must not loop forever.
                if found.contains(&branch.id) {
                    continue;
                }
                found.push(branch.id.clone());
                frontier.push(CardId::Branch(branch.id.clone()));
            }
        }
        found.reverse();
        found
    }

    pub fn lane(&self, id: &LaneId) -> Option<&Lane> {
        self.lanes.by_id(id)
    }

    pub fn lane_index(&self, id: &LaneId) -> Option<usize> {
        self.lanes.index_of(id)
    }

    pub fn event(&self, id: &EventId) -> Option<&Event> {
        self.events.by_id(id)
    }

    pub fn event_index(&self, id: &EventId) -> Option<usize> {
        self.events.index_of(id)
    }

    pub fn link(&self, id: &LinkId) -> Option<&Link> {
        self.links.by_id(id)
    }

    pub fn link_index(&self, id: &LinkId) -> Option<usize> {
        self.links.index_of(id)
    }

    /// Events on a lane, in array order.
    pub fn events_on<'a>(&'a self, lane: &'a LaneId) -> impl Iterator<Item = &'a Event> + 'a {
        self.events.iter().filter(move |event| &event.lane == lane)
    }

    /// Links that start or end at the event.
    pub fn links_touching<'a>(&'a self, event: &'a EventId) -> impl Iterator<Item = &'a Link> + 'a {
        self.links.iter().filter(move |link| link.touches(event))
    }

    /// A fresh lane id (`l1`, `l2`, ...) not used in this map.
    pub fn next_lane_id(&self) -> LaneId {
        let n = FreshNumbers::new(self.lanes.iter().map(|l| l.id.generated_number())).take();
        LaneId::new(self.fresh_id(LaneId::PREFIX, n))
    }

    /// A fresh event id (`e1`, `e2`, ...) not used in this map.
    pub fn next_event_id(&self) -> EventId {
        let n = FreshNumbers::new(self.events.iter().map(|e| e.id.generated_number())).take();
        EventId::new(self.fresh_id(EventId::PREFIX, n))
    }

    /// A fresh branch id (`b1`, `b2`, ...) not used in this map.
    pub fn next_branch_id(&self) -> BranchId {
        let n = FreshNumbers::new(self.branches.iter().map(|b| b.id.generated_number())).take();
        BranchId::new(self.fresh_id(BranchId::PREFIX, n))
    }

    pub fn theme(&self, id: &ThemeId) -> Option<&Theme> {
        self.themes.by_id(id)
    }

    /// A fresh theme id (`t1`, `t2`, ...) not used in this map.
    pub fn next_theme_id(&self) -> ThemeId {
        let n = FreshNumbers::new(self.themes.iter().map(|t| t.id.generated_number())).take();
        ThemeId::new(self.fresh_id(ThemeId::PREFIX, n))
    }

    /// A fresh link id (`k1`, `k2`, ...) not used in this map.
    pub fn next_link_id(&self) -> LinkId {
        let n = FreshNumbers::new(self.links.iter().map(|k| k.id.generated_number())).take();
        LinkId::new(self.fresh_id(LinkId::PREFIX, n))
    }
}

impl Lane {
    pub fn new(id: LaneId, name: impl Into<String>, kind: LaneKind) -> Self {
        Lane {
            id,
            name: name.into(),
            kind,
            extra: Extra::new(),
        }
    }
}

impl Event {
    pub fn new(id: EventId, lane: LaneId, pos: f64, title: impl Into<String>) -> Self {
        Event {
            id,
            lane,
            pos,
            title: title.into(),
            kind: None,
            time: None,
            approximate: false,
            description: String::new(),
            tags: Vec::new(),
            annotations: Vec::new(),
            themes: Vec::new(),
            kept_words: Vec::new(),
            extra: Extra::new(),
        }
    }
}

impl Link {
    /// An arrow from one event to another.
    pub fn new(id: LinkId, from: EventId, to: EventId) -> Self {
        Self::ending(id, from, LinkEnd::Event(to))
    }

    /// A message from an event to a lane.
    pub fn message(id: LinkId, from: EventId, to: LaneId) -> Self {
        Self::ending(id, from, LinkEnd::Lane(to))
    }

    pub fn ending(id: LinkId, from: EventId, to: LinkEnd) -> Self {
        Link {
            id,
            from,
            to,
            label: String::new(),
            kept_words: Vec::new(),
            extra: Extra::new(),
        }
    }

    /// Whether the link starts or ends at the event.
    pub fn touches(&self, event: &EventId) -> bool {
        &self.from == event || self.to.event() == Some(event)
    }
}

impl Annotation {
    pub fn new(kind: AnnotationKind, text: impl Into<String>) -> Self {
        Annotation {
            kind,
            text: text.into(),
            themes: Vec::new(),
            kept_words: Vec::new(),
            extra: Extra::new(),
        }
    }
}

impl Keyed for Lane {
    type Key = LaneId;
    fn key(&self) -> &LaneId {
        &self.id
    }
}

impl Keyed for Event {
    type Key = EventId;
    fn key(&self) -> &EventId {
        &self.id
    }
}

impl Keyed for Link {
    type Key = LinkId;
    fn key(&self) -> &LinkId {
        &self.id
    }
}

impl Keyed for Theme {
    type Key = ThemeId;
    fn key(&self) -> &ThemeId {
        &self.id
    }
}

impl Keyed for Branch {
    type Key = BranchId;
    fn key(&self) -> &BranchId {
        &self.id
    }
}
