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
    // Almost every title is ASCII: its words are runs of bytes, measured without decoding
    // characters (this runs for every card, several times, on every layout).
    if title.is_ascii() {
        let words = title
            .as_bytes()
            .split(|&b| b == b'\n')
            .flat_map(|paragraph| {
                // The same whitespace as `char::is_whitespace` within ASCII.
                let words = paragraph
                    .split(|b| matches!(b, b'\t'..=b'\r' | b' '))
                    .filter(|word| !word.is_empty())
                    .map(|word| Some(word.len()));
                std::iter::once(None).chain(words)
            });
        wrap(words, per_line)
    } else {
        let words = title.split('\n').flat_map(|paragraph| {
            let words = paragraph
                .split_whitespace()
                .map(|word| Some(word.chars().count()));
            std::iter::once(None).chain(words)
        });
        wrap(words, per_line)
    }
}

/// Lines taken by `words` (`None` starts a paragraph, `Some(len)` is a word of `len`
/// characters) wrapped at `per_line` characters.
fn wrap(words: impl Iterator<Item = Option<usize>>, per_line: usize) -> usize {
    let mut lines = 0;
    let mut used = 0;
    for word in words {
        let Some(len) = word else {
            lines += 1;
            used = 0;
            continue;
        };
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

    proptest::proptest! {
        /// An ASCII title wraps the same whether counted in bytes or in characters (the
        /// fast path counts bytes): the same title with its `a`s and spaces swapped for
        /// non-ASCII ones (letter for letter, space for space) takes as many lines.
        #[test]
        fn ascii_titles_wrap_as_characters_do(
            title in "[a-z \\t\\n\\x0B\\x0C\\r]{0,300}",
            width in 60.0_f32..400.0,
        ) {
            let unicode: String = title
                .chars()
                .map(|c| match c {
                    'a' => 'é',
                    ' ' => '\u{2003}',
                    other => other,
                })
                .collect();
            proptest::prop_assert_eq!(title_lines(&title, width), title_lines(&unicode, width));
        }
    }
}
