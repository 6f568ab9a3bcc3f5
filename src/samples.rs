//! Maps built into the binary, so the app opens on a real incident with no setup.

use crate::io::{LoadError, parse_map};
use crate::model::{Lane, LaneKind, Map};

/// The flagship sample, shown when the app starts without a file.
pub const CHECKOUT_OUTAGE: &str = include_str!("../sample_maps/checkout-outage.json");
/// A tiny map for tests and quick experiments.
pub const SMALL: &str = include_str!("../sample_maps/small.json");
/// A medium map with names in several scripts.
pub const TOKYO_DNS: &str = include_str!("../sample_maps/tokyo-dns.json");
/// A real incident: GitLab's 2017 database outage, rebuilt in our own words from the
/// public postmortem (26 lanes, three days, most steps without a clock time).
pub const GITLAB_2017: &str = include_str!("../sample_maps/gitlab-2017-database-outage.json");

/// The map the app opens with when no file is given.
pub fn startup_map() -> Result<Map, LoadError> {
    parse_map(CHECKOUT_OUTAGE.as_bytes())
}

/// A generated incident of `events` events over `lanes` lanes, with a link every fourth
/// event, an annotation every fifth, a path not taken every 25th and a 25-minute gap
/// after every hundredth: deterministic, for benchmarks and stress tests.
pub fn synthetic(events: usize, lanes: usize) -> Map {
    use crate::model::{
        Annotation, AnnotationKind, Branch, BranchId, CardId, Event, EventId, EventKind, Lane,
        LaneId, LaneKind, Link, LinkId, Timestamp,
    };
    let lanes = lanes.max(1);
    let mut map = Map::new(format!("Synthetic incident ({events} events)"));
    for i in 0..lanes {
        let kind = if i % 3 == 2 {
            LaneKind::System
        } else {
            LaneKind::Person
        };
        map.lanes.push(Lane::new(
            LaneId::new(format!("l{}", i + 1)),
            format!("Lane {}", i + 1),
            kind,
        ));
    }
    let start = Timestamp::parse("2025-03-11T14:00:00+00:00").ok();
    for i in 0..events {
        let lane = LaneId::new(format!("l{}", (i * 7 + i / 3) % lanes + 1));
        let mut event = Event::new(
            EventId::new(format!("e{}", i + 1)),
            lane,
            (i / 2) as f64 + 1.0,
            format!("Step {} of the response", i + 1),
        );
        event.kind = Some(EventKind::ALL[i % EventKind::ALL.len()].clone());
        // Every 45 s, with a 25-minute silence after each hundredth event: gaps to find.
        let secs = 45 * i as i64 + (i / 100) as i64 * 1_500;
        event.time = start.and_then(|t| t.plus_secs(secs));
        if i % 5 == 0 {
            event.annotations.push(Annotation::new(
                AnnotationKind::Thinking,
                "probably the deploy",
            ));
        }
        if i % 25 == 10 {
            let next_lane = LaneId::new(format!("l{}", (i * 7 + i / 3 + 1) % lanes + 1));
            map.branches.push(Branch::new(
                BranchId::new(format!("b{}", i / 25 + 1)),
                CardId::Event(event.id.clone()),
                next_lane,
                event.pos + 0.5,
                "Roll back instead",
            ));
        }
        map.events.push(event);
        if i % 4 == 3 {
            let link = Link::new(
                LinkId::new(format!("k{}", i / 4 + 1)),
                EventId::new(format!("e{i}")),
                EventId::new(format!("e{}", i + 1)),
            );
            map.links.push(link);
        }
    }
    map
}

/// The map File > New starts from: untitled, one lane to put the first event on.
pub fn blank_map() -> Map {
    let mut map = Map::new("Untitled incident");
    map.lanes
        .push(Lane::new(map.next_lane_id(), "Responder", LaneKind::Person));
    map
}
