//! Bringing a timeline in: a CSV (or tab-separated) file as described in
//! `formats/timeline-csv.md`, or chat lines pasted onto the canvas. Problems are reported
//! per row with the row number; bad rows are skipped or kept with a note, never stopping
//! the import unless the file is not a table at all.

mod build;
mod chat;
mod lane_kind;
mod person;
mod table;
mod time;

pub use build::{
    Imported, MAX_OPTIONS_PER_CELL, PastedRows, import_timeline, paste_into, paste_timeline,
};

/// Timelines larger than this are refused before reading: the largest map Waterline
/// opens is as large, and a timeline makes a map larger than itself.
pub const MAX_TIMELINE_BYTES: u64 = crate::io::MAX_FILE_BYTES;
pub use chat::looks_like_timeline;
pub use lane_kind::guess_lane_kind;

use std::fmt;

/// Why nothing could be imported.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ImportError {
    #[error("the file is empty")]
    Empty,
    #[error("this is not a text file (not UTF-8 at byte {byte}); export the timeline as CSV")]
    NotText { byte: usize },
    #[error("this is not CSV: {0}")]
    NotCsv(String),
    #[error(
        "there is no text column: the header needs one of text, event, message, description or what (found: {})",
        found.join(", ")
    )]
    NoTextColumn { found: Vec<String> },
}

/// Something wrong with one row, and whether the row was left out.
#[derive(Clone, Debug, PartialEq)]
pub struct RowProblem {
    /// The row as a spreadsheet numbers it (the header is row 1).
    pub row: usize,
    /// The line the row starts on, when known and different from `row`.
    pub line: u64,
    pub message: String,
    pub skipped: bool,
}

impl RowProblem {
    fn skipped(row: usize, line: u64, message: String) -> Self {
        RowProblem {
            row,
            line,
            message,
            skipped: true,
        }
    }

    fn kept(row: usize, line: u64, message: String) -> Self {
        RowProblem {
            row,
            line,
            message,
            skipped: false,
        }
    }
}

impl fmt::Display for RowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line != 0 && self.line != self.row as u64 {
            write!(f, "row {} (line {}): {}", self.row, self.line, self.message)
        } else {
            write!(f, "row {}: {}", self.row, self.message)
        }
    }
}
