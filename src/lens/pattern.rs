//! The small pattern language of the phrase lists (see `assets/lens/en.toml`): words,
//! alternatives, optional items, word classes, bounded gaps and a clause anchor.

use super::lexicon::Words;
use super::tokens::Token;

/// One compiled item of a pattern.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// One of these words (lower case); `optional` when written with a `?` suffix.
    Word { words: Vec<String>, optional: bool },
    /// A word of a class: `<pp>`, `<any>` or `<subject>`.
    Class { class: Class, optional: bool },
    /// `...N`: up to N words, not crossing a clause boundary.
    Gap(usize),
    /// `^`: the start of a sentence or clause.
    ClauseStart,
}

/// The word classes a pattern can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    PastParticiple,
    Any,
    Subject,
}

/// A pattern could not be read; the message says which part.
#[derive(Debug, thiserror::Error, PartialEq)]
#[error("pattern \"{pattern}\": {problem}")]
pub struct PatternError {
    pub pattern: String,
    pub problem: String,
}

/// Compiles a pattern written in the phrase list.
pub fn compile(pattern: &str) -> Result<Vec<Item>, PatternError> {
    let fail = |problem: String| PatternError {
        pattern: pattern.to_owned(),
        problem,
    };
    let mut items = Vec::new();
    for part in pattern.split_whitespace() {
        if part == "^" {
            items.push(Item::ClauseStart);
            continue;
        }
        if let Some(count) = part.strip_prefix("...") {
            let count = count
                .parse()
                .map_err(|_| fail(format!("\"{part}\" needs a count, as in \"...4\"")))?;
            items.push(Item::Gap(count));
            continue;
        }
        let (body, optional) = match part.strip_suffix('?') {
            Some(body) => (body, true),
            None => (part, false),
        };
        if let Some(name) = body.strip_prefix('<').and_then(|b| b.strip_suffix('>')) {
            let class = match name {
                "pp" => Class::PastParticiple,
                "any" => Class::Any,
                "subject" => Class::Subject,
                other => return Err(fail(format!("unknown word class <{other}>"))),
            };
            items.push(Item::Class { class, optional });
            continue;
        }
        let words: Vec<String> = body
            .split('|')
            .map(|w| w.replace('\u{2019}', "'").to_lowercase())
            .collect();
        if words.iter().any(String::is_empty) {
            return Err(fail(format!("\"{part}\" has an empty alternative")));
        }
        items.push(Item::Word { words, optional });
    }
    match items.first() {
        None => Err(fail("it is empty".into())),
        Some(Item::Gap(_)) => Err(fail("it cannot start with a gap".into())),
        _ if items
            .iter()
            .all(|i| matches!(i, Item::ClauseStart | Item::Gap(_))) =>
        {
            Err(fail("it names no word".into()))
        }
        _ => Ok(items),
    }
}

/// Where the pattern matches when it starts at token `at`: the end (exclusive) of the
/// shortest match, or `None`.
pub fn match_at(items: &[Item], tokens: &[Token], at: usize, words: &Words) -> Option<usize> {
    let Some((item, rest)) = items.split_first() else {
        return Some(at);
    };
    match item {
        Item::ClauseStart => {
            let start = tokens.get(at)?.clause_start;
            start.then(|| match_at(rest, tokens, at, words)).flatten()
        }
        Item::Gap(count) => (0..=*count).find_map(|skip| {
            // The skipped words and the next one stay within the clause.
            let crosses =
                (at + 1..=at + skip).any(|i| tokens.get(i).is_none_or(|t| t.clause_start));
            if crosses || at + skip > tokens.len() {
                return None;
            }
            match_at(rest, tokens, at + skip, words)
        }),
        Item::Word {
            words: list,
            optional,
        } => {
            let here = tokens.get(at).filter(|t| list.contains(&t.norm));
            let taken = here.and_then(|_| match_at(rest, tokens, at + 1, words));
            taken.or_else(|| {
                optional
                    .then(|| match_at(rest, tokens, at, words))
                    .flatten()
            })
        }
        Item::Class { class, optional } => {
            let here = tokens.get(at).filter(|t| in_class(*class, t, words));
            let taken = here.and_then(|_| match_at(rest, tokens, at + 1, words));
            taken.or_else(|| {
                optional
                    .then(|| match_at(rest, tokens, at, words))
                    .flatten()
            })
        }
    }
}

fn in_class(class: Class, token: &Token, words: &Words) -> bool {
    match class {
        Class::Any => true,
        Class::PastParticiple => words.is_participle(&token.norm),
        Class::Subject => {
            const OPENERS: &[&str] = &[
                "we", "they", "you", "i", "he", "she", "it", "anyone", "anybody", "someone",
                "somebody", "everyone", "the", "our", "their", "this", "that", "these", "those",
                "my", "your", "his", "her", "its",
            ];
            OPENERS.contains(&token.norm.as_str())
                || (token.capitalised && !matches!(token.norm.as_str(), "a" | "an" | "to"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_with_mistakes_are_refused_with_the_reason() {
        assert!(compile("").is_err());
        assert!(compile("...3 had").is_err());
        assert!(
            compile("had <verb>")
                .unwrap_err()
                .problem
                .contains("<verb>")
        );
        assert!(
            compile("if ...x had")
                .unwrap_err()
                .problem
                .contains("count")
        );
        assert!(compile("a||b").is_err());
    }

    #[test]
    fn a_pattern_reads_words_alternatives_and_optional_items() {
        let items = compile("would|'d not? have <pp>").unwrap();
        assert_eq!(items.len(), 4);
        assert!(matches!(&items[1], Item::Word { optional: true, .. }));
    }
}
