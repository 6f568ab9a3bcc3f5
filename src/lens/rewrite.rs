//! Rewrites the lens can offer in one click: plain words in the place of a phrase
//! ("did not" for "failed to", nothing for "obviously"), from the phrase list's
//! `rewrite`, fitted to the sentence (its capital, the space and comma around a word
//! taken out).

use super::find::Finding;
use super::tokens::tokenize;

/// The words `finding` offers in its phrase's place in `text`, when its list has a
/// rewrite for the phrase as written ("" means the phrase goes).
pub fn replacement(finding: &Finding, text: &str) -> Option<String> {
    let phrase = finding.phrase(text);
    let rewrite = &finding.entry.rewrite;
    let key = phrase.split_whitespace().collect::<Vec<_>>().join(" ");
    let words = rewrite
        .get(&key.to_lowercase())
        .or_else(|| rewrite.get("*"))?;
    let words = if words.contains("$rest") {
        let tokens = tokenize(phrase);
        let rest = tokens.get(1).map_or("", |t| &phrase[t.range.start..]);
        words.replace("$rest", rest)
    } else {
        words.clone()
    };
    Some(words)
}

/// `text` with the finding's phrase rewritten, when its list offers a rewrite: the new
/// text, or `None`.
pub fn rewritten(finding: &Finding, text: &str) -> Option<String> {
    let words = replacement(finding, text)?;
    let range = finding.range.clone();
    let phrase = text.get(range.clone())?;
    let capital = phrase.chars().next().is_some_and(char::is_uppercase);
    let (before, after) = (&text[..range.start], &text[range.end..]);
    if words.is_empty() {
        return Some(removed(before, after, capital));
    }
    Some(format!("{before}{}{after}", with_capital(&words, capital)))
}

/// `before` and `after` joined where a word was taken out: one space between words, a
/// comma that followed the word ("Obviously, the...") gone with it, and the capital of
/// a sentence's first word passed on to the next.
fn removed(before: &str, after: &str, capital: bool) -> String {
    let after = after.strip_prefix(',').unwrap_or(after);
    let before_trimmed = before.trim_end_matches(' ');
    let after_trimmed = after.trim_start_matches(' ');
    let joiner = if before_trimmed.is_empty()
        || after_trimmed.is_empty()
        || after_trimmed.starts_with(|c: char| c.is_ascii_punctuation())
    {
        ""
    } else {
        " "
    };
    // Only spaces are taken: a line break the reviewer typed stays.
    let before = if joiner.is_empty() && !after_trimmed.is_empty() {
        before
    } else {
        before_trimmed
    };
    let starts_sentence =
        before_trimmed.is_empty() || before_trimmed.ends_with(['.', '!', '?', '\n', ':']);
    let after = if capital && starts_sentence {
        with_capital(after_trimmed, true)
    } else {
        after_trimmed.to_owned()
    };
    format!("{before}{joiner}{after}")
}

/// `words` with its first letter in capitals when `capital`.
fn with_capital(words: &str, capital: bool) -> String {
    let mut chars = words.chars();
    match chars.next() {
        Some(first) if capital => first.to_uppercase().chain(chars).collect(),
        _ => words.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use crate::lens::find;

    /// The text after accepting the first finding's rewrite.
    fn accept(text: &str) -> Option<String> {
        let finding = find(text).into_iter().next().expect("a finding");
        super::rewritten(&finding, text)
    }

    #[test]
    fn a_judgement_becomes_what_happened() {
        assert_eq!(
            accept("The engineer failed to notice the alert").as_deref(),
            Some("The engineer did not notice the alert")
        );
        assert_eq!(
            accept("She ignored the warnings twice").as_deref(),
            Some("She did not act on the warnings twice")
        );
        assert_eq!(
            accept("The root cause was a config push").as_deref(),
            Some("The contributing factor was a config push")
        );
        assert_eq!(
            accept("Root causes: DNS").as_deref(),
            Some("Contributing factors: DNS")
        );
    }

    #[test]
    fn a_word_taken_out_leaves_a_clean_sentence() {
        assert_eq!(
            accept("It was obviously the cache.").as_deref(),
            Some("It was the cache.")
        );
        assert_eq!(
            accept("Obviously, the cache was cold").as_deref(),
            Some("The cache was cold")
        );
        assert_eq!(
            accept("We simply restarted it").as_deref(),
            Some("We restarted it")
        );
        assert_eq!(
            accept("Ana just had to wait").as_deref(),
            Some("Ana had to wait")
        );
    }

    /// "Not obviously wrong" says how it looked: no finding, so nothing is taken out.
    #[test]
    fn a_negated_word_is_not_taken_out() {
        assert!(find("The graph was not obviously wrong").is_empty());
        assert!(find("We did not simply restart it").is_empty());
    }

    #[test]
    fn phrases_without_plain_words_offer_no_rewrite() {
        assert_eq!(accept("We should have rolled back"), None);
        assert_eq!(accept("If only we had known"), None);
        assert_eq!(accept("It was human error"), None);
    }
}
