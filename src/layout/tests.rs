use super::*;
use crate::model::{CardId, Event, EventId, Lane, LaneId, LaneKind, Link, LinkId, Map, Timestamp};
use egui::Rect;

fn map(events: &[(&str, &str, f64)]) -> Map {
    let mut map = Map::new("t");
    for lane in ["a", "b", "c"] {
        map.lanes
            .push(Lane::new(LaneId::from(lane), lane, LaneKind::Person));
    }
    for (id, lane, pos) in events {
        map.events.push(Event::new(
            EventId::from(*id),
            LaneId::from(*lane),
            *pos,
            *id,
        ));
    }
    map
}

fn top(geometry: &Geometry, id: &str) -> f32 {
    geometry.card(&EventId::from(id)).unwrap().rect.min.y
}

#[test]
fn lanes_are_columns_left_to_right_after_the_ruler() {
    let settings = LayoutSettings::default();
    let geometry = layout(&map(&[]), &settings);
    assert_eq!(geometry.lanes.len(), 3);
    assert!(geometry.lanes[0].header.min.x >= settings.ruler_width);
    for pair in geometry.lanes.windows(2) {
        assert!(
            pair[0].header.max.x < pair[1].header.min.x,
            "headers do not overlap"
        );
        assert_eq!(pair[1].column.min.x, pair[0].column.max.x, "columns touch");
    }
}

#[test]
fn a_lane_is_as_wide_as_its_content_needs() {
    let mut m = map(&[("short", "a", 1.0)]);
    let sentence = "Restores the staging copy of the database to production after the \
                    replication could not be restarted, which takes many hours";
    for i in 0..5 {
        let mut event = Event::new(
            EventId::from(format!("long{i}").as_str()),
            LaneId::from("b"),
            f64::from(i + 2),
            sentence,
        );
        event.title = format!("{sentence} ({i})");
        m.events.push(event);
    }
    let settings = LayoutSettings::default();
    let geometry = layout(&m, &settings);
    let width = |i: usize| geometry.lanes[i].header.width();
    assert!(
        width(0) < width(1),
        "a lane with one short card is narrower than a busy lane of sentences"
    );
    assert!(width(2) < settings.lane_width, "an empty lane is narrow");
    for card in &geometry.cards {
        let lane = &geometry.lanes[card.lane_index];
        assert_eq!(card.rect.width(), lane.card_width);
        assert!(lane.header.min.x <= card.rect.min.x && card.rect.max.x <= lane.header.max.x);
    }
    // Busy lanes keep their cards' heights: narrowing them would push later cards down.
    let busy = geometry.card(&EventId::from("long0")).unwrap();
    assert_eq!(
        busy.rect.height(),
        settings.card_height + extra_title_height(sentence, settings.card_width)
    );
    // The pointer finds the lane under it whatever the widths.
    for (i, lane) in geometry.lanes.iter().enumerate() {
        assert_eq!(geometry.lane_at_x(lane.lifeline_x), Some(i));
        assert_eq!(geometry.lane_at_x(lane.column.max.x - 0.5), Some(i));
    }
}

#[test]
fn a_long_lane_name_widens_its_lane() {
    let mut m = map(&[]);
    m.lanes[0].name = "outside PostgreSQL experts".into();
    let geometry = layout(&m, &LayoutSettings::default());
    assert!(geometry.lanes[0].header.width() > geometry.lanes[1].header.width());
}

#[test]
fn cards_sit_on_their_lifeline_and_follow_pos_downwards() {
    let geometry = layout(
        &map(&[("e1", "a", 1.0), ("e2", "b", 2.0), ("e3", "c", 3.0)]),
        &LayoutSettings::default(),
    );
    for card in &geometry.cards {
        assert_eq!(
            card.rect.center().x,
            geometry.lanes[card.lane_index].lifeline_x
        );
    }
    assert!(top(&geometry, "e1") < top(&geometry, "e2"));
    assert!(top(&geometry, "e2") < top(&geometry, "e3"));
    assert!(
        top(&geometry, "e1") > geometry.lifeline_top,
        "cards start below the headers"
    );
}

#[test]
fn equal_pos_in_different_lanes_line_up() {
    let geometry = layout(
        &map(&[("e1", "a", 1.0), ("e2", "b", 1.0)]),
        &LayoutSettings::default(),
    );
    assert_eq!(top(&geometry, "e1"), top(&geometry, "e2"));
}

#[test]
fn crowded_cards_in_one_lane_never_overlap_and_keep_global_order() {
    let m = map(&[
        ("e1", "a", 1.0),
        ("e2", "a", 1.1),
        ("e3", "a", 1.2),
        ("e4", "b", 1.15),
    ]);
    let geometry = layout(&m, &LayoutSettings::default());
    let a: Vec<_> = ["e1", "e2", "e3"]
        .iter()
        .map(|id| geometry.card(&EventId::from(*id)).unwrap().rect)
        .collect();
    assert!(a[0].max.y < a[1].min.y && a[1].max.y < a[2].min.y);
    // e4 comes between e2 and e3 in the sequence, so it may not be drawn above e2.
    assert!(top(&geometry, "e4") >= top(&geometry, "e2"));
    assert!(top(&geometry, "e4") <= top(&geometry, "e3"));
}

#[test]
fn cards_are_sorted_by_top_for_culling() {
    let m = map(&[("e3", "c", 5.0), ("e1", "a", 1.0), ("e2", "b", 3.0)]);
    let geometry = layout(&m, &LayoutSettings::default());
    assert!(
        geometry
            .cards
            .windows(2)
            .all(|w| w[0].rect.min.y <= w[1].rect.min.y)
    );
    let visible = geometry.cards_between(top(&geometry, "e2") - 1.0, top(&geometry, "e2") + 1.0);
    assert_eq!(visible.len(), 1);
    assert_eq!(visible[0].event(), Some(&EventId::from("e2")));
}

fn link(m: &mut Map, id: &str, from: &str, to: &str, label: &str) {
    let mut link = Link::new(LinkId::from(id), EventId::from(from), EventId::from(to));
    link.label = label.into();
    m.links.push(link);
}

fn rect(geometry: &Geometry, id: &str) -> Rect {
    geometry.card(&EventId::from(id)).unwrap().rect
}

fn link_geom<'g>(geometry: &'g Geometry, id: &str) -> &'g LinkGeom {
    geometry.links.iter().find(|l| &*l.link.0 == id).unwrap()
}

/// Whether two rectangles share area (touching edges do not count).
fn overlap(a: Rect, b: Rect) -> bool {
    let shared = a.intersect(b);
    shared.width() > 0.01 && shared.height() > 0.01
}

#[test]
fn links_run_between_facing_card_edges() {
    let mut m = map(&[("e1", "a", 1.0), ("e2", "c", 2.0), ("e3", "a", 3.0)]);
    link(&mut m, "k1", "e2", "e1", "");
    link(&mut m, "k2", "e1", "e3", "");
    let geometry = layout(&m, &LayoutSettings::default());
    let back = link_geom(&geometry, "k1");
    let (e1, e2) = (rect(&geometry, "e1"), rect(&geometry, "e2"));
    // From the left side of the later card up to the right side of the earlier one.
    assert_eq!(back.from().x, e2.min.x);
    assert!(e2.y_range().contains(back.from().y));
    assert_eq!(back.to(), e1.right_center());
    assert_eq!(back.head_dir(), egui::vec2(-1.0, 0.0));
    assert_eq!(back.lower_card_top, e2.min.y);
    assert_eq!(link_geom(&geometry, "k2").route, LinkRoute::Loop);
}

#[test]
fn cards_side_by_side_are_joined_by_one_level_line() {
    let mut m = map(&[("e1", "a", 1.0), ("e2", "c", 1.0)]);
    link(&mut m, "k1", "e1", "e2", "");
    let geometry = layout(&m, &LayoutSettings::default());
    let k1 = link_geom(&geometry, "k1");
    assert_eq!(k1.route, LinkRoute::Across);
    assert_eq!(
        k1.points,
        vec![
            rect(&geometry, "e1").right_center(),
            rect(&geometry, "e2").left_center()
        ]
    );
}

#[test]
fn cards_far_apart_in_time_are_joined_by_an_elbow_beside_the_senders_cards() {
    // Lane a holds a card in every row between the two ends of the link.
    let mut m = map(&[
        ("e1", "a", 1.0),
        ("e2", "a", 2.0),
        ("e3", "a", 3.0),
        ("e4", "a", 4.0),
        ("e5", "c", 5.0),
        ("e6", "b", 5.0),
    ]);
    link(&mut m, "k1", "e1", "e5", "");
    let geometry = layout(&m, &LayoutSettings::default());
    let k1 = link_geom(&geometry, "k1");
    let (e1, e5) = (rect(&geometry, "e1"), rect(&geometry, "e5"));
    assert_eq!(k1.route, LinkRoute::Elbow);
    // Out of the sender's side, down, then level into the receiver's facing side.
    assert_eq!(k1.points.len(), 4);
    assert_eq!(k1.from().x, e1.max.x);
    assert_eq!(k1.to(), e5.left_center());
    let (down_from, down_to) = (k1.points[1], k1.points[2]);
    assert_eq!(down_from.x, down_to.x);
    assert_eq!(down_to.y, e5.center().y);
    // The upright piece runs in the room between lane a's cards and its column's edge.
    let column = geometry.lanes[0].column;
    assert!(down_from.x > e1.max.x && down_from.x < column.max.x);
    for card in geometry.cards.iter().filter(|c| c.lane_index == 0) {
        for piece in k1.points.windows(2) {
            let line = Rect::from_two_pos(piece[0], piece[1]).expand(0.5);
            assert!(!overlap(card.rect.shrink(1.0), line), "{:?}", card.item);
        }
    }
    assert!(k1.points.iter().all(|&p| k1.bounds.contains(p)));
    assert_eq!(k1.lower_card_top, e5.min.y);
}

#[test]
fn elbows_from_one_lane_that_would_overlap_run_apart() {
    let mut m = map(&[
        ("e1", "a", 1.0),
        ("e2", "a", 2.0),
        ("e3", "b", 3.0),
        ("e4", "c", 4.0),
    ]);
    link(&mut m, "k1", "e1", "e4", "");
    link(&mut m, "k2", "e2", "e3", "");
    let geometry = layout(&m, &LayoutSettings::default());
    let (k1, k2) = (link_geom(&geometry, "k1"), link_geom(&geometry, "k2"));
    assert_eq!((k1.route, k2.route), (LinkRoute::Elbow, LinkRoute::Elbow));
    assert_ne!(k1.points[1].x, k2.points[1].x);
    let column = geometry.lanes[0].column;
    let cards = rect(&geometry, "e1").max.x;
    for x in [k1.points[1].x, k2.points[1].x] {
        assert!(x > cards && x < column.max.x);
    }
}

#[test]
fn a_label_slides_along_its_line_off_a_card_in_between() {
    // The line from a to c passes behind lane b's card, where its middle is.
    let mut m = map(&[("e1", "a", 1.0), ("e2", "b", 1.0), ("e3", "c", 1.0)]);
    link(&mut m, "k1", "e1", "e3", "page");
    let geometry = layout(&m, &LayoutSettings::default());
    let k1 = link_geom(&geometry, "k1");
    assert_eq!(k1.route, LinkRoute::Across);
    let label = Rect::from_center_size(k1.label_at, label_size("page"));
    assert_eq!(k1.label_at.y, k1.from().y, "on its line");
    for card in &geometry.cards {
        assert!(!overlap(card.rect, label), "{:?}", card.item);
    }
    assert!(k1.bounds.contains_rect(label));
}

#[test]
fn a_label_wider_than_the_gap_between_cards_side_by_side_sits_clear_of_them_near_the_line() {
    let label_text = "asks whether the replica is behind";
    let mut m = map(&[("e1", "a", 1.0), ("e2", "b", 1.0)]);
    link(&mut m, "k1", "e1", "e2", label_text);
    let geometry = layout(&m, &LayoutSettings::default());
    let k1 = link_geom(&geometry, "k1");
    let label = Rect::from_center_size(k1.label_at, label_size(label_text));
    assert_eq!(
        k1.label_at.x,
        k1.from().lerp(k1.to(), 0.5).x,
        "over the line's middle"
    );
    assert!((k1.label_at.y - k1.from().y).abs() <= 48.0, "near it");
    for card in &geometry.cards {
        assert!(!overlap(card.rect, label), "{:?}", card.item);
    }
}

#[test]
fn a_message_runs_level_to_the_lifeline_and_shows_with_its_sender() {
    let mut m = map(&[("e1", "a", 1.0), ("e2", "b", 3.0)]);
    m.links.push(Link::message(
        LinkId::from("k1"),
        EventId::from("e1"),
        LaneId::from("c"),
    ));
    let geometry = layout(&m, &LayoutSettings::default());
    let k1 = link_geom(&geometry, "k1");
    let e1 = rect(&geometry, "e1");
    assert_eq!(k1.route, LinkRoute::Message);
    assert_eq!(
        k1.points,
        vec![
            e1.right_center(),
            egui::pos2(geometry.lanes[2].lifeline_x, e1.center().y)
        ]
    );
    assert_eq!(k1.lower_card_top, e1.min.y);
}

#[test]
fn a_label_is_sized_for_its_text_and_capped() {
    let short = label_size("page");
    let long = label_size(&"status update ".repeat(10));
    let wide = label_size("障害対応");
    assert!(short.x < long.x && long.x <= 128.0);
    assert!(wide.x > label_size("abcd").x, "wide glyphs count double");
}

#[test]
fn events_on_missing_lanes_are_skipped_not_fatal() {
    let mut m = map(&[("e1", "a", 1.0)]);
    m.events.push(Event::new(
        EventId::from("e2"),
        LaneId::from("ghost"),
        2.0,
        "x",
    ));
    let geometry = layout(&m, &LayoutSettings::default());
    assert_eq!(geometry.cards.len(), 1);
}

#[test]
fn ruler_ticks_show_times_without_overlapping() {
    let mut m = map(&[("e1", "a", 1.0), ("e2", "b", 1.0), ("e3", "c", 2.0)]);
    for event in &mut m.events {
        event.time = Some(Timestamp::parse("2025-03-11T14:02:00+00:00").unwrap());
    }
    let geometry = layout(&m, &LayoutSettings::default());
    assert_eq!(
        geometry.ruler.len(),
        2,
        "two cards level with each other share one tick"
    );
}

#[test]
fn pos_at_y_lands_between_neighbours_and_snaps_to_rows() {
    let settings = LayoutSettings::default();
    let m = map(&[("e1", "a", 1.0), ("e2", "b", 2.0), ("e3", "c", 4.0)]);
    let geometry = layout(&m, &settings);
    let between = (top(&geometry, "e1") + top(&geometry, "e2")) / 2.0;
    let pos = pos_at_y(&geometry, &m, &settings, between, &[]);
    assert!(pos > 1.0 && pos < 2.0, "{pos}");
    let snapped = pos_at_y(&geometry, &m, &settings, top(&geometry, "e3") + 3.0, &[]);
    assert_eq!(snapped, 4.0);
    let below = pos_at_y(
        &geometry,
        &m,
        &settings,
        top(&geometry, "e3") + settings.row_height * 2.0,
        &[],
    );
    assert_eq!(below, 6.0);
    let above = pos_at_y(
        &geometry,
        &m,
        &settings,
        top(&geometry, "e1") - settings.row_height,
        &[],
    );
    assert_eq!(above, 0.0);
}

#[test]
fn pos_at_y_ignores_the_cards_being_moved() {
    let settings = LayoutSettings::default();
    let m = map(&[("e1", "a", 1.0), ("e2", "b", 2.0)]);
    let geometry = layout(&m, &settings);
    let pos = pos_at_y(
        &geometry,
        &m,
        &settings,
        top(&geometry, "e2"),
        &[CardId::Event(EventId::from("e2"))],
    );
    assert_eq!(
        pos, 2.0,
        "without e2 as an anchor, its old place extrapolates from e1"
    );
}

#[test]
fn lane_at_x_clamps_to_the_outer_lanes() {
    let geometry = layout(&map(&[]), &LayoutSettings::default());
    assert_eq!(geometry.lane_at_x(-100.0), Some(0));
    assert_eq!(geometry.lane_at_x(geometry.lanes[1].lifeline_x), Some(1));
    assert_eq!(geometry.lane_at_x(1e6), Some(2));
}

#[test]
fn clock_times_show_in_the_zone_most_times_were_recorded_in() {
    let mut m = map(&[("e1", "a", 1.0), ("e2", "b", 2.0), ("e3", "c", 3.0)]);
    m.events[0].time = Some(Timestamp::parse("2025-03-11T14:00:00+00:00").unwrap());
    m.events[1].time = Some(Timestamp::parse("2025-03-11T09:05:00-05:00").unwrap());
    m.events[2].time = Some(Timestamp::parse("2025-03-11T14:10:00+00:00").unwrap());
    let geometry = layout(&m, &LayoutSettings::default());
    let labels: Vec<_> = geometry
        .ruler
        .iter()
        .map(|t| t.time.clock_label_in(geometry.display_zone))
        .collect();
    assert_eq!(
        labels,
        ["14:00", "14:05", "14:10"],
        "the -05:00 time reads in order"
    );
}

fn timed(events: &[(&str, &str, f64, &str)]) -> Map {
    let mut m = map(&events
        .iter()
        .map(|(id, lane, pos, _)| (*id, *lane, *pos))
        .collect::<Vec<_>>());
    for (event, (_, _, _, time)) in m.events.iter_mut().zip(events) {
        event.time = Some(Timestamp::parse(time).unwrap());
    }
    m
}

fn settings_with(scale: TimeScale) -> LayoutSettings {
    LayoutSettings {
        time_scale: scale,
        ..LayoutSettings::default()
    }
}

/// Every 2 minutes, then a 30-minute silence, then 2 minutes again.
fn with_a_long_silence() -> Map {
    timed(&[
        ("e1", "a", 1.0, "2025-03-11T14:00:00Z"),
        ("e2", "b", 2.0, "2025-03-11T14:02:00Z"),
        ("e3", "c", 3.0, "2025-03-11T14:04:00Z"),
        ("e4", "a", 4.0, "2025-03-11T14:34:00Z"),
        ("e5", "b", 5.0, "2025-03-11T14:36:00Z"),
    ])
}

#[test]
fn time_mode_spaces_cards_by_the_clock() {
    let geometry = layout(&with_a_long_silence(), &settings_with(TimeScale::Time));
    let step = top(&geometry, "e2") - top(&geometry, "e1");
    let silence = top(&geometry, "e4") - top(&geometry, "e3");
    assert!(
        (silence / step - 15.0).abs() < 0.5,
        "30 minutes is fifteen 2-minute steps: {silence} vs {step}"
    );
}

#[test]
fn compressed_time_shortens_a_gap_to_a_marked_break() {
    let m = with_a_long_silence();
    let time = layout(&m, &settings_with(TimeScale::Time));
    let settings = settings_with(TimeScale::Compressed);
    let compressed = layout(&m, &settings);
    let silence = top(&compressed, "e4") - top(&compressed, "e3");
    assert!(silence < (top(&time, "e4") - top(&time, "e3")) / 4.0);
    assert!(silence >= settings.gap_band, "still room for the band");
    let step = top(&compressed, "e2") - top(&compressed, "e1");
    assert_eq!(
        step,
        top(&time, "e2") - top(&time, "e1"),
        "outside gaps the clock scale is kept"
    );
    let band = &compressed.gap_bands[0];
    assert!(band.compressed);
    let e3 = compressed.card(&EventId::from("e3")).unwrap().rect;
    let e4 = compressed.card(&EventId::from("e4")).unwrap().rect;
    assert!(band.rect.min.y >= e3.max.y && band.rect.max.y <= e4.min.y);
}

#[test]
fn an_ordinal_map_still_makes_room_for_its_gap_band() {
    let settings = LayoutSettings::default();
    let geometry = layout(&with_a_long_silence(), &settings);
    let band = &geometry.gap_bands[0];
    assert!(!band.compressed);
    assert!(band.rect.height() >= settings.gap_band);
    for card in &geometry.cards {
        assert!(
            !card.rect.intersects(band.rect),
            "{:?} sits on the band",
            card.item
        );
    }
    let label = crate::timeline::duration_label(geometry.gap_scan.gaps[band.gap].secs());
    assert_eq!(label, "30 min");
}

#[test]
fn untimed_cards_sit_between_their_neighbours_in_time_mode() {
    let mut m = with_a_long_silence();
    m.events.push(Event::new(
        EventId::from("u"),
        LaneId::from("c"),
        4.5,
        "untimed",
    ));
    let geometry = layout(&m, &settings_with(TimeScale::Time));
    let u = top(&geometry, "u");
    assert!(u > top(&geometry, "e4") && u < top(&geometry, "e5") + 1.0);
}

#[test]
fn ghost_cards_are_placed_like_cards_and_hidden_on_request() {
    use crate::model::{Branch, BranchId};
    let mut m = map(&[("e1", "a", 1.0), ("e2", "b", 2.0)]);
    m.branches.push(Branch::new(
        BranchId::from("b1"),
        CardId::Event(EventId::from("e1")),
        LaneId::from("b"),
        1.0,
        "roll back",
    ));
    m.branches.push(Branch::new(
        BranchId::from("b2"),
        CardId::Branch(BranchId::from("b1")),
        LaneId::from("b"),
        1.5,
        "then freeze",
    ));
    let geometry = layout(&m, &LayoutSettings::default());
    let b1 = geometry.ghost(&BranchId::from("b1")).unwrap().rect;
    let b2 = geometry.ghost(&BranchId::from("b2")).unwrap().rect;
    let e2 = geometry.card(&EventId::from("e2")).unwrap().rect;
    assert_eq!(b1.min.y, top(&geometry, "e1"), "level with its event");
    assert!(
        !b1.intersects(b2) && !b2.intersects(e2),
        "no overlaps in the lane"
    );
    assert_eq!(geometry.branch_curves.len(), 2);
    let across = &geometry.branch_curves[0];
    assert_eq!(
        across.points[0],
        geometry
            .card(&EventId::from("e1"))
            .unwrap()
            .rect
            .right_center()
    );
    assert_eq!(across.points[3], b1.left_center());

    let hidden = layout(
        &m,
        &LayoutSettings {
            show_branches: false,
            ..LayoutSettings::default()
        },
    );
    assert!(hidden.ghost(&BranchId::from("b1")).is_none());
    assert!(hidden.branch_curves.is_empty());
    assert_eq!(hidden.cards.len(), 2);
}

#[test]
fn inline_annotations_make_a_card_taller_and_push_the_next_one_down() {
    use crate::model::{Annotation, AnnotationKind};
    let mut m = map(&[("e1", "a", 1.0), ("e2", "a", 1.5)]);
    m.events[0]
        .annotations
        .push(Annotation::new(AnnotationKind::Thinking, "the deploy?"));
    m.events[0]
        .annotations
        .push(Annotation::new(AnnotationKind::Feeling, "calm"));
    let settings = LayoutSettings {
        annotations_inline: true,
        ..LayoutSettings::default()
    };
    let geometry = layout(&m, &settings);
    let e1 = geometry.card(&EventId::from("e1")).unwrap().rect;
    assert!(e1.height() >= settings.card_height + 2.0 * settings.annotation_line);
    assert!(top(&geometry, "e2") >= e1.max.y + settings.card_gap);
}

#[test]
fn times_can_be_shown_in_utc() {
    let mut m = map(&[("e1", "a", 1.0)]);
    m.events[0].time = Some(Timestamp::parse("2025-03-11T09:05:00-05:00").unwrap());
    let settings = LayoutSettings {
        zone: ZoneChoice::Utc,
        ..LayoutSettings::default()
    };
    let geometry = layout(&m, &settings);
    assert_eq!(
        geometry.ruler[0].time.clock_label_in(geometry.display_zone),
        "14:05"
    );
    let local = layout(&m, &LayoutSettings::default());
    assert_eq!(
        local.ruler[0].time.clock_label_in(local.display_zone),
        "09:05"
    );
}

#[test]
fn a_map_of_several_days_marks_the_first_card_and_tick_of_each_day() {
    let mut map = Map::new("days");
    map.lanes.push(Lane::new("a".into(), "A", LaneKind::Person));
    for (i, time) in [
        "2021-10-27T14:00:00Z",
        "2021-10-27T23:50:00Z",
        "2021-10-28T00:36:00Z",
        "2021-10-28T13:37:00Z",
    ]
    .iter()
    .enumerate()
    {
        let mut event = Event::new(EventId::new(format!("e{i}")), "a".into(), i as f64, "x");
        event.time = Some(Timestamp::parse(time).unwrap());
        map.events.push(event);
    }
    let geometry = layout(&map, &LayoutSettings::default());
    assert!(geometry.clock.spans_days());
    let starts: Vec<usize> = geometry
        .cards
        .iter()
        .filter(|c| c.starts_day)
        .map(|c| c.index)
        .collect();
    assert_eq!(starts, [0, 2], "the first card of each day");
    let day_ticks: Vec<String> = geometry
        .ruler
        .iter()
        .filter(|t| t.starts_day)
        .map(|t| geometry.clock.moment(t.time))
        .collect();
    assert_eq!(day_ticks, ["Wed 27 Oct 14:00", "Thu 28 Oct 00:36"]);

    // Within one day nothing is marked.
    map.events.truncate(2);
    let geometry = layout(&map, &LayoutSettings::default());
    assert!(!geometry.cards.iter().any(|c| c.starts_day));
}
