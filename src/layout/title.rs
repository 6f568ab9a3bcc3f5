//! How many lines a card's title takes, so a card grows to show its whole title (on the
//! canvas, presenting and in every export) instead of cutting it after two lines. Layout
//! is pure and has no fonts: the count is a word wrap at a conservative average glyph
//! width, and the card draws that many lines. Titles long enough to need more than
//! [`MAX_TITLE_LINES`] are cut there (the inspector and hover show them whole).

/// Height of one title line, in points (13-point text).
pub const TITLE_LINE: f32 = 16.0;
/// A card shows at least two lines (its base height holds them) and at most this many.
pub const MAX_TITLE_LINES: usize = 14;
/// Average width of a glyph of 13-point proportional text, a little generous so the
/// estimate rather leaves a blank line than cuts one.
pub const GLYPH_WIDTH: f32 = 6.7;

/// The lines a title needs in a column `width` points wide: between 2 and
/// [`MAX_TITLE_LINES`].
pub fn title_lines(title: &str, width: f32) -> usize {
    let per_line = ((width / GLYPH_WIDTH).floor() as usize).max(8);
    // Most titles are short: one line, known from the length alone (bytes are at least
    // as many as characters), without wrapping word by word on every layout.
    if title.len() <= per_line && !title.contains('\n') {
        return 2;
    }
    let mut lines = 0;
    for paragraph in title.split('\n') {
        lines += 1;
        let mut used = 0;
        for word in paragraph.split_whitespace() {
            let len = word.chars().count();
            let needed = if used == 0 { len } else { used + 1 + len };
            if needed <= per_line {
                used = needed;
            } else if len > per_line {
                // A word longer than a line starts a line and breaks across lines.
                if used > 0 {
                    lines += 1;
                }
                let more = (len - 1) / per_line;
                lines += more;
                used = len - more * per_line;
            } else {
                lines += 1;
                used = len;
            }
            if lines >= MAX_TITLE_LINES {
                return MAX_TITLE_LINES;
            }
        }
    }
    lines.clamp(2, MAX_TITLE_LINES)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_titles_take_two_lines_and_long_ones_grow() {
        assert_eq!(title_lines("Paged", 178.0), 2);
        let sentence = "Takes a manual LVM snapshot of the production database and loads it into staging, to have fresh data for trying out pgpool-II load balancing";
        let lines = title_lines(sentence, 178.0);
        assert!((5..=8).contains(&lines), "{lines}");
        assert_eq!(title_lines(&"word ".repeat(2_000), 178.0), MAX_TITLE_LINES);
        assert_eq!(title_lines(&"x".repeat(300), 178.0), 12);
    }
}
