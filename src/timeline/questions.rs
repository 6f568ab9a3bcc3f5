//! The questions to prepare before the debrief meeting, person by person: for each person
//! or team the facilitator will talk to, in story order, their moments that have something
//! to ask (the reviewer's own open questions, then the questions that follow what they said
//! at the time) and the stretches where their lane records nothing. One pure function of the
//! map, shared by the Markdown export and `waterline questions`.
//!
//! Whom to ask: the lanes of people and teams. A system's or an outsider's lane (kinds
//! `System` and `External`) is nobody in the meeting: its moments are asked of the people
//! linked to or from them (the person paged by an alert, the team that ran a script), and,
//! when nobody is linked, of everyone. A lane of a kind this version does not know is taken
//! for people: asking too many is better than losing a question.
//!
//! What to ask, so the list stays notes and not a wall of generic text: the kind of a card
//! asks the same four questions on every card of that kind, and the facilitator has them in
//! the app. Here they come only where the guide leans on them, and only their openers: on
//! a decision always (which options were visible, what made this one look best), on an
//! action only when nothing was said about it, and then just what they hoped it would do
//! (read on real incidents, the action's second opener, "how did you judge it was safe
//! enough to try?", repeated on every step of a recovery and fitted few of them). A moment
//! with nothing to ask is left out. Each question once per moment.

use super::{Beat, Clock, DayByDay, GapScan, Story, lane_of_each_event};
use crate::model::{Annotation, AnnotationKind, EventKind, FastHashMap, LaneKind, LinkEnd, Map};
use crate::prompts;

/// How many of the kind's questions (its openers) a decision and an action ask.
const DECISION_OPENERS: usize = 2;
const ACTION_OPENERS: usize = 1;

/// The questions for one person or team, or for everyone.
#[derive(Clone, Debug, PartialEq)]
pub struct ForWhom<'a> {
    /// The lane, by index into [`Map::lanes`]; `None` for everyone (whole-map gaps, and
    /// moments of systems that nobody is linked to).
    pub lane: Option<usize>,
    /// Their moments and gaps, in story order.
    pub items: Vec<ToAsk<'a>>,
}

/// One moment or gap and what to ask about it.
#[derive(Clone, Debug, PartialEq)]
pub struct ToAsk<'a> {
    pub about: About,
    pub questions: Vec<Question<'a>>,
}

/// What is asked about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum About {
    /// An event, by index into [`Map::events`].
    Event(usize),
    /// A gap, by index into [`GapScan::gaps`].
    Gap(usize),
    /// Notes written for a stretch that is no longer a gap (times changed since), by index
    /// into [`Map::gaps`]: their open questions are still open.
    Notes(usize),
}

/// One question and where it comes from.
#[derive(Clone, Debug, PartialEq)]
pub struct Question<'a> {
    pub text: &'a str,
    pub from: Source<'a>,
}

/// Where a question comes from, so a list can say what it follows.
#[derive(Clone, Debug, PartialEq)]
pub enum Source<'a> {
    /// The reviewer's own open question (a Question annotation or gap note).
    Reviewer,
    /// What someone said at the moment (a thinking, feeling or seeing annotation).
    Said(&'a Annotation),
    /// The kind of the event.
    Kind,
    /// The gap itself: what was going on.
    Gap,
}

/// Every open question, per person, in story order: people and teams left to right as
/// their lanes are, then everyone; those with nothing to ask are left out.
pub fn questions_to_prepare<'a>(map: &'a Map, story: &Story, scan: &GapScan) -> Vec<ForWhom<'a>> {
    let event_lane = lane_of_each_event(map);
    let is_person: Vec<bool> = map.lanes.iter().map(|l| is_person(&l.kind)).collect();
    let asked_of = linked_people(map, &event_lane, &is_person);
    // A lane's gap is told just before the event that ends it, on the lane's own list.
    let mut lane_gaps_ending: FastHashMap<usize, Vec<usize>> = FastHashMap::default();
    for (i, gap) in scan.gaps.iter().enumerate() {
        if gap.lane.is_some() {
            lane_gaps_ending.entry(gap.after_index).or_default().push(i);
        }
    }
    let mut lists: Vec<Vec<ToAsk<'a>>> = vec![Vec::new(); map.lanes.len()];
    let mut everyone: Vec<ToAsk<'a>> = Vec::new();
    for beat in &story.beats {
        match *beat {
            Beat::Gap(g) => {
                if let Some(gap) = scan.gaps.get(g) {
                    everyone.push(about_gap(map, g, gap));
                }
            }
            Beat::Event(i) => {
                for &g in lane_gaps_ending.get(&i).into_iter().flatten() {
                    let Some(gap) = scan.gaps.get(g) else {
                        continue;
                    };
                    let lane = gap.lane.as_ref().and_then(|id| map.lane_index(id));
                    let item = about_gap(map, g, gap);
                    match lane.filter(|&l| is_person[l]) {
                        Some(lane) => lists[lane].push(item),
                        // A system's quiet is a question for its logs, not for a person;
                        // but what the reviewer wrote on it is asked of everyone.
                        None if item.questions.iter().any(|q| q.from != Source::Gap) => {
                            everyone.push(item);
                        }
                        None => {}
                    }
                }
                let Some(event) = map.events.get(i) else {
                    continue;
                };
                let questions = about_event(event);
                if questions.is_empty() {
                    continue;
                }
                let item = ToAsk {
                    about: About::Event(i),
                    questions,
                };
                match event_lane[i] {
                    Some(lane) if is_person[lane] => lists[lane].push(item),
                    _ => match asked_of.get(&i).filter(|people| !people.is_empty()) {
                        Some(people) => {
                            for &lane in people {
                                lists[lane].push(item.clone());
                            }
                        }
                        None => everyone.push(item),
                    },
                }
            }
        }
    }
    // Notes whose gap has gone come last, on their lane's list when it is a person's.
    for &n in &scan.unplaced_notes {
        let Some(notes) = map.gaps.get(n) else {
            continue;
        };
        let questions = asked_and_said(&notes.notes);
        if questions.is_empty() {
            continue;
        }
        let item = ToAsk {
            about: About::Notes(n),
            questions,
        };
        let lane = notes.lane.as_ref().and_then(|id| map.lane_index(id));
        match lane.filter(|&l| is_person[l]) {
            Some(lane) => lists[lane].push(item),
            None => everyone.push(item),
        }
    }
    let mut out: Vec<ForWhom<'a>> = lists
        .into_iter()
        .enumerate()
        .filter(|(_, items)| !items.is_empty())
        .map(|(lane, items)| ForWhom {
            lane: Some(lane),
            items,
        })
        .collect();
    if !everyone.is_empty() {
        out.push(ForWhom {
            lane: None,
            items: everyone,
        });
    }
    out
}

/// Whether a lane is someone the facilitator talks to.
fn is_person(kind: &LaneKind) -> bool {
    !matches!(kind, LaneKind::System | LaneKind::External)
}

/// For each event on a lane that is not people, the people lanes linked to or from it, in
/// lane order: one pass over the links.
fn linked_people(
    map: &Map,
    event_lane: &[Option<usize>],
    is_person: &[bool],
) -> FastHashMap<usize, Vec<usize>> {
    let person_lane = |lane: Option<usize>| lane.filter(|&l| is_person[l]);
    let not_person = |event: usize| person_lane(event_lane[event]).is_none();
    let mut linked: FastHashMap<usize, Vec<usize>> = FastHashMap::default();
    let mut add = |event: usize, lane: Option<usize>| {
        if let Some(lane) = person_lane(lane) {
            let people = linked.entry(event).or_default();
            if !people.contains(&lane) {
                people.push(lane);
            }
        }
    };
    for link in map.links.iter() {
        let Some(from) = map.event_index(&link.from) else {
            continue;
        };
        let (to_event, to_lane) = match &link.to {
            LinkEnd::Event(id) => {
                let to = map.event_index(id);
                (to, to.and_then(|t| event_lane[t]))
            }
            LinkEnd::Lane(id) => (None, map.lane_index(id)),
        };
        if not_person(from) {
            add(from, to_lane);
        }
        if let Some(to) = to_event.filter(|&t| not_person(t)) {
            add(to, event_lane[from]);
        }
    }
    for people in linked.values_mut() {
        people.sort_unstable();
    }
    linked
}

/// What to ask about an event: the reviewer's open questions, then those that follow what
/// was said, then (on decisions, and on actions nobody said anything about) the kind's
/// openers; each once.
fn about_event(event: &crate::model::Event) -> Vec<Question<'_>> {
    let mut questions = asked_and_said(&event.annotations);
    let said = questions.iter().any(|q| matches!(q.from, Source::Said(_)));
    let openers = match event.kind {
        Some(EventKind::Decision) => DECISION_OPENERS,
        Some(EventKind::Action) if !said => ACTION_OPENERS,
        _ => 0,
    };
    let kind_questions = prompts::for_event(event.kind.as_ref());
    for text in kind_questions.iter().take(openers) {
        push_once(&mut questions, text, Source::Kind);
    }
    questions
}

/// What to ask about a gap: the open questions in its notes, those that follow what its
/// notes say people did, then what was going on.
fn about_gap<'a>(map: &'a Map, index: usize, gap: &super::Gap) -> ToAsk<'a> {
    let notes: Vec<&'a Annotation> = gap
        .notes
        .iter()
        .filter_map(|&n| map.gaps.get(n))
        .flat_map(|g| &g.notes)
        .collect();
    let mut questions = asked_and_said(notes);
    push_once(&mut questions, gap.question(), Source::Gap);
    ToAsk {
        about: About::Gap(index),
        questions,
    }
}

/// The reviewer's open questions among `annotations` (in order), then the questions that
/// follow what was said (in order), each once.
fn asked_and_said<'a>(annotations: impl IntoIterator<Item = &'a Annotation>) -> Vec<Question<'a>> {
    let annotations: Vec<&'a Annotation> = annotations.into_iter().collect();
    let mut questions = Vec::new();
    for annotation in &annotations {
        let text = annotation.text.trim();
        if annotation.kind == AnnotationKind::Question && !text.is_empty() {
            push_once(&mut questions, text, Source::Reviewer);
        }
    }
    for annotation in annotations {
        for text in prompts::for_annotation(annotation) {
            push_once(&mut questions, text, Source::Said(annotation));
        }
    }
    questions
}

/// Adds a question unless the same words are already asked about this moment.
fn push_once<'a>(questions: &mut Vec<Question<'a>>, text: &'a str, from: Source<'a>) {
    if !questions.iter().any(|q| q.text == text) {
        questions.push(Question { text, from });
    }
}

#[cfg(test)]
mod tests;

/// One line of a person's list, the same for every output (Markdown, the terminal): the
/// output only formats it and makes its map text safe.
#[derive(Clone, Debug, PartialEq)]
pub enum Line<'a> {
    /// A moment or a gap: when (may be empty), what, and whose lane it is on when it is
    /// not the person's own.
    Moment {
        when: String,
        what: std::borrow::Cow<'a, str>,
        elsewhere: Option<&'a str>,
    },
    /// The reviewer's own open question.
    Open(&'a str),
    /// What someone said at the moment, written once before the questions that follow it.
    Said(&'a Annotation),
    /// A question that follows what was said.
    Follows(&'a str),
    /// A question of the moment's kind, or the gap's.
    Ask(&'a str),
}

impl<'a> ForWhom<'a> {
    /// The person's list as lines, in order.
    pub fn lines(&self, map: &'a Map, scan: &GapScan, clock: &Clock) -> Vec<Line<'a>> {
        let mut rows = clock.in_order();
        let mut lines = Vec::new();
        for item in &self.items {
            lines.push(Line::Moment {
                when: item.when(map, scan, clock, &mut rows),
                what: item.what(map, scan),
                elsewhere: item.elsewhere(map, self.lane),
            });
            let mut said: Option<&Annotation> = None;
            for question in &item.questions {
                match question.from {
                    Source::Reviewer => lines.push(Line::Open(question.text)),
                    Source::Said(annotation) => {
                        if !said.is_some_and(|s| std::ptr::eq(s, annotation)) {
                            said = Some(annotation);
                            lines.push(Line::Said(annotation));
                        }
                        lines.push(Line::Follows(question.text));
                    }
                    Source::Kind | Source::Gap => lines.push(Line::Ask(question.text)),
                }
            }
        }
        lines
    }
}

impl ToAsk<'_> {
    /// When it was, for a list: "14:05" ("~14:05" when estimated), "14:31–14:58" for a
    /// gap; empty for an event with no time. `rows` is the list's own day-by-day clock,
    /// so a list over several days dates the first moment of each day.
    pub fn when(&self, map: &Map, scan: &GapScan, clock: &Clock, rows: &mut DayByDay) -> String {
        match self.about {
            About::Event(i) => map
                .events
                .get(i)
                .and_then(|e| Some((e.approximate, e.time?)))
                .map_or_else(String::new, |(approximate, time)| {
                    format!("{}{}", if approximate { "~" } else { "" }, rows.next(time))
                }),
            About::Gap(g) => scan
                .gaps
                .get(g)
                .map_or_else(String::new, |gap| clock.range(gap.start, gap.end)),
            About::Notes(n) => map
                .gaps
                .get(n)
                .map_or_else(String::new, |notes| clock.range(notes.start, notes.end)),
        }
    }

    /// What it is, as map text (to be escaped by the caller): the event's title, or what
    /// the gap holds ("27 min with nothing recorded").
    pub fn what<'m>(&self, map: &'m Map, scan: &GapScan) -> std::borrow::Cow<'m, str> {
        match self.about {
            About::Event(i) => map
                .events
                .get(i)
                .map_or("".into(), |e| e.title.as_str().into()),
            About::Gap(g) => scan
                .gaps
                .get(g)
                .map_or("".into(), |gap| gap.summary().into()),
            About::Notes(_) => "notes on a stretch that is no longer a gap".into(),
        }
    }

    /// The lane of the event when it is not `whom`'s own (a system's moment asked of the
    /// people linked to it), so the list can say where it happened.
    pub fn elsewhere<'m>(&self, map: &'m Map, whom: Option<usize>) -> Option<&'m str> {
        let About::Event(i) = self.about else {
            return None;
        };
        let lane = map.lane_index(&map.events.get(i)?.lane);
        if lane.is_some() && lane == whom {
            return None;
        }
        lane.and_then(|l| map.lanes.get(l)).map(|l| l.name.as_str())
    }
}
