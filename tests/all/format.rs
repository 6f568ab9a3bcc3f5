//! The file format: canonical bytes, unknown fields kept at every level, the schema file in
//! step with the code, and the sample maps sound.

use serde_json::{Value, json};
use waterline::io::{canonical_bytes, parse_map};
use waterline::model::{AnnotationKind, Map};
use waterline::samples;

const SAMPLES: &[(&str, &str)] = &[
    ("checkout-outage.json", samples::CHECKOUT_OUTAGE),
    ("small.json", samples::SMALL),
    ("tokyo-dns.json", samples::TOKYO_DNS),
    ("gitlab-2017-database-outage.json", samples::GITLAB_2017),
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

    // What it looked like at the time: every annotation kind, several paths not taken
    // (one chained), and a gap with notes on it.
    for kind in AnnotationKind::ALL {
        assert!(
            map.events
                .iter()
                .any(|e| e.annotations.iter().any(|a| &a.kind == kind)),
            "uses {kind:?}"
        );
    }
    assert!(map.branches.len() >= 3);
    assert!(map.branches.iter().any(|b| b.from.branch().is_some()));
    let scan = waterline::timeline::find_gaps(&map);
    assert!(
        scan.across_map().any(|gap| !gap.notes.is_empty()),
        "a gap holds notes"
    );
}

/// Version 1 files, frozen as shipped, open in this version unchanged in content and are
/// written back as the current version.
#[test]
fn a_frozen_version_1_map_migrates_to_the_current_version() {
    let v1 = include_str!("../migrations/v1-checkout-outage.json");
    let raw: Value = serde_json::from_str(v1).unwrap();
    assert_eq!(raw["version"], 1, "the frozen sample stays version 1");
    let map = parse_map(v1.as_bytes()).expect("a version 1 map opens");
    assert_eq!(map.version, waterline::model::VERSION);
    assert_eq!(map.events.len(), raw["events"].as_array().unwrap().len());
    assert_eq!(map.lanes.len(), raw["lanes"].as_array().unwrap().len());
    assert!(map.branches.is_empty() && map.gaps.is_empty());
    let saved: Value = serde_json::from_slice(&canonical_bytes(&map).unwrap()).unwrap();
    let mut expected = raw.clone();
    expected["version"] = json!(waterline::model::VERSION);
    assert_eq!(saved, expected, "nothing but the version number changes");
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
    // A link's end is one of two keys (`to` an event, `to_lane` a lane).
    let mut link_properties = defs["Link"]["properties"].clone();
    for end in defs["Link"]["oneOf"].as_array().unwrap() {
        for (key, value) in end["properties"].as_object().unwrap() {
            link_properties[key] = value.clone();
        }
    }
    for link in sample["links"].as_array().unwrap() {
        check(link, &link_properties, "link");
    }
}

#[test]
fn a_frozen_version_2_map_migrates_to_the_current_version() {
    let v2 = include_str!("../migrations/v2-checkout-outage.json");
    let map = parse_map(v2.as_bytes()).unwrap();
    assert_eq!(map.version, waterline::model::VERSION);
    let mut as_v2: Value = serde_json::from_str(v2).unwrap();
    as_v2["version"] = json!(waterline::model::VERSION);
    let migrated: Value = serde_json::from_slice(&canonical_bytes(&map).unwrap()).unwrap();
    assert_eq!(migrated, as_v2, "nothing but the version changed");
}

#[test]
fn a_frozen_version_3_map_migrates_to_the_current_version() {
    let v3 = include_str!("../migrations/v3-checkout-outage.json");
    let map = parse_map(v3.as_bytes()).unwrap();
    assert_eq!(map.version, waterline::model::VERSION);
    assert!(map.events.iter().all(|e| e.kept_words.is_empty()));
    let mut as_v3: Value = serde_json::from_str(v3).unwrap();
    assert_eq!(as_v3["version"], 3, "the frozen sample stays version 3");
    as_v3["version"] = json!(waterline::model::VERSION);
    let migrated: Value = serde_json::from_slice(&canonical_bytes(&map).unwrap()).unwrap();
    assert_eq!(migrated, as_v3, "nothing but the version changed");
}

/// Phrases kept as written are saved where they were kept and read back.
#[test]
fn kept_words_survive_save_and_load() {
    let mut map = parse_map(samples::CHECKOUT_OUTAGE.as_bytes()).unwrap();
    map.kept_words.push("root cause".into());
    map.events[0].kept_words.push("should have".into());
    map.events[0]
        .annotations
        .push(waterline::model::Annotation::new(
            waterline::model::AnnotationKind::Note,
            "failed to page",
        ));
    map.events[0].annotations.last_mut().unwrap().kept_words = vec!["failed to".into()];
    let bytes = canonical_bytes(&map).unwrap();
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(
        text.contains("\"kept_words\": [\n    \"root cause\"\n  ]"),
        "{text:.400}"
    );
    assert_eq!(parse_map(&bytes).unwrap(), map);
}

#[test]
fn a_frozen_version_4_map_migrates_to_the_current_version() {
    let v4 = include_str!("../migrations/v4-checkout-outage.json");
    let map = parse_map(v4.as_bytes()).unwrap();
    assert_eq!(map.version, waterline::model::VERSION);
    assert!(map.themes.is_empty());
    let mut as_v4: Value = serde_json::from_str(v4).unwrap();
    assert_eq!(as_v4["version"], 4, "the frozen sample stays version 4");
    as_v4["version"] = json!(waterline::model::VERSION);
    let migrated: Value = serde_json::from_slice(&canonical_bytes(&map).unwrap()).unwrap();
    assert_eq!(migrated, as_v4, "nothing but the version changed");
}

/// Themes and the moments that carry them are saved and read back; a moment naming a
/// theme the map does not have is refused with where it is.
#[test]
fn themes_survive_save_and_load_and_unknown_ones_are_refused() {
    use waterline::model::Theme;
    let mut map = parse_map(samples::CHECKOUT_OUTAGE.as_bytes()).unwrap();
    let id = map.next_theme_id();
    let mut theme = Theme::new(id.clone(), "trusts the dashboard over the logs");
    theme.depth = Some(0.4);
    theme.colour = Some("#3366cc".into());
    map.themes.push(theme);
    map.events[0].themes.push(id);
    let bytes = canonical_bytes(&map).unwrap();
    assert_eq!(parse_map(&bytes).unwrap(), map);

    let mut value: Value = serde_json::from_slice(&bytes).unwrap();
    value["events"][1]["themes"] = json!(["t9"]);
    let err = parse_map(value.to_string().as_bytes())
        .unwrap_err()
        .to_string();
    assert!(err.contains("theme 't9' does not exist"), "{err}");
}
