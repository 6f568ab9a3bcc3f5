//! Folding the copies an older import made into messages: for each `to` cell it made a
//! card on the receiving lane titled "From <sender>: <the sender's title>" and linked to
//! it. Such a card says nothing of its own; the link becomes a message to its lane and
//! the card goes, in one edit (one undo). A copy the reviewer has since worked on (an
//! annotation, a path not taken, another link, a new title) is left as it is.

use super::Op;
use crate::model::{EventKind, Link, LinkEnd, Map};
use std::collections::{HashMap, HashSet};

/// The edit that folds every untouched copy in the map, or `None` when there is none.
pub fn fold_copied_messages(map: &Map) -> Option<Op> {
    let event_index: HashMap<_, _> = map
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| (&e.id, i))
        .collect();
    let lane_name: HashMap<_, _> = map.lanes.iter().map(|l| (&l.id, l.name.as_str())).collect();
    // How many links touch each event, and which events paths not taken grow from.
    let mut links_touching: HashMap<&crate::model::EventId, usize> = HashMap::new();
    for link in &map.links {
        *links_touching.entry(&link.from).or_default() += 1;
        if let Some(to) = link.to.event() {
            *links_touching.entry(to).or_default() += 1;
        }
    }
    let branched: HashSet<_> = map.branches.iter().filter_map(|b| b.from.event()).collect();

    let mut updates = Vec::new();
    let mut removals = Vec::new();
    for link in &map.links {
        let LinkEnd::Event(to) = &link.to else {
            continue;
        };
        let (Some(&from_index), Some(&to_index)) =
            (event_index.get(&link.from), event_index.get(to))
        else {
            continue;
        };
        let (sender, copy) = (&map.events[from_index], &map.events[to_index]);
        let Some(sender_lane) = lane_name.get(&sender.lane) else {
            continue;
        };
        // Exactly what the old import made, untouched since: same moment, its kind or
        // none, nothing added (an annotation, a tag, a note, a link, a path, a field).
        let is_copy = copy.title == format!("From {sender_lane}: {}", sender.title)
            && copy.lane != sender.lane
            && copy.time == sender.time
            && copy.approximate == (sender.approximate && sender.time.is_some())
            && matches!(copy.kind, None | Some(EventKind::Communication))
            && copy.annotations.is_empty()
            && copy.description.is_empty()
            && copy.tags.is_empty()
            && copy.themes.is_empty()
            && copy.kept_words.is_empty()
            && copy.extra.is_empty()
            && links_touching.get(to) == Some(&1)
            && !branched.contains(to);
        if is_copy {
            let mut message = Link::ending(
                link.id.clone(),
                link.from.clone(),
                LinkEnd::Lane(copy.lane.clone()),
            );
            message.label = link.label.clone();
            message.kept_words = link.kept_words.clone();
            message.extra = link.extra.clone();
            // An unknown field named like an end would be written twice.
            message.extra.remove("to");
            message.extra.remove("to_lane");
            updates.push(Op::UpdateLink(message));
            removals.push(Op::RemoveEvent(to.clone()));
        }
    }
    if updates.is_empty() {
        return None;
    }
    updates.extend(removals);
    Some(Op::Batch(updates))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Annotation, AnnotationKind, Event, EventId, Lane, LaneKind, LinkId};

    fn old_import() -> Map {
        let mut map = Map::new("old");
        for (id, name) in [("pd", "PagerDuty"), ("ana", "Ana")] {
            map.lanes.push(Lane::new(id.into(), name, LaneKind::Person));
        }
        map.events.push(Event::new(
            EventId::from("e1"),
            "pd".into(),
            1.0,
            "Pages Ana",
        ));
        map.events.push(Event::new(
            EventId::from("e2"),
            "ana".into(),
            1.0,
            "From PagerDuty: Pages Ana",
        ));
        map.events.push(Event::new(
            EventId::from("e3"),
            "pd".into(),
            2.0,
            "Pages Ana again",
        ));
        map.events.push(Event::new(
            EventId::from("e4"),
            "ana".into(),
            2.0,
            "From PagerDuty: Pages Ana again",
        ));
        map.events[3]
            .annotations
            .push(Annotation::new(AnnotationKind::Thinking, "not again"));
        map.links
            .push(Link::new(LinkId::from("k1"), "e1".into(), "e2".into()));
        map.links
            .push(Link::new(LinkId::from("k2"), "e3".into(), "e4".into()));
        map
    }

    #[test]
    fn untouched_copies_become_messages_in_one_edit_that_undoes_whole() {
        let original = old_import();
        let mut map = original.clone();
        let op = fold_copied_messages(&map).expect("one copy to fold");
        let undo = op.apply(&mut map).unwrap();
        assert_eq!(map.events.len(), 3, "the copy is gone");
        assert_eq!(map.links[0].to, LinkEnd::Lane("ana".into()));
        assert_eq!(
            map.links[1].to,
            LinkEnd::Event("e4".into()),
            "a copy with an annotation of its own is kept"
        );
        assert!(fold_copied_messages(&map).is_none());
        undo.apply(&mut map).unwrap();
        assert_eq!(map, original);
    }

    #[test]
    fn a_copy_whose_time_or_tags_the_reviewer_changed_is_kept() {
        let mut map = old_import();
        map.events[1].time = Some(crate::model::Timestamp::parse("2017-01-31T14:07:00Z").unwrap());
        assert!(fold_copied_messages(&map).is_none());
        let mut map = old_import();
        map.events[1].tags.push("seen late".into());
        assert!(fold_copied_messages(&map).is_none());
    }

    /// A label's kept phrases go with it into the message; a copy the reviewer coded with
    /// a theme is kept as a card.
    #[test]
    fn folding_keeps_the_label_s_kept_phrases_and_coded_copies() {
        let mut map = old_import();
        map.links[0].label = "root cause".into();
        map.links[0].kept_words = vec!["root cause".into()];
        let op = fold_copied_messages(&map).expect("one copy to fold");
        op.apply(&mut map).unwrap();
        assert_eq!(map.links[0].kept_words, ["root cause"]);

        let mut map = old_import();
        map.themes
            .push(crate::model::Theme::new("t1".into(), "paging by habit"));
        map.events[1].themes.push("t1".into());
        assert!(fold_copied_messages(&map).is_none());
    }
}
