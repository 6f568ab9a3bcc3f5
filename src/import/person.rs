//! Pasted chat names matched to the map's lanes by person: "Ana" is the lane
//! "Ana (on-call engineer)" when no other lane of the map starts with that name. Only
//! lanes the map had before the paste count: a new lane the paste makes is named as written.

use crate::model::Lane;

/// The lanes whose name starts with `name`, case-insensitively, at a word boundary
/// ("Ana" matches "Ana (on-call)" and "ana - IC", not "Anatoly").
pub(super) fn lanes_starting_with<'a>(lanes: &'a [Lane], name: &str) -> Vec<&'a Lane> {
    let name = name.trim().to_lowercase();
    if name.is_empty() {
        return Vec::new();
    }
    lanes
        .iter()
        .filter(|lane| {
            lane.name
                .trim()
                .to_lowercase()
                .strip_prefix(&name)
                .is_some_and(|rest| rest.chars().next().is_none_or(|c| !c.is_alphanumeric()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LaneId, LaneKind};

    fn lanes(names: &[&str]) -> Vec<Lane> {
        names
            .iter()
            .enumerate()
            .map(|(i, n)| Lane::new(LaneId::new(format!("l{i}")), *n, LaneKind::Person))
            .collect()
    }

    fn matched(lanes: &[Lane], name: &str) -> Vec<String> {
        lanes_starting_with(lanes, name)
            .iter()
            .map(|l| l.name.clone())
            .collect()
    }

    #[test]
    fn a_name_matches_lanes_that_start_with_it_at_a_word_boundary() {
        let all = lanes(&["Ana (on-call engineer)", "Anatoly", "Bo", "ANA-IC"]);
        assert_eq!(matched(&all, "ana"), ["Ana (on-call engineer)", "ANA-IC"]);
        assert_eq!(matched(&all, "Bo"), ["Bo"]);
        assert!(matched(&all, "An").is_empty(), "not inside a word");
        assert!(matched(&all, "  ").is_empty());
        assert!(matched(&all, "Zoë").is_empty());
    }

    fn map_with(names: &[&str]) -> crate::model::Map {
        let mut map = crate::model::Map::new("Review");
        for lane in lanes(names) {
            map.lanes.push(lane);
        }
        map
    }

    fn lanes_after(map: &crate::model::Map, text: &str) -> (crate::model::Map, Vec<String>) {
        let pasted = crate::import::paste_timeline(map, text);
        let mut after = map.clone();
        pasted
            .op
            .expect("something pasted")
            .apply(&mut after)
            .unwrap();
        (after, pasted.notes)
    }

    #[test]
    fn pasted_lines_from_a_short_name_join_the_one_lane_starting_with_it_and_say_so() {
        let map = map_with(&["Ana (on-call engineer)", "Bo (DB team)"]);
        let (after, notes) = lanes_after(&map, "14:05 Ana: paged\n14:06 ana: opens the dashboard");
        assert_eq!(after.lanes.len(), 2, "no new lane");
        assert!(after.events.iter().all(|e| e.lane.as_str() == "l0"));
        assert_eq!(
            notes,
            ["\"Ana\" joined the lane \"Ana (on-call engineer)\""]
        );
    }

    #[test]
    fn a_name_two_lanes_start_with_gets_its_own_lane_and_a_note_naming_both() {
        let map = map_with(&["Ana (on-call)", "Ana (IC)"]);
        let (after, notes) = lanes_after(&map, "14:05 Ana: paged");
        assert_eq!(after.lanes.len(), 3);
        assert_eq!(after.lanes.iter().last().unwrap().name, "Ana");
        assert_eq!(
            notes,
            [
                "\"Ana\" could be \"Ana (on-call)\" or \"Ana (IC)\": no guess made, its lines are on a new lane \"Ana\""
            ]
        );
    }

    #[test]
    fn an_exact_name_wins_and_a_new_import_makes_lanes_as_written() {
        let map = map_with(&["Ana", "Ana (IC)"]);
        let (after, notes) = lanes_after(&map, "14:05 Ana: paged");
        assert_eq!(after.lanes.len(), 2);
        assert!(notes.is_empty());
        let imported =
            crate::import::import_timeline(b"time,lane,text\n14:05,Ana (IC),a\n14:06,Ana,b\n", "t")
                .unwrap();
        assert_eq!(imported.map.lanes.len(), 2, "a file names its lanes itself");
    }
}
