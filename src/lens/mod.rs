//! The hindsight lens: finds counterfactual, normative and closing language in a map's
//! text ("if only", "should have", "root cause"), with why it matters and a question to
//! ask instead. A reviewer's aid, like a spell checker, never a gate.
//!
//! The phrase lists are data (`assets/lens/en.toml`); [`Lexicon::from_sources`] joins a
//! team's own lists to the built-in one.

mod edit;
mod find;
mod index;
mod lexicon;
mod live;
mod map;
mod pattern;
mod rewrite;
mod tokens;

#[cfg(test)]
mod tests;

pub use edit::{keep_op, rewrite_op, text_at};
pub use find::{Finding, find, find_with};
pub use lexicon::{ENGLISH, Entry, Family, Lexicon, LexiconError, SubjectRule, Words};
pub use live::{LiveLens, Touched};
pub use map::{LensKey, MapFinding, Owner, Place, is_kept, scan_map, scan_map_with};
pub use pattern::PatternError;
pub use rewrite::{replacement, rewritten};
