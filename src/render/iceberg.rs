//! Drawing the iceberg (`layout::iceberg`): the sea and the waterline, a pale iceberg
//! whose small tip shows above the water and whose bulk lies below, the level labels and
//! prompts, the shelf of themes not placed yet, and each theme's box in its colour. The
//! view, the PNG and the SVG all draw it through here. Theme names and lane names go
//! through the pen, which shows map text only through [`super::shown_text`].

use super::pen::Pen;
use super::{PAGE_MARGIN, PAGE_TITLE_HEIGHT, Theme, View};
use crate::layout::iceberg::{
    BOX_PADDING, DETAIL_SIZE, Iceberg, NAME_SIZE, TEXT_LEFT, TEXT_WIDTH, ThemeBox, lane_names,
    moments_label, row_height,
};
use crate::model::{Map, parse_colour};
use egui::emath::TSTransform;
use egui::epaint::text::FontsView;
use egui::{Color32, CornerRadius, Rect, Shape, Stroke, StrokeKind, pos2, vec2};

/// Colours for themes without one of their own, by their place in the map's list: hues
/// that stay apart from each other and readable as a strip on light and dark.
/// The one palette: the iceberg, the Themes panel and the inspector's chips all use it, so
/// a theme has the same colour everywhere.
pub const THEME_PALETTE: [Color32; 8] = [
    Color32::from_rgb(0x2F, 0x6F, 0xB8),
    Color32::from_rgb(0xC0, 0x56, 0x21),
    Color32::from_rgb(0x2E, 0x8B, 0x57),
    Color32::from_rgb(0x8E, 0x44, 0xAD),
    Color32::from_rgb(0xB8, 0x86, 0x0B),
    Color32::from_rgb(0xC0, 0x39, 0x6B),
    Color32::from_rgb(0x16, 0x86, 0x8A),
    Color32::from_rgb(0x6B, 0x6E, 0x2A),
];

/// The colour a theme is drawn in: its own, or the palette's by its index.
pub fn theme_colour(map: &Map, index: usize) -> Color32 {
    match map.themes.get(index) {
        Some(theme) => colour_of_theme(theme, index),
        None => THEME_PALETTE[index % THEME_PALETTE.len()],
    }
}

/// A theme's colour: the one the reviewer chose, or the palette's by `index`, its place in
/// the map's themes.
pub fn colour_of_theme(theme: &crate::model::Theme, index: usize) -> Color32 {
    theme
        .colour
        .as_deref()
        .and_then(parse_colour)
        .map_or(THEME_PALETTE[index % THEME_PALETTE.len()], |[r, g, b]| {
            Color32::from_rgb(r, g, b)
        })
}

/// The iceberg's own colours in a theme: the sea, the ice above and below water, the line.
struct Sea {
    water: Color32,
    ice_above: Color32,
    ice_below: Color32,
    ice_edge: Color32,
    waterline: Color32,
}

impl Sea {
    fn of(theme: &Theme) -> Self {
        if theme.dark {
            Sea {
                water: Color32::from_rgb(0x17, 0x2A, 0x3C),
                ice_above: Color32::from_rgb(0x3A, 0x4A, 0x58),
                ice_below: Color32::from_rgb(0x25, 0x3D, 0x52),
                ice_edge: Color32::from_rgb(0x6F, 0x8E, 0xA8),
                waterline: Color32::from_rgb(0x5F, 0xA8, 0xE8),
            }
        } else {
            Sea {
                water: Color32::from_rgb(0xDD, 0xEB, 0xF5),
                ice_above: Color32::from_rgb(0xFF, 0xFF, 0xFF),
                ice_below: Color32::from_rgb(0xC4, 0xDD, 0xEE),
                ice_edge: Color32::from_rgb(0x8C, 0xAE, 0xC8),
                waterline: Color32::from_rgb(0x1F, 0x5F, 0x9E),
            }
        }
    }
}

/// Draws the iceberg of a map as seen through `view`, appending to `out`.
pub fn paint_iceberg(
    map: &Map,
    berg: &Iceberg,
    theme: &Theme,
    view: &View,
    fonts: &mut FontsView<'_>,
    out: &mut Vec<Shape>,
) {
    if view.sticky_chrome {
        out.push(Shape::rect_filled(view.clip, 0.0, theme.background));
    }
    let mut pen = Pen::new(fonts, out, theme, view);
    paint_with(&mut pen, map, berg);
}

/// The export page of the iceberg: its size in page points.
pub fn iceberg_page_size(berg: &Iceberg) -> egui::Vec2 {
    berg.size + vec2(0.0, PAGE_MARGIN + PAGE_TITLE_HEIGHT)
}

/// Draws the iceberg's export page: the map's title, then the iceberg below it. The
/// target must be cleared to `theme.background` first.
pub fn paint_iceberg_page(
    map: &Map,
    berg: &Iceberg,
    theme: &Theme,
    view: &View,
    fonts: &mut FontsView<'_>,
    out: &mut Vec<Shape>,
) {
    {
        let mut pen = Pen::new(fonts, out, theme, view);
        let title = if map.title.trim().is_empty() {
            "Untitled map"
        } else {
            map.title.trim()
        };
        let width = berg.size.x - 2.0 * PAGE_MARGIN;
        if let Some(galley) =
            pen.galley(&format!("{title}: the iceberg"), 24.0, theme.text, width, 1)
        {
            let at = pen.pos(pos2(PAGE_MARGIN, PAGE_MARGIN));
            pen.put(at, galley, theme.text);
        }
    }
    let offset = vec2(0.0, PAGE_MARGIN + PAGE_TITLE_HEIGHT);
    let berg_view = View {
        screen_from_scene: view.screen_from_scene * TSTransform::from_translation(offset),
        ..*view
    };
    let mut pen = Pen::new(fonts, out, theme, &berg_view);
    paint_with(&mut pen, map, berg);
}

fn paint_with(pen: &mut Pen<'_, '_>, map: &Map, berg: &Iceberg) {
    let sea = Sea::of(pen.theme);
    paint_sea_and_ice(pen, berg, &sea);
    paint_texts(pen, berg);
    pen.dashed_rect(berg.shelf, Stroke::new(1.5, pen.theme.branch), 8.0);
    for theme_box in &berg.boxes {
        paint_box(pen, map, berg, theme_box);
    }
}

/// The sea below the waterline, the iceberg (a small tip above, the bulk below) and the
/// waterline across the whole picture.
fn paint_sea_and_ice(pen: &mut Pen<'_, '_>, berg: &Iceberg, sea: &Sea) {
    let whole = Rect::from_min_max(pos2(0.0, berg.waterline_y), pos2(berg.size.x, berg.size.y));
    pen.out
        .push(Shape::rect_filled(pen.rect(whole), 0.0, sea.water));
    let b = berg.berg;
    let (w, wl) = (b.width(), berg.waterline_y);
    let cx = b.center().x;
    let below = (b.max.y - wl).max(1.0);
    // Both halves are convex, as epaint fills them.
    let tip = [
        pos2(cx - 0.04 * w, berg.tip_y),
        pos2(cx + 0.05 * w, berg.tip_y + 0.12 * (wl - berg.tip_y)),
        pos2(cx + 0.22 * w, wl),
        pos2(cx - 0.2 * w, wl),
    ];
    let bulk = [
        pos2(cx - 0.2 * w, wl),
        pos2(cx + 0.22 * w, wl),
        pos2(b.max.x, wl + 0.32 * below),
        pos2(b.max.x - 0.1 * w, b.max.y),
        pos2(b.min.x + 0.12 * w, b.max.y),
        pos2(b.min.x, wl + 0.4 * below),
    ];
    let edge = Stroke::new(pen.len(2.0), sea.ice_edge);
    for (points, fill) in [(&tip[..], sea.ice_above), (&bulk[..], sea.ice_below)] {
        let points = points.iter().map(|&p| pen.pos(p)).collect();
        pen.out.push(Shape::convex_polygon(points, fill, edge));
    }
    let line = [pen.pos(pos2(0.0, wl)), pen.pos(pos2(berg.size.x, wl))];
    pen.out.push(Shape::line_segment(
        line,
        Stroke::new(pen.len(3.0), sea.waterline),
    ));
}

/// The level labels, the prompts and the shelf's heading.
fn paint_texts(pen: &mut Pen<'_, '_>, berg: &Iceberg) {
    for spot in &berg.texts {
        let heading = spot.size > DETAIL_SIZE;
        let colour = if heading {
            pen.theme.text
        } else {
            pen.theme.muted_text
        };
        if let Some(galley) = pen.galley(spot.text, spot.size, colour, spot.rect.width(), spot.rows)
        {
            let at = pen.pos(spot.rect.min);
            pen.put(at, galley, colour);
        }
    }
}

/// One theme's box: a strip and border in its colour, its name, how many moments carry
/// it, and its people and systems.
fn paint_box(pen: &mut Pen<'_, '_>, map: &Map, berg: &Iceberg, theme_box: &ThemeBox) {
    let Some(theme) = map.themes.get(theme_box.theme) else {
        return;
    };
    let screen = pen.rect(theme_box.rect);
    if !screen.intersects(pen.view.clip) {
        return;
    }
    let colour = theme_colour(map, theme_box.theme);
    let radius = CornerRadius::same(pen.len(6.0).round().clamp(0.0, 255.0) as u8);
    pen.out
        .push(Shape::rect_filled(screen, radius, pen.theme.card_fill));
    let strip = Rect::from_min_size(screen.min, vec2(pen.len(7.0), screen.height()));
    pen.out.push(Shape::rect_filled(
        strip,
        CornerRadius {
            nw: radius.nw,
            sw: radius.sw,
            ne: 0,
            se: 0,
        },
        colour,
    ));
    pen.out.push(Shape::rect_stroke(
        screen,
        radius,
        Stroke::new(pen.len(2.0), colour),
        StrokeKind::Inside,
    ));
    let (left, width) = (theme_box.rect.min.x + TEXT_LEFT, TEXT_WIDTH);
    let mut y = theme_box.rect.min.y + BOX_PADDING;
    let text = pen.theme.text;
    if let Some(galley) = pen.galley(&theme.name, NAME_SIZE, text, width, theme_box.name_rows) {
        let at = pen.pos(pos2(left, y));
        pen.put(at, galley, text);
    }
    y += row_height(NAME_SIZE) * theme_box.name_rows as f32 + 4.0;
    let facts = berg.facts.get(theme_box.theme);
    let count = facts.map_or(0, |f| f.moments.len());
    let muted = pen.theme.muted_text;
    if let Some(galley) = pen.galley(&moments_label(count), DETAIL_SIZE, text, width, 1) {
        let at = pen.pos(pos2(left, y));
        pen.put(at, galley, text);
    }
    y += row_height(DETAIL_SIZE);
    if theme_box.lane_rows > 0
        && let Some(facts) = facts
    {
        let lanes = lane_names(map, &facts.lanes);
        if let Some(galley) = pen.galley(&lanes, DETAIL_SIZE, muted, width, theme_box.lane_rows) {
            let at = pen.pos(pos2(left, y));
            pen.put(at, galley, muted);
        }
    }
}
