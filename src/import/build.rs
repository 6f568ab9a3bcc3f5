//! Turning timeline rows into a map: lanes in order of first appearance (of `lane` and
//! `to`), an event per row with its annotations and notes, a message (an arrow to the
//! receiving lane, no copied card) for `to`, paths not taken for `not_taken`; then
//! positions from the times, untimed rows keeping their place after the row before them.

use super::table::{Column, Row, columns, read_table};
use super::time::{Context, Incomplete, Written, first_date_and_offset, read_cell};
use super::{ImportError, RowProblem};
use crate::io::Limits;
use crate::model::{
    Annotation, AnnotationKind, Branch, BranchId, CardId, Event, EventId, EventKind, FreshNumbers,
    Lane, LaneId, LaneKind, Link, LinkId, Map, Timestamp,
};
use crate::ops::{Op, arrange_by_time};
use chrono::FixedOffset;
use std::collections::{HashMap, HashSet};

/// The outcome of an import: the map, what went wrong row by row, and things worth knowing
/// that are not problems (a time that goes backwards, a day assumed).
#[derive(Debug)]
pub struct Imported {
    pub map: Map,
    pub problems: Vec<RowProblem>,
    pub notices: Vec<String>,
}

impl Imported {
    pub fn skipped(&self) -> usize {
        self.problems.iter().filter(|p| p.skipped).count()
    }
}

/// One row of a timeline, whatever it came from.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct SourceRow {
    pub row: usize,
    pub line: u64,
    pub time: String,
    pub lane: String,
    pub to: String,
    pub kind: String,
    /// What the lane stands for, when the timeline says (`lane_kind`).
    pub lane_kind: String,
    pub text: String,
    pub thinking: String,
    pub feeling: String,
    pub seeing: String,
    /// The note column, then "column: value" for every column this format does not name.
    pub notes: Vec<String>,
    pub not_taken: String,
}

impl SourceRow {
    pub(super) fn from_table(row: &Row, columns: &[Column]) -> SourceRow {
        let mut source = SourceRow {
            row: row.row,
            line: row.line,
            ..SourceRow::default()
        };
        for (column, value) in columns.iter().zip(&row.fields) {
            // Spreadsheets on Windows end lines inside a cell with CRLF too.
            let value = value.replace("\r\n", "\n");
            let value = value.trim();
            match column {
                Column::Time => source.time = value.to_owned(),
                Column::Lane => source.lane = value.to_owned(),
                Column::To => source.to = value.to_owned(),
                Column::Kind => source.kind = value.to_owned(),
                Column::LaneKind => source.lane_kind = value.to_owned(),
                Column::Text => source.text = value.to_owned(),
                Column::Thinking => source.thinking = value.to_owned(),
                Column::Feeling => source.feeling = value.to_owned(),
                Column::Seeing => source.seeing = value.to_owned(),
                Column::NotTaken => source.not_taken = value.to_owned(),
                Column::Note if !value.is_empty() => source.notes.insert(0, value.to_owned()),
                Column::Other(name) if !value.is_empty() => {
                    source.notes.push(format!("{name}: {value}"))
                }
                Column::Note | Column::Other(_) => {}
            }
        }
        source
    }
}

/// Imports a timeline table into a new map titled `title`.
pub fn import_timeline(bytes: &[u8], title: &str) -> Result<Imported, ImportError> {
    let (table, mut problems) = read_table(bytes)?;
    let columns = columns(&table.header)?;
    let rows: Vec<SourceRow> = table
        .rows
        .iter()
        .map(|row| SourceRow::from_table(row, &columns))
        .collect();
    let mut builder = Builder::new(Map::new(title));
    builder.problems.append(&mut problems);
    builder.add_rows(&rows, None);
    let (mut map, mut problems, notices) = builder.finish();
    if let Some(op) = arrange_by_time(&map) {
        // Arranging only moves cards that exist, so it always fits.
        let _ = op.apply(&mut map);
    }
    problems.sort_by_key(|p| p.row);
    Ok(Imported {
        map,
        problems,
        notices,
    })
}

/// A lane kind as a timeline writes it; unknown words are no kind (the name decides).
fn lane_kind_named(word: &str) -> Option<LaneKind> {
    match LaneKind::from(word.trim().to_lowercase()) {
        LaneKind::Other(_) => None,
        known => Some(known),
    }
}

/// Rows pasted onto an open map: lanes matched by name, new ones added at the right, new
/// cards after the last card in paste order. Returns the one edit that adds them all.
pub(super) fn paste_rows(map: &Map, rows: &[SourceRow]) -> PastedRows {
    let mut builder = Builder::new(map.clone());
    // Names in the paste may be short for the map's lanes ("Ana" for "Ana (on-call)").
    builder.person_lanes = map.lanes.iter().cloned().collect();
    let after = map
        .events
        .iter()
        .map(|e| e.pos)
        .chain(map.branches.iter().map(|b| b.pos))
        .reduce(f64::max)
        .unwrap_or(0.0);
    builder.add_rows(rows, Some((after, context_of(map))));
    let (pasted, problems, notes) = builder.finish();
    let mut ops: Vec<Op> = Vec::new();
    for (index, lane) in pasted.lanes.iter().enumerate().skip(map.lanes.len()) {
        ops.push(Op::InsertLane {
            index,
            lane: lane.clone(),
        });
    }
    for (index, event) in pasted.events.iter().enumerate().skip(map.events.len()) {
        ops.push(Op::InsertEvent {
            index,
            event: event.clone(),
        });
    }
    for (index, link) in pasted.links.iter().enumerate().skip(map.links.len()) {
        ops.push(Op::InsertLink {
            index,
            link: link.clone(),
        });
    }
    for (index, branch) in pasted.branches.iter().enumerate().skip(map.branches.len()) {
        ops.push(Op::InsertBranch {
            index,
            branch: branch.clone(),
        });
    }
    let op = (pasted.events.len() > map.events.len()).then_some(Op::Batch(ops));
    PastedRows {
        op,
        problems,
        notes,
    }
}

/// What pasting rows into a map makes.
#[derive(Clone, Debug, PartialEq)]
pub struct PastedRows {
    /// The one edit that adds them all; `None` when nothing could be imported.
    pub op: Option<Op>,
    pub problems: Vec<RowProblem>,
    /// What the user should know: which lane a name joined, a name that could be several.
    pub notes: Vec<String>,
}

/// The day and zone of the map's latest timed event, for pasted bare times.
fn context_of(map: &Map) -> Context {
    let latest = map.events.iter().filter_map(|e| e.time).max();
    match latest {
        Some(time) => Context::starting(time.datetime().date_naive(), time.offset()),
        None => Context::default(),
    }
}

/// Pasted text (chat lines, or rows copied from a spreadsheet with their header) as one
/// edit to `map`, and the problems found. `None` when nothing in it could be imported.
pub fn paste_into(map: &Map, text: &str) -> (Option<Op>, Vec<RowProblem>) {
    let pasted = paste_timeline(map, text);
    (pasted.op, pasted.problems)
}

/// [`paste_into`], with the notes on the lanes the names were matched to.
pub fn paste_timeline(map: &Map, text: &str) -> PastedRows {
    let (rows, mut problems) = super::chat::rows_from_paste(text);
    let mut pasted = paste_rows(map, &rows);
    problems.append(&mut pasted.problems);
    pasted.problems = problems;
    pasted
}

/// Paths not taken made from one cell; more options are kept as one note on the event.
/// A cell of 20,000 lines is a pasted log, not options anyone weighed.
pub const MAX_OPTIONS_PER_CELL: usize = 50;

/// The name of the lane that takes the events of every lane past the map's lane limit.
const OVERFLOW_LANE: &str = "Other lanes (over the limit)";

struct Builder {
    map: Map,
    /// What a map may hold: the import never makes what the loader would refuse.
    limits: Limits,
    lane_by_name: HashMap<String, LaneId>,
    lane_ids: HashSet<LaneId>,
    next_event: FreshNumbers,
    next_link: FreshNumbers,
    next_branch: FreshNumbers,
    problems: Vec<RowProblem>,
    notices: Vec<String>,
    /// Options not taken, made into branches once every lane exists.
    options: Vec<(EventId, Vec<String>)>,
    /// How many options `options` holds.
    option_count: usize,
    /// The lane that takes events of lanes past the limit, once made.
    overflow_lane: Option<LaneId>,
    /// Lanes made by this import whose kind was guessed, with their index in the lanes.
    guessed_kind: HashMap<LaneId, usize>,
    /// The lanes of the map pasted into, which a shorter name may stand for.
    person_lanes: Vec<Lane>,
}

impl Builder {
    fn new(map: Map) -> Self {
        let lane_by_name = map
            .lanes
            .iter()
            .map(|l| (l.name.trim().to_lowercase(), l.id.clone()))
            .collect();
        Builder {
            next_event: FreshNumbers::new(map.events.iter().map(|e| e.id.generated_number())),
            next_link: FreshNumbers::new(map.links.iter().map(|k| k.id.generated_number())),
            next_branch: FreshNumbers::new(map.branches.iter().map(|b| b.id.generated_number())),
            lane_ids: map.lanes.iter().map(|l| l.id.clone()).collect(),
            map,
            limits: Limits::default(),
            lane_by_name,
            problems: Vec::new(),
            notices: Vec::new(),
            options: Vec::new(),
            option_count: 0,
            overflow_lane: None,
            guessed_kind: HashMap::new(),
            person_lanes: Vec::new(),
        }
    }

    /// Adds every row. `start` is the `pos` to add after and the day and zone already
    /// known (pasting into a map); a new map starts from the first row that says them.
    fn add_rows(&mut self, rows: &[SourceRow], start: Option<(f64, Context)>) {
        let cells: Vec<(usize, Result<Option<super::time::Cell>, String>)> = rows
            .iter()
            .enumerate()
            .map(|(i, row)| (i, read_cell(&row.time)))
            .collect();
        let (after, mut context) = match start {
            Some(start) => start,
            None => (0.0, self.starting_context(&cells)),
        };
        let mut previous: Option<(Timestamp, usize)> = None;
        for (i, row) in rows.iter().enumerate() {
            let pos = after + (i + 1) as f64;
            if self.map.events.len() >= self.limits.max_events {
                self.problems.push(RowProblem::skipped(
                    row.row,
                    row.line,
                    format!(
                        "a map holds at most {} events: skipped",
                        self.limits.max_events
                    ),
                ));
                continue;
            }
            if row.text.is_empty() {
                self.problems.push(RowProblem::skipped(
                    row.row,
                    row.line,
                    "the text is empty: skipped".to_owned(),
                ));
                continue;
            }
            let mut notes = row.notes.clone();
            let mut time = None;
            let mut approximate = false;
            match &cells[i].1 {
                Ok(Some(cell)) => match context.complete(cell.written) {
                    Ok(done) => {
                        time = Some(done.time);
                        approximate = cell.approximate;
                        if let Some((before, before_row)) = previous
                            && done.time < before
                        {
                            self.notices.push(format!(
                                "row {}: its time is earlier than row {before_row}'s; the map places it by its time",
                                row.row
                            ));
                        }
                        previous = Some((done.time, row.row));
                    }
                    Err(Incomplete::NoDay) => self.problems.push(RowProblem::kept(
                        row.row,
                        row.line,
                        format!(
                            "the time '{}' has no day to go with it; imported without a time",
                            row.time
                        ),
                    )),
                    Err(Incomplete::OutOfRange) => {
                        notes.push(format!("time as written: {}", row.time));
                        self.problems.push(RowProblem::kept(
                            row.row,
                            row.line,
                            format!(
                                "the time '{}' falls outside the years 0000 to 9999 a map can hold; imported without a time, the text kept as a note",
                                row.time
                            ),
                        ));
                    }
                },
                Ok(None) => {}
                Err(message) => {
                    notes.push(format!("time as written: {}", row.time));
                    self.problems.push(RowProblem::kept(
                        row.row,
                        row.line,
                        format!("{message}; imported without a time, the text kept as a note"),
                    ));
                }
            }
            self.add_event(row, pos, time, approximate, notes);
        }
    }

    /// A new map's day and zone: from the first row that gives them; if none gives a
    /// day, today (said in a notice); if none gives a zone, UTC.
    fn starting_context(
        &mut self,
        cells: &[(usize, Result<Option<super::time::Cell>, String>)],
    ) -> Context {
        let written: Vec<Written> = cells
            .iter()
            .filter_map(|(_, cell)| cell.as_ref().ok().and_then(|c| c.map(|c| c.written)))
            .collect();
        if written.is_empty() {
            return Context::default();
        }
        let (date, offset) = first_date_and_offset(&written);
        let date = date.unwrap_or_else(|| {
            let today = chrono::Local::now().date_naive();
            self.notices.push(format!(
                "no row gives a date: times were taken to be on {today}; correct them in the inspector if it matters"
            ));
            today
        });
        let offset = offset.unwrap_or_else(|| {
            if written.iter().any(|w| !matches!(w, Written::Full(_))) {
                self.notices.push(
                    "no row gives a UTC offset: times without one were read as UTC".to_owned(),
                );
            }
            FixedOffset::east_opt(0).expect("UTC")
        });
        Context::starting(date, offset)
    }

    /// The lane named `name`, made if needed with `kind` (or a guess from the name).
    fn lane_for(&mut self, name: &str, kind: Option<LaneKind>) -> LaneId {
        let name = if name.trim().is_empty() {
            "unassigned"
        } else {
            name.trim()
        };
        let key = name.to_lowercase();
        if let Some(id) = self.lane_by_name.get(&key) {
            let id = id.clone();
            // A lane first met in a `to` cell had its kind guessed; the first row of its
            // own that says the kind corrects it.
            if let Some(kind) = kind
                && let Some(index) = self.guessed_kind.remove(&id)
            {
                self.map.lanes[index].kind = kind;
            }
            return id;
        }
        if let Some(id) = self.person_lane(name, &key) {
            return id;
        }
        // One place is kept for the lane that takes the rest, so the map stays loadable.
        if self.map.lanes.len() + 1 >= self.limits.max_lanes && name != OVERFLOW_LANE {
            if !self
                .lane_by_name
                .contains_key(&OVERFLOW_LANE.to_lowercase())
            {
                self.notices.push(format!(
                    "a map holds at most {} lanes: events of the lanes after that are in the lane \"{OVERFLOW_LANE}\", each with a note naming its lane",
                    self.limits.max_lanes
                ));
            }
            let overflow = self.lane_for(OVERFLOW_LANE, Some(LaneKind::Team));
            self.overflow_lane = Some(overflow.clone());
            return overflow;
        }
        let id = self.unused_lane_id(name);
        // A guess from the words of the name, unless the timeline said; the reviewer
        // changes it in the inspector.
        if kind.is_none() {
            self.guessed_kind.insert(id.clone(), self.map.lanes.len());
        }
        let kind = kind.unwrap_or_else(|| super::lane_kind::guess_lane_kind(name));
        self.map.lanes.push(Lane::new(id.clone(), name, kind));
        self.lane_by_name.insert(key, id.clone());
        self.lane_ids.insert(id.clone());
        id
    }

    /// The map's one lane whose name starts with `name` ("Ana" -> "Ana (on-call)"),
    /// remembered for the rows after; when several do, no guess: a note says so and the
    /// name gets a lane of its own, as a new name does (the cards are easy to move, a
    /// wrong guess is hard to notice).
    fn person_lane(&mut self, name: &str, key: &str) -> Option<LaneId> {
        let found: Vec<Lane> = super::person::lanes_starting_with(&self.person_lanes, name)
            .into_iter()
            .cloned()
            .collect();
        match found.as_slice() {
            [] => None,
            [lane] => {
                self.notices.push(format!(
                    "\"{name}\" joined the lane \"{}\"",
                    lane.name.trim()
                ));
                self.lane_by_name.insert(key.to_owned(), lane.id.clone());
                Some(lane.id.clone())
            }
            several => {
                let names: Vec<String> = several
                    .iter()
                    .map(|l| format!("\"{}\"", l.name.trim()))
                    .collect();
                self.notices.push(format!(
                    "\"{name}\" could be {}: no guess made, its lines are on a new lane \"{name}\"",
                    names.join(" or ")
                ));
                None
            }
        }
    }

    /// A readable id from the name ("on-call: Alice" -> "on-call-alice"), made unique.
    fn unused_lane_id(&self, name: &str) -> LaneId {
        let slug = crate::model::slug(name);
        let base = if slug.is_empty() {
            "lane".to_owned()
        } else {
            slug
        };
        let mut candidate = base.clone();
        let mut n = 2;
        while self.lane_ids.contains(&LaneId::new(candidate.clone())) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        LaneId::new(candidate)
    }

    fn event_id(&mut self) -> EventId {
        EventId::new(self.map.fresh_id(EventId::PREFIX, self.next_event.take()))
    }

    fn add_event(
        &mut self,
        row: &SourceRow,
        pos: f64,
        time: Option<Timestamp>,
        approximate: bool,
        notes: Vec<String>,
    ) {
        let lane = self.lane_for(&row.lane, lane_kind_named(&row.lane_kind));
        let to = (!row.to.trim().is_empty()).then(|| self.lane_for(&row.to, None));
        let mut notes = notes;
        if self.overflow_lane.as_ref() == Some(&lane) && row.lane.trim() != OVERFLOW_LANE {
            notes.insert(0, format!("lane: {}", row.lane.trim()));
        }
        let id = self.event_id();
        let mut event = Event::new(id.clone(), lane.clone(), pos, row.text.clone());
        event.time = time;
        event.approximate = approximate && time.is_some();
        let kind = EventKind::from(row.kind.trim().to_lowercase());
        match kind {
            EventKind::Other(word) if !word.is_empty() => {
                event.tags.push(row.kind.trim().to_owned())
            }
            EventKind::Other(_) => {}
            known => event.kind = Some(known),
        }
        for (kind, text) in [
            (AnnotationKind::Thinking, &row.thinking),
            (AnnotationKind::Feeling, &row.feeling),
            (AnnotationKind::Seeing, &row.seeing),
        ] {
            if !text.is_empty() {
                event.annotations.push(Annotation::new(kind, text.clone()));
            }
        }
        for note in notes {
            event
                .annotations
                .push(Annotation::new(AnnotationKind::Note, note));
        }
        let mut options: Vec<String> = row
            .not_taken
            .lines()
            .map(str::trim)
            .filter(|o| !o.is_empty())
            .map(str::to_owned)
            .collect();
        let room = MAX_OPTIONS_PER_CELL.min(
            self.limits
                .max_branches
                .saturating_sub(self.map.branches.len() + self.option_count),
        );
        if options.len() > room {
            let rest = options.split_off(room);
            self.problems.push(RowProblem::kept(
                row.row,
                row.line,
                format!(
                    "{} options not taken in one cell; the first {room} became paths not taken, the other {} are kept as a note",
                    rest.len() + room,
                    rest.len()
                ),
            ));
            event.annotations.push(Annotation::new(
                AnnotationKind::Note,
                format!("more options not taken:\n{}", rest.join("\n")),
            ));
        }
        if !options.is_empty() {
            self.option_count += options.len();
            self.options.push((id.clone(), options));
        }
        self.map.events.push(event);
        // A `to` cell is a message: an arrow to the receiving lane at this moment, no
        // card there (a row of the receiver's own says what they did).
        if let Some(to) = to.filter(|to| to != &lane) {
            let link = LinkId::new(self.map.fresh_id(LinkId::PREFIX, self.next_link.take()));
            self.map.links.push(Link::message(link, id, to));
        }
    }

    /// Paths not taken, now that every lane exists: on the lane right of their event when
    /// there is one (a side road), else just below it on its own lane.
    fn finish(mut self) -> (Map, Vec<RowProblem>, Vec<String>) {
        let lane_index: HashMap<LaneId, usize> = self
            .map
            .lanes
            .iter()
            .enumerate()
            .map(|(i, l)| (l.id.clone(), i))
            .collect();
        let event_place: HashMap<EventId, (LaneId, f64)> = self
            .map
            .events
            .iter()
            .map(|e| (e.id.clone(), (e.lane.clone(), e.pos)))
            .collect();
        for (event, options) in std::mem::take(&mut self.options) {
            let Some((lane, pos)) = event_place.get(&event).cloned() else {
                continue;
            };
            let next = lane_index
                .get(&lane)
                .and_then(|&i| self.map.lanes.get(i + 1))
                .map(|l| l.id.clone());
            for (k, option) in options.into_iter().enumerate() {
                // The first option level with its event on the next lane (equal `pos`
                // keeps it after the event), the others just below it.
                let (lane, pos) = match &next {
                    Some(next) => (next.clone(), pos + 0.1 * k as f64),
                    None => (lane.clone(), pos + 0.1 * (k + 1) as f64),
                };
                let id =
                    BranchId::new(self.map.fresh_id(BranchId::PREFIX, self.next_branch.take()));
                self.map.branches.push(Branch::new(
                    id,
                    CardId::Event(event.clone()),
                    lane,
                    pos,
                    option,
                ));
            }
        }
        (self.map, self.problems, self.notices)
    }
}
