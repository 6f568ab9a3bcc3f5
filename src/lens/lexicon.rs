//! The phrase lists as data: read from TOML (the built-in English list, and any a team
//! adds), checked, and compiled once into patterns with their guards.

use super::index::StartIndex;
use super::pattern::{self, Item, PatternError};
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::sync::{Arc, LazyLock};

/// The built-in English list.
pub const ENGLISH: &str = include_str!("../../assets/lens/en.toml");

/// The three habits of language the lens points out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// A story about a world that never happened: "if only", "would have prevented".
    Counterfactual,
    /// A judgement against a standard known afterwards: "should have", "failed to".
    Normative,
    /// A label that ends the inquiry: "root cause", "human error".
    Closure,
}

impl Family {
    pub const ALL: [Family; 3] = [Family::Counterfactual, Family::Normative, Family::Closure];

    /// The word used in phrase lists and on the command line.
    pub fn word(self) -> &'static str {
        match self {
            Family::Counterfactual => "counterfactual",
            Family::Normative => "normative",
            Family::Closure => "closure",
        }
    }

    pub fn from_word(word: &str) -> Option<Family> {
        Family::ALL.into_iter().find(|f| f.word() == word)
    }
}

impl fmt::Display for Family {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.word())
    }
}

/// Which subject a phrase needs to be a judgement of people.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SubjectRule {
    /// Any subject, or none.
    #[default]
    Any,
    /// A person or a team: "the engineer failed to", not "the job failed to".
    Person,
    /// A person, a team, or no subject at all ("should have rolled back" in chat).
    PersonOrNone,
}

/// One phrase of a list, compiled, with what to say about it.
#[derive(Debug, PartialEq)]
pub struct Entry {
    pub family: Family,
    /// The pattern as written in the list.
    pub pattern: String,
    /// Why the words matter (the family's sentence).
    pub why: String,
    /// A question or rewrite to offer instead.
    pub ask: String,
    /// Words to put in the phrase's place, by the phrase as matched in lower case ("*"
    /// for any): see [`super::rewrite`]. Empty when the words have no plain rewrite.
    pub rewrite: BTreeMap<String, String>,
    pub(crate) items: Vec<Item>,
    pub(crate) subject: SubjectRule,
    pub(crate) duty_verbs: HashSet<String>,
    pub(crate) not_next: HashSet<String>,
    pub(crate) not_prev: HashSet<String>,
    pub(crate) except: HashSet<String>,
    pub(crate) unhedged: bool,
}

/// The word lists the rules use.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Words {
    /// Pronouns and role names; an entry may be several words ("on call").
    pub people: Vec<Vec<String>>,
    pub skip: HashSet<String>,
    pub hedges: HashSet<String>,
    pub participles: HashSet<String>,
    pub not_participles: HashSet<String>,
    /// Words that make a counterfactual a claim about the outcome ("prevented").
    pub outcomes: HashSet<String>,
}

impl Words {
    /// Whether the word is a past participle: a listed one, or one ending in "-ed".
    pub fn is_participle(&self, word: &str) -> bool {
        self.participles.contains(word)
            || (word.ends_with("ed")
                && word.chars().count() >= 4
                && !self.not_participles.contains(word))
    }

    /// Adds role or people names (each may be several words), e.g. from a map's lanes.
    pub fn add_people<'a>(&mut self, names: impl IntoIterator<Item = &'a str>) {
        for name in names {
            let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
            if !words.is_empty() && !self.people.contains(&words) {
                self.people.push(words);
            }
        }
    }
}

/// Compiled phrase lists: every entry of every source, and their word lists joined.
#[derive(Clone, Debug)]
pub struct Lexicon {
    pub entries: Vec<Arc<Entry>>,
    pub words: Words,
    /// The entries by the words they can start with, built with the lexicon.
    pub(crate) starts: StartIndex,
}

/// Two lexicons are equal when their entries and words are: the index is worked out
/// from the entries (and knows them by address, which copies do not share).
impl PartialEq for Lexicon {
    fn eq(&self, other: &Lexicon) -> bool {
        self.entries == other.entries && self.words == other.words
    }
}

/// A phrase list could not be used; the message names the list and the problem.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("phrase list {index}: {source}")]
    Toml {
        index: usize,
        source: Box<toml::de::Error>,
    },
    #[error("phrase list {index}: {source}")]
    Pattern { index: usize, source: PatternError },
    #[error(
        "phrase list {index}: unknown family \"{family}\" (counterfactual, normative or closure)"
    )]
    Family { index: usize, family: String },
    #[error("phrase list {index}: unknown subject rule \"{rule}\" (person or person-or-none)")]
    Subject { index: usize, rule: String },
    #[error("the family \"{0}\" has no `why` and `ask` in any list")]
    Untold(Family),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ListFile {
    #[serde(default)]
    family: BTreeMap<String, FamilyText>,
    #[serde(default)]
    words: WordsFile,
    #[serde(default)]
    phrase: Vec<PhraseFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FamilyText {
    why: String,
    ask: String,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct WordsFile {
    #[serde(default)]
    people: Vec<String>,
    #[serde(default)]
    skip: Vec<String>,
    #[serde(default)]
    hedges: Vec<String>,
    #[serde(default)]
    participles: Vec<String>,
    #[serde(default)]
    not_participles: Vec<String>,
    #[serde(default)]
    outcomes: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PhraseFile {
    family: String,
    pattern: String,
    #[serde(default)]
    subject: Option<String>,
    #[serde(default)]
    duty_verbs: Vec<String>,
    #[serde(default)]
    not_next: Vec<String>,
    #[serde(default)]
    not_prev: Vec<String>,
    #[serde(default)]
    except: Vec<String>,
    #[serde(default)]
    unhedged: bool,
    #[serde(default)]
    ask: Option<String>,
    #[serde(default)]
    rewrite: Rewrite,
}

/// `rewrite = "..."` for any match, or a table by the phrase as matched.
#[derive(Deserialize)]
#[serde(untagged)]
enum Rewrite {
    Always(String),
    ByPhrase(BTreeMap<String, String>),
}

impl Default for Rewrite {
    fn default() -> Self {
        Rewrite::ByPhrase(BTreeMap::new())
    }
}

impl LexiconError {
    /// Which of the sources the problem is in (0 for the first), when it is in one.
    pub fn list_index(&self) -> Option<usize> {
        match self {
            LexiconError::Toml { index, .. }
            | LexiconError::Pattern { index, .. }
            | LexiconError::Family { index, .. }
            | LexiconError::Subject { index, .. } => Some(*index),
            LexiconError::Untold(_) => None,
        }
    }
}

fn lower_set(words: Vec<String>) -> HashSet<String> {
    words.into_iter().map(|w| w.to_lowercase()).collect()
}

impl Lexicon {
    /// The built-in English list, parsed once.
    pub fn english() -> &'static Lexicon {
        static ENGLISH_LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
            // The list ships inside the binary and a unit test reads it, so it parses.
            Lexicon::from_sources(&[ENGLISH]).expect("the built-in phrase list is valid")
        });
        &ENGLISH_LEXICON
    }

    /// Reads and joins several phrase lists: the built-in one first, then a team's, say.
    /// A later list's family texts replace an earlier one's; phrases and words add up.
    pub fn from_sources(sources: &[&str]) -> Result<Lexicon, LexiconError> {
        let mut files = Vec::new();
        for (index, source) in sources.iter().enumerate() {
            let file: ListFile = toml::from_str(source).map_err(|source| LexiconError::Toml {
                index,
                source: Box::new(source),
            })?;
            files.push(file);
        }
        let mut texts: BTreeMap<Family, FamilyText> = BTreeMap::new();
        let mut words = Words::default();
        for (index, file) in files.iter_mut().enumerate() {
            for (name, text) in std::mem::take(&mut file.family) {
                let family = Family::from_word(&name).ok_or(LexiconError::Family {
                    index,
                    family: name,
                })?;
                texts.insert(family, text);
            }
            let list = std::mem::take(&mut file.words);
            words.add_people(list.people.iter().map(String::as_str));
            words.skip.extend(lower_set(list.skip));
            words.hedges.extend(lower_set(list.hedges));
            words.participles.extend(lower_set(list.participles));
            words
                .not_participles
                .extend(lower_set(list.not_participles));
            words.outcomes.extend(lower_set(list.outcomes));
        }
        let mut entries = Vec::new();
        for (index, file) in files.into_iter().enumerate() {
            for phrase in file.phrase {
                entries.push(Arc::new(compile_entry(index, phrase, &texts)?));
            }
        }
        let starts = StartIndex::new(&entries);
        Ok(Lexicon {
            entries,
            words,
            starts,
        })
    }
}

fn compile_entry(
    index: usize,
    phrase: PhraseFile,
    texts: &BTreeMap<Family, FamilyText>,
) -> Result<Entry, LexiconError> {
    let family = Family::from_word(&phrase.family).ok_or_else(|| LexiconError::Family {
        index,
        family: phrase.family.clone(),
    })?;
    let text = texts.get(&family).ok_or(LexiconError::Untold(family))?;
    let items = pattern::compile(&phrase.pattern)
        .map_err(|source| LexiconError::Pattern { index, source })?;
    let subject = match phrase.subject.as_deref() {
        None | Some("any") => SubjectRule::Any,
        Some("person") => SubjectRule::Person,
        Some("person-or-none") => SubjectRule::PersonOrNone,
        Some(other) => {
            return Err(LexiconError::Subject {
                index,
                rule: other.to_owned(),
            });
        }
    };
    Ok(Entry {
        family,
        why: text.why.clone(),
        ask: phrase.ask.unwrap_or_else(|| text.ask.clone()),
        rewrite: match phrase.rewrite {
            Rewrite::Always(words) => BTreeMap::from([("*".to_owned(), words)]),
            Rewrite::ByPhrase(table) => table
                .into_iter()
                .map(|(phrase, words)| (phrase.to_lowercase(), words))
                .collect(),
        },
        pattern: phrase.pattern,
        items,
        subject,
        duty_verbs: lower_set(phrase.duty_verbs),
        not_next: lower_set(phrase.not_next),
        not_prev: lower_set(phrase.not_prev),
        except: lower_set(phrase.except),
        unhedged: phrase.unhedged,
    })
}
