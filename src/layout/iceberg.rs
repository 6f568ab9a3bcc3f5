//! The iceberg: where each theme of a map goes on the picture the talk draws. The
//! waterline runs across the middle; a theme sits above it (the operations) or below it
//! (the organisation) at the depth the reviewer gave it, themes at a similar depth side
//! by side and never over each other; themes not placed yet wait on a shelf beside the
//! iceberg. Each theme's box is sized for its name and says how many moments carry it and
//! whose they were. Pure: no fonts (text is measured by a generous glyph estimate, as
//! card titles are) and no painting, so it is tested like math and shared by the view and
//! the exports.

use crate::model::{
    AnnotationKind, BranchId, CardId, EventId, FastHashMap as HashMap, LaneId, Map, ThemeId,
    Timestamp,
};
use egui::{Pos2, Rect, Vec2, pos2, vec2};

/// Size of a theme's name, in points: large enough to read on a projector.
pub const NAME_SIZE: f32 = 18.0;
/// Size of the counts, people and systems in a box, and of the prompts.
pub const DETAIL_SIZE: f32 = 14.0;
/// Size of the level labels and the shelf's heading.
pub const HEADING_SIZE: f32 = 20.0;
/// A theme's box is this wide.
pub const BOX_WIDTH: f32 = 230.0;
/// Room inside a box around its text.
pub const BOX_PADDING: f32 = 10.0;
/// Where a box's text starts (after its colour strip) and how wide it wraps.
pub const TEXT_LEFT: f32 = BOX_PADDING + 4.0;
pub const TEXT_WIDTH: f32 = BOX_WIDTH - 2.0 * BOX_PADDING - 4.0;
/// The name takes at most this many rows (cut with "…" beyond).
pub const MAX_NAME_ROWS: usize = 4;
/// The people and systems take at most this many rows.
pub const MAX_LANE_ROWS: usize = 2;
/// Room between boxes.
const GAP: f32 = 16.0;
/// Boxes side by side on the iceberg.
const COLUMNS: usize = 4;
/// The left column, for the level labels and the prompts.
const GUTTER_WIDTH: f32 = 270.0;
/// Room around the whole picture and between its columns.
const MARGIN: f32 = 24.0;
/// From the waterline to depth -1 (the tip) and to depth 1 (the deepest), in points.
const ABOVE_HEIGHT: f32 = 300.0;
const BELOW_HEIGHT: f32 = 560.0;
/// Room above the tip for the level label.
const HEADING_ROOM: f32 = 40.0;
/// Average glyph width per point of text size, a little generous (see `title_lines`).
const GLYPH_PER_POINT: f32 = 0.5;
/// Row height per point of text size.
const ROW_PER_POINT: f32 = 1.3;

/// What the talk lists above the waterline: questions about how the work was done.
pub const PROMPTS_ABOVE: &[&str] = &[
    "Scaling: what told people it was time to add capacity?",
    "Alerting: which alerts were trusted, and which were ignored?",
    "Deploying: how did a change reach production, and who could stop it?",
    "Debugging: where did people look first, and why there?",
];

/// What the talk lists below the waterline: questions about what set the context.
pub const PROMPTS_BELOW: &[&str] = &[
    "Code review: what does a review here look for, and what does it miss?",
    "Testing: what could be tested before this, and what could not?",
    "Values: what does the organisation say matters most?",
    "Experience: who had seen this before, and who was new to it?",
    "The roadmap: what were people asked to ship instead?",
    "Training: how did people learn this system?",
    "Staffing: how many were on call, and how tired were they?",
    "Budgets: what was not bought, built or fixed, and why?",
    "Documentation: where did people look for answers, or avoid looking?",
    "Behaviours: what gets rewarded here, and what gets punished?",
];

/// Labels of the two levels and the shelf.
pub const ABOVE_LABEL: &str = "Above the waterline: operations";
pub const BELOW_LABEL: &str = "Below: the organisation";
pub const SHELF_LABEL: &str = "Not placed yet";

/// One moment carrying a theme.
#[derive(Clone, Debug, PartialEq)]
pub struct Moment {
    pub what: MomentOf,
    /// The card to show for it on the map (none for a gap note).
    pub card: Option<CardId>,
    pub time: Option<Timestamp>,
    pub lane: Option<LaneId>,
    /// What it says, in a line: the event's title, the annotation's text, the option.
    pub title: String,
}

/// What a moment is.
#[derive(Clone, Debug, PartialEq)]
pub enum MomentOf {
    Event(EventId),
    /// An annotation on an event: its kind and place in the event's list.
    Annotation(EventId, AnnotationKind, usize),
    /// A path not taken.
    Branch(BranchId),
    /// A note on a gap: the gap's place in [`Map::gaps`] and the note's in its list.
    GapNote(usize, usize),
}

impl Moment {
    /// How the moment reads in a list: the kind of moment before the text when it is not
    /// an event ("Thinking: …", "Path not taken: …", "Gap note: …").
    pub fn line(&self) -> String {
        match &self.what {
            MomentOf::Event(_) => self.title.clone(),
            MomentOf::Annotation(_, kind, _) => format!("{}: {}", kind.label(), self.title),
            MomentOf::Branch(_) => format!("Path not taken: {}", self.title),
            MomentOf::GapNote(..) => format!("Gap note: {}", self.title),
        }
    }
}

/// What a theme gathers: its moments in story order, and the lanes they happened on.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ThemeFacts {
    pub moments: Vec<Moment>,
    /// The people, teams and systems of its moments, in the map's lane order.
    pub lanes: Vec<LaneId>,
}

/// Where one theme's box goes.
#[derive(Clone, Debug, PartialEq)]
pub struct ThemeBox {
    /// Index into [`Map::themes`].
    pub theme: usize,
    pub id: ThemeId,
    pub rect: Rect,
    /// Rows its name is drawn in.
    pub name_rows: usize,
    /// Rows its people and systems are drawn in (0 when no moment carries it).
    pub lane_rows: usize,
    /// Placed on the iceberg (or waiting on the shelf).
    pub placed: bool,
}

/// A block of text the picture draws outside the boxes (a label or a prompt).
#[derive(Clone, Debug, PartialEq)]
pub struct TextSpot {
    pub text: &'static str,
    pub rect: Rect,
    pub size: f32,
    pub rows: usize,
}

/// The whole picture, in scene points from (0, 0).
#[derive(Clone, Debug, PartialEq)]
pub struct Iceberg {
    pub size: Vec2,
    /// The waterline's height and the band it spans (the iceberg's columns).
    pub waterline_y: f32,
    pub berg: Rect,
    /// Where depth -1 and depth 1 are.
    pub tip_y: f32,
    pub deepest_y: f32,
    /// The shelf for themes not placed yet, and its heading.
    pub shelf: Rect,
    pub boxes: Vec<ThemeBox>,
    /// Per theme (by index into [`Map::themes`]): its moments and lanes.
    pub facts: Vec<ThemeFacts>,
    /// The level labels, the shelf's heading and the prompts.
    pub texts: Vec<TextSpot>,
}

impl Iceberg {
    /// The scene height of a depth: -1 at the tip, 0 at the waterline, 1 at the deepest.
    pub fn y_of(&self, depth: f64) -> f32 {
        let depth = depth.clamp(-1.0, 1.0) as f32;
        if depth <= 0.0 {
            self.waterline_y + depth * (self.waterline_y - self.tip_y)
        } else {
            self.waterline_y + depth * (self.deepest_y - self.waterline_y)
        }
    }

    /// The depth at a scene height (clamped to -1..=1), for dragging a theme; rounded to
    /// hundredths so the file reads well.
    pub fn depth_at(&self, y: f32) -> f64 {
        let depth = if y <= self.waterline_y {
            (y - self.waterline_y) / (self.waterline_y - self.tip_y).max(1.0)
        } else {
            (y - self.waterline_y) / (self.deepest_y - self.waterline_y).max(1.0)
        };
        (f64::from(depth.clamp(-1.0, 1.0)) * 100.0).round() / 100.0
    }

    /// The box of a theme.
    pub fn box_of(&self, id: &ThemeId) -> Option<&ThemeBox> {
        self.boxes.iter().find(|b| &b.id == id)
    }

    /// The theme whose box is under a scene point.
    pub fn box_at(&self, at: Pos2) -> Option<&ThemeBox> {
        self.boxes.iter().find(|b| b.rect.contains(at))
    }
}

/// Lays the iceberg of a map out.
pub fn iceberg(map: &Map) -> Iceberg {
    let facts = theme_facts(map);
    let berg_left = MARGIN + GUTTER_WIDTH + MARGIN;
    let berg_width = COLUMNS as f32 * BOX_WIDTH + (COLUMNS as f32 + 1.0) * GAP;
    let column_x = |column: usize| berg_left + GAP + column as f32 * (BOX_WIDTH + GAP);

    // Sized boxes, split by level; positions relative to the waterline at y = 0.
    let mut above = Vec::new();
    let mut below = Vec::new();
    let mut shelved = Vec::new();
    for (index, theme) in map.themes.iter().enumerate() {
        let lanes = lane_names(map, &facts[index].lanes);
        let name_rows = rows(&theme.name, TEXT_WIDTH, NAME_SIZE).clamp(1, MAX_NAME_ROWS);
        let lane_rows = if lanes.is_empty() {
            0
        } else {
            rows(&lanes, TEXT_WIDTH, DETAIL_SIZE).clamp(1, MAX_LANE_ROWS)
        };
        let height = box_height(name_rows, lane_rows);
        let sized = Sized {
            index,
            name_rows,
            lane_rows,
            height,
        };
        match theme.depth.filter(|d| d.is_finite()) {
            Some(depth) if depth > 0.0 => below.push((depth, sized)),
            Some(depth) => above.push((depth, sized)),
            None => shelved.push(sized),
        }
    }
    let mut boxes = Vec::new();
    // Nearest the waterline first, so the crowd is pushed away from it, never across it.
    above.sort_by(|a, b| b.0.total_cmp(&a.0));
    below.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut placed_above = place_level(&above, -1.0, &column_x);
    let placed_below = place_level(&below, 1.0, &column_x);

    // Shift so the highest thing (the tip, or a box pushed above it) has room for the
    // level label above it.
    let highest = placed_above
        .iter()
        .map(|(rect, ..)| rect.min.y)
        .fold(-ABOVE_HEIGHT, f32::min);
    let top = MARGIN + HEADING_ROOM - highest;
    let waterline_y = top;
    let tip_y = top - ABOVE_HEIGHT;
    let deepest_y = top + BELOW_HEIGHT;
    for (rect, sized) in placed_above.drain(..).chain(placed_below) {
        boxes.push(ThemeBox {
            theme: sized.index,
            id: map.themes[sized.index].id.clone(),
            rect: rect.translate(vec2(0.0, top)),
            name_rows: sized.name_rows,
            lane_rows: sized.lane_rows,
            placed: true,
        });
    }
    let lowest_box = boxes.iter().map(|b| b.rect.max.y).fold(deepest_y, f32::max);
    let berg = Rect::from_min_max(
        pos2(berg_left, tip_y),
        pos2(berg_left + berg_width, lowest_box + GAP),
    );

    // The shelf: columns right of the iceberg, from the tip down, a new column rather
    // than running on below the iceberg's bottom.
    let shelf_left = berg.max.x + MARGIN;
    let mut texts = Vec::new();
    let shelf_heading = text_spot(
        SHELF_LABEL,
        pos2(shelf_left, tip_y - HEADING_ROOM + 4.0),
        BOX_WIDTH,
        HEADING_SIZE,
    );
    let (mut x, mut y) = (shelf_left, tip_y);
    let mut shelf_bottom = tip_y + 80.0;
    for sized in shelved {
        if y > tip_y && y + sized.height > berg.max.y {
            (x, y) = (x + BOX_WIDTH + GAP, tip_y);
        }
        boxes.push(ThemeBox {
            theme: sized.index,
            id: map.themes[sized.index].id.clone(),
            rect: Rect::from_min_size(pos2(x, y), vec2(BOX_WIDTH, sized.height)),
            name_rows: sized.name_rows,
            lane_rows: sized.lane_rows,
            placed: false,
        });
        y += sized.height + GAP;
        shelf_bottom = shelf_bottom.max(y - GAP / 2.0);
    }
    let shelf = Rect::from_min_max(
        pos2(shelf_left - GAP / 2.0, tip_y - GAP / 2.0),
        pos2(x + BOX_WIDTH + GAP / 2.0, shelf_bottom),
    );
    texts.push(shelf_heading);

    // The gutter: each level's label, then its prompts as questions.
    let gutter_left = MARGIN;
    let level = |label, prompts: &[&'static str], from: f32, texts: &mut Vec<TextSpot>| {
        let heading = text_spot(label, pos2(gutter_left, from), GUTTER_WIDTH, HEADING_SIZE);
        let mut y = heading.rect.max.y + 8.0;
        texts.push(heading);
        for prompt in prompts {
            let spot = text_spot(prompt, pos2(gutter_left, y), GUTTER_WIDTH, DETAIL_SIZE);
            y = spot.rect.max.y + 6.0;
            texts.push(spot);
        }
        y
    };
    let above_end = level(
        ABOVE_LABEL,
        PROMPTS_ABOVE,
        tip_y - HEADING_ROOM + 4.0,
        &mut texts,
    );
    // The organisation's prompts start below the waterline, or below the operations'
    // when those reach further.
    let below_end = level(
        BELOW_LABEL,
        PROMPTS_BELOW,
        (waterline_y + 12.0).max(above_end + GAP),
        &mut texts,
    );

    let bottom = berg.max.y.max(shelf.max.y).max(below_end) + MARGIN;
    let right = shelf.max.x + MARGIN;
    Iceberg {
        size: vec2(right, bottom),
        waterline_y,
        berg,
        tip_y,
        deepest_y,
        shelf,
        boxes,
        facts,
        texts,
    }
}

/// A theme's box before it is placed: the theme (index into [`Map::themes`]), its rows
/// and height.
#[derive(Clone, Copy)]
struct Sized {
    index: usize,
    name_rows: usize,
    lane_rows: usize,
    height: f32,
}

/// A level's boxes, nearest the waterline first, with the waterline at y = 0; `side` is -1 above, 1 below. Each goes in the column
/// where it lands nearest its depth, pushed away from the waterline past the boxes there.
fn place_level(
    sized: &[(f64, Sized)],
    side: f32,
    column_x: &dyn Fn(usize) -> f32,
) -> Vec<(Rect, Sized)> {
    let reach = if side < 0.0 {
        ABOVE_HEIGHT
    } else {
        BELOW_HEIGHT
    };
    let mut columns: Vec<Vec<Rect>> = vec![Vec::new(); COLUMNS];
    let mut placed = Vec::with_capacity(sized.len());
    for &(depth, box_sized) in sized {
        let height = box_sized.height;
        let centre = (depth.clamp(-1.0, 1.0) as f32) * reach;
        // The edge nearest the waterline stays on its side, a gap off it.
        let near_edge = if side < 0.0 {
            (centre + height / 2.0).min(-GAP)
        } else {
            (centre - height / 2.0).max(GAP)
        };
        let best = (0..COLUMNS)
            .map(|column| {
                let mut near = near_edge;
                // Boxes are placed nearest-first, so pushing outward past each one met
                // settles in one pass over the column (kept in placement order).
                for other in &columns[column] {
                    let (top, bottom) = span(near, height, side);
                    if top < other.max.y + GAP && bottom > other.min.y - GAP {
                        near = if side < 0.0 {
                            other.min.y - GAP
                        } else {
                            other.max.y + GAP
                        };
                    }
                }
                (column, near)
            })
            .min_by(|a, b| {
                let moved = |near: f32| (near - near_edge).abs();
                moved(a.1)
                    .total_cmp(&moved(b.1))
                    .then_with(|| middle_first(a.0).cmp(&middle_first(b.0)))
            });
        let Some((column, near)) = best else {
            continue;
        };
        let (top, _) = span(near, height, side);
        let rect = Rect::from_min_size(pos2(column_x(column), top), vec2(BOX_WIDTH, height));
        columns[column].push(rect);
        placed.push((rect, box_sized));
    }
    placed
}

/// The top and bottom of a box `height` tall whose edge nearest the waterline is `near`.
fn span(near: f32, height: f32, side: f32) -> (f32, f32) {
    if side < 0.0 {
        (near - height, near)
    } else {
        (near, near + height)
    }
}

/// Columns from the middle out: a lone theme sits in the middle of the iceberg.
fn middle_first(column: usize) -> usize {
    let middle = (COLUMNS - 1) as f32 / 2.0;
    ((column as f32 - middle).abs() * 2.0) as usize
}

/// A box's height for its rows: the name, the count of moments, then the lanes.
pub fn box_height(name_rows: usize, lane_rows: usize) -> f32 {
    2.0 * BOX_PADDING
        + row_height(NAME_SIZE) * name_rows as f32
        + 4.0
        + row_height(DETAIL_SIZE) * (1 + lane_rows) as f32
}

/// The height of one row of text of `size` points.
pub fn row_height(size: f32) -> f32 {
    size * ROW_PER_POINT
}

fn text_spot(text: &'static str, at: Pos2, width: f32, size: f32) -> TextSpot {
    let rows = rows(text, width, size);
    TextSpot {
        text,
        rect: Rect::from_min_size(at, vec2(width, row_height(size) * rows as f32)),
        size,
        rows,
    }
}

/// The people and systems of a theme as the box shows them.
pub fn lane_names(map: &Map, lanes: &[LaneId]) -> String {
    lanes
        .iter()
        .filter_map(|id| map.lane(id))
        .map(|lane| lane.name.trim())
        .collect::<Vec<_>>()
        .join(", ")
}

/// "1 moment", "3 moments".
pub fn moments_label(count: usize) -> String {
    if count == 1 {
        "1 moment".to_owned()
    } else {
        format!("{count} moments")
    }
}

/// Rows `text` takes wrapped at `width` points in text of `size` points (at least one).
pub fn rows(text: &str, width: f32, size: f32) -> usize {
    let per_row = ((width / (size * GLYPH_PER_POINT)).floor() as usize).max(4);
    let mut rows = 1;
    let mut used = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if used > 0 && used + 1 + len <= per_row {
            used += 1 + len;
            continue;
        }
        if used > 0 {
            rows += 1;
        }
        // A word longer than a row is broken over rows.
        let extra = (len.max(1) - 1) / per_row;
        rows += extra;
        used = len - extra * per_row;
    }
    rows
}

/// Where a moment comes in the story: its card's place, then events before their
/// annotations, paths not taken and gap notes, then list order.
type OrderKey = (f64, u8, usize, usize);

/// Each theme's moments in story order (by place on the map, as the map reads top to
/// bottom; annotations just after their event, gap notes after the event before the
/// gap) and the lanes they happened on.
pub fn theme_facts(map: &Map) -> Vec<ThemeFacts> {
    let index_of: HashMap<&ThemeId, usize> = map
        .themes
        .iter()
        .enumerate()
        .map(|(i, t)| (&t.id, i))
        .collect();
    // (theme, order key, moment)
    let mut found: Vec<Vec<(OrderKey, Moment)>> = vec![Vec::new(); map.themes.len()];
    let mut add = |themes: &[ThemeId], key: OrderKey, moment: &dyn Fn() -> Moment| {
        let mut seen = Vec::new();
        for id in themes {
            if let Some(&i) = index_of.get(id)
                && !seen.contains(&i)
            {
                seen.push(i);
                found[i].push((key, moment()));
            }
        }
    };
    for (e, event) in map.events.iter().enumerate() {
        let card = CardId::Event(event.id.clone());
        add(&event.themes, (event.pos, 0, e, 0), &|| Moment {
            what: MomentOf::Event(event.id.clone()),
            card: Some(card.clone()),
            time: event.time,
            lane: Some(event.lane.clone()),
            title: event.title.clone(),
        });
        for (a, annotation) in event.annotations.iter().enumerate() {
            add(&annotation.themes, (event.pos, 1, e, a), &|| Moment {
                what: MomentOf::Annotation(event.id.clone(), annotation.kind.clone(), a),
                card: Some(card.clone()),
                time: event.time,
                lane: Some(event.lane.clone()),
                title: annotation.text.clone(),
            });
        }
    }
    for (b, branch) in map.branches.iter().enumerate() {
        add(&branch.themes, (branch.pos, 2, b, 0), &|| Moment {
            what: MomentOf::Branch(branch.id.clone()),
            card: Some(CardId::Branch(branch.id.clone())),
            time: None,
            lane: Some(branch.lane.clone()),
            title: branch.label.clone(),
        });
    }
    for (g, gap) in map.gaps.iter().enumerate() {
        // After the last timed event at or before the gap's start: where it is told.
        let pos = map
            .events
            .iter()
            .filter(|e| e.time.is_some_and(|t| t <= gap.start))
            .map(|e| e.pos)
            .fold(f64::NEG_INFINITY, f64::max);
        for (n, note) in gap.notes.iter().enumerate() {
            add(&note.themes, (pos, 3, g, n), &|| Moment {
                what: MomentOf::GapNote(g, n),
                card: None,
                time: Some(gap.start),
                lane: gap.lane.clone(),
                title: note.text.clone(),
            });
        }
    }
    found
        .into_iter()
        .map(|mut moments| {
            moments.sort_by(|(a, _), (b, _)| {
                a.0.total_cmp(&b.0)
                    .then(a.1.cmp(&b.1))
                    .then(a.2.cmp(&b.2))
                    .then(a.3.cmp(&b.3))
            });
            let moments: Vec<Moment> = moments.into_iter().map(|(_, m)| m).collect();
            let mut lanes: Vec<LaneId> = Vec::new();
            for lane in moments.iter().filter_map(|m| m.lane.as_ref()) {
                if !lanes.contains(lane) {
                    lanes.push(lane.clone());
                }
            }
            lanes.sort_by_key(|id| map.lane_index(id).unwrap_or(usize::MAX));
            ThemeFacts { moments, lanes }
        })
        .collect()
}

#[cfg(test)]
#[path = "iceberg_tests.rs"]
mod tests;
