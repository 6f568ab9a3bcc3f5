//! Pasted text: chat lines (`14:05 Ana: paged`, `[14:05] Ana: paged`, with or without a
//! date) or rows copied from a spreadsheet (tab-separated, with the header row).

use super::RowProblem;
use super::build::SourceRow;
use super::table::{columns, read_table};
use super::time::read_cell;

/// Whether the text holds at least one timeline line or a spreadsheet header.
pub fn looks_like_timeline(text: &str) -> bool {
    let (rows, _) = rows_from_paste(text);
    !rows.is_empty()
}

/// The rows in pasted text, and problems with them.
pub(super) fn rows_from_paste(text: &str) -> (Vec<SourceRow>, Vec<RowProblem>) {
    let first_line = text.lines().next().unwrap_or_default();
    if first_line.contains('\t')
        && let Ok((table, problems)) = read_table(text.as_bytes())
        && let Ok(columns) = columns(&table.header)
    {
        let rows = table
            .rows
            .iter()
            .map(|row| SourceRow::from_table(row, &columns))
            .collect();
        return (rows, problems);
    }
    (chat_rows(text), Vec::new())
}

/// One row per chat message; a line that is not a message continues the one before.
fn chat_rows(text: &str) -> Vec<SourceRow> {
    let mut rows: Vec<SourceRow> = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match message(line) {
            Some((time, who, said)) => rows.push(SourceRow {
                row: index + 1,
                line: (index + 1) as u64,
                time: time.to_owned(),
                lane: who.to_owned(),
                text: said.to_owned(),
                ..SourceRow::default()
            }),
            None => match rows.last_mut() {
                Some(previous) => {
                    previous.text.push('\n');
                    previous.text.push_str(line);
                }
                None => {
                    // Text before any message: still a message, from nobody in particular.
                    let (time, rest) = leading_time(line);
                    rows.push(SourceRow {
                        row: index + 1,
                        line: (index + 1) as u64,
                        time: time.to_owned(),
                        text: rest.to_owned(),
                        ..SourceRow::default()
                    });
                }
            },
        }
    }
    rows
}

/// `[time] who: text` or `time who: text`; the time is optional when a name is given.
fn message(line: &str) -> Option<(&str, &str, &str)> {
    let (time, rest) = leading_time(line);
    let (who, said) = rest.split_once(": ")?;
    let who = who.trim();
    // A name is short and has no sentence in it; "Note that x: y" is not a message.
    if who.is_empty() || who.len() > 40 || who.split_whitespace().count() > 4 {
        return None;
    }
    Some((time, who, said.trim()))
}

/// Splits a leading time (`[14:05]`, `14:05`, `2025-03-11 14:05`) off a line.
fn leading_time(line: &str) -> (&str, &str) {
    if let Some(inner) = line.strip_prefix('[')
        && let Some((time, rest)) = inner.split_once(']')
        && matches!(read_cell(time), Ok(Some(_)))
    {
        return (time.trim(), rest.trim());
    }
    let mut words = line.splitn(3, char::is_whitespace);
    let first = words.next().unwrap_or_default();
    let second = words.next().unwrap_or_default();
    let two = line
        .get(..first.len() + 1 + second.len())
        .unwrap_or_default();
    if !second.is_empty() && matches!(read_cell(two), Ok(Some(_))) {
        return (two, line[two.len()..].trim());
    }
    if matches!(read_cell(first), Ok(Some(_))) {
        return (first, line[first.len()..].trim());
    }
    ("", line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chat_lines_in_several_styles_become_rows() {
        let rows = chat_rows(
            "14:05 Ana: paged, opening the api dashboard\n\
             [14:07] Bo (DB team): lag looks flat\n\
             and the replicas are fine\n\
             2025-03-11 14:09 Ana: asks Bo about replicas\n\
             Marcus: any deploys today?",
        );
        let got: Vec<(&str, &str, &str)> = rows
            .iter()
            .map(|r| (r.time.as_str(), r.lane.as_str(), r.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("14:05", "Ana", "paged, opening the api dashboard"),
                (
                    "14:07",
                    "Bo (DB team)",
                    "lag looks flat\nand the replicas are fine"
                ),
                ("2025-03-11 14:09", "Ana", "asks Bo about replicas"),
                ("", "Marcus", "any deploys today?"),
            ]
        );
    }

    #[test]
    fn spreadsheet_rows_with_a_header_are_read_as_a_table() {
        let (rows, problems) =
            rows_from_paste("time\twho\twhat\n14:05\tAna\tpaged\n14:06\tBo\tlooks");
        assert!(problems.is_empty());
        assert_eq!(rows.len(), 2);
        assert_eq!(
            (rows[1].lane.as_str(), rows[1].text.as_str()),
            ("Bo", "looks")
        );
    }
}
