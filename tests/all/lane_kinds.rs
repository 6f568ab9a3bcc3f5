//! The lane-kind guess, scored on lane names collected from real post-incident reviews
//! (`tests/data/lane-kinds.csv`, labelled by hand): people and roles, teams and groups,
//! hosts, services, jobs and tools, customers and vendors.

use waterline::import::guess_lane_kind;
use waterline::model::LaneKind;

#[test]
fn the_guess_is_right_for_at_least_85_percent_of_real_lane_names() {
    let mut reader = csv::Reader::from_reader(include_bytes!("../data/lane-kinds.csv").as_slice());
    let mut total = 0;
    let mut wrong = Vec::new();
    for record in reader.records() {
        let record = record.unwrap();
        let (name, label) = (&record[0], &record[1]);
        let expected = LaneKind::from(label.to_owned());
        assert!(!matches!(expected, LaneKind::Other(_)), "bad label {label}");
        let guessed = guess_lane_kind(name);
        total += 1;
        if guessed != expected {
            wrong.push(format!("{name}: guessed {}, is {label}", guessed.word()));
        }
    }
    assert!(total >= 150, "the labelled set has {total} names");
    let right = total - wrong.len();
    let share = right as f64 / total as f64;
    println!("{right} of {total} right ({:.1} %)", share * 100.0);
    assert!(
        share >= 0.85,
        "{:.1} % right; wrong:\n{}",
        share * 100.0,
        wrong.join("\n")
    );
}
