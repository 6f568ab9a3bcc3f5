//! `waterline questions`: the questions to prepare before the debrief meeting, person by
//! person, as plain text for the facilitator's notes (the Markdown export carries the same
//! list). Map text is printed on one line each, with control characters escaped, so a file
//! cannot drive the terminal.

use super::printable;
use crate::io;
use crate::layout::{LayoutSettings, layout};
use crate::model::{LaneKind, Map};
use crate::timeline::{Clock, ForWhom, Line, questions_to_prepare};
use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

/// Prints the list of `file`, or only the lists of the lanes named `person` (see
/// [`lanes_named`]). 0 when printed, 1 when no lane has that name, 2 when the map
/// cannot be read.
pub(super) fn questions(file: &Path, person: Option<&str>) -> ExitCode {
    let map = match io::load_file(file) {
        Ok(map) => map,
        Err(err) => {
            eprintln!("{}: {}", file.display(), printable(&err.to_string()));
            return ExitCode::from(2);
        }
    };
    let geometry = layout(&map, &LayoutSettings::default());
    let scan = &geometry.gap_scan;
    let mut lists = questions_to_prepare(&map, &geometry.story, scan);
    if let Some(person) = person {
        let named = lanes_named(&map, person);
        if named.is_empty() {
            let people: Vec<String> = map
                .lanes
                .iter()
                .filter(|l| !matches!(l.kind, LaneKind::System | LaneKind::External))
                .map(|l| one_line(&l.name))
                .collect();
            eprintln!(
                "waterline: {}: no person or team is named \"{}\"; its people and teams are: {}",
                file.display(),
                one_line(person),
                people.join(", ")
            );
            return ExitCode::FAILURE;
        }
        lists.retain(|whom| whom.lane.is_some_and(|l| named.contains(&l)));
        // Named, but nothing to ask: said, so an empty output is not taken for a failure.
        for &lane in &named {
            if !lists.iter().any(|whom| whom.lane == Some(lane)) {
                let named = &map.lanes[lane];
                let why = match named.kind {
                    LaneKind::System | LaneKind::External => {
                        ": its moments are asked of the people linked to them"
                    }
                    _ => "",
                };
                println!("{}: nothing to ask{why}", one_line(&named.name));
            }
        }
    } else if lists.is_empty() {
        println!(
            "{}: nothing to ask: no open questions, nothing said at the moments, no decision, action or gap",
            file.display()
        );
    }
    let clock = Clock::of(&map, geometry.display_zone);
    let mut text = String::new();
    for (n, whom) in lists.iter().enumerate() {
        if n > 0 {
            text.push('\n');
        }
        write_list(&map, scan, &clock, whom, &mut text);
    }
    print!("{text}");
    ExitCode::SUCCESS
}

/// The lanes `name` names, by index: those whose name it is (any case) or whose id it
/// is; failing that, those whose name holds it ("priya" for "Priya Nair (DB on-call)"),
/// since a facilitator types the name they call the person by.
fn lanes_named(map: &Map, name: &str) -> Vec<usize> {
    let wanted = name.trim().to_lowercase();
    if wanted.is_empty() {
        return Vec::new();
    }
    let lanes = || map.lanes.iter().enumerate();
    let exact: Vec<usize> = lanes()
        .filter(|(_, l)| l.name.trim().to_lowercase() == wanted || l.id.as_str() == name)
        .map(|(i, _)| i)
        .collect();
    if !exact.is_empty() {
        return exact;
    }
    lanes()
        .filter(|(_, l)| l.name.to_lowercase().contains(&wanted))
        .map(|(i, _)| i)
        .collect()
}

/// One person's list: their name, then each moment or gap indented, and its questions
/// under it; what someone said once, with the questions that follow it under it.
fn write_list(
    map: &Map,
    scan: &crate::timeline::GapScan,
    clock: &Clock,
    whom: &ForWhom<'_>,
    out: &mut String,
) {
    let name = whom
        .lane
        .and_then(|l| map.lanes.get(l))
        .map_or_else(|| "Everyone".to_owned(), |l| one_line(&l.name));
    let _ = writeln!(out, "{name}");
    for line in whom.lines(map, scan, clock) {
        let _ = match line {
            Line::Moment {
                when,
                what,
                elsewhere,
            } => {
                let when = if when.is_empty() {
                    String::new()
                } else {
                    format!("{when} ")
                };
                let on =
                    elsewhere.map_or_else(String::new, |lane| format!(" (on {})", one_line(lane)));
                writeln!(out, "  {when}{}{on}", one_line(&what))
            }
            Line::Open(text) => writeln!(out, "    - {} (open question)", one_line(text)),
            Line::Said(annotation) => writeln!(
                out,
                "    {}: \"{}\"",
                annotation.kind.label().to_lowercase(),
                one_line(&annotation.text)
            ),
            Line::Follows(text) => writeln!(out, "      - {}", one_line(text)),
            Line::Ask(text) => writeln!(out, "    - {}", one_line(text)),
        };
    }
}

/// Map text on one line for the terminal: runs of white space (line breaks, tabs) as one
/// space, other control characters escaped.
fn one_line(text: &str) -> String {
    printable(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}
