//! The live lens agrees with a fresh scan of the whole map after every kind of edit.

use super::*;
use crate::lens::scan_map;
use crate::model::{Annotation, AnnotationKind, Branch, BranchId, EventId, LaneKind, Link};

fn sample() -> Map {
    crate::io::parse_map(crate::samples::CHECKOUT_OUTAGE.as_bytes()).unwrap()
}

/// Applies `op` the way a document does: what it touches first, then the edit, then the
/// update; and checks the lens against a fresh scan.
fn edit(lens: &mut LiveLens, map: &mut Map, op: Op) {
    let touched = Touched::by(&op, map);
    op.apply(map).expect("the op fits the map");
    lens.update(map, touched);
    let fresh = scan_map(map);
    assert_eq!(lens.in_map_order(map), fresh);
    assert_eq!(lens.count(), fresh.len());
}

fn first_event(map: &Map) -> crate::model::Event {
    map.events[0].clone()
}

#[test]
fn a_new_lens_lists_what_a_scan_of_the_map_lists() {
    let mut map = sample();
    map.events[3].title = "The on-call should have rolled back".into();
    map.description = "The root cause was a config push".into();
    let lens = LiveLens::new(&map);
    assert_eq!(lens.in_map_order(&map), scan_map(&map));
    assert!(lens.count() >= 2);
}

#[test]
fn typing_in_a_card_rescans_it() {
    let mut map = sample();
    let mut lens = LiveLens::new(&map);
    let before = lens.count();
    let mut event = first_event(&map);
    event.title = "We failed to notice the alert".into();
    edit(&mut lens, &mut map, Op::UpdateEvent(event.clone()));
    assert_eq!(lens.count(), before + 1);
    let card = CardId::Event(event.id.clone());
    assert_eq!(lens.on_card(&card)[0].phrase, "failed to");
    event.title = "We did not notice the alert".into();
    edit(&mut lens, &mut map, Op::UpdateEvent(event));
    assert_eq!(lens.count(), before);
    assert!(lens.on_card(&card).is_empty());
}

#[test]
fn a_kept_phrase_is_quiet_until_the_words_change() {
    let mut map = sample();
    let mut lens = LiveLens::new(&map);
    let mut event = first_event(&map);
    event.annotations.push(Annotation::new(
        AnnotationKind::Thinking,
        "I should have paged",
    ));
    edit(&mut lens, &mut map, Op::UpdateEvent(event.clone()));
    let card = CardId::Event(event.id.clone());
    assert_eq!(lens.on_card(&card).len(), 1);
    event.annotations.last_mut().unwrap().kept_words = vec!["should have paged".into()];
    edit(&mut lens, &mut map, Op::UpdateEvent(event.clone()));
    assert!(lens.on_card(&card).is_empty(), "kept as written");
    event.annotations.last_mut().unwrap().text = "I should have called".into();
    edit(&mut lens, &mut map, Op::UpdateEvent(event));
    assert_eq!(lens.on_card(&card).len(), 1, "new words are read again");
}

#[test]
fn removing_and_adding_cards_links_and_paths_keeps_the_lens_current() {
    let mut map = sample();
    let mut lens = LiveLens::new(&map);
    let event = first_event(&map);
    let mut added = crate::model::Event::new(
        EventId::from("e-new"),
        event.lane.clone(),
        event.pos + 0.5,
        "Obviously the cache",
    );
    added.description = "Human error, plain and simple".into();
    edit(
        &mut lens,
        &mut map,
        Op::InsertEvent {
            index: 1,
            event: added.clone(),
        },
    );
    let mut branch = Branch::new(
        BranchId::from("b-new"),
        CardId::Event(added.id.clone()),
        event.lane.clone(),
        added.pos,
        "Roll back, which would have prevented the outage",
    );
    branch.note = "if only we had".into();
    edit(
        &mut lens,
        &mut map,
        Op::InsertBranch {
            index: 0,
            branch: branch.clone(),
        },
    );
    let mut link = Link::new(map.next_link_id(), event.id.clone(), added.id.clone());
    link.label = "root cause".into();
    edit(
        &mut lens,
        &mut map,
        Op::InsertLink {
            index: 0,
            link: link.clone(),
        },
    );
    edit(&mut lens, &mut map, Op::RemoveLink(link.id));
    edit(&mut lens, &mut map, Op::RemoveBranch(branch.id));
    edit(&mut lens, &mut map, Op::RemoveEvent(added.id));
    edit(&mut lens, &mut map, Op::SetTitle("The root cause".into()));
}

#[test]
fn naming_a_person_lane_reads_the_map_again_with_that_name() {
    let mut map = sample();
    let mut lens = LiveLens::new(&map);
    let mut event = first_event(&map);
    event.title = "Zofia failed to page".into();
    edit(&mut lens, &mut map, Op::UpdateEvent(event.clone()));
    let mut lane = map.lane(&event.lane).unwrap().clone();
    lane.kind = LaneKind::Person;
    lane.name = "Zofia (on call)".into();
    edit(&mut lens, &mut map, Op::UpdateLane(lane));
}

#[test]
fn a_move_touches_nothing() {
    let map = sample();
    let mut event = first_event(&map);
    event.pos += 3.0;
    assert_eq!(
        Touched::by(&Op::UpdateEvent(event), &map),
        Touched::default()
    );
}

#[test]
fn typing_a_person_lane_s_name_reads_again_only_the_texts_naming_them() {
    let mut map = sample();
    let mut lens = LiveLens::new(&map);
    let mut event = first_event(&map);
    event.title = "Zofia failed to page; zofia's pager".into();
    edit(&mut lens, &mut map, Op::UpdateEvent(event.clone()));
    let mut lane = map.lane(&event.lane).unwrap().clone();
    lane.kind = LaneKind::Person;
    for name in ["Z", "Zo", "Zof", "Zofia", "Zofia (on call)", "Zofi"] {
        lane.name = name.into();
        edit(&mut lens, &mut map, Op::UpdateLane(lane.clone()));
    }
    assert!(has_word("Paged ZOFIA.", "zofia"));
    assert!(!has_word("Zofiaa", "zofia"));
    assert!(!has_word("", "zofia"));
}

#[test]
fn theme_names_are_read_and_kept_like_any_text() {
    let mut map = sample();
    let mut lens = LiveLens::new(&map);
    let id = map.next_theme_id();
    let theme = crate::model::Theme::new(id.clone(), "Human error under pressure");
    edit(&mut lens, &mut map, Op::InsertTheme { index: 0, theme });
    let place = Place::ThemeName(id.clone());
    let found: Vec<_> = lens.at(&place).cloned().collect();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].phrase, "Human error");
    let keep = crate::lens::keep_op(&map, &found[0]).unwrap();
    edit(&mut lens, &mut map, keep);
    assert_eq!(lens.at(&place).count(), 0);
    edit(&mut lens, &mut map, Op::RemoveTheme(id));
}
