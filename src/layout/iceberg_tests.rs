//! The iceberg's layout, tested like math: levels by the sign of depth, no overlaps, the
//! shelf, and what each theme gathers.

use super::*;
use crate::model::{Annotation, Branch, Event, GapNotes, Lane, LaneKind, Theme};

fn theme(map: &mut Map, name: &str, depth: Option<f64>) -> ThemeId {
    let id = map.next_theme_id();
    let mut theme = Theme::new(id.clone(), name);
    theme.depth = depth;
    map.themes.push(theme);
    id
}

fn overlaps(a: &Rect, b: &Rect) -> bool {
    a.intersects(*b) && a.intersect(*b).area() > 0.0
}

fn assert_no_overlaps(berg: &Iceberg) {
    for (i, a) in berg.boxes.iter().enumerate() {
        for b in &berg.boxes[i + 1..] {
            assert!(
                !overlaps(&a.rect, &b.rect),
                "{:?} overlaps {:?}",
                a.id,
                b.id
            );
        }
        for text in &berg.texts {
            assert!(
                !overlaps(&a.rect, &text.rect),
                "{:?} covers {:?}",
                a.id,
                text.text
            );
        }
        assert!(a.rect.max.x <= berg.size.x && a.rect.max.y <= berg.size.y);
        assert!(a.rect.min.x >= 0.0 && a.rect.min.y >= 0.0);
    }
}

#[test]
fn themes_sit_above_or_below_the_waterline_by_the_sign_of_their_depth() {
    let mut map = Map::new("m");
    let tip = theme(&mut map, "alerts nobody trusted", Some(-0.9));
    let shallow = theme(&mut map, "the deploy tool hides its state", Some(-0.1));
    let deep = theme(&mut map, "late is worse than broken", Some(0.8));
    let just_below = theme(&mut map, "one person knows the database", Some(0.05));
    let berg = iceberg(&map);
    let rect = |id| berg.box_of(id).unwrap().rect;
    assert!(rect(&tip).max.y < berg.waterline_y);
    assert!(rect(&shallow).max.y < berg.waterline_y);
    assert!(rect(&deep).min.y > berg.waterline_y);
    assert!(rect(&just_below).min.y > berg.waterline_y);
    // Deeper is lower.
    assert!(rect(&tip).center().y < rect(&shallow).center().y);
    assert!(rect(&just_below).center().y < rect(&deep).center().y);
    assert!(berg.boxes.iter().all(|b| b.placed));
    assert_no_overlaps(&berg);
}

#[test]
fn many_themes_at_one_depth_spread_out_without_overlapping_or_crossing_the_waterline() {
    let mut map = Map::new("m");
    for i in 0..30 {
        theme(
            &mut map,
            &format!("theme number {i} with a rather long name to wrap"),
            Some(0.3),
        );
    }
    for i in 0..12 {
        theme(&mut map, &format!("above {i}"), Some(-0.02));
    }
    let berg = iceberg(&map);
    assert_no_overlaps(&berg);
    let (below, above): (Vec<_>, Vec<_>) = berg.boxes.iter().partition(|b| b.theme < 30);
    assert!(below.iter().all(|b| b.rect.min.y > berg.waterline_y));
    assert!(above.iter().all(|b| b.rect.max.y < berg.waterline_y));
    // Spread side by side, not only stacked.
    let columns: std::collections::BTreeSet<i32> =
        below.iter().map(|b| b.rect.min.x as i32).collect();
    assert!(columns.len() > 1);
    assert!(berg.boxes.iter().all(|b| berg.berg.contains_rect(b.rect)));
}

#[test]
fn unplaced_themes_wait_on_the_shelf_beside_the_iceberg() {
    let mut map = Map::new("m");
    let placed = theme(&mut map, "placed", Some(0.5));
    let waiting = theme(&mut map, "waiting", None);
    let also = theme(&mut map, "also waiting", None);
    let berg = iceberg(&map);
    let shelf = |id| berg.box_of(id).unwrap();
    assert!(!shelf(&waiting).placed && !shelf(&also).placed);
    assert!(berg.shelf.contains_rect(shelf(&waiting).rect));
    assert!(berg.shelf.contains_rect(shelf(&also).rect));
    assert!(!berg.shelf.intersects(berg.berg));
    assert!(berg.berg.contains_rect(shelf(&placed).rect));
    assert!(berg.texts.iter().any(|t| t.text == SHELF_LABEL));
    assert_no_overlaps(&berg);
}

#[test]
fn a_long_name_makes_a_taller_box() {
    let mut map = Map::new("m");
    let short = theme(&mut map, "short", Some(0.5));
    let long = theme(
        &mut map,
        "console has autocomplete and the admin tool does not, so people type by hand",
        Some(0.5),
    );
    let berg = iceberg(&map);
    let (short, long) = (berg.box_of(&short).unwrap(), berg.box_of(&long).unwrap());
    assert_eq!(short.name_rows, 1);
    assert!(long.name_rows > 1 && long.rect.height() > short.rect.height());
    assert_no_overlaps(&berg);
}

#[test]
fn depth_and_height_convert_both_ways() {
    let mut map = Map::new("m");
    theme(&mut map, "t", Some(0.2));
    let berg = iceberg(&map);
    for depth in [-1.0, -0.5, 0.0, 0.25, 1.0] {
        assert!(
            (berg.depth_at(berg.y_of(depth)) - depth).abs() < 0.011,
            "{depth}"
        );
    }
    assert_eq!(berg.depth_at(-1e6), -1.0);
    assert_eq!(berg.depth_at(1e6), 1.0);
    assert!(berg.depth_at(berg.waterline_y + 10.0) > 0.0);
}

#[test]
fn a_theme_gathers_its_moments_in_story_order_with_their_lanes() {
    let mut map = Map::new("m");
    let t = theme(&mut map, "trusts the dashboard", Some(-0.5));
    let other = theme(&mut map, "other", None);
    map.lanes
        .push(Lane::new("ops".into(), "Ops", LaneKind::Team));
    map.lanes
        .push(Lane::new("db".into(), "Database", LaneKind::System));
    let mut late = Event::new("e1".into(), "ops".into(), 5.0, "Late event");
    late.themes = vec![t.clone()];
    late.time = Some(Timestamp::parse("2024-01-01T10:30:00Z").unwrap());
    let mut early = Event::new("e2".into(), "db".into(), 1.0, "Early event");
    early.time = Some(Timestamp::parse("2024-01-01T10:00:00Z").unwrap());
    let mut note = Annotation::new(AnnotationKind::Thinking, "it must be the cache");
    note.themes = vec![t.clone(), t.clone()];
    early.annotations.push(note);
    map.events.push(late);
    map.events.push(early);
    let mut branch = Branch::new(
        "b1".into(),
        CardId::Event("e2".into()),
        "db".into(),
        2.0,
        "fail over",
    );
    branch.themes = vec![t.clone()];
    map.branches.push(branch);
    let mut gap = GapNotes::new(
        Timestamp::parse("2024-01-01T10:00:00Z").unwrap(),
        Timestamp::parse("2024-01-01T10:30:00Z").unwrap(),
        None,
    );
    let mut gap_note = Annotation::new(AnnotationKind::Note, "people were at lunch");
    gap_note.themes = vec![t.clone()];
    gap.notes.push(gap_note);
    map.gaps.push(gap);

    let berg = iceberg(&map);
    let facts = &berg.facts[0];
    let lines: Vec<String> = facts.moments.iter().map(Moment::line).collect();
    assert_eq!(
        lines,
        [
            "Thinking: it must be the cache",
            "Gap note: people were at lunch",
            "Path not taken: fail over",
            "Late event",
        ]
    );
    assert_eq!(facts.lanes, [LaneId::from("ops"), LaneId::from("db")]);
    assert_eq!(lane_names(&map, &facts.lanes), "Ops, Database");
    assert_eq!(
        facts.moments[0].card,
        Some(CardId::Event("e2".into())),
        "an annotation shows its event"
    );
    assert!(berg.facts[1].moments.is_empty());
    let other_box = berg.box_of(&other).unwrap();
    assert_eq!(other_box.lane_rows, 0);
    assert_eq!(moments_label(1), "1 moment");
    assert_eq!(moments_label(4), "4 moments");
}

#[test]
fn rows_wrap_between_words_and_break_long_words() {
    assert_eq!(rows("short", 200.0, 14.0), 1);
    assert_eq!(rows("", 200.0, 14.0), 1);
    assert!(rows(&"word ".repeat(40), 200.0, 14.0) > 3);
    assert!(rows(&"x".repeat(100), 200.0, 14.0) > 2);
}

#[test]
fn a_long_shelf_wraps_into_columns_instead_of_running_below_the_iceberg() {
    let mut map = Map::new("m");
    theme(&mut map, "placed", Some(0.5));
    for i in 0..40 {
        theme(
            &mut map,
            &format!("waiting theme {i} with a name of several words"),
            None,
        );
    }
    let berg = iceberg(&map);
    assert_no_overlaps(&berg);
    let shelved: Vec<_> = berg.boxes.iter().filter(|b| !b.placed).collect();
    assert_eq!(shelved.len(), 40);
    assert!(shelved.iter().all(|b| berg.shelf.contains_rect(b.rect)));
    let columns: std::collections::BTreeSet<i32> =
        shelved.iter().map(|b| b.rect.min.x as i32).collect();
    assert!(columns.len() > 1);
    assert!(shelved.iter().all(|b| b.rect.max.y <= berg.berg.max.y));
}
