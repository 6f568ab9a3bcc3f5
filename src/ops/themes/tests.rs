use super::*;
use crate::model::{
    AnnotationKind, BranchId, EventId, GapNotes, Lane, LaneId, LaneKind, Timestamp,
};

/// Three events on one lane, a path not taken off the first, and a gap note.
fn map() -> Map {
    let mut map = Map::new("t");
    map.lanes
        .push(Lane::new(LaneId::from("a"), "A", LaneKind::Person));
    for (i, title) in ["one", "two", "three"].iter().enumerate() {
        map.events.push(Event::new(
            EventId::from(format!("e{}", i + 1)),
            LaneId::from("a"),
            i as f64,
            *title,
        ));
    }
    map.branches.push(Branch::new(
        BranchId::from("b1"),
        CardId::Event(EventId::from("e1")),
        LaneId::from("a"),
        0.5,
        "roll back",
    ));
    let at = |t: &str| Timestamp::parse(t).unwrap();
    let mut gap = GapNotes::new(at("2025-01-01T10:00:00Z"), at("2025-01-01T11:00:00Z"), None);
    gap.notes
        .push(Annotation::new(AnnotationKind::Note, "waiting"));
    map.gaps.push(gap);
    map
}

fn event(id: &str) -> CardId {
    CardId::Event(EventId::from(id))
}

/// Applies `op`, checks its undo restores the map exactly, and returns the changed map.
fn applied_and_undone(map: &Map, op: Op) -> Map {
    let mut changed = map.clone();
    let inverse = op.apply(&mut changed).expect("op fits the map");
    let mut undone = changed.clone();
    inverse.apply(&mut undone).expect("inverse fits");
    assert_eq!(&undone, map, "undo restores the map exactly");
    changed
}

/// A map whose events e1, e2 carry "Trust" (t1) and e3 and the path not taken carry
/// "Alarms" (t2); e3's first annotation and the gap note carry "Trust" too.
fn coded() -> Map {
    let mut map = map();
    let op = code_cards(&map, &[event("e1"), event("e2")], "Trust").unwrap();
    op.apply(&mut map).unwrap();
    let branch = CardId::Branch(BranchId::from("b1"));
    let op = code_cards(&map, &[event("e3"), branch], "Alarms").unwrap();
    op.apply(&mut map).unwrap();
    let t1 = ThemeId::from("t1");
    let e3 = map.events.by_id_mut(&EventId::from("e3")).unwrap();
    let mut note = Annotation::new(AnnotationKind::Thinking, "the graph is right");
    note.themes.push(t1.clone());
    e3.annotations.push(note);
    map.gaps[0].notes[0].themes.push(t1);
    map
}

#[test]
fn coding_cards_with_a_new_name_makes_the_theme_and_undo_takes_it_away() {
    let map = map();
    let op = code_cards(&map, &[event("e1"), event("e2")], "  Trusts the dashboard ").unwrap();
    let coded = applied_and_undone(&map, op);
    assert_eq!(coded.themes.len(), 1);
    let theme = &coded.themes[0];
    assert_eq!(theme.name, "Trusts the dashboard");
    for id in ["e1", "e2"] {
        assert_eq!(
            themes_of(&coded, &event(id)),
            std::slice::from_ref(&theme.id)
        );
    }
    assert!(themes_of(&coded, &event("e3")).is_empty());
}

#[test]
fn a_name_already_in_the_map_is_reused_whatever_its_case() {
    let map = coded();
    let op = code_cards(&map, &[event("e3")], "trust").unwrap();
    let again = applied_and_undone(&map, op);
    assert_eq!(again.themes.len(), 2, "no twin theme");
    assert_eq!(
        themes_of(&again, &event("e3")),
        [ThemeId::from("t2"), ThemeId::from("t1")]
    );
    // Every card already carries it, or the name is blank: nothing to do.
    assert_eq!(
        code_cards(&again, &[event("e1"), event("e3")], "TRUST"),
        None
    );
    assert_eq!(code_cards(&again, &[event("e1")], "   "), None);
}

#[test]
fn a_card_listed_twice_is_coded_once() {
    let map = map();
    let op = code_cards(&map, &[event("e1"), event("e1")], "x").unwrap();
    let coded = applied_and_undone(&map, op);
    assert_eq!(themes_of(&coded, &event("e1")).len(), 1);
}

#[test]
fn taking_a_theme_off_a_card_keeps_it_elsewhere() {
    let map = coded();
    let op = uncode_card(&map, &event("e1"), &ThemeId::from("t1")).unwrap();
    let changed = applied_and_undone(&map, op);
    assert!(themes_of(&changed, &event("e1")).is_empty());
    assert_eq!(themes_of(&changed, &event("e2")), [ThemeId::from("t1")]);
    assert!(changed.theme(&ThemeId::from("t1")).is_some());
    assert_eq!(
        uncode_card(&changed, &event("e1"), &ThemeId::from("t1")),
        None
    );
}

#[test]
fn renaming_and_recolouring_change_only_the_theme() {
    let map = coded();
    let t1 = ThemeId::from("t1");
    let renamed = applied_and_undone(&map, rename(&map, &t1, " Trusts Y over X ").unwrap());
    assert_eq!(renamed.theme(&t1).unwrap().name, "Trusts Y over X");
    assert_eq!(rename(&map, &t1, "Trust"), None);
    assert_eq!(rename(&map, &t1, ""), None);

    let colour = Some("#aa3300".to_owned());
    let recoloured = applied_and_undone(&map, recolour(&map, &t1, colour.clone()).unwrap());
    assert_eq!(recoloured.theme(&t1).unwrap().colour, colour);
    assert_eq!(recolour(&map, &t1, Some("red".to_owned())), None);
    assert_eq!(recolour(&map, &t1, None), None);
}

#[test]
fn merging_puts_the_kept_theme_on_every_moment_once_and_removes_the_other() {
    let mut map = coded();
    // e3 carries both: after the merge it carries "Alarms" once.
    code_cards(&map, &[event("e3")], "Trust")
        .unwrap()
        .apply(&mut map)
        .unwrap();
    let (trust, alarms) = (ThemeId::from("t1"), ThemeId::from("t2"));
    let merged = applied_and_undone(&map, merge(&map, &trust, &alarms).unwrap());
    assert!(merged.theme(&trust).is_none());
    assert_eq!(themes_of(&merged, &event("e1")), [ThemeId::from("t2")]);
    assert_eq!(themes_of(&merged, &event("e3")), [ThemeId::from("t2")]);
    let e3 = merged.event(&EventId::from("e3")).unwrap();
    assert_eq!(e3.annotations[0].themes, [ThemeId::from("t2")]);
    assert_eq!(merged.gaps[0].notes[0].themes, [ThemeId::from("t2")]);
    assert_eq!(counts(&merged).get(&alarms), Some(&6));
    assert_eq!(merge(&map, &trust, &trust), None);
}

#[test]
fn splitting_moves_the_chosen_cards_to_a_new_theme() {
    let map = coded();
    let trust = ThemeId::from("t1");
    let op = split(
        &map,
        &trust,
        &[event("e2"), event("e3")],
        "Trusts the runbook",
    )
    .unwrap();
    let split_map = applied_and_undone(&map, op);
    let new = find_by_name(&split_map, "trusts the runbook")
        .unwrap()
        .id
        .clone();
    assert_eq!(themes_of(&split_map, &event("e1")), [ThemeId::from("t1")]);
    assert_eq!(themes_of(&split_map, &event("e2")), [new]);
    // e3 did not carry the theme itself: unchanged.
    assert_eq!(themes_of(&split_map, &event("e3")), [ThemeId::from("t2")]);
    assert_eq!(split(&map, &trust, &[event("e3")], "Other"), None);
    assert_eq!(split(&map, &trust, &[event("e1")], "TRUST"), None);
}

#[test]
fn deleting_takes_the_theme_off_every_moment_then_out_of_the_map() {
    let map = coded();
    let trust = ThemeId::from("t1");
    let deleted = applied_and_undone(&map, delete(&map, &trust).unwrap());
    assert!(deleted.theme(&trust).is_none());
    assert!(!counts(&deleted).contains_key(&trust));
    assert_eq!(counts(&deleted).get(&ThemeId::from("t2")), Some(&2));
    assert!(deleted.gaps[0].notes[0].themes.is_empty());
}

#[test]
fn a_theme_counts_its_moments_and_lists_the_cards_carrying_it() {
    let map = coded();
    let trust = ThemeId::from("t1");
    // e1, e2, e3's annotation and the gap note.
    assert_eq!(counts(&map).get(&trust), Some(&4));
    assert_eq!(
        cards_of(&map, &trust),
        [event("e1"), event("e2"), event("e3")]
    );
    assert_eq!(
        cards_of(&map, &ThemeId::from("t2")),
        [event("e3"), CardId::Branch(BranchId::from("b1"))]
    );
}

#[test]
fn a_theme_named_for_a_note_is_made_once_and_reused_after() {
    let mut map = map();
    let (insert, themes) = with_theme_named(&map, &[], "  Waiting on others ").unwrap();
    let Some(Op::InsertTheme { theme, .. }) = insert else {
        panic!("a new name makes a theme");
    };
    assert_eq!(theme.name, "Waiting on others");
    assert_eq!(themes, std::slice::from_ref(&theme.id));
    map.themes.push(theme.clone());
    // Known now, whatever the case: reused, nothing made.
    let (insert, again) = with_theme_named(&map, &[], "waiting ON others").unwrap();
    assert!(insert.is_none());
    assert_eq!(again, std::slice::from_ref(&theme.id));
    // Carried already, or blank: nothing to do.
    assert!(with_theme_named(&map, std::slice::from_ref(&theme.id), "Waiting on others").is_none());
    assert!(with_theme_named(&map, &[], "   ").is_none());
}

#[test]
fn coding_by_id_picks_that_theme_when_two_share_a_name() {
    let mut map = map();
    map.themes
        .push(Theme::new(ThemeId::from("t1"), "Alarm fatigue"));
    map.themes
        .push(Theme::new(ThemeId::from("t2"), "Alarm fatigue"));
    let op = code_cards_with(&map, &[event("e1"), event("e1")], &ThemeId::from("t2"))
        .expect("e1 carries no theme yet");
    let coded = applied_and_undone(&map, op);
    let e1 = coded.event(&EventId::from("e1")).unwrap();
    assert_eq!(
        e1.themes,
        [ThemeId::from("t2")],
        "once, and the theme asked for"
    );
}
