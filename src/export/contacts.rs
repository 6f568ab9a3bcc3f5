//! The Markdown export's "Who asked whom": a heading per person and team
//! ([`crate::timeline::who_asked_whom`] decides what counts), with when they joined and
//! who brought them in, whom they reached, who reached them, which systems they looked
//! at, their silences and handoffs, each contact with its time and how (the link's label,
//! else the sender's card). Map text goes in only through `escape`.

use super::escape::markdown_text;
use crate::layout::Geometry;
use crate::model::Map;
use crate::timeline::{Clock, Contact, Moment, per_lane, who_asked_whom};
use std::fmt::Write as _;

/// Card titles quoted in a list are cut to this many characters: the timeline above has
/// them in full.
const TITLE_CHARS: usize = 70;

/// The section, from its heading; empty when the map has no person or team.
pub(super) fn who_asked_whom_md(map: &Map, geometry: &Geometry) -> String {
    let scan = &geometry.gap_scan;
    let rows = who_asked_whom(map, &geometry.story, scan);
    let mut out = String::new();
    if rows.is_empty() {
        return out;
    }
    let clock = &Clock::of(map, geometry.display_zone);
    let name = |lane: usize| map.lanes.get(lane).map_or("?", |l| l.name.as_str());
    let _ = writeln!(out, "\n## Who asked whom");
    for row in &rows {
        let Some(lane) = map.lanes.get(row.lane) else {
            continue;
        };
        // The name alone: lanes are often named with their role ("Ana (on-call SRE)").
        let _ = writeln!(out, "\n### {}\n", markdown_text(&lane.name));
        match row.joined {
            Some(joined) => {
                let via = row.brought_in_by.as_ref().map_or_else(String::new, |c| {
                    format!(
                        ", brought in by {} ({})",
                        markdown_text(name(c.other)),
                        how(map, c)
                    )
                });
                let _ = writeln!(
                    out,
                    "- **Joined** {} with {}{via}",
                    match when(clock, &joined, "") {
                        at if at.is_empty() => "(time unknown)".to_owned(),
                        at => at,
                    },
                    quoted_title(map, joined.event)
                );
            }
            None => {
                let _ = writeln!(out, "- **Joined** never: no card on this lane");
            }
        }
        let list = |out: &mut String, heading: &str, contacts: &[Contact], none: &str| {
            if contacts.is_empty() {
                let _ = writeln!(out, "- **{heading}** {none}");
                return;
            }
            let _ = writeln!(out, "- **{heading}** ({}):", contacts.len());
            for contact in contacts {
                let handoff = if contact.handoff { " *(handoff)*" } else { "" };
                let _ = writeln!(
                    out,
                    "  - {}{}: {}{handoff}",
                    when(clock, &contact.at, " "),
                    markdown_text(name(contact.other)),
                    how(map, contact)
                );
            }
        };
        list(&mut out, "Reached", &row.reached, "nobody on the map");
        list(&mut out, "Reached by", &row.reached_by, "nobody on the map");
        // Systems once each, at the first look, with how many more: a person who ran ten
        // commands on one database reads as one place they looked, not ten lines.
        let systems = per_lane(&row.looked_at);
        if systems.is_empty() {
            let _ = writeln!(out, "- **Looked at** no system on the map");
        } else {
            let _ = writeln!(
                out,
                "- **Looked at** ({}):",
                plural(systems.len(), "system")
            );
            for (other, count, first) in systems {
                let more = match count {
                    1 => String::new(),
                    2 => ", and once more".to_owned(),
                    n => format!(", and {} more times", n - 1),
                };
                let _ = writeln!(
                    out,
                    "  - {}{}: {}{more}",
                    when(clock, &first.at, " "),
                    markdown_text(name(other)),
                    how(map, first)
                );
            }
        }
        let handoffs: Vec<String> = row
            .handoffs()
            .map(|c| {
                let at = match when(clock, &c.at, "") {
                    at if at.is_empty() || at.starts_with("after") => at,
                    at => format!("at {at}"),
                };
                format!("to {} {at}", markdown_text(name(c.other)))
                    .trim_end()
                    .to_owned()
            })
            .collect();
        if !handoffs.is_empty() {
            let _ = writeln!(out, "- **Handed over**: {}", handoffs.join("; "));
        }
        let silences: Vec<String> = row
            .silences
            .iter()
            .filter_map(|&g| scan.gaps.get(g))
            .map(|gap| format!("{} ({})", clock.range(gap.start, gap.end), gap.summary()))
            .collect();
        if silences.is_empty() {
            let _ = writeln!(out, "- **Silences** none past the gap threshold");
        } else {
            let _ = writeln!(out, "- **Silences**: {}", silences.join("; "));
        }
    }
    out
}

/// "14:05 ", "after 14:05 " (an untimed card told after a timed one), or nothing.
fn when(clock: &Clock, moment: &Moment, then: &str) -> String {
    match (moment.time, moment.after) {
        (Some(time), _) => format!("{}{then}", clock.moment(time)),
        (None, Some(after)) => format!("after {}{then}", clock.moment(after)),
        (None, None) => String::new(),
    }
}

/// How a contact was made: the link's label, else the sender's card, quoted.
fn how(map: &Map, contact: &Contact) -> String {
    match map.links.get(contact.link) {
        Some(link) if !link.label.trim().is_empty() => markdown_text(&link.label),
        _ => quoted_title(map, contact.at.event),
    }
}

/// A card's title in quotes, cut to [`TITLE_CHARS`] with "…" where it was cut.
fn quoted_title(map: &Map, event: usize) -> String {
    let title = map.events.get(event).map_or("", |e| e.title.as_str());
    let cut = match title.char_indices().nth(TITLE_CHARS) {
        Some((at, _)) => format!("{}…", title[..at].trim_end()),
        None => title.to_owned(),
    };
    format!("\"{}\"", markdown_text(&cut))
}

/// "1 system", "3 systems".
fn plural(count: usize, word: &str) -> String {
    match count {
        1 => format!("1 {word}"),
        n => format!("{n} {word}s"),
    }
}
