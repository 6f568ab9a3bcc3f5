//! Compares yrs, automerge and loro holding one synthetic 10,000-event map (issue 19,
//! docs/sync-design.md §4): loading, a late joiner, one edit, offline edits merged, undo
//! of one's own edit, size, and memory. Prints a Markdown table of medians of 5 runs.

mod crdt_automerge;
mod crdt_loro;
mod crdt_yrs;
mod measure;
mod peer;
mod rss;
mod shape;

use crdt_automerge::Automerge;
use crdt_loro::{Loro, LoroNoUndo};
use crdt_yrs::Yrs;
use measure::{Row, median_of, time};
use shape::Shape;

const EVENTS: usize = 10_000;
const LANES: usize = 20;

fn main() {
    // `crdt_compare rss LIBRARY`: one library's memory, in a process of its own.
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("rss") {
        rss::child(args.get(2).map_or("", String::as_str));
        return;
    }
    let map = waterline::samples::synthetic(EVENTS, LANES);
    let shape = Shape::of(&map);
    println!(
        "synthetic({EVENTS}, {LANES}): {} lanes, {} events, {} links, {} paths not taken, {} annotations",
        map.lanes.len(),
        map.events.len(),
        map.links.len(),
        map.branches.len(),
        map.events
            .iter()
            .map(|e| e.annotations.len())
            .sum::<usize>()
    );
    let yrs = measure::run::<Yrs>(&map, &shape);
    let automerge = measure::run::<Automerge>(&map, &shape);
    let loro = measure::run::<Loro>(&map, &shape);
    let loro_bare = measure::run::<LoroNoUndo>(&map, &shape);
    // The app's own path for a late joiner: `SharedMap::joining`, then `read_map`.
    let state = measure::state_of::<Yrs>(&map, &shape);
    let (app_join, _) = median_of(|| {
        time(|| {
            let mut peer = <Yrs as peer::Peer>::join(&state, 9);
            peer.read_map().events.len()
        })
    });
    let v2 = <Yrs as peer::Peer>::load(&map, &shape, 1).encode_v2().len();
    // What every library's read shares: the map file's JSON checked into a `Map`.
    let file = serde_json::to_value(&map).expect("a map is JSON");
    let file_bytes = serde_json::to_vec(&map).map_or(0, |b| b.len());
    let (parse, _) = median_of(|| time(|| waterline::io::parse_value(file.clone())));
    let rows: Vec<Row> = vec![yrs, automerge, loro, loro_bare];
    measure::print_table(&rows);
    println!(
        "\nyrs, the app's path (SharedMap::joining + read_map): {:.1} ms",
        app_join.as_secs_f64() * 1e3
    );
    println!(
        "yrs full state in the v2 encoding: {} KB; the map file: {} KB",
        v2 / 1000,
        file_bytes / 1000
    );
    println!(
        "of each read, the file JSON checked into a Map (parse_value, clone included): {:.1} ms",
        parse.as_secs_f64() * 1e3
    );
    rss::report();
}
