//! The file format: canonical bytes, unknown fields kept at every level, the schema file in
//! step with the code, and the sample maps sound.

use serde_json::{Value, json};
use waterline::io::{canonical_bytes, parse_map};
use waterline::model::Map;
use waterline::samples;

const SAMPLES: &[(&str, &str)] = &[
    ("checkout-outage.json", samples::CHECKOUT_OUTAGE),
    ("small.json", samples::SMALL),
    ("tokyo-dns.json", samples::TOKYO_DNS),
];

#[test]
fn sample_maps_round_trip_byte_for_byte() {
    for (name, text) in SAMPLES {
        let map = parse_map(text.as_bytes()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let bytes = canonical_bytes(&map).unwrap();
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            *text,
            "{name} is in canonical form"
        );
    }
}

#[test]
fn the_flagship_sample_is_a_real_incident() {
    let map = parse_map(samples::CHECKOUT_OUTAGE.as_bytes()).unwrap();
    assert!(map.lanes.len() >= 6);
    assert!(map.events.len() >= 40);
    assert!(map.links.len() >= 10);
    assert!(
        map.events
            .iter()
            .filter(|e| !e.annotations.is_empty())
            .count()
            >= 10
    );
    let mut times: Vec<_> = map.events.iter().filter_map(|e| e.time).collect();
    times.sort();
    let longest_quiet_secs = times
        .windows(2)
        .map(|w| w[1].unix_secs() - w[0].unix_secs())
        .max()
        .unwrap();
    assert!(longest_quiet_secs >= 20 * 60, "has a long quiet stretch");
}

#[test]
fn saving_twice_gives_the_same_bytes() {
    let map = parse_map(samples::CHECKOUT_OUTAGE.as_bytes()).unwrap();
    let once = canonical_bytes(&map).unwrap();
    let twice = canonical_bytes(&parse_map(&once).unwrap()).unwrap();
    assert_eq!(once, twice);
}

#[test]
fn unknown_fields_at_every_level_survive_load_and_save() {
    let mut value: Value = serde_json::from_str(samples::SMALL).unwrap();
    value["reviewed_by"] = json!({"name": "Dana", "on": "2025-03-12"});
    value["lanes"][0]["colour"] = json!("#ff8800");
    value["events"][0]["severity"] = json!(2);
    value["events"][2]["annotations"][0]["author"] = json!("Bo");
    value["links"][0]["style"] = json!({"dashed": true});
    let text = serde_json::to_string_pretty(&value).unwrap();

    let map = parse_map(text.as_bytes()).unwrap();
    let saved: Value = serde_json::from_slice(&canonical_bytes(&map).unwrap()).unwrap();
    assert_eq!(
        saved["reviewed_by"],
        json!({"name": "Dana", "on": "2025-03-12"})
    );
    assert_eq!(saved["lanes"][0]["colour"], "#ff8800");
    assert_eq!(saved["events"][0]["severity"], 2);
    assert_eq!(saved["events"][2]["annotations"][0]["author"], "Bo");
    assert_eq!(saved["links"][0]["style"], json!({"dashed": true}));
    assert_eq!(saved, value, "nothing else changed either");
}

#[test]
fn unknown_kinds_are_kept_as_written() {
    let text = samples::SMALL.replacen("\"kind\": \"alert\"", "\"kind\": \"near-miss\"", 1);
    let map = parse_map(text.as_bytes()).unwrap();
    let saved = String::from_utf8(canonical_bytes(&map).unwrap()).unwrap();
    assert_eq!(saved, text);
}

/// The schema in `docs/` is generated from the model; this fails when they drift apart.
/// Run with `UPDATE_SCHEMA=1` to rewrite the file after changing the model.
#[test]
fn the_json_schema_file_matches_the_code() {
    let schema = schemars::schema_for!(Map);
    let generated = serde_json::to_string_pretty(&schema).unwrap() + "\n";
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/waterline-map.schema.json"
    );
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/waterline-map.schema.json is out of date: run UPDATE_SCHEMA=1 cargo test --test format"
    );
}

#[test]
fn the_schema_describes_every_field_the_sample_uses() {
    let schema: Value = serde_json::to_value(schemars::schema_for!(Map)).unwrap();
    let sample: Value = serde_json::from_str(samples::CHECKOUT_OUTAGE).unwrap();
    let defs = &schema["$defs"];
    let check = |object: &Value, properties: &Value, what: &str| {
        for key in object.as_object().unwrap().keys() {
            assert!(
                properties.get(key).is_some(),
                "{what}.{key} is not in the schema"
            );
        }
    };
    check(&sample, &schema["properties"], "map");
    check(&sample["lanes"][0], &defs["Lane"]["properties"], "lane");
    for event in sample["events"].as_array().unwrap() {
        check(event, &defs["Event"]["properties"], "event");
    }
    check(&sample["links"][0], &defs["Link"]["properties"], "link");
}
