//! Finding phrases in one text: patterns matched over the words, then the guards that
//! keep a system's state, a prediction or a plan from reading as a judgement.

use super::index::StartIndex;
use super::lexicon::{Entry, Family, Lexicon, SubjectRule, Words};
use super::pattern::match_at;
use super::tokens::{Token, tokenize};
use std::ops::Range;
use std::sync::Arc;

/// One phrase found in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// Where the phrase is, in bytes; both ends are char boundaries of the text.
    pub range: Range<usize>,
    pub family: Family,
    /// The list entry that matched, with why it matters and what to ask instead.
    pub entry: Arc<Entry>,
}

impl Finding {
    /// The words as written in `text` (the text the finding was made in).
    pub fn phrase<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.range.clone()).unwrap_or("")
    }
}

/// The phrases of the built-in English list in `text`, in text order, none overlapping.
pub fn find(text: &str) -> Vec<Finding> {
    find_with(Lexicon::english(), text)
}

/// The phrases of `lexicon` in `text`, in text order, none overlapping (where two
/// overlap, the one starting first, then the longer, is kept).
pub fn find_with(lexicon: &Lexicon, text: &str) -> Vec<Finding> {
    let tokens = tokenize(text);
    if tokens.is_empty() {
        return Vec::new();
    }
    let fresh;
    let index = if lexicon.starts.is_for(&lexicon.entries) {
        &lexicon.starts
    } else {
        fresh = StartIndex::new(&lexicon.entries);
        &fresh
    };
    // Only the entries that can start at a word are tried there. Found in word order,
    // then entry order: `keep_first_longest` sorts stably by word and length, so
    // among equal matches the earlier entry still wins, as when all were tried.
    let mut found: Vec<(usize, usize, &Arc<Entry>)> = Vec::new();
    let mut candidates = Vec::new();
    for start in 0..tokens.len() {
        index.candidates(&tokens[start].norm, &mut candidates);
        for entry in candidates.iter().filter_map(|&i| lexicon.entries.get(i)) {
            if let Some(end) = matched(lexicon, entry, &tokens, start) {
                found.push((start, end, entry));
            }
        }
    }
    keep_first_longest(found, &tokens)
}

/// The naive finder: every entry tried at every word. The oracle the indexed one is
/// held to.
#[cfg(test)]
pub(crate) fn find_naive(lexicon: &Lexicon, text: &str) -> Vec<Finding> {
    let tokens = tokenize(text);
    let mut found: Vec<(usize, usize, &Arc<Entry>)> = Vec::new();
    for entry in &lexicon.entries {
        for start in 0..tokens.len() {
            if let Some(end) = matched(lexicon, entry, &tokens, start) {
                found.push((start, end, entry));
            }
        }
    }
    keep_first_longest(found, &tokens)
}

/// Where `entry` matches from word `start`, past its guards, when it does.
fn matched(lexicon: &Lexicon, entry: &Entry, tokens: &[Token], start: usize) -> Option<usize> {
    let end = match_at(&entry.items, tokens, start, &lexicon.words)?;
    (end > start && guards_pass(entry, tokens, start, end, &lexicon.words)).then_some(end)
}

/// The matches in text order, none overlapping: where two overlap, the one starting
/// first, then the longer, then the one earlier in `found`, is kept.
fn keep_first_longest(
    mut found: Vec<(usize, usize, &Arc<Entry>)>,
    tokens: &[Token],
) -> Vec<Finding> {
    found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut findings: Vec<Finding> = Vec::new();
    let mut taken_until = 0;
    for (start, end, entry) in found {
        if start < taken_until {
            continue;
        }
        taken_until = end;
        findings.push(Finding {
            range: tokens[start].range.start..tokens[end - 1].range.end,
            family: entry.family,
            entry: Arc::clone(entry),
        });
    }
    findings
}

fn guards_pass(entry: &Entry, tokens: &[Token], start: usize, end: usize, words: &Words) -> bool {
    let next = tokens.get(end).filter(|t| !t.clause_start);
    if next.is_some_and(|t| entry.not_next.contains(&t.norm)) {
        return false;
    }
    let previous = start
        .checked_sub(1)
        .filter(|_| !tokens[start].clause_start)
        .map(|at| &tokens[at]);
    if previous.is_some_and(|t| entry.not_prev.contains(&t.norm)) {
        return false;
    }
    if tokens[start..end]
        .iter()
        .any(|t| entry.except.contains(&t.norm))
    {
        return false;
    }
    if entry.unhedged && hedged(tokens, start, words) {
        return false;
    }
    let duty = next.is_some_and(|t| entry.duty_verbs.contains(&t.norm));
    match entry.subject {
        SubjectRule::Any => true,
        SubjectRule::Person => duty || subject(tokens, start, words) == Subject::Person,
        SubjectRule::PersonOrNone => duty || subject(tokens, start, words) != Subject::Thing,
    }
}

/// What the clause before a phrase has as its subject.
#[derive(Debug, PartialEq, Eq)]
enum Subject {
    /// A pronoun or a role or team name.
    Person,
    /// Something else: "the job", "the replica".
    Thing,
    /// The phrase opens its clause: "Failed to connect", "Should have rolled back".
    None,
}

/// Looks back from the phrase over adverbs and auxiliaries ("he had simply", "we
/// really") to the nearest word of its clause, and asks whether it names people.
fn subject(tokens: &[Token], start: usize, words: &Words) -> Subject {
    const AUXILIARIES: &[&str] = &[
        "was", "were", "is", "are", "be", "been", "has", "have", "had", "do", "did", "does", "'d",
        "will", "would", "not", "am",
    ];
    let mut at = start;
    loop {
        if tokens[at].clause_start || at == 0 {
            return Subject::None;
        }
        at -= 1;
        let word = tokens[at].norm.as_str();
        if words.skip.contains(word) || AUXILIARIES.contains(&word) {
            continue;
        }
        return if names_people(tokens, at, words) {
            Subject::Person
        } else {
            Subject::Thing
        };
    }
}

/// Whether the words ending at `last` are a pronoun or a role ("engineers", "on call").
fn names_people(tokens: &[Token], last: usize, words: &Words) -> bool {
    words.people.iter().any(|name| {
        let Some(first) = (last + 1).checked_sub(name.len()) else {
            return false;
        };
        let span = &tokens[first..=last];
        let mut inner = span.iter().zip(name).take(name.len() - 1);
        let head_matches = span.last().zip(name.last()).is_some_and(|(token, word)| {
            token.norm == *word || token.norm.strip_suffix('s') == Some(word.as_str())
        });
        head_matches
            && inner.all(|(token, word)| token.norm == *word)
            && span.iter().skip(1).all(|t| !t.clause_start)
    })
}

/// Whether a hedge ("maybe", "possible") comes earlier in the phrase's clause.
fn hedged(tokens: &[Token], start: usize, words: &Words) -> bool {
    let clause = tokens[..=start]
        .iter()
        .rposition(|t| t.clause_start)
        .unwrap_or(0);
    tokens[clause..start]
        .iter()
        .any(|t| words.hedges.contains(&t.norm))
}
