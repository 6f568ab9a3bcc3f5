//! The Markdown export's "Questions to prepare": the facilitator's notes before the
//! debrief meeting, a heading per person or team (`crate::timeline::questions_to_prepare`
//! decides what is asked of whom), each moment or gap with its questions under it. Map
//! text goes in only through `escape`, as everywhere in the export.

use super::escape::markdown_text;
use crate::layout::Geometry;
use crate::model::Map;
use crate::timeline::{Clock, Source, questions_to_prepare};
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
        let mut rows = clock.in_order();
        for item in &whom.items {
            let when = item.when(map, scan, clock, &mut rows);
            let when = if when.is_empty() {
                String::new()
            } else {
                format!("**{when}** ")
            };
            let _ = write!(out, "- {when}{}", markdown_text(&item.what(map, scan)));
            if let Some(lane) = item.elsewhere(map, whom.lane) {
                let _ = write!(out, " (on {})", markdown_text(lane));
            }
            out.push('\n');
            // What someone said is written once, with the questions that follow it under it.
            let mut said = None;
            for question in &item.questions {
                let text = markdown_text(question.text);
                match question.from {
                    Source::Reviewer => {
                        let _ = writeln!(out, "  - {text} *(open question)*");
                    }
                    Source::Said(annotation) => {
                        if !said.is_some_and(|s| std::ptr::eq(s, annotation)) {
                            said = Some(annotation);
                            let _ = writeln!(
                                out,
                                "  - *{}:* {}",
                                markdown_text(&annotation.kind.label().to_lowercase()),
                                markdown_text(&annotation.text)
                            );
                        }
                        let _ = writeln!(out, "    - {text}");
                    }
                    Source::Kind | Source::Gap => {
                        let _ = writeln!(out, "  - {text}");
                    }
                }
            }
        }
    }
    section
}
