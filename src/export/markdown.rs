//! The timeline as Markdown for a report: a table in map order (time, lane, event, kind)
//! with each event's annotations in its row, then paths not taken, gaps with their notes,
//! and the open questions. The same map always gives the same text.

use crate::layout::Geometry;
use crate::model::{Annotation, AnnotationKind, CardId, Map};
use crate::timeline::duration_label;
use std::fmt::Write as _;

pub fn markdown(map: &Map, geometry: &Geometry) -> String {
    let zone = geometry.display_zone;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", inline(&map.title));
    if !map.description.trim().is_empty() {
        let _ = writeln!(out, "{}\n", map.description.trim());
    }
    let _ = writeln!(out, "## Timeline\n");
    let _ = writeln!(out, "| Time | Lane | Event | Kind |");
    let _ = writeln!(out, "|---|---|---|---|");
    let lane_name = |id| map.lane(id).map_or("?", |l| l.name.as_str());
    for card in &geometry.cards {
        let CardId::Event(id) = &card.item else {
            continue;
        };
        let Some(event) = map.event(id) else { continue };
        let time = event.time.map_or_else(String::new, |t| {
            format!(
                "{}{}",
                if event.approximate { "~" } else { "" },
                t.clock_label_in(zone)
            )
        });
        let mut cell = cell_text(&event.title);
        for annotation in &event.annotations {
            let _ = write!(
                cell,
                "<br>*{}:* {}",
                annotation.kind.label().to_lowercase(),
                cell_text(&annotation.text)
            );
        }
        let kind = event.kind.as_ref().map_or("", |k| k.label());
        let _ = writeln!(
            out,
            "| {time} | {} | {cell} | {kind} |",
            cell_text(lane_name(&event.lane))
        );
    }

    if !map.branches.is_empty() {
        let _ = writeln!(out, "\n## Paths not taken\n");
        for branch in &map.branches {
            let from = match &branch.from {
                CardId::Event(id) => map.event(id).map_or_else(String::new, |e| {
                    let time = e
                        .time
                        .map_or_else(String::new, |t| format!(", {}", t.clock_label_in(zone)));
                    format!(
                        "\"{}\" ({}{time})",
                        inline(&e.title),
                        inline(lane_name(&e.lane))
                    )
                }),
                CardId::Branch(id) => map.branch(id).map_or_else(String::new, |b| {
                    format!("the path not taken \"{}\"", inline(&b.label))
                }),
            };
            let _ = write!(out, "- From {from}: **{}**", inline(&branch.label));
            if !branch.note.trim().is_empty() {
                let _ = write!(out, " — {}", inline(&branch.note));
            }
            out.push('\n');
        }
    }

    let gaps: Vec<_> = geometry.gap_scan.gaps.iter().collect();
    if !gaps.is_empty() {
        let _ = writeln!(out, "\n## Gaps\n");
        for gap in gaps {
            let whose = gap
                .lane
                .as_ref()
                .map_or_else(String::new, |l| format!(" on {}", inline(lane_name(l))));
            let _ = writeln!(
                out,
                "- {}–{} ({}) with nothing recorded{whose}: what was going on here?",
                gap.start.clock_label_in(zone),
                gap.end.clock_label_in(zone),
                duration_label(gap.secs())
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
                    note.kind.label().to_lowercase(),
                    inline(&note.text)
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
                .map(move |a| (format!("at \"{}\"", inline(&e.title)), a))
        })
        .chain(map.gaps.iter().flat_map(|g| {
            g.notes.iter().map(move |a| {
                (
                    format!(
                        "about the gap {}–{}",
                        g.start.clock_label_in(zone),
                        g.end.clock_label_in(zone)
                    ),
                    a,
                )
            })
        }))
        .filter(|(_, a)| a.kind == AnnotationKind::Question)
        .collect();
    if !questions.is_empty() {
        let _ = writeln!(out, "\n## Open questions\n");
        for (context, question) in questions {
            let _ = writeln!(out, "- {} ({context})", inline(&question.text));
        }
    }
    out
}

/// Text on one line, with Markdown's own characters escaped.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Text for a table cell: escaped, line breaks as `<br>`.
fn cell_text(text: &str) -> String {
    text.trim()
        .lines()
        .map(inline)
        .collect::<Vec<_>>()
        .join("<br>")
}
