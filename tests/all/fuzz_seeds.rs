//! The fuzz target's body (`waterline::fuzz_target::open_any_bytes`) on the inputs the
//! fuzzer starts from, on hand-made hostile maps, and on random mutations of the samples:
//! no panic, and whatever loads saves and loads back unchanged. The long fuzzing run is
//! `fuzz/run.sh`, outside CI.

use proptest::prelude::*;
use serde_json::{Value, json};
use waterline::fuzz_target::open_any_bytes;
use waterline::samples;

fn seeds() -> Vec<Vec<u8>> {
    vec![
        samples::CHECKOUT_OUTAGE.as_bytes().to_vec(),
        samples::SMALL.as_bytes().to_vec(),
        samples::TOKYO_DNS.as_bytes().to_vec(),
        samples::GITLAB_2017.as_bytes().to_vec(),
        include_bytes!("../migrations/v1-checkout-outage.json").to_vec(),
    ]
}

#[test]
fn the_seed_files_go_through_everything() {
    for seed in seeds() {
        open_any_bytes(&seed);
    }
}

/// The small sample with one value replaced.
fn small_with(path: &[&str], value: Value) -> Vec<u8> {
    let mut map: Value = serde_json::from_str(samples::SMALL).unwrap();
    let mut slot = &mut map;
    for key in path {
        slot = match key.parse::<usize>() {
            Ok(i) => &mut slot[i],
            Err(_) => &mut slot[*key],
        };
    }
    *slot = value;
    serde_json::to_vec(&map).unwrap()
}

#[test]
fn hostile_values_are_refused_or_handled() {
    let cases = [
        small_with(&["events", "0", "pos"], json!(1e308)),
        small_with(&["events", "0", "pos"], json!(-1e308)),
        small_with(&["events", "0", "time"], json!("0001-01-01T00:00:00Z")),
        small_with(&["events", "1", "time"], json!("9999-12-31T23:59:59+14:00")),
        small_with(&["events", "0", "id"], json!("e2")),
        small_with(&["lanes"], json!([])),
        small_with(&["events", "0", "title"], json!("x".repeat(100_000))),
        small_with(&["gap_threshold_secs"], json!(0)),
        small_with(&["gap_threshold_secs"], json!(u32::MAX)),
        small_with(
            &["branches"],
            json!([
                {"id": "b1", "from": {"branch": "b2"}, "lane": "ana", "pos": 1, "label": "a"},
                {"id": "b2", "from": {"branch": "b1"}, "lane": "ana", "pos": 2, "label": "b"}
            ]),
        ),
        small_with(
            &["gaps"],
            json!([{"start": "2025-03-11T15:00:00Z", "end": "2025-03-11T14:00:00Z", "notes": []}]),
        ),
        small_with(&["version"], json!(4)),
        // Messages to a lane, one to a lane that does not exist.
        small_with(&["links", "0", "to_lane"], json!("bo")),
        small_with(
            &["links"],
            json!([{"id": "k9", "from": "e1", "to_lane": "nobody"}]),
        ),
        // A key given twice (the first would be lost), deep nesting in an unknown field.
        waterline::samples::SMALL
            .replacen("\"events\": [", "\"events\": [],\n  \"events\": [", 1)
            .into_bytes(),
        small_with(
            &["deep"],
            serde_json::from_str(&format!("{}{}", "[".repeat(120), "]".repeat(120))).unwrap(),
        ),
        small_with(&["version"], json!(0)),
        small_with(&["format"], json!(7)),
        // Texts far longer than the map shows, in every kind of field it draws.
        small_with(&["title"], json!(long_text(5_000_000))),
        small_with(&["events", "0", "title"], json!(long_text(5_000_000))),
        small_with(&["events", "0", "description"], json!(long_text(1_000_000))),
        small_with(&["lanes", "0", "name"], json!(long_text(1_000_000))),
        small_with(&["lanes", "0", "kind"], json!(long_text(1_000_000))),
        small_with(&["events", "1", "kind"], json!(long_text(1_000_000))),
        small_with(&["events", "1", "tags"], json!([long_text(1_000_000)])),
        small_with(
            &["events", "1", "annotations"],
            json!([{"kind": long_text(100_000), "text": long_text(1_000_000)}]),
        ),
        small_with(&["links", "0", "label"], json!(long_text(1_000_000))),
        small_with(
            &["branches"],
            json!([{"id": "b1", "from": {"event": "e1"}, "lane": "bo", "pos": 1,
                    "label": long_text(1_000_000), "note": long_text(1_000_000)}]),
        ),
        // A crowd of paths not taken off one event, down its lane and across to the next
        // (3,000 here: arranging by time looks each card up by id, quadratic in a debug
        // build; tests/hostile_render.rs draws 20,000).
        small_with(&["branches"], paths_not_taken_off_one_event(3_000)),
        "[".repeat(10_000).into_bytes(),
        b"\xEF\xBB\xBF".to_vec(),
        Vec::new(),
    ];
    for case in cases {
        open_any_bytes(&case);
    }
}

fn long_text(bytes: usize) -> String {
    "all work and no play ".repeat(bytes / 21)
}

fn paths_not_taken_off_one_event(count: usize) -> Value {
    (0..count)
        .map(|i| {
            let lane = if i % 3 == 2 { "bo" } else { "api" };
            json!({"id": format!("b{i}"), "from": {"event": "e1"}, "lane": lane,
                   "pos": 1 + i, "label": format!("Option {i}")})
        })
        .collect()
}

fn mutated() -> impl Strategy<Value = Vec<u8>> {
    (
        0..seeds().len(),
        proptest::collection::vec((any::<usize>(), any::<u8>(), 0u8..3), 1..8),
    )
        .prop_map(|(seed, edits)| {
            let mut bytes = seeds()[seed].clone();
            for (at, byte, kind) in edits {
                if bytes.is_empty() {
                    break;
                }
                let at = at % bytes.len();
                match kind {
                    0 => bytes[at] = byte,
                    1 => bytes.insert(at, byte),
                    _ => bytes.truncate(at),
                }
            }
            bytes
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn mutated_samples_never_panic(bytes in mutated()) {
        open_any_bytes(&bytes);
    }
}
