//! The "Themes" section of the Markdown export: each theme under its level (above the
//! waterline, below it, or not placed yet), shallowest first, with how many moments carry
//! it and who they were, then its moments in story order as time, lane and what they say.
//! Map text goes in only through `escape`.

use super::escape::markdown_text;
use crate::layout::iceberg::{ThemeFacts, lane_names, moments_label, theme_facts};
use crate::model::{Map, Theme};
use crate::timeline::Clock;
use std::fmt::Write as _;

/// Writes the section to `out`; nothing when the map has no themes.
pub fn themes_md(map: &Map, clock: &Clock, out: &mut String) {
    if map.themes.is_empty() {
        return;
    }
    let facts = theme_facts(map);
    let _ = writeln!(out, "\n## Themes");
    let mut themes: Vec<(usize, &Theme)> = map.themes.iter().enumerate().collect();
    // Shallowest first within a level; themes at one depth keep the map's order.
    themes.sort_by(|(_, a), (_, b)| {
        let depth = |t: &Theme| t.depth.filter(|d| d.is_finite()).unwrap_or(0.0);
        depth(a).total_cmp(&depth(b))
    });
    let levels = [
        "Above the waterline: operations",
        "Below the waterline: the organisation",
        "Not placed yet",
    ];
    for (at, heading) in levels.into_iter().enumerate() {
        let mut level = themes.iter().filter(|(_, t)| level_of(t) == at).peekable();
        if level.peek().is_none() {
            continue;
        }
        let _ = writeln!(out, "\n### {heading}\n");
        for &(index, theme) in level {
            theme_md(map, clock, theme, &facts[index], out);
        }
    }
}

/// A theme's level: 0 above the waterline, 1 below, 2 not placed yet.
fn level_of(theme: &Theme) -> usize {
    match theme.depth.filter(|d| d.is_finite()) {
        Some(depth) if depth > 0.0 => 1,
        Some(_) => 0,
        None => 2,
    }
}

fn theme_md(map: &Map, clock: &Clock, theme: &Theme, facts: &ThemeFacts, out: &mut String) {
    let lanes = lane_names(map, &facts.lanes);
    let who = if lanes.is_empty() {
        String::new()
    } else {
        format!("; {}", markdown_text(&lanes))
    };
    let _ = writeln!(
        out,
        "- **{}** ({}{who})",
        markdown_text(&theme.name),
        moments_label(facts.moments.len())
    );
    for moment in &facts.moments {
        // An untimed moment (most of a real review's) goes without a placeholder time.
        let time = moment
            .time
            .map_or_else(String::new, |t| format!("{} · ", clock.moment(t)));
        let lane = moment
            .lane
            .as_ref()
            .and_then(|id| map.lane(id))
            .map_or("the whole map", |l| l.name.as_str());
        let _ = writeln!(
            out,
            "  - {time}{} · {}",
            markdown_text(lane),
            markdown_text(&moment.line())
        );
    }
}
