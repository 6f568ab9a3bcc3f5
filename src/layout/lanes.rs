//! How wide each lane is: as wide as its content needs, so a lane with a few cards is
//! narrow and a 20-lane incident is workable on a laptop screen, while a busy lane of long
//! sentences keeps full-width cards (narrowing them would make every card taller and push
//! the lane's later cards down).

use super::title::MAX_TITLE_LINES;
use super::{GLYPH_WIDTH, LaneGeom, LayoutSettings, title_lines, title_width_of};
use crate::model::FastHashMap as HashMap;
use crate::model::{Annotation, Event, Lane, LaneId, Map};
use egui::{Rect, pos2, vec2};

/// Card widths tried, narrowest first, in steps of this much up to the settings' width.
const WIDTH_STEP: f32 = 16.0;
/// Average width of a glyph of a lane name (14.5-point text), a little generous.
const NAME_GLYPH_WIDTH: f32 = 7.8;
/// Room beside the name inside its header (padding on both sides).
const NAME_PADDING: f32 = 20.0;
/// A lane with at most this many cards is sparse: its cards have room to grow downwards,
/// so they may be narrower and taller.
const SPARSE_LANE: usize = 3;
/// How many more lines a sparse lane's card may take than at full width.
const SPARSE_EXTRA_LINES: usize = 4;

/// The lanes shown, and the index among them of every card's lane, looked up once per
/// layout (a hidden or unknown lane has none: its cards are not placed).
pub(super) struct ShownLanes<'m> {
    lanes: Vec<&'m Lane>,
    /// By index into [`Map::events`].
    pub event_lane: Vec<Option<usize>>,
    /// By index into [`Map::branches`].
    pub branch_lane: Vec<Option<usize>>,
}

impl<'m> ShownLanes<'m> {
    /// `event_map_lane`: each event's index into [`Map::lanes`], as
    /// [`crate::timeline::lane_of_each_event`] gives it.
    pub(super) fn of(
        map: &'m Map,
        settings: &LayoutSettings,
        event_map_lane: &[Option<usize>],
    ) -> Self {
        // Each of the map's lanes' place among those shown.
        let mut shown_index = Vec::with_capacity(map.lanes.len());
        let mut lanes: Vec<&Lane> = Vec::new();
        for lane in map.lanes.iter() {
            if settings.hidden_lanes.contains(&lane.id) {
                shown_index.push(None);
            } else {
                shown_index.push(Some(lanes.len()));
                lanes.push(lane);
            }
        }
        let event_lane = event_map_lane
            .iter()
            .map(|lane| lane.and_then(|i| shown_index[i]))
            .collect();
        let index: HashMap<&LaneId, usize> =
            lanes.iter().enumerate().map(|(i, l)| (&l.id, i)).collect();
        let branch_lane = map
            .branches
            .iter()
            .map(|b| index.get(&b.lane).copied())
            .collect();
        ShownLanes {
            lanes,
            event_lane,
            branch_lane,
        }
    }
}

/// The lanes shown, left to right, each as wide as its content needs.
pub(super) fn place_lanes(
    map: &Map,
    shown: &ShownLanes<'_>,
    settings: &LayoutSettings,
) -> Vec<LaneGeom> {
    let mut card_width: Vec<f32> = shown
        .lanes
        .iter()
        .map(|lane| width_for_name(&lane.name, settings))
        .collect();
    let mut cards = vec![0_usize; shown.lanes.len()];
    for &i in shown.event_lane.iter().chain(&shown.branch_lane).flatten() {
        cards[i] += 1;
    }
    for (event, &lane) in map.events.iter().zip(&shown.event_lane) {
        if let Some(i) = lane {
            card_width[i] = card_width[i].max(width_for_top_row(event).min(settings.card_width));
        }
    }
    let titles = map
        .events
        .iter()
        .map(|e| e.title.as_str())
        .zip(&shown.event_lane)
        .chain(
            map.branches
                .iter()
                .map(|b| b.label.as_str())
                .zip(&shown.branch_lane),
        );
    for (title, &lane) in titles {
        if let Some(i) = lane
            && card_width[i] < settings.card_width
        {
            card_width[i] = widen_for_title(title, card_width[i], extra_lines(cards[i]), settings);
        }
    }
    let mut left = settings.ruler_width;
    shown
        .lanes
        .iter()
        .zip(card_width)
        .map(|(lane, card_width)| {
            let header_width = card_width + (settings.lane_width - settings.card_width);
            let pitch = header_width + settings.lane_gap;
            let column = Rect::from_min_size(pos2(left, 0.0), vec2(pitch, 0.0));
            let header = Rect::from_min_size(
                pos2(left + settings.lane_gap / 2.0, 0.0),
                vec2(header_width, settings.header_height),
            );
            left += pitch;
            LaneGeom {
                id: lane.id.clone(),
                header,
                column,
                lifeline_x: header.center().x,
                card_width,
            }
        })
        .collect()
}

/// How many more title lines than at full width a lane of `cards` cards may give its
/// cards.
fn extra_lines(cards: usize) -> usize {
    if cards <= SPARSE_LANE {
        SPARSE_EXTRA_LINES
    } else {
        0
    }
}

/// A lane's card width once `title` is on it: `at_least`, or the title's own need
/// ([`width_for_title`]) when that is wider. The same as `at_least.max(width_for_title(..))`
/// (so a lane's width does not depend on the order of its cards), but runs for every
/// card on every layout, so it first asks whether the width already chosen is enough.
fn widen_for_title(
    title: &str,
    at_least: f32,
    extra_lines: usize,
    settings: &LayoutSettings,
) -> f32 {
    let lines_at = |width: f32| title_lines(title, title_width_of(width));
    // The widest candidate up to `at_least` decides whether the title needs more: when
    // it is enough, so is `at_least`; when not, the title's need is a candidate past it.
    let below = candidate_widths(settings)
        .take_while(|&width| width <= at_least)
        .last();
    if let Some(width) = below {
        // Bytes are at least as many as characters: a short title is sure to fit.
        let short = title.len() as f32 * GLYPH_WIDTH <= title_width_of(width);
        if short || lines_at(width) <= allowed_lines(title, extra_lines, settings) {
            return at_least;
        }
    }
    let allowed = allowed_lines(title, extra_lines, settings);
    candidate_widths(settings)
        .filter(|&width| width > at_least)
        .find(|&width| lines_at(width) <= allowed)
        .unwrap_or(settings.card_width)
        .max(at_least)
}

/// The narrowest candidate card width that shows `title` in at most `extra_lines` more
/// lines than a full-width card would (and never cut).
pub(super) fn width_for_title(title: &str, extra_lines: usize, settings: &LayoutSettings) -> f32 {
    let allowed = allowed_lines(title, extra_lines, settings);
    candidate_widths(settings)
        .find(|&width| title_lines(title, title_width_of(width)) <= allowed)
        .unwrap_or(settings.card_width)
}

/// The most lines `title` may take on a narrowed card.
fn allowed_lines(title: &str, extra_lines: usize, settings: &LayoutSettings) -> usize {
    let at_full = title_lines(title, settings.title_width());
    (at_full + extra_lines).min(MAX_TITLE_LINES - 1)
}

/// Whether two titles ask the same of their lane's width, busy lane or sparse.
pub(super) fn same_width_need(a: &str, b: &str, settings: &LayoutSettings) -> bool {
    [0, SPARSE_EXTRA_LINES]
        .into_iter()
        .all(|extra| width_for_title(a, extra, settings) == width_for_title(b, extra, settings))
}

/// The width a card's top row needs: its time, a badge per kind of annotation and its
/// kind's pill, side by side (widths estimated as `render::cards` draws them; a time with
/// its date, on the first card of a day, may still push the pill out, and the card then
/// leaves the pill out rather than overlap).
pub(super) fn width_for_top_row(event: &Event) -> f32 {
    const LEFT: f32 = 10.0;
    const SPACE: f32 = 6.0;
    const TIME_GLYPH: f32 = 6.4;
    const PILL_GLYPH: f32 = 6.0;
    let time = event.time.map_or(0.0, |time| {
        // `14:05`, or `14:05:30` when the seconds are not zero (as cards write it).
        let clock = if chrono::Timelike::second(&time.datetime()) == 0 {
            5
        } else {
            8
        };
        (clock + usize::from(event.approximate)) as f32 * TIME_GLYPH + SPACE
    });
    // A dot, its count and a space; counts are rarely more than one digit.
    let badges = distinct_kinds(&event.annotations) as f32 * 23.0;
    let pill = event.kind.as_ref().map_or(0.0, |kind| {
        SPACE + kind.label().chars().count() as f32 * PILL_GLYPH + 10.0
    });
    LEFT + time + badges + pill + SPACE
}

/// How many kinds of annotation an event has (one badge each). Runs for every card on
/// every layout, so it does not allocate for the few annotations a card usually has.
fn distinct_kinds(annotations: &[Annotation]) -> usize {
    const FEW: usize = 16;
    if annotations.len() <= FEW {
        return (0..annotations.len())
            .filter(|&i| {
                let label = annotations[i].kind.label();
                !annotations[..i].iter().any(|a| a.kind.label() == label)
            })
            .count();
    }
    let mut labels: Vec<&str> = annotations.iter().map(|a| a.kind.label()).collect();
    labels.sort_unstable();
    labels.dedup();
    labels.len()
}

/// The narrowest card whose header shows `name` on one line (longer names are elided and
/// take the full width).
fn width_for_name(name: &str, settings: &LayoutSettings) -> f32 {
    let needed = name.chars().count() as f32 * NAME_GLYPH_WIDTH + NAME_PADDING
        - (settings.lane_width - settings.card_width);
    candidate_widths(settings)
        .find(|&width| width >= needed)
        .unwrap_or(settings.card_width)
}

/// From the narrowest card to the settings' card width, in steps.
fn candidate_widths(settings: &LayoutSettings) -> impl Iterator<Item = f32> + '_ {
    let narrowest = settings.min_card_width.min(settings.card_width);
    (0..)
        .map(move |step| narrowest + step as f32 * WIDTH_STEP)
        .take_while(move |&width| width < settings.card_width)
        .chain(std::iter::once(settings.card_width))
}
