//! Which entries of a phrase list can start at a word, worked out once per list: a text
//! is then matched at each word against the few entries that can begin there, not every
//! entry at every word (which was most of the lens's time on a large map).

use super::lexicon::Entry;
use super::pattern::Item;
use crate::model::FastHashMap;
use std::sync::Arc;

/// The entries of a list by the words their matches can begin with.
#[derive(Clone, Debug, Default)]
pub(crate) struct StartIndex {
    /// Entry indices (ascending) by a word a match of theirs can begin with.
    by_word: FastHashMap<String, Vec<usize>>,
    /// Entries whose match can begin with any word (a word class or a gap comes before
    /// any required word): tried at every word.
    anywhere: Vec<usize>,
    /// The entries indexed, by address: a list whose entries were changed since (they
    /// are a public field) is noticed and indexed afresh rather than matched wrongly.
    built_for: Vec<usize>,
}

impl StartIndex {
    pub(crate) fn new(entries: &[Arc<Entry>]) -> StartIndex {
        let mut index = StartIndex {
            built_for: entries.iter().map(address).collect(),
            ..StartIndex::default()
        };
        for (at, entry) in entries.iter().enumerate() {
            match first_words(&entry.items) {
                None => index.anywhere.push(at),
                Some(words) => {
                    for word in words {
                        let list = index.by_word.entry(word.to_owned()).or_default();
                        // Entries are visited in order, so each list stays ascending;
                        // a word named twice in one pattern adds the entry once.
                        if list.last() != Some(&at) {
                            list.push(at);
                        }
                    }
                }
            }
        }
        index
    }

    /// Whether this index was built for exactly these entries.
    pub(crate) fn is_for(&self, entries: &[Arc<Entry>]) -> bool {
        self.built_for.len() == entries.len()
            && self
                .built_for
                .iter()
                .zip(entries)
                .all(|(a, e)| *a == address(e))
    }

    /// Fills `out` with the indices of the entries that can start at a word whose
    /// normalised form is `norm`, ascending (the order the list gives them).
    pub(crate) fn candidates(&self, norm: &str, out: &mut Vec<usize>) {
        out.clear();
        let by_word = self.by_word.get(norm).map_or(&[][..], Vec::as_slice);
        if self.anywhere.is_empty() {
            out.extend_from_slice(by_word);
            return;
        }
        // Merge two ascending lists; an entry is in only one of them.
        let (mut a, mut b) = (by_word.iter().peekable(), self.anywhere.iter().peekable());
        loop {
            let next = match (a.peek(), b.peek()) {
                (Some(&&x), Some(&&y)) if x < y => a.next(),
                (Some(_), Some(_)) => b.next(),
                (Some(_), None) => a.next(),
                (None, Some(_)) => b.next(),
                (None, None) => break,
            };
            out.extend(next.copied());
        }
    }
}

fn address(entry: &Arc<Entry>) -> usize {
    Arc::as_ptr(entry) as usize
}

/// The words a non-empty match of `items` can begin with, or `None` when it can begin
/// with any word. The first word a match takes is taken by the first required word item,
/// or by an optional one before it; the clause anchor takes none. A word class or a gap
/// there can take (or skip to) any word.
fn first_words(items: &[Item]) -> Option<Vec<&str>> {
    let mut words = Vec::new();
    for item in items {
        match item {
            Item::ClauseStart => {}
            Item::Word {
                words: list,
                optional,
            } => {
                words.extend(list.iter().map(String::as_str));
                if !optional {
                    return Some(words);
                }
            }
            Item::Class { .. } | Item::Gap(_) => return None,
        }
    }
    // Every item can be skipped: an empty match is never a finding, and any other
    // begins with one of the optional words.
    Some(words)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lens::pattern::compile;

    fn starts(pattern: &str) -> Option<Vec<String>> {
        let items = compile(pattern).unwrap();
        first_words(&items).map(|w| w.into_iter().map(str::to_owned).collect())
    }

    #[test]
    fn a_pattern_starts_with_its_first_word_or_the_optional_ones_before_it() {
        assert_eq!(starts("if only"), Some(vec!["if".into()]));
        assert_eq!(
            starts("^ had <subject> ...4 <pp>"),
            Some(vec!["had".into()])
        );
        assert_eq!(
            starts("ought? not? to have"),
            Some(vec!["ought".into(), "not".into(), "to".into()])
        );
        assert_eq!(starts("all <any> had"), Some(vec!["all".into()]));
    }

    #[test]
    fn a_class_or_gap_before_any_required_word_starts_anywhere() {
        assert_eq!(starts("<subject> failed to"), None);
        assert_eq!(starts("very? <pp> badly"), None);
        assert_eq!(starts("^ ...2 oops"), None);
    }
}
