//! The "Who asked whom" panel (W): a table across the bottom of the window, a row per
//! person and team, saying when they joined and who brought them in, whom they reached,
//! who reached them, which systems they looked at and their silences, in words large
//! enough for a projector. The rows come from [`crate::timeline::who_asked_whom`] and are
//! written once per change of the map or its layout, never per frame.

use super::app::WaterlineApp;
use super::mode::{Editing, Mode};
use crate::document::Document;
use crate::model::Map;
use crate::timeline::{Clock, Contact, LaneContacts, Moment, per_lane, who_asked_whom};
use egui::{Panel, RichText, Ui};
use std::sync::Arc;

/// Text size of the table: read from the back of a meeting room.
const TEXT_SIZE: f32 = 16.0;

/// The most lines in one cell.
const CELL_LINES: usize = 8;

/// The columns, in order.
const COLUMNS: [&str; 6] = [
    "Who",
    "Joined",
    "Reached",
    "Reached by",
    "Looked at",
    "Silences",
];

/// One row of the table: a cell per column.
type Row = [String; COLUMNS.len()];

/// The document's revision and layout generation the rows were written for.
type WrittenAt = (u64, u64);

/// The panel's state while it is open: the rows as of one revision and layout.
#[derive(Clone, Debug, Default)]
pub struct ContactsPanel {
    rows: Option<(WrittenAt, Arc<Vec<Row>>)>,
}

impl ContactsPanel {
    /// The table's rows for the document as it is now; written again only after an
    /// edit or a new layout (a lane hidden leaves the story).
    pub fn rows(&mut self, doc: &Document) -> Arc<Vec<Row>> {
        let at = (doc.revision(), doc.layout_generation());
        match &self.rows {
            Some((written, rows)) if *written == at => Arc::clone(rows),
            _ => {
                let rows = Arc::new(table(doc));
                self.rows = Some((at, Arc::clone(&rows)));
                rows
            }
        }
    }
}

/// The cells of the table, a row per person and team.
fn table(doc: &Document) -> Vec<Row> {
    let map = doc.map();
    let geometry = doc.geometry();
    let clock = &geometry.clock;
    let scan = &geometry.gap_scan;
    who_asked_whom(map, &geometry.story, scan)
        .iter()
        .map(|row| {
            let silences: Vec<String> = row
                .silences
                .iter()
                .filter_map(|&g| scan.gaps.get(g))
                .map(|gap| {
                    format!(
                        "{} ({})",
                        clock.range(gap.start, gap.end),
                        crate::timeline::duration_label(gap.secs())
                    )
                })
                .collect();
            [
                name(map, row.lane).to_owned(),
                joined(map, clock, row),
                summary(map, clock, &row.reached, "nobody"),
                summary(map, clock, &row.reached_by, "nobody"),
                summary(map, clock, &row.looked_at, "no system"),
                lines(silences, "none"),
            ]
        })
        .collect()
}

fn name(map: &Map, lane: usize) -> &str {
    map.lanes.get(lane).map_or("?", |l| l.name.as_str())
}

/// "14:04, by checkout-api", or "not on the map" for a lane with no card told.
fn joined(map: &Map, clock: &Clock, row: &LaneContacts) -> String {
    let Some(joined) = row.joined else {
        return "not on the map".to_owned();
    };
    let when = when(clock, &joined);
    let by = row
        .brought_in_by
        .as_ref()
        .map(|c| format!("by {}", name(map, c.other)));
    match (when.is_empty(), by) {
        (true, None) => "time unknown".to_owned(),
        (true, Some(by)) => format!("time unknown, {by}"),
        (false, None) => when,
        (false, Some(by)) => format!("{when}, {by}"),
    }
}

/// Each other lane once, on its own line: "Bo 14:05", "Bo ×3 from 14:05", with
/// "handed over" when one of them was a handoff.
fn summary(map: &Map, clock: &Clock, contacts: &[Contact], none: &str) -> String {
    let items: Vec<String> = per_lane(contacts)
        .into_iter()
        .map(|(other, count, first)| {
            let when = when(clock, &first.at);
            let mut item = match count {
                1 => format!("{} {when}", name(map, other)),
                n if when.is_empty() => format!("{} ×{n}", name(map, other)),
                n => format!("{} ×{n} from {when}", name(map, other)),
            };
            if contacts.iter().any(|c| c.other == other && c.handoff) {
                item.push_str(", handed over");
            }
            item.trim_end().to_owned()
        })
        .collect();
    lines(items, none)
}

fn when(clock: &Clock, moment: &Moment) -> String {
    match (moment.time, moment.after) {
        (Some(time), _) => clock.moment(time),
        (None, Some(after)) => format!("after {}", clock.moment(after)),
        (None, None) => String::new(),
    }
}

/// Lines of a cell, at most [`CELL_LINES`] and then how many more: a lead who paged
/// forty teams still leaves room for the next row.
fn lines(mut items: Vec<String>, none: &str) -> String {
    if items.is_empty() {
        return none.to_owned();
    }
    if items.len() > CELL_LINES {
        let more = items.len() - CELL_LINES + 1;
        items.truncate(CELL_LINES - 1);
        items.push(format!("and {more} more"));
    }
    items.join("\n")
}

impl WaterlineApp {
    /// Opens or closes the panel.
    pub(super) fn toggle_contacts_panel(&mut self) {
        if let Some(editing) = self.screen.editing_mut() {
            editing.contacts = match editing.contacts.take() {
                Some(_) => None,
                None => Some(ContactsPanel::default()),
            };
        }
    }

    /// The panel across the bottom of the window, when open.
    pub(super) fn contacts_panel_ui(&mut self, ui: &mut Ui) {
        let Mode::Editing(Editing {
            contacts: Some(panel),
            ..
        }) = &mut self.screen.mode
        else {
            return;
        };
        let rows = panel.rows(&self.doc);
        let mut close = false;
        Panel::bottom("who-asked-whom")
            .resizable(true)
            .default_size(280.0)
            .min_size(120.0)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.heading("Who asked whom");
                    ui.weak(
                        "from the links on the map: reached = paged, asked, pulled in; \
                         looked at = links with systems; silences = the lane's own gaps",
                    );
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        if ui.button("Close").on_hover_text("W").clicked() {
                            close = true;
                        }
                    });
                });
                if rows.is_empty() {
                    ui.label("No person or team on this map: add a lane of kind Person or Team.");
                    return;
                }
                egui::ScrollArea::both()
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        egui::Grid::new("who-asked-whom-table")
                            .striped(true)
                            .spacing([24.0, 8.0])
                            .show(ui, |ui| {
                                for column in COLUMNS {
                                    ui.label(RichText::new(column).size(TEXT_SIZE).strong());
                                }
                                ui.end_row();
                                for row in rows.iter() {
                                    for (i, cell) in row.iter().enumerate() {
                                        let text = RichText::new(crate::render::shown_text(cell))
                                            .size(TEXT_SIZE);
                                        ui.label(if i == 0 { text.strong() } else { text });
                                    }
                                    ui.end_row();
                                }
                            });
                    });
            });
        if close && let Some(editing) = self.screen.editing_mut() {
            editing.contacts = None;
        }
    }
}
