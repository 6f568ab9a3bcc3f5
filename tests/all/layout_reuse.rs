//! An edit that keeps the layout (typing in a card, its kind, its notes) reuses the
//! geometry instead of placing every card again. Whatever the edit, the geometry the
//! document holds afterwards, and after undo and redo, must be exactly a fresh layout of
//! the map: the shortcut is only taken when it changes nothing.

use proptest::prelude::*;
use waterline::document::Document;
use waterline::io::parse_map;
use waterline::layout::{LayoutSettings, TimeScale, layout};
use waterline::model::{Annotation, AnnotationKind, EventKind, Map, Timestamp};
use waterline::ops::{Edit, Op};

/// A change to one card, by position in the map's lists (modulo their length).
#[derive(Clone, Debug)]
enum CardEdit {
    /// Type a few more characters at the end of the title (one keystroke or several).
    Type(String),
    /// Replace the title with another, long or short.
    Retitle(String),
    Kind(Option<usize>),
    Note(usize, String),
    DropNotes,
    Describe(String),
    Retime(Option<u32>),
    Move(f64),
    /// Move this card and the next few (a drag of several selected cards, one undo step).
    MoveSeveral(Vec<f64>),
    Lane(usize),
}

fn words() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{0,3}",
        "[a-zA-Z ,.]{0,40}",
        "([a-z]{2,12} ){5,30}",
        "[a-zA-Z0-9_/-]{20,70}",
    ]
}

fn card_edit() -> impl Strategy<Value = CardEdit> {
    prop_oneof![
        4 => "[a-z ]{1,3}".prop_map(CardEdit::Type),
        3 => words().prop_map(CardEdit::Retitle),
        2 => proptest::option::of(0usize..8).prop_map(CardEdit::Kind),
        2 => (0usize..5, words()).prop_map(|(kind, text)| CardEdit::Note(kind, text)),
        1 => Just(CardEdit::DropNotes),
        1 => words().prop_map(CardEdit::Describe),
        1 => proptest::option::of(0u32..600).prop_map(CardEdit::Retime),
        2 => (-10.0f64..120.0).prop_map(CardEdit::Move),
        2 => proptest::collection::vec(-10.0f64..120.0, 1..5).prop_map(CardEdit::MoveSeveral),
        1 => any::<usize>().prop_map(CardEdit::Lane),
    ]
}

fn the_op(map: &Map, card: usize, edit: &CardEdit) -> Option<Op> {
    if map.events.is_empty() {
        return None;
    }
    let mut event = map.events[card % map.events.len()].clone();
    match edit {
        CardEdit::Type(more) => event.title.push_str(more),
        CardEdit::Retitle(title) => event.title = title.clone(),
        CardEdit::Kind(kind) => {
            event.kind = kind.and_then(|k| EventKind::ALL.get(k).cloned());
        }
        CardEdit::Note(kind, text) => event.annotations.push(Annotation {
            kind: AnnotationKind::ALL[kind % AnnotationKind::ALL.len()].clone(),
            text: text.clone(),
            themes: Vec::new(),
            kept_words: Vec::new(),
            extra: Default::default(),
        }),
        CardEdit::DropNotes => event.annotations.clear(),
        CardEdit::Describe(text) => event.description = text.clone(),
        CardEdit::Retime(minute) => {
            event.time = minute.map(|m| {
                Timestamp::parse(&format!("2025-03-11T{:02}:{:02}:00+00:00", m / 60, m % 60))
                    .expect("a valid time")
            });
        }
        CardEdit::Move(pos) => event.pos = *pos,
        CardEdit::MoveSeveral(places) => {
            let moves = places.iter().enumerate().map(|(i, &pos)| {
                let mut event = map.events[(card + i) % map.events.len()].clone();
                event.pos = pos;
                Op::UpdateEvent(event)
            });
            return Some(Op::Batch(moves.collect()));
        }
        CardEdit::Lane(lane) => event.lane = map.lanes[lane % map.lanes.len()].id.clone(),
    }
    Some(Op::UpdateEvent(event))
}

fn maps() -> Vec<Map> {
    [
        waterline::samples::SMALL,
        waterline::samples::CHECKOUT_OUTAGE,
        waterline::samples::TOKYO_DNS,
        waterline::samples::GITLAB_2017,
    ]
    .iter()
    .map(|json| parse_map(json.as_bytes()).expect("a sample loads"))
    .chain([waterline::samples::synthetic(120, 5)])
    .collect()
}

fn settings(choice: usize, map: &Map) -> LayoutSettings {
    let mut settings = LayoutSettings {
        annotations_inline: choice % 2 == 1,
        time_scale: TimeScale::ALL[choice / 2 % 3],
        ..LayoutSettings::default()
    };
    if choice >= 6 && map.lanes.len() > 1 {
        settings.hidden_lanes = vec![map.lanes[choice % map.lanes.len()].id.clone()];
    }
    settings
}

fn assert_fresh(doc: &Document, what: &str) {
    let fresh = layout(doc.map(), doc.settings());
    assert!(
        doc.geometry() == &fresh,
        "after {what}, the geometry kept differs from a fresh layout"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, ..ProptestConfig::default() })]

    #[test]
    fn the_geometry_kept_after_an_edit_is_always_a_fresh_layout(
        which in 0usize..5,
        choice in 0usize..9,
        edits in proptest::collection::vec((any::<usize>(), card_edit()), 1..12),
    ) {
        let map = maps().swap_remove(which);
        let settings = settings(choice, &map);
        let mut doc = Document::with_settings(map, None, settings);
        for (card, edit) in &edits {
            let Some(op) = the_op(doc.map(), *card, edit) else { continue };
            if doc.apply(Edit::new("edit", op)).is_ok() {
                assert_fresh(&doc, &format!("{edit:?}"));
            }
        }
        while doc.undo().is_some() {
            assert_fresh(&doc, "undo");
        }
        while doc.redo().is_some() {
            assert_fresh(&doc, "redo");
        }
    }
}

/// The shortcut is taken where it matters: typing in a card's title on a large map does
/// not lay the map out again (the layout generation stays), and undo neither.
#[test]
fn typing_in_a_title_does_not_lay_the_map_out_again() {
    let mut doc = Document::new(waterline::samples::synthetic(2_000, 8), None);
    let generation = doc.layout_generation();
    let mut event = doc.map().events[700].clone();
    for ch in " and then".chars() {
        event.title.push(ch);
        doc.apply_continuing(
            Edit::new("Edit title", Op::UpdateEvent(event.clone())),
            "title",
        )
        .expect("the edit applies");
    }
    doc.seal();
    doc.undo().expect("undo");
    assert_eq!(doc.layout_generation(), generation);
    assert_fresh(&doc, "typing and undo");

    // Moving the card is a real change of layout.
    event.pos += 0.5;
    doc.apply(Edit::new("Move", Op::UpdateEvent(event)))
        .expect("the move applies");
    assert!(doc.layout_generation() > generation);
}
