//! Texts longer than the map shows: a map may hold them (they are kept whole and saved
//! back unchanged), but only their first [`SHOWN_CHARS`] characters are drawn, so `check`
//! and the loader name them as warnings, not refusals.

use crate::model::{Annotation, Map};
use crate::render::{SHOWN_CHARS, grouped};
use std::fmt::Display;

/// Every text of the map longer than the map shows, one line each, in file order:
/// "event 'e7': its title is 5,000,000 characters; the map shows the first 4,000".
pub fn overlong_fields(map: &Map) -> Vec<String> {
    let mut found = Found(Vec::new());
    let here = || "map".to_owned();
    found.check(here, "title", &map.title);
    found.check(here, "description", &map.description);
    for lane in &map.lanes {
        let here = || format!("lane '{}'", short(&lane.id.0));
        found.check(here, "id", &lane.id.0);
        found.check(here, "name", &lane.name);
        found.check(here, "kind", lane.kind.label());
    }
    for event in &map.events {
        let here = || format!("event '{}'", short(&event.id.0));
        found.check(here, "id", &event.id.0);
        found.check(here, "title", &event.title);
        found.check(here, "description", &event.description);
        if let Some(kind) = &event.kind {
            found.check(here, "kind", kind.label());
        }
        for (i, tag) in event.tags.iter().enumerate() {
            found.check(here, format_args!("tag {}", i + 1), tag);
        }
        found.annotations(here, "annotation", &event.annotations);
    }
    for link in &map.links {
        let here = || format!("link '{}'", short(&link.id.0));
        found.check(here, "id", &link.id.0);
        found.check(here, "label", &link.label);
    }
    for branch in &map.branches {
        let here = || format!("branch '{}'", short(&branch.id.0));
        found.check(here, "id", &branch.id.0);
        found.check(here, "label", &branch.label);
        found.check(here, "note", &branch.note);
    }
    for (i, gap) in map.gaps.iter().enumerate() {
        found.annotations(|| format!("gaps[{i}]"), "note", &gap.notes);
    }
    found.0
}

struct Found(Vec<String>);

impl Found {
    /// Notes `text`, the `field` of what `here` names, when it is longer than the map shows.
    fn check(&mut self, here: impl Fn() -> String, field: impl Display, text: &str) {
        // Never more characters than bytes: most texts are settled without counting.
        if text.len() <= SHOWN_CHARS {
            return;
        }
        let chars = text.chars().count();
        if chars > SHOWN_CHARS {
            self.0.push(format!(
                "{}: its {field} is {} characters; the map shows the first {}",
                here(),
                grouped(chars),
                grouped(SHOWN_CHARS)
            ));
        }
    }

    fn annotations(&mut self, here: impl Fn() -> String, what: &str, list: &[Annotation]) {
        for (i, annotation) in list.iter().enumerate() {
            let n = i + 1;
            self.check(&here, format_args!("{what} {n}"), &annotation.text);
            self.check(
                &here,
                format_args!("{what} {n}'s kind"),
                annotation.kind.label(),
            );
        }
    }
}

/// An id as it is named in a line: its start when it is itself far too long.
fn short(id: &str) -> std::borrow::Cow<'_, str> {
    const LONGEST: usize = 40;
    match id.char_indices().nth(LONGEST) {
        None => id.into(),
        Some((end, _)) => format!("{}…", &id[..end]).into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AnnotationKind, Branch, BranchId, CardId, GapNotes, LaneKind, LinkId};

    fn small() -> Map {
        crate::io::parse_map(crate::samples::SMALL.as_bytes()).unwrap()
    }

    #[test]
    fn a_sample_map_has_nothing_too_long() {
        assert!(overlong_fields(&small()).is_empty());
        let checkout = crate::io::parse_map(crate::samples::CHECKOUT_OUTAGE.as_bytes()).unwrap();
        assert!(overlong_fields(&checkout).is_empty());
    }

    #[test]
    fn every_text_longer_than_the_map_shows_is_named_in_file_order() {
        let mut map = small();
        let long = |chars: usize| "x".repeat(chars);
        map.description = long(4_001);
        map.lanes[0].name = long(10_000);
        map.lanes[1].kind = LaneKind::Other(long(5_000));
        let event = map.events[0].id.0.clone();
        map.events[0].title = long(5_000_000);
        map.events[0].tags = vec!["short".into(), long(4_500)];
        map.events[0].annotations.push(Annotation::new(
            AnnotationKind::Other(long(6_000)),
            long(7_000),
        ));
        let notes_before = map.events[0].annotations.len();
        let link = LinkId::from("l-long");
        if let Some(first) = map.links.first_mut() {
            first.id = link.clone();
            first.label = long(4_002);
        }
        let mut branch = Branch::new(
            BranchId::new(long(50)),
            CardId::Event(map.events[0].id.clone()),
            map.lanes[0].id.clone(),
            0.5,
            "short",
        );
        branch.note = long(8_000);
        map.branches.push(branch);
        let start = map.events[0].time.unwrap();
        let mut gap = GapNotes::new(start, start, None);
        gap.notes
            .push(Annotation::new(AnnotationKind::Note, long(9_000)));
        map.gaps.push(gap);
        let gap_index = map.gaps.len() - 1;

        let lane0 = map.lanes[0].id.0.clone();
        let lane1 = map.lanes[1].id.0.clone();
        let n = notes_before;
        let mut expected = vec![
            "map: its description is 4,001 characters; the map shows the first 4,000".to_owned(),
            format!("lane '{lane0}': its name is 10,000 characters; the map shows the first 4,000"),
            format!("lane '{lane1}': its kind is 5,000 characters; the map shows the first 4,000"),
            format!(
                "event '{event}': its title is 5,000,000 characters; the map shows the first 4,000"
            ),
            format!(
                "event '{event}': its tag 2 is 4,500 characters; the map shows the first 4,000"
            ),
            format!(
                "event '{event}': its annotation {n} is 7,000 characters; the map shows the first 4,000"
            ),
            format!(
                "event '{event}': its annotation {n}'s kind is 6,000 characters; the map shows the first 4,000"
            ),
        ];
        if !map.links.is_empty() {
            expected.push(
                "link 'l-long': its label is 4,002 characters; the map shows the first 4,000"
                    .to_owned(),
            );
        }
        expected.extend([
            format!(
                "branch '{}…': its note is 8,000 characters; the map shows the first 4,000",
                long(40)
            ),
            format!(
                "gaps[{gap_index}]: its note 1 is 9,000 characters; the map shows the first 4,000"
            ),
        ]);
        assert_eq!(overlong_fields(&map), expected);
    }

    #[test]
    fn characters_are_counted_not_bytes() {
        let mut map = small();
        // 8,000 bytes but 4,000 characters: shown whole.
        map.title = "é".repeat(SHOWN_CHARS);
        assert!(overlong_fields(&map).is_empty());
        map.title.push('é');
        assert_eq!(
            overlong_fields(&map),
            ["map: its title is 4,001 characters; the map shows the first 4,000"]
        );
    }
}
