//! Reading a timeline table: CSV (RFC 4180: quoted commas, doubled quotes, line breaks in
//! fields, a BOM, CRLF) or tab- or semicolon-separated text, into rows with their row
//! numbers, and naming its columns by the header.

use super::{ImportError, RowProblem};

/// One data row, with where it was: `row` counts the header as row 1, as a spreadsheet
/// does; `line` is the line it starts on (they differ after line breaks inside fields).
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub row: usize,
    pub line: u64,
    pub fields: Vec<String>,
}

/// The header and the rows that fit under it.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Row>,
}

/// Reads a table, guessing the separator from the header line. Rows with more fields than
/// the header are reported and left out; blank lines are ignored.
pub fn read_table(bytes: &[u8]) -> Result<(Table, Vec<RowProblem>), ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Err(err) = std::str::from_utf8(bytes) {
        return Err(ImportError::NotText {
            byte: err.valid_up_to(),
        });
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::Empty);
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator(bytes))
        .from_reader(bytes);
    let mut records = reader.records();
    let header: Vec<String> = match records.next() {
        Some(Ok(record)) => record.iter().map(str::to_owned).collect(),
        Some(Err(err)) => return Err(ImportError::NotCsv(err.to_string())),
        None => return Err(ImportError::Empty),
    };
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for (index, record) in records.enumerate() {
        let row = index + 2;
        match record {
            Ok(record) => {
                let line = record.position().map_or(0, |p| p.line());
                if record.iter().all(|field| field.trim().is_empty()) {
                    continue;
                }
                if record.len() > header.len() {
                    problems.push(RowProblem::skipped(
                        row,
                        line,
                        format!(
                            "{} fields, but the header has {}: skipped (a comma in a field needs quotes)",
                            record.len(),
                            header.len()
                        ),
                    ));
                    continue;
                }
                rows.push(Row {
                    row,
                    line,
                    fields: record.iter().map(str::to_owned).collect(),
                });
            }
            Err(err) => problems.push(RowProblem::skipped(row, 0, err.to_string())),
        }
    }
    Ok((Table { header, rows }, problems))
}

/// Commas unless the header line has none and has tabs (a spreadsheet copy) or
/// semicolons (spreadsheets in locales that write decimal commas).
fn separator(bytes: &[u8]) -> u8 {
    let first_line = bytes.split(|&b| b == b'\n').next().unwrap_or(bytes);
    let count = |sep: u8| first_line.iter().filter(|&&b| b == sep).count();
    if count(b',') > 0 {
        b','
    } else if count(b'\t') > 0 {
        b'\t'
    } else if count(b';') > 0 {
        b';'
    } else {
        b','
    }
}

/// What a column means.
#[derive(Clone, Debug, PartialEq)]
pub enum Column {
    Time,
    Lane,
    To,
    Kind,
    /// What the lane stands for: person, team, system or external.
    LaneKind,
    Text,
    Thinking,
    Feeling,
    Seeing,
    Note,
    NotTaken,
    /// A column this format does not name: kept on each event as a note.
    Other(String),
}

impl Column {
    fn named(name: &str) -> Column {
        match name.trim().to_lowercase().as_str() {
            "time" | "timestamp" | "when" | "date" => Column::Time,
            "lane" | "actor" | "who" | "author" | "system" | "participant" => Column::Lane,
            "to" | "target" | "recipient" => Column::To,
            "kind" | "type" | "category" => Column::Kind,
            "lane_kind" | "lane kind" | "lane type" | "lane_type" | "actor_kind" => {
                Column::LaneKind
            }
            "text" | "event" | "message" | "description" | "what" => Column::Text,
            "thinking" => Column::Thinking,
            "feeling" => Column::Feeling,
            "seeing" => Column::Seeing,
            "note" | "notes" => Column::Note,
            "not_taken" | "not taken" | "options" | "alternatives" => Column::NotTaken,
            _ => Column::Other(name.trim().to_owned()),
        }
    }
}

/// Each header cell's meaning; a known column named twice counts once (the first), the
/// later ones are kept as notes.
pub fn columns(header: &[String]) -> Result<Vec<Column>, ImportError> {
    let mut seen: Vec<Column> = Vec::new();
    let columns: Vec<Column> = header
        .iter()
        .map(|name| {
            let column = Column::named(name);
            if !matches!(column, Column::Other(_)) && seen.contains(&column) {
                Column::Other(name.trim().to_owned())
            } else {
                seen.push(column.clone());
                column
            }
        })
        .collect();
    if !columns.contains(&Column::Text) {
        return Err(ImportError::NoTextColumn {
            found: header.iter().map(|h| h.trim().to_owned()).collect(),
        });
    }
    Ok(columns)
}
