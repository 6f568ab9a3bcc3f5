//! How much of a map's text is laid out. epaint shapes every character of a text it lays
//! out, however few rows are shown, so a multi-megabyte title would cost seconds and
//! gigabytes a frame. Everything that lays out map text (the canvas, presentation,
//! exports, tooltips, accessibility labels, the window title) shows it through
//! [`shown_text`]; the map itself always keeps the whole text.

use std::borrow::Cow;

/// The most characters of one text that are laid out: far more than any card, header or
/// tooltip shows, few enough to lay out in well under a millisecond.
pub const SHOWN_CHARS: usize = 4_000;

/// The most characters a text field edits in place. Above this the inspector shows the
/// start of the text read-only (an egui text field lays out its whole text every frame).
pub const EDITABLE_CHARS: usize = 20_000;

/// `text`, or its first [`SHOWN_CHARS`] characters followed by "…" when it is longer.
/// Costs at most [`SHOWN_CHARS`] characters of work, however long the text.
pub fn shown_text(text: &str) -> Cow<'_, str> {
    match cut_at(text, SHOWN_CHARS) {
        None => Cow::Borrowed(text),
        Some(end) => {
            let mut shown = String::with_capacity(end + '…'.len_utf8());
            shown.push_str(&text[..end]);
            shown.push('…');
            Cow::Owned(shown)
        }
    }
}

/// Whether `text` is short enough to edit in a text field ([`EDITABLE_CHARS`]).
pub fn fits_editing(text: &str) -> bool {
    cut_at(text, EDITABLE_CHARS).is_none()
}

/// Why `text` (named by `what`: "the title") is shown read-only: "The title is 5,000,000
/// characters long, too long to edit here. The map keeps all of it and shows the first
/// 4,000." Counting costs a pass over the text: call it only for a text that does not
/// [`fits_editing`].
pub fn too_long_to_edit(what: &str, text: &str) -> String {
    let mut what = what.to_owned();
    if let Some(first) = what.get(..1) {
        what.replace_range(..1, &first.to_uppercase());
    }
    format!(
        "{what} is {} characters long, too long to edit here. The map keeps all of it and shows the first {}.",
        grouped(text.chars().count()),
        grouped(SHOWN_CHARS)
    )
}

/// Where the `chars`th character of `text` starts, when it has more than `chars`
/// characters.
fn cut_at(text: &str, chars: usize) -> Option<usize> {
    // Never more characters than bytes: most texts are settled without looking at them.
    if text.len() <= chars {
        return None;
    }
    text.char_indices().nth(chars).map(|(at, _)| at)
}

/// A count with thousands separated by commas: "5,000,000".
pub fn grouped(count: usize) -> String {
    let digits = count.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_shown_whole_without_copying() {
        assert!(matches!(
            shown_text("Paged Ana"),
            Cow::Borrowed("Paged Ana")
        ));
        let exact = "é".repeat(SHOWN_CHARS);
        assert!(matches!(shown_text(&exact), Cow::Borrowed(_)));
    }

    #[test]
    fn long_text_is_cut_at_a_character_with_an_ellipsis() {
        let long = "é".repeat(SHOWN_CHARS * 3);
        let shown = shown_text(&long);
        assert_eq!(shown.chars().count(), SHOWN_CHARS + 1);
        assert!(shown.ends_with("é…"));
    }

    #[test]
    fn editing_stops_above_its_limit() {
        assert!(fits_editing(&"x".repeat(EDITABLE_CHARS)));
        assert!(!fits_editing(&"x".repeat(EDITABLE_CHARS + 1)));
        // Characters, not bytes.
        assert!(fits_editing(&"é".repeat(EDITABLE_CHARS)));
    }

    #[test]
    fn the_read_only_note_says_how_long_the_text_is() {
        let text = "é".repeat(25_000);
        assert_eq!(
            too_long_to_edit("the title", &text),
            "The title is 25,000 characters long, too long to edit here. \
             The map keeps all of it and shows the first 4,000."
        );
    }

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(4_000), "4,000");
        assert_eq!(grouped(5_000_000), "5,000,000");
        assert_eq!(grouped(123_456_789), "123,456,789");
    }
}
