//! The edits the lens offers on a finding: put the rewrite in the phrase's place, or keep
//! the words as written (remembered in the map). Each is one op on what holds the text,
//! so each is one undo step.

use super::map::{MapFinding, Place};
use super::rewrite::rewritten;
use crate::model::Map;
use crate::ops::Op;

/// The op that rewrites the finding's phrase, when its list has a rewrite and the text
/// still holds the phrase where it was found.
pub fn rewrite_op(map: &Map, finding: &MapFinding) -> Option<Op> {
    let text = text_at(map, &finding.place)?;
    if text.get(finding.finding.range.clone()) != Some(finding.phrase.as_str()) {
        return None;
    }
    let new_text = rewritten(&finding.finding, text)?;
    op_at(map, &finding.place, |text, _| *text = new_text)
}

/// The op that keeps the finding's phrase as written where it is (lower case, once).
pub fn keep_op(map: &Map, finding: &MapFinding) -> Option<Op> {
    let phrase = finding.phrase.to_lowercase();
    op_at(map, &finding.place, |_, kept| {
        if !kept.contains(&phrase) {
            kept.push(phrase);
        }
    })
}

/// The text at `place` in `map`, when it is there.
pub fn text_at<'a>(map: &'a Map, place: &Place) -> Option<&'a str> {
    let text = match place {
        Place::MapTitle => &map.title,
        Place::MapDescription => &map.description,
        Place::EventTitle(id) => &map.events.by_id(id)?.title,
        Place::EventDescription(id) => &map.events.by_id(id)?.description,
        Place::EventAnnotation(id, index) => &map.events.by_id(id)?.annotations.get(*index)?.text,
        Place::BranchLabel(id) => &map.branches.by_id(id)?.label,
        Place::BranchNote(id) => &map.branches.by_id(id)?.note,
        Place::LinkLabel(id) => &map.links.by_id(id)?.label,
        Place::GapNote { gap, note } => &map.gaps.get(*gap)?.notes.get(*note)?.text,
        Place::ThemeName(id) => &map.themes.by_id(id)?.name,
    };
    Some(text)
}

/// The op that applies `change` to the text at `place` and the kept phrases that cover
/// it: a copy of what holds them, changed.
fn op_at(
    map: &Map,
    place: &Place,
    change: impl FnOnce(&mut String, &mut Vec<String>),
) -> Option<Op> {
    match place {
        Place::MapTitle => {
            let (mut title, mut kept) = (map.title.clone(), map.kept_words.clone());
            change(&mut title, &mut kept);
            text_or_kept(
                title != map.title,
                Op::SetTitle(title),
                Op::SetKeptWords(kept),
            )
        }
        Place::MapDescription => {
            let (mut text, mut kept) = (map.description.clone(), map.kept_words.clone());
            change(&mut text, &mut kept);
            text_or_kept(
                text != map.description,
                Op::SetDescription(text),
                Op::SetKeptWords(kept),
            )
        }
        Place::EventTitle(id) | Place::EventDescription(id) | Place::EventAnnotation(id, _) => {
            let mut event = map.events.by_id(id)?.clone();
            match place {
                Place::EventTitle(_) => change(&mut event.title, &mut event.kept_words),
                Place::EventDescription(_) => {
                    change(&mut event.description, &mut event.kept_words);
                }
                Place::EventAnnotation(_, index) => {
                    let annotation = event.annotations.get_mut(*index)?;
                    change(&mut annotation.text, &mut annotation.kept_words);
                }
                _ => return None,
            }
            Some(Op::UpdateEvent(event))
        }
        Place::BranchLabel(id) | Place::BranchNote(id) => {
            let mut branch = map.branches.by_id(id)?.clone();
            let text = match place {
                Place::BranchLabel(_) => &mut branch.label,
                _ => &mut branch.note,
            };
            change(text, &mut branch.kept_words);
            Some(Op::UpdateBranch(branch))
        }
        Place::LinkLabel(id) => {
            let mut link = map.links.by_id(id)?.clone();
            change(&mut link.label, &mut link.kept_words);
            Some(Op::UpdateLink(link))
        }
        Place::ThemeName(id) => {
            let mut theme = map.themes.by_id(id)?.clone();
            change(&mut theme.name, &mut theme.kept_words);
            Some(Op::UpdateTheme(theme))
        }
        Place::GapNote { gap, note } => {
            let mut gaps = map.gaps.clone();
            let annotation = gaps.get_mut(*gap)?.notes.get_mut(*note)?;
            change(&mut annotation.text, &mut annotation.kept_words);
            Some(Op::SetGapNotes(gaps))
        }
    }
}

/// The map's own texts have one op for the text and another for its kept phrases.
fn text_or_kept(text_changed: bool, text: Op, kept: Op) -> Option<Op> {
    Some(if text_changed { text } else { kept })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lens::scan_map;
    use crate::model::{Annotation, AnnotationKind, GapNotes, Timestamp};

    fn map_with(title: &str) -> Map {
        let mut map =
            crate::io::parse_map(crate::samples::SMALL.as_bytes()).expect("the sample reads");
        map.events[0].title = title.into();
        map
    }

    #[test]
    fn a_rewrite_changes_only_the_phrase_and_undoes_in_one_step() {
        let mut map = map_with("The on-call failed to escalate");
        let before = map.clone();
        let finding = scan_map(&map).remove(0);
        let op = rewrite_op(&map, &finding).expect("a rewrite");
        let undo = op.apply(&mut map).unwrap();
        assert_eq!(map.events[0].title, "The on-call did not escalate");
        undo.apply(&mut map).unwrap();
        assert_eq!(map, before);
    }

    #[test]
    fn keeping_quiets_the_phrase_where_it_is_only() {
        let mut map = map_with("The root cause");
        map.description = "A root cause".into();
        let findings = scan_map(&map);
        assert_eq!(findings.len(), 2);
        let on_card = findings
            .iter()
            .find(|f| f.place == Place::EventTitle(map.events[0].id.clone()))
            .unwrap();
        keep_op(&map, on_card).unwrap().apply(&mut map).unwrap();
        assert_eq!(map.events[0].kept_words, ["root cause"]);
        let left = scan_map(&map);
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].place, Place::MapDescription);
        keep_op(&map, &left[0]).unwrap().apply(&mut map).unwrap();
        assert!(scan_map(&map).is_empty());
    }

    #[test]
    fn every_place_can_be_kept() {
        let mut map = map_with("plain");
        map.title = "Obviously".into();
        map.events[0].annotations.push(Annotation::new(
            AnnotationKind::Thinking,
            "we simply waited",
        ));
        let start = Timestamp::parse("2025-03-11T10:00:00Z").unwrap();
        let end = Timestamp::parse("2025-03-11T11:00:00Z").unwrap();
        let mut gap = GapNotes::new(start, end, None);
        gap.notes
            .push(Annotation::new(AnnotationKind::Note, "human error"));
        map.gaps.push(gap);
        let link = map.links[0].id.clone();
        map.links.by_id_mut(&link).unwrap().label = "root cause".into();
        for _ in 0..10 {
            let Some(finding) = scan_map(&map).into_iter().next() else {
                break;
            };
            keep_op(&map, &finding).unwrap().apply(&mut map).unwrap();
        }
        assert!(scan_map(&map).is_empty(), "{:?}", scan_map(&map));
    }

    #[test]
    fn a_stale_finding_rewrites_nothing() {
        let mut map = map_with("We failed to notice");
        let finding = scan_map(&map).remove(0);
        map.events[0].title = "We did not notice".into();
        assert!(rewrite_op(&map, &finding).is_none());
    }
}
