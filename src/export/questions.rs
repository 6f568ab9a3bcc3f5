//! The Markdown export's "Questions to prepare": the facilitator's notes before the
//! debrief meeting, a heading per person or team (`crate::timeline::questions_to_prepare`
//! decides what is asked of whom), each moment or gap with its questions under it. Map
//! text goes in only through `escape`, as everywhere in the export.

use super::escape::markdown_text;
use crate::layout::Geometry;
use crate::model::Map;
use crate::timeline::{Clock, Line, questions_to_prepare};
use std::fmt::Write as _;

/// The section, from its heading; empty when there is nothing to ask. Written apart from
/// the rest of the export, so `export::text` can write it while the lens reads the map.
pub(super) fn questions_to_prepare_md(map: &Map, geometry: &Geometry) -> String {
    let scan = &geometry.gap_scan;
    let lists = questions_to_prepare(map, &geometry.story, scan);
    let mut section = String::new();
    if lists.is_empty() {
        return section;
    }
    let clock = &Clock::of(map, geometry.display_zone);
    let out = &mut section;
    let _ = writeln!(out, "\n## Questions to prepare");
    for whom in lists {
        let name = whom
            .lane
            .and_then(|l| map.lanes.get(l))
            .map_or_else(|| "Everyone".to_owned(), |l| markdown_text(&l.name));
        let _ = writeln!(out, "\n### {name}\n");
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
                        format!("**{when}** ")
                    };
                    let on = elsewhere
                        .map_or_else(String::new, |lane| format!(" (on {})", markdown_text(lane)));
                    writeln!(out, "- {when}{}{on}", markdown_text(&what))
                }
                Line::Open(text) => writeln!(out, "  - {} *(open question)*", markdown_text(text)),
                Line::Said(annotation) => writeln!(
                    out,
                    "  - *{}:* {}",
                    markdown_text(&annotation.kind.label().to_lowercase()),
                    markdown_text(&annotation.text)
                ),
                Line::Follows(text) => writeln!(out, "    - {}", markdown_text(text)),
                Line::Ask(text) => writeln!(out, "  - {}", markdown_text(text)),
            };
        }
    }
    section
}
