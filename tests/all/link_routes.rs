//! Links read on real incident maps (the samples and the public reviews in
//! `tests/timelines`): arrows between lanes run level or upright, never slicing diagonally
//! across the map; none runs over a card of its own lane; each ends on a side of its card,
//! pointing in; and no label sits on a card. Checked in every time scale, on the maps as
//! they are, then with far more labels than they have (every link labelled, and every
//! message turned into a link to the receiving lane's next card: links far apart in time).

use waterline::import::import_timeline;
use waterline::io::parse_map;
use waterline::layout::{Geometry, LayoutSettings, LinkRoute, TimeScale, label_size, layout};
use waterline::model::{Link, LinkEnd, Map};

const SAMPLES: &[(&str, &[u8])] = &[
    (
        "gitlab-2017-database-outage",
        include_bytes!("../../sample_maps/gitlab-2017-database-outage.json"),
    ),
    (
        "checkout-outage",
        include_bytes!("../../sample_maps/checkout-outage.json"),
    ),
    (
        "tokyo-dns",
        include_bytes!("../../sample_maps/tokyo-dns.json"),
    ),
    ("small", include_bytes!("../../sample_maps/small.json")),
];

const TIMELINES: &[(&str, &[u8])] = &[
    (
        "gitlab-2017-database-outage.csv",
        include_bytes!("../timelines/gitlab-2017-database-outage.csv"),
    ),
    (
        "github-2018-october-21-incident.csv",
        include_bytes!("../timelines/github-2018-october-21-incident.csv"),
    ),
    (
        "roblox-2021-consul-outage.csv",
        include_bytes!("../timelines/roblox-2021-consul-outage.csv"),
    ),
    (
        "atlassian-2022-site-deletion-outage.csv",
        include_bytes!("../timelines/atlassian-2022-site-deletion-outage.csv"),
    ),
    (
        "spreadsheet-export.csv",
        include_bytes!("../timelines/spreadsheet-export.csv"),
    ),
    (
        "overnight.csv",
        include_bytes!("../timelines/overnight.csv"),
    ),
    (
        "peers-n1000-l8.csv",
        include_bytes!("../timelines/peers-n1000-l8.csv"),
    ),
];

fn real_maps() -> Vec<(String, Map)> {
    let mut maps: Vec<(String, Map)> = SAMPLES
        .iter()
        .map(|(name, bytes)| (name.to_string(), parse_map(bytes).unwrap()))
        .collect();
    maps.extend(TIMELINES.iter().map(|(name, bytes)| {
        (
            format!("imported {name}"),
            import_timeline(bytes, name).unwrap().map,
        )
    }));
    maps
}

/// The map with every link labelled, long enough to need room.
fn all_labelled(map: &Map) -> Map {
    let mut map = map.clone();
    for link in &mut map.links {
        if link.label.is_empty() {
            link.label = "status update".into();
        }
    }
    map
}

/// The map with each message sent on to the first card of its lane after the sender (in
/// the map's order), as a labelled link: links between cards far apart in time.
fn messages_as_links(map: &Map) -> Map {
    let mut map = map.clone();
    let index: std::collections::HashMap<_, _> = map
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.clone(), i))
        .collect();
    let links = std::mem::take(&mut map.links);
    map.links = links
        .into_iter()
        .map(|link| {
            let LinkEnd::Lane(lane) = &link.to else {
                return link;
            };
            let after = index.get(&link.from).copied().unwrap_or(0);
            match map.events[after..].iter().find(|e| &e.lane == lane) {
                Some(to) => {
                    let mut linked = Link::new(link.id.clone(), link.from.clone(), to.id.clone());
                    linked.label = "asks for help".into();
                    linked
                }
                None => link,
            }
        })
        .collect();
    map
}

/// Whether two rectangles share area (touching edges do not count).
fn overlap(a: egui::Rect, b: egui::Rect) -> bool {
    let shared = a.intersect(b);
    shared.width() > 0.01 && shared.height() > 0.01
}

/// What a reader would see wrong in the map's links, in words: labels under cards apart
/// from the rest, which no map may have.
#[derive(Default)]
struct Problems {
    labels_on_cards: Vec<String>,
    routes: Vec<String>,
    labelled: usize,
}

fn look_at(name: &str, map: &Map, geometry: &Geometry, found: &mut Problems) {
    for link_geom in &geometry.links {
        let link = map.link(&link_geom.link).unwrap();
        let from = geometry.card(&link.from).unwrap();
        let what = format!("{name}: link {} ({:?})", link.id.0, link_geom.route);
        if !link.label.is_empty() {
            found.labelled += 1;
            let label = egui::Rect::from_center_size(link_geom.label_at, label_size(&link.label));
            let near = geometry.cards_between(label.min.y, label.max.y);
            if let Some(card) = near.iter().find(|card| overlap(card.rect, label)) {
                let problem = format!("{what}: label {label:?} on card {:?}", card.item);
                found.labels_on_cards.push(problem);
            }
            if !link_geom.bounds.contains_rect(label) {
                found
                    .routes
                    .push(format!("{what}: label outside its bounds"));
            }
        }
        if link_geom.route == LinkRoute::Loop {
            continue;
        }
        for piece in link_geom.points.windows(2) {
            let (a, b) = (piece[0], piece[1]);
            if (a.x - b.x).abs() > 0.01 && (a.y - b.y).abs() > 0.01 {
                found
                    .routes
                    .push(format!("{what}: slanted piece {a:?} to {b:?}"));
            }
            let line = egui::Rect::from_two_pos(a, b).expand(0.5);
            let crossed = geometry
                .cards_between(line.min.y, line.max.y)
                .iter()
                .filter(|card| card.lane_index == from.lane_index)
                .find(|card| overlap(card.rect.shrink(1.0), line));
            if let Some(card) = crossed {
                let problem = format!("{what}: runs over {:?} of its own lane", card.item);
                found.routes.push(problem);
            }
            if !link_geom.bounds.contains(a) || !link_geom.bounds.contains(b) {
                found
                    .routes
                    .push(format!("{what}: drawn outside its bounds"));
            }
        }
        if let LinkEnd::Event(to) = &link.to {
            let to = geometry.card(to).unwrap().rect;
            let tip = link_geom.to();
            let on_side = (tip.x - to.min.x).abs() < 0.01 || (tip.x - to.max.x).abs() < 0.01;
            if !on_side || tip.y < to.min.y || tip.y > to.max.y {
                found
                    .routes
                    .push(format!("{what}: tip {tip:?} not on a side of {to:?}"));
            }
            if !to.contains(tip + link_geom.head_dir() * 2.0) {
                found
                    .routes
                    .push(format!("{what}: arrow does not point into its card"));
            }
        }
    }
}

/// Lays out every real map, changed by `make`, in every time scale.
fn look_at_real_maps(variant: &str, make: impl Fn(&Map) -> Map) -> Problems {
    let mut found = Problems::default();
    for (name, map) in real_maps() {
        let map = make(&map);
        for scale in TimeScale::ALL {
            let settings = LayoutSettings {
                time_scale: scale,
                ..LayoutSettings::default()
            };
            let geometry = layout(&map, &settings);
            look_at(
                &format!("{name} ({scale:?}, {variant})"),
                &map,
                &geometry,
                &mut found,
            );
        }
    }
    assert!(found.labelled > 0, "{variant}: some labels were checked");
    assert!(
        found.routes.is_empty(),
        "{} problems:\n{}",
        found.routes.len(),
        found.routes.join("\n")
    );
    found
}

#[test]
fn links_on_real_maps_run_level_or_upright_with_every_label_clear_of_cards() {
    let found = look_at_real_maps("as drawn", Map::clone);
    assert!(
        found.labels_on_cards.is_empty(),
        "{}",
        found.labels_on_cards.join("\n")
    );
}

/// Given far more labels than the maps have (a long one on every link, and links between
/// cards far apart in time), nearly every label still finds room off the cards. The few
/// that cannot sit where two lanes hold tall cards side by side, with no gap within reach
/// of the line; those are drawn over the cards (see `link_drawing.rs`), never under.
fn nearly_every_label_finds_room(variant: &str, make: impl Fn(&Map) -> Map) {
    let found = look_at_real_maps(variant, make);
    let on_cards = found.labels_on_cards.len();
    // Up to 2%: narrow lanes (as wide as their cards need) leave less room beside cards.
    assert!(
        on_cards * 50 <= found.labelled,
        "{on_cards} of {} labels on cards:\n{}",
        found.labelled,
        found.labels_on_cards.join("\n")
    );
}

#[test]
fn with_every_link_labelled_nearly_every_label_finds_room() {
    nearly_every_label_finds_room("all labelled", all_labelled);
}

#[test]
fn links_far_apart_in_time_turn_corners_and_their_labels_find_room() {
    let gitlab = parse_map(SAMPLES[0].1).unwrap();
    let linked = messages_as_links(&gitlab);
    let far_apart = layout(&linked, &LayoutSettings::default())
        .links
        .iter()
        .filter(|l| l.route == LinkRoute::Elbow)
        .count();
    assert!(far_apart >= 10, "the check sees elbows: {far_apart}");
    nearly_every_label_finds_room("messages as links", |map| {
        all_labelled(&messages_as_links(map))
    });
}
