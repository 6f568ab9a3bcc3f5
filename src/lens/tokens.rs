//! Words of a text with their byte ranges, contractions opened and clause starts marked:
//! what the phrase patterns are matched against.

use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// One word (or one half of a contraction) of the text.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    /// Lower case, apostrophes straightened, contractions opened ("n't" reads "not").
    pub norm: String,
    /// Where it is in the text; always on char boundaries.
    pub range: Range<usize>,
    /// A sentence starts here (the text's start, or after `.`, `!`, `?`, `;`, `:` or a
    /// line break).
    pub sentence_start: bool,
    /// A clause starts here: a sentence start, or after a comma, a dash or a bracket.
    pub clause_start: bool,
    /// Written with a capital first letter: a name, at least away from a sentence start.
    pub capitalised: bool,
}

/// The words of `text`, in order. Word boundaries follow Unicode (UAX #29), so "on-call"
/// is two words and "shouldn't" one, before it is opened into "should" and "not".
pub fn tokenize(text: &str) -> Vec<Token> {
    if text.is_ascii() {
        tokenize_ascii(text)
    } else {
        tokenize_by_segments(text)
    }
}

/// `tokenize` by the segmenter's every segment, words and what lies between them.
fn tokenize_by_segments(text: &str) -> Vec<Token> {
    let mut reader = Reader::default();
    for (start, segment) in text.split_word_bound_indices() {
        if segment.chars().any(char::is_alphanumeric) {
            reader.word(text, start, segment);
        } else {
            reader.between(text, start, segment);
        }
    }
    reader.tokens
}

/// `tokenize` for ASCII text, most of a map's: the words come from the segmenter's
/// ASCII path (no Unicode table look-ups, which were most of the lens's time), and what
/// lies between them is read a character at a time, as the segmenter splits ASCII
/// punctuation (one segment a character, but runs of spaces and CR LF, which carry no
/// boundary mark of their own).
fn tokenize_ascii(text: &str) -> Vec<Token> {
    let mut reader = Reader::default();
    let mut read_to = 0;
    for (start, word) in text.unicode_word_indices() {
        reader.between_chars(text, read_to, start);
        reader.word(text, start, word);
        read_to = start + word.len();
    }
    reader.between_chars(text, read_to, text.len());
    reader.tokens
}

/// The words read so far, and whether the next starts a sentence or a clause.
struct Reader {
    tokens: Vec<Token>,
    sentence: bool,
    clause: bool,
}

impl Default for Reader {
    fn default() -> Reader {
        Reader {
            tokens: Vec::new(),
            sentence: true,
            clause: true,
        }
    }
}

impl Reader {
    /// A segment with a letter or digit in it, at `start` of `text`.
    fn word(&mut self, text: &str, start: usize, segment: &str) {
        if joins_by_hyphen(text, start, self.tokens.last()) {
            // "on-call", "double-checked", "root-cause": one word, as people read it.
            if let Some(last) = self.tokens.last_mut() {
                last.norm.push('-');
                last.norm.push_str(&normalise(segment));
                last.range.end = start + segment.len();
            }
            return;
        }
        let before = self.tokens.len();
        push_word(&mut self.tokens, start, segment);
        if let Some(first) = self.tokens.get_mut(before) {
            first.sentence_start = self.sentence;
            first.clause_start = self.clause;
        }
        self.sentence = false;
        self.clause = false;
    }

    /// A segment of punctuation or space, at `start` of `text`.
    fn between(&mut self, text: &str, start: usize, segment: &str) {
        let end = start + segment.len();
        // A full stop inside "v1.2" or a colon in "14:06" is not a boundary: only
        // punctuation followed by a space or the end counts.
        let spaced = text[end..].chars().next().is_none_or(char::is_whitespace);
        if segment.contains('\n') || (spaced && segment.contains(['.', '!', '?', ';', ':'])) {
            self.sentence = true;
            self.clause = true;
        }
        if segment.contains([',', '(', ')', '[', ']', '\u{2013}', '\u{2014}']) {
            self.clause = true;
        }
    }

    /// The ASCII text `text[from..to]` between two words, one character at a time.
    fn between_chars(&mut self, text: &str, from: usize, to: usize) {
        for at in from..to {
            // ASCII: every byte is a character.
            self.between(text, at, &text[at..at + 1]);
        }
    }
}

/// Whether the word at `start` follows the previous word with only a hyphen between.
fn joins_by_hyphen(text: &str, start: usize, previous: Option<&Token>) -> bool {
    let Some(previous) = previous else {
        return false;
    };
    let between = text.get(previous.range.end..start);
    matches!(between, Some("-" | "\u{2010}"))
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02bc}' | '\u{2018}')
}

/// Pushes a word, opened into two tokens when it is a known contraction.
fn push_word(tokens: &mut Vec<Token>, start: usize, word: &str) {
    let capitalised = word.chars().next().is_some_and(char::is_uppercase);
    let token = |norm: String, range: Range<usize>| Token {
        norm,
        range,
        sentence_start: false,
        clause_start: false,
        capitalised,
    };
    let lower = normalise(word);
    if let Some((base, rest)) = joined_contraction(&lower) {
        // "shouldnt" in quick chat: one word, so both halves cover all of it.
        tokens.push(token(base.to_owned(), start..start + word.len()));
        tokens.push(token(rest.to_owned(), start..start + word.len()));
        return;
    }
    let Some((apostrophe, _)) = word.char_indices().rev().find(|(_, c)| is_apostrophe(*c)) else {
        tokens.push(token(lower, start..start + word.len()));
        return;
    };
    let (head, tail) = word.split_at(apostrophe);
    let suffix = normalise(tail);
    let head_lower = normalise(head);
    let split = match suffix.as_str() {
        "'t" if head.ends_with(['n', 'N']) => {
            // "shouldn't": "should" + "not", the 'n' going with "not".
            let base = &head_lower[..head_lower.len() - 1];
            let base = match base {
                "ca" => "can",
                "wo" => "will",
                "sha" => "shall",
                other => other,
            };
            // `head` ends in an ASCII 'n', so one byte back is a char boundary.
            let cut = start + head.len() - 1;
            Some((base.to_owned(), cut, "not".to_owned()))
        }
        "'ve" => Some((head_lower, start + head.len(), "have".to_owned())),
        "'ll" => Some((head_lower, start + head.len(), "will".to_owned())),
        "'re" => Some((head_lower, start + head.len(), "are".to_owned())),
        "'m" => Some((head_lower, start + head.len(), "am".to_owned())),
        "'d" | "'s" => Some((head_lower, start + head.len(), suffix.clone())),
        _ => None,
    };
    match split {
        Some((base, cut, rest)) if !base.is_empty() => {
            tokens.push(token(base, start..cut));
            tokens.push(token(rest, cut..start + word.len()));
        }
        _ => tokens.push(token(lower, start..start + word.len())),
    }
}

/// Lower case with apostrophes straightened.
fn normalise(word: &str) -> String {
    if word.is_ascii() {
        // The common case, without a char at a time (ASCII's only apostrophe is straight).
        return word.to_ascii_lowercase();
    }
    word.chars()
        .map(|c| if is_apostrophe(c) { '\'' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Contractions typed without the apostrophe, as chat often has them.
fn joined_contraction(lower: &str) -> Option<(&'static str, &'static str)> {
    Some(match lower {
        "shouldnt" => ("should", "not"),
        "couldnt" => ("could", "not"),
        "wouldnt" => ("would", "not"),
        "didnt" => ("did", "not"),
        "shouldve" => ("should", "have"),
        "couldve" => ("could", "have"),
        "wouldve" => ("would", "have"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.norm).collect()
    }

    #[test]
    fn contractions_open_into_two_words_with_their_own_ranges() {
        let text = "We shouldn\u{2019}t have; they'd know";
        assert_eq!(
            norms(text),
            ["we", "should", "not", "have", "they", "'d", "know"]
        );
        let tokens = tokenize(text);
        assert_eq!(&text[tokens[1].range.clone()], "should");
        assert_eq!(&text[tokens[2].range.clone()], "n\u{2019}t");
        assert!(tokens[4].sentence_start);
    }

    #[test]
    fn hyphenated_words_are_one_word() {
        assert_eq!(
            norms("the on-call double-checked; rm -rf"),
            ["the", "on-call", "double-checked", "rm", "rf"]
        );
    }

    proptest::proptest! {
        #[test]
        fn ascii_text_is_read_as_the_segmenter_reads_it(
            text in "([a-zA-Z0-9]{1,4}|[ -/:-@\\[-`{-~]|\r\n|\r|\n|\t|\u{b}|\u{c}|\u{0}|\u{7f}|  |'t|n't|'ve|-|_){0,40}"
        ) {
            proptest::prop_assert_eq!(tokenize_ascii(&text), tokenize_by_segments(&text));
        }
    }

    #[test]
    fn times_and_versions_do_not_end_a_sentence() {
        let tokens = tokenize("at 14:06 we rolled back v1.2 then");
        assert!(tokens.iter().skip(1).all(|t| !t.sentence_start));
    }
}
