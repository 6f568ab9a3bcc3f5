//! The timeline as Markdown for a report: a table in map order (time, lane, event, kind)
//! with each event's annotations in its row, then paths not taken, gaps with their notes
//! (longest first), the open questions, who asked whom (`super::contacts`), the
//! questions to prepare per person (`super::questions`), and the language the hindsight lens flags. A map of several days
//! writes the date with the first time of each day and in every gap. The same map always
//! gives the same text. Map text goes in only through `escape`: it shows as typed and can
//! make no HTML, link, heading or column.

use super::escape::{markdown_block, markdown_cell, markdown_text};
use crate::layout::Geometry;
use crate::model::{Annotation, AnnotationKind, CardId, Map};
use crate::timeline::Clock;
use std::fmt::Write as _;

pub fn markdown(map: &Map, geometry: &Geometry) -> String {
    markdown_with(map, geometry, &crate::lens::scan_map(map))
}

/// [`markdown`] with the lens's findings on the map already made.
pub fn markdown_with(
    map: &Map,
    geometry: &Geometry,
    findings: &[crate::lens::MapFinding],
) -> String {
    let questions = super::questions::questions_to_prepare_md(map, geometry);
    markdown_of_parts(map, geometry, findings, &questions)
}

/// [`markdown_with`] with the "Questions to prepare" section already written
/// (`super::questions`), so it can be written while the lens reads the map.
pub(super) fn markdown_of_parts(
    map: &Map,
    geometry: &Geometry,
    findings: &[crate::lens::MapFinding],
    questions_to_prepare: &str,
) -> String {
    let clock = Clock::of(map, geometry.display_zone);
    let mut rows = clock.in_order();
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", markdown_text(&map.title));
    let description = markdown_block(&map.description);
    if !description.is_empty() {
        let _ = writeln!(out, "{description}\n");
    }
    let _ = writeln!(out, "## Timeline\n");
    // A reader of the writeup cannot guess the zone the map's times were recorded in.
    if map.events.iter().any(|e| e.time.is_some()) {
        let _ = writeln!(out, "Times are in {}.\n", clock.zone_name());
    }
    let _ = writeln!(out, "| Time | Lane | Event | Kind |");
    let _ = writeln!(out, "|---|---|---|---|");
    let lane_name = |id| map.lane(id).map_or("?", |l| l.name.as_str());
    for event in geometry.story.events().filter_map(|i| map.events.get(i)) {
        let time = event.time.map_or_else(String::new, |t| {
            format!(
                "{}{}",
                if event.approximate { "~" } else { "" },
                rows.next(t)
            )
        });
        let mut cell = markdown_cell(&event.title);
        for annotation in &event.annotations {
            let _ = write!(
                cell,
                "<br>*{}:* {}",
                markdown_cell(&annotation.kind.label().to_lowercase()),
                markdown_cell(&annotation.text)
            );
        }
        let kind = markdown_cell(event.kind.as_ref().map_or("", |k| k.label()));
        let _ = writeln!(
            out,
            "| {time} | {} | {cell} | {kind} |",
            markdown_cell(lane_name(&event.lane))
        );
    }

    if !map.branches.is_empty() {
        let _ = writeln!(out, "\n## Paths not taken\n");
        for branch in &map.branches {
            let from = match &branch.from {
                CardId::Event(id) => map.event(id).map_or_else(String::new, |e| {
                    let time = e
                        .time
                        .map_or_else(String::new, |t| format!(", {}", clock.moment(t)));
                    format!(
                        "\"{}\" ({}{time})",
                        markdown_text(&e.title),
                        markdown_text(lane_name(&e.lane))
                    )
                }),
                CardId::Branch(id) => map.branch(id).map_or_else(String::new, |b| {
                    format!("the path not taken \"{}\"", markdown_text(&b.label))
                }),
            };
            let _ = write!(out, "- From {from}: **{}**", markdown_text(&branch.label));
            let note = markdown_text(&branch.note);
            if !note.is_empty() {
                let _ = write!(out, " — {note}");
            }
            out.push('\n');
        }
    }

    // Longest first: the stretches most worth asking about lead.
    let mut gaps: Vec<_> = geometry.gap_scan.gaps.iter().collect();
    gaps.sort_by_key(|gap| std::cmp::Reverse(gap.secs()));
    if !gaps.is_empty() {
        let _ = writeln!(out, "\n## Gaps\n");
        for gap in gaps {
            let whose = gap.lane.as_ref().map_or_else(String::new, |l| {
                format!(" on {}", markdown_text(lane_name(l)))
            });
            let question = gap.question().to_lowercase();
            let _ = writeln!(
                out,
                "- {}: {}{whose}: {question}",
                clock.range(gap.start, gap.end),
                gap.summary(),
            );
            for note in gap
                .notes
                .iter()
                .filter_map(|&i| map.gaps.get(i))
                .flat_map(|g| &g.notes)
            {
                let _ = writeln!(
                    out,
                    "  - *{}:* {}",
                    markdown_text(&note.kind.label().to_lowercase()),
                    markdown_text(&note.text)
                );
            }
        }
    }

    let questions: Vec<(String, &Annotation)> = map
        .events
        .iter()
        .flat_map(|e| {
            e.annotations
                .iter()
                .map(move |a| (format!("at \"{}\"", markdown_text(&e.title)), a))
        })
        .chain(map.gaps.iter().flat_map(|g| {
            g.notes
                .iter()
                .map(move |a| (format!("about the gap {}", clock.range(g.start, g.end)), a))
        }))
        .filter(|(_, a)| a.kind == AnnotationKind::Question)
        .collect();
    if !questions.is_empty() {
        let _ = writeln!(out, "\n## Open questions\n");
        for (context, question) in questions {
            let _ = writeln!(out, "- {} ({context})", markdown_text(&question.text));
        }
    }
    out.push_str(&super::contacts::who_asked_whom_md(map, geometry));
    super::themes::themes_md(map, &clock, &mut out);
    out.push_str(questions_to_prepare);
    language_to_revisit(map, findings, &mut out);
    out
}

/// The hindsight lens's findings (`crate::lens`), in map order: the words, what kind of
/// habit they show, where they are, and the question to ask instead, so a writeup can be
/// revisited before it is shared. Nothing when the lens finds nothing.
fn language_to_revisit(map: &Map, findings: &[crate::lens::MapFinding], out: &mut String) {
    if findings.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n## Language to revisit\n");
    for finding in findings {
        let ask = finding.ask();
        let _ = writeln!(
            out,
            "- \"{}\" ({}) in {}: {}",
            markdown_text(&finding.phrase),
            finding.family().word(),
            markdown_text(&finding.place.describe(map)),
            markdown_text(&ask)
        );
    }
}
