//! The time ruler: the times of timestamped cards in a strip on the left that stays in view
//! when the map is scrolled sideways. Zoomed out, its words keep a readable size on screen
//! and are thinned so that none covers another; a day's first time, with its date above
//! it, goes before the times around it.

use super::detail::{self, RULER_PX};
use super::pen::Pen;
use crate::layout::{Geometry, LayoutSettings, RulerTick};
use egui::{Align2, Galley, Rect, Shape, pos2};
use std::sync::Arc;

/// Screen points kept clear between two labels.
const LABEL_GAP: f32 = 1.0;
/// Scene points between a tick and the top of its card.
const TICK_BELOW_CARD_TOP: f32 = 14.0;

/// A day's first tick that has room for its date and time, on screen.
struct DayLabel {
    /// Index into the ticks in view.
    index: usize,
    date: Option<Arc<Galley>>,
    top: f32,
    bottom: f32,
}

pub(super) fn paint_ruler(pen: &mut Pen<'_, '_>, geometry: &Geometry, settings: &LayoutSettings) {
    if geometry.ruler.is_empty() {
        return;
    }
    let scaled = pen.rect(Rect::from_min_max(
        pos2(0.0, geometry.lifeline_top),
        pos2(settings.ruler_width, geometry.bounds.max.y),
    ));
    // Zoomed out the strip keeps a readable width on screen, reaching left of the map.
    let width = detail::ruler_width_px(settings.ruler_width, pen.zoom);
    let mut strip = Rect::from_min_max(pos2(scaled.max.x - width, scaled.min.y), scaled.max);
    // Pinned over the lanes (the map scrolled sideways), the ruler writes nothing under
    // the pinned headers, which are drawn over it.
    let mut clear_below = f32::NEG_INFINITY;
    if pen.view.sticky_chrome && strip.min.x < pen.view.clip.min.x {
        strip = strip.translate(egui::vec2(pen.view.clip.min.x - strip.min.x, 0.0));
        if let Some(lane) = geometry.lanes.first() {
            clear_below = super::header_rect_on_screen(lane, pen.view).max.y;
        }
    }
    let wrap = strip.width();
    let right = strip.max.x - pen.len(8.0).max(4.0);
    let strip = strip.intersect(pen.view.clip);
    if !strip.is_positive() {
        return;
    }
    pen.out
        .push(Shape::rect_filled(strip, 0.0, pen.theme.ruler_fill));

    let time_px = pen.len(11.5).max(RULER_PX);
    let date_px = pen.len(10.5).max(RULER_PX);
    let time_row = pen.row_px(time_px);
    let reach = time_row + 2.0 * pen.row_px(date_px);
    let ticks = ticks_in_view(pen, geometry, reach);
    let days = day_labels(
        pen,
        geometry,
        &ticks,
        date_px,
        wrap - pen.len(4.0),
        time_row,
    );

    let mut last_bottom = clear_below;
    let mut days = days
        .into_iter()
        .skip_while(|day| day.top < clear_below)
        .peekable();
    for (i, tick) in ticks.iter().enumerate() {
        let y = pen.pos(pos2(0.0, tick.y)).y;
        let (top, bottom) = (y - time_row / 2.0, y + time_row / 2.0);
        let day = days.next_if(|day| day.index == i);
        if let Some(day) = &day {
            last_bottom = day.bottom;
        } else {
            let next_day_top = days.peek().map_or(f32::INFINITY, |day| day.top);
            if tick.starts_day || top < last_bottom + LABEL_GAP || bottom + LABEL_GAP > next_day_top
            {
                continue;
            }
            last_bottom = bottom;
        }
        let prefix = if tick.approximate { "~" } else { "" };
        let text = format!(
            "{prefix}{}",
            tick.time.clock_label_in(geometry.display_zone)
        );
        let color = pen.theme.muted_text;
        let Some(galley) = pen.galley_px(&text, time_px, color, wrap, 1) else {
            continue;
        };
        let rect = Align2::RIGHT_CENTER.anchor_size(pos2(right, y), galley.size());
        pen.put(rect.min, galley, color);
        // A new day: its date above the time, in the ruler's strong colour.
        if let Some(date) = day.and_then(|day| day.date) {
            let at = pos2(right, rect.min.y - pen.len(1.0));
            let date_rect = Align2::RIGHT_BOTTOM.anchor_size(at, date.size());
            pen.put(date_rect.min, date, pen.theme.text);
        }
    }
}

/// The ticks whose labels (`reach` screen points tall at most) may be in view, top to
/// bottom: found by binary search, since the ruler runs down the map.
fn ticks_in_view<'g>(pen: &Pen<'_, '_>, geometry: &'g Geometry, reach: f32) -> Vec<&'g RulerTick> {
    let visible = pen.view.visible_scene_rect();
    let reach = reach / pen.zoom;
    let ruler = &geometry.ruler;
    let from = ruler.partition_point(|tick| tick.y < visible.min.y - reach);
    let to = ruler
        .partition_point(|tick| tick.y <= visible.max.y + reach)
        .max(from);
    ruler[from..to]
        .iter()
        .filter(|tick| pen.view.shows(tick.y - TICK_BELOW_CARD_TOP))
        .collect()
}

/// The days' first ticks that have room for their date and time, laid out: each one
/// clear of the one above it.
fn day_labels(
    pen: &mut Pen<'_, '_>,
    geometry: &Geometry,
    ticks: &[&RulerTick],
    date_px: f32,
    wrap: f32,
    time_row: f32,
) -> Vec<DayLabel> {
    let mut days: Vec<DayLabel> = Vec::new();
    for (index, tick) in ticks.iter().enumerate() {
        if !tick.starts_day {
            continue;
        }
        let date_text = geometry.clock.date(tick.time);
        let date = pen.galley_px(&date_text, date_px, pen.theme.text, wrap, 2);
        let y = pen.pos(pos2(0.0, tick.y)).y;
        let date_height = date
            .as_ref()
            .map_or(0.0, |date| date.size().y + pen.len(1.0));
        let top = y - time_row / 2.0 - date_height;
        let bottom = y + time_row / 2.0;
        if days
            .last()
            .is_none_or(|above| top >= above.bottom + LABEL_GAP)
        {
            days.push(DayLabel {
                index,
                date,
                top,
                bottom,
            });
        }
    }
    days
}
