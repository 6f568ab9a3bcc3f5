//! SVG export from the same geometry and colours as the canvas: lanes, headers, gap bands,
//! paths not taken (grey, dashed), links, cards and the ruler, with text as text so it can
//! be selected and searched. Text is placed, not measured: long titles are cut by length.
//! Map text goes in only through `escape::xml_text`, so the file is always XML.

use super::escape::xml_text;
use crate::layout::{Geometry, LayoutSettings, LinkRoute};
use crate::model::{Branch, CardId, Event, Map};
use crate::render::{PAGE_MARGIN, PAGE_TITLE_HEIGHT, Theme, page_size};
use crate::timeline::duration_label;
use egui::{Color32, Pos2, Rect};
use std::fmt::Write as _;

pub fn svg(map: &Map, geometry: &Geometry, settings: &LayoutSettings, dark: bool) -> String {
    let theme = Theme::for_dark_mode(dark);
    let page = page_size(geometry);
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="Ubuntu, 'DejaVu Sans', 'Noto Sans', 'Noto Sans CJK JP', sans-serif">"#,
        w = page.x.ceil(),
        h = page.y.ceil()
    );
    let _ = writeln!(out, "<title>{}</title>", xml_text(&map.title));
    rect(
        &mut out,
        Rect::from_min_size(Pos2::ZERO, page),
        theme.background,
        None,
        0.0,
    );
    text(
        &mut out,
        PAGE_MARGIN,
        PAGE_MARGIN + 16.0,
        20.0,
        theme.text,
        &map.title,
        "",
    );
    let _ = writeln!(
        out,
        r#"<g transform="translate({PAGE_MARGIN} {})">"#,
        PAGE_MARGIN + PAGE_TITLE_HEIGHT
    );
    lanes(&mut out, map, geometry, &theme);
    gaps(&mut out, map, geometry, settings, &theme);
    branches(&mut out, geometry, &theme);
    links(&mut out, geometry, &theme);
    for card in &geometry.cards {
        match &card.item {
            CardId::Event(id) => {
                if let Some(event) = map.event(id) {
                    event_card(&mut out, event, card.rect, geometry, &theme);
                }
            }
            CardId::Branch(id) => {
                if let Some(branch) = map.branch(id) {
                    ghost_card(&mut out, branch, card.rect, &theme);
                }
            }
        }
    }
    link_labels(&mut out, map, geometry, &theme);
    ruler(&mut out, geometry, settings, &theme);
    out.push_str("</g>\n</svg>\n");
    out
}

fn lanes(out: &mut String, map: &Map, geometry: &Geometry, theme: &Theme) {
    for (i, lane_geom) in geometry.lanes.iter().enumerate() {
        if i % 2 == 1 {
            rect(out, lane_geom.column, theme.lane_band, None, 0.0);
        }
        let _ = writeln!(
            out,
            r#"<line x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="{}" stroke-width="1.5" stroke-dasharray="6 4.2"/>"#,
            geometry.lifeline_top,
            geometry.bounds.max.y,
            color(theme.lifeline),
            x = lane_geom.lifeline_x
        );
        let Some(lane) = map.lane(&lane_geom.id) else {
            continue;
        };
        rect(
            out,
            lane_geom.header,
            theme.header_fill,
            Some(theme.header_stroke),
            6.0,
        );
        let bar = Rect::from_min_size(
            lane_geom.header.min,
            egui::vec2(lane_geom.header.width(), 4.0),
        );
        rect(out, bar, theme.lane_kind(&lane.kind), None, 0.0);
        let c = lane_geom.header.center().x;
        text(
            out,
            c,
            lane_geom.header.min.y + 24.0,
            14.5,
            theme.text,
            &cut(&lane.name, 26),
            r#" text-anchor="middle""#,
        );
        text(
            out,
            c,
            lane_geom.header.max.y - 9.0,
            10.0,
            theme.lane_kind(&lane.kind),
            &lane.kind.label().to_uppercase(),
            r#" text-anchor="middle""#,
        );
    }
}

fn gaps(
    out: &mut String,
    map: &Map,
    geometry: &Geometry,
    settings: &LayoutSettings,
    theme: &Theme,
) {
    for band in &geometry.gap_bands {
        let Some(gap) = geometry.gap_scan.gaps.get(band.gap) else {
            continue;
        };
        let mut area = band.rect;
        if gap.lane.is_none() {
            area.min.x = settings.ruler_width;
        }
        let _ = writeln!(
            out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}" fill-opacity="{:.3}" stroke="{}" stroke-dasharray="{}"/>"#,
            area.min.x,
            area.min.y,
            area.width(),
            area.height(),
            color(theme.gap_fill),
            f32::from(theme.gap_fill.a()) / 255.0,
            color(theme.gap_edge),
            if band.compressed { "2 2" } else { "6 6" }
        );
        let length = duration_label(gap.secs());
        let notes: usize = gap
            .notes
            .iter()
            .filter_map(|&i| map.gaps.get(i))
            .map(|g| g.notes.len())
            .sum();
        let words = match (&gap.lane, notes) {
            (None, 0) => format!("{}: {}", gap.summary(), gap.question()),
            (None, n) => format!("{}: {} · {n} notes", gap.summary(), gap.question()),
            (Some(_), _) => format!("{length} quiet"),
        };
        let (x, y) = match gap.lane {
            None => (area.min.x + 12.0, area.center().y + 4.5),
            Some(_) => (area.max.x + 5.0, area.min.y + 14.0),
        };
        text(
            out,
            x,
            y,
            if gap.lane.is_none() { 13.0 } else { 11.0 },
            theme.gap_text,
            &words,
            "",
        );
    }
}

fn branches(out: &mut String, geometry: &Geometry, theme: &Theme) {
    for curve in &geometry.branch_curves {
        let [a, b, c, d] = curve.points;
        let _ = writeln!(
            out,
            r#"<path d="M {} {} C {} {} {} {} {} {}" fill="none" stroke="{}" stroke-width="1.6" stroke-dasharray="7 5.6"/>"#,
            a.x,
            a.y,
            b.x,
            b.y,
            c.x,
            c.y,
            d.x,
            d.y,
            color(theme.branch)
        );
        let dir = (d - c).normalized();
        if dir.is_finite() {
            let back = d - dir * 8.0;
            let side = dir.rot90() * 4.5;
            let _ = writeln!(
                out,
                r#"<polyline points="{},{} {},{} {},{}" fill="none" stroke="{}" stroke-width="1.6"/>"#,
                (back + side).x,
                (back + side).y,
                d.x,
                d.y,
                (back - side).x,
                (back - side).y,
                color(theme.branch)
            );
        }
    }
}

/// The arrows, under the cards (their labels go over them, as on screen).
fn links(out: &mut String, geometry: &Geometry, theme: &Theme) {
    let stroke = color(theme.link);
    for link in &geometry.links {
        let (to, dir) = (link.to(), link.head_dir());
        match (link.route, link.points.as_slice()) {
            (LinkRoute::Loop, &[a, b, c, d]) => {
                let _ = writeln!(
                    out,
                    r#"<path d="M {} {} C {} {} {} {} {} {}" fill="none" stroke="{stroke}" stroke-width="1.6"/>"#,
                    a.x, a.y, b.x, b.y, c.x, c.y, d.x, d.y
                );
            }
            (_, points) => {
                let mut list = String::new();
                for p in points {
                    let _ = write!(list, "{},{} ", p.x, p.y);
                }
                let _ = writeln!(
                    out,
                    r#"<polyline points="{}" fill="none" stroke="{stroke}" stroke-width="1.6"/>"#,
                    list.trim_end()
                );
            }
        }
        if dir.is_finite() && dir != egui::Vec2::ZERO {
            let base = to - dir * 9.0;
            let side = dir.rot90() * 4.5;
            let _ = writeln!(
                out,
                r#"<polygon points="{},{} {},{} {},{}" fill="{stroke}"/>"#,
                to.x,
                to.y,
                (base + side).x,
                (base + side).y,
                (base - side).x,
                (base - side).y
            );
        }
    }
}

fn link_labels(out: &mut String, map: &Map, geometry: &Geometry, theme: &Theme) {
    for link in &geometry.links {
        let label = map.link(&link.link).map_or("", |l| l.label.as_str());
        if label.is_empty() {
            continue;
        }
        // On a box, as on screen: the label sits on its line.
        let size = crate::layout::label_size(label);
        rect(
            out,
            Rect::from_center_size(link.label_at, size),
            theme.label_fill,
            None,
            3.0,
        );
        text(
            out,
            link.label_at.x,
            link.label_at.y + 4.0,
            11.0,
            theme.link,
            // About what fits the box's 120 points, as the screen cuts it.
            &cut(label, 21),
            r#" text-anchor="middle""#,
        );
    }
}

fn event_card(out: &mut String, event: &Event, area: Rect, geometry: &Geometry, theme: &Theme) {
    // The whole title as the group's title: a tooltip in browsers, and the full text for
    // search when the drawn lines are cut.
    let _ = writeln!(out, "<g><title>{}</title>", xml_text(&event.title));
    rect(out, area, theme.card_fill, Some(theme.card_stroke), 5.0);
    let accent = theme.event_kind(event.kind.as_ref());
    rect(
        out,
        Rect::from_min_size(area.min, egui::vec2(4.0, area.height())),
        accent,
        None,
        0.0,
    );
    let left = area.min.x + 10.0;
    if let Some(time) = event.time {
        let label = format!(
            "{}{}",
            if event.approximate { "~" } else { "" },
            time.clock_label_in(geometry.display_zone)
        );
        text(
            out,
            left,
            area.min.y + 16.0,
            11.0,
            theme.muted_text,
            &label,
            "",
        );
    }
    if let Some(kind) = &event.kind {
        text(
            out,
            area.max.x - 8.0,
            area.min.y + 16.0,
            10.0,
            accent,
            kind.label(),
            r#" text-anchor="end""#,
        );
    }
    // The whole title, in as many lines as the layout made room for.
    let title_width = crate::layout::title_width_of(area.width());
    let rows = crate::layout::title_lines(&event.title, title_width);
    let per_line = ((title_width / crate::layout::GLYPH_WIDTH).floor() as usize).max(8);
    for (i, line) in wrap(&event.title, per_line, rows).iter().enumerate() {
        text(
            out,
            left,
            area.min.y + 34.0 + i as f32 * 16.0,
            13.0,
            theme.text,
            line,
            "",
        );
    }
    for annotation in &event.annotations {
        // In the file, searchable, though not drawn (the PNG shows badges only too).
        let _ = writeln!(
            out,
            r#"<desc>{}: {}</desc>"#,
            xml_text(annotation.kind.label()),
            xml_text(&annotation.text)
        );
    }
    out.push_str("</g>\n");
}

fn ghost_card(out: &mut String, branch: &Branch, area: Rect, theme: &Theme) {
    let _ = writeln!(
        out,
        "<g><title>Path not taken: {}</title>",
        xml_text(&branch.label)
    );
    let _ = writeln!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" rx="5" fill="{}" fill-opacity="0.6" stroke="{}" stroke-width="1.4" stroke-dasharray="5 3.5"/>"#,
        area.min.x,
        area.min.y,
        area.width(),
        area.height(),
        color(theme.ghost_fill),
        color(theme.branch)
    );
    let left = area.min.x + 8.0;
    text(
        out,
        left,
        area.min.y + 14.0,
        9.5,
        theme.branch_text,
        "PATH NOT TAKEN",
        "",
    );
    text(
        out,
        left,
        area.min.y + 31.0,
        13.0,
        theme.branch_text,
        &cut(&branch.label, 27),
        "",
    );
    if !branch.note.is_empty() {
        text(
            out,
            left,
            area.min.y + 47.0,
            11.0,
            theme.branch_text,
            &cut(&branch.note, 32),
            "",
        );
    }
    out.push_str("</g>\n");
}

fn ruler(out: &mut String, geometry: &Geometry, settings: &LayoutSettings, theme: &Theme) {
    if geometry.ruler.is_empty() {
        return;
    }
    let strip = Rect::from_min_max(
        Pos2::new(0.0, geometry.lifeline_top),
        Pos2::new(settings.ruler_width, geometry.bounds.max.y),
    );
    rect(out, strip, theme.ruler_fill, None, 0.0);
    for tick in &geometry.ruler {
        let label = format!(
            "{}{}",
            if tick.approximate { "~" } else { "" },
            tick.time.clock_label_in(geometry.display_zone)
        );
        text(
            out,
            settings.ruler_width - 8.0,
            tick.y + 4.0,
            11.5,
            theme.muted_text,
            &label,
            r#" text-anchor="end""#,
        );
    }
}

fn rect(out: &mut String, area: Rect, fill: Color32, stroke: Option<Color32>, radius: f32) {
    let stroke = stroke.map_or_else(String::new, |s| format!(r#" stroke="{}""#, color(s)));
    let _ = writeln!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{radius}" fill="{}"{stroke}/>"#,
        area.min.x,
        area.min.y,
        area.width(),
        area.height(),
        color(fill)
    );
}

fn text(out: &mut String, x: f32, y: f32, size: f32, fill: Color32, words: &str, extra: &str) {
    let _ = writeln!(
        out,
        r#"<text x="{x}" y="{y}" font-size="{size}" fill="{}"{extra}>{}</text>"#,
        color(fill),
        xml_text(words)
    );
}

fn color(c: Color32) -> String {
    format!("#{:02x}{:02x}{:02x}", c.r(), c.g(), c.b())
}

fn cut(text: &str, max: usize) -> String {
    let text = text.trim().replace('\n', " ");
    if text.chars().count() <= max {
        text
    } else {
        let kept: String = text.chars().take(max - 1).collect();
        format!("{}…", kept.trim_end())
    }
}

/// Up to `rows` lines of about `width` characters, breaking at spaces, "…" when cut.
fn wrap(text: &str, width: usize, rows: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    if lines.len() > rows {
        let rest = lines[rows - 1..].join(" ");
        lines.truncate(rows - 1);
        lines.push(cut(&rest, width));
    }
    lines.into_iter().map(|l| cut(&l, width)).collect()
}
