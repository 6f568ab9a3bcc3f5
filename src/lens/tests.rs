//! The lens on its own: the built-in list, the hard cases issue 16 names, the labelled
//! set (precision and recall printed), a property test that no input makes it panic and
//! one that the indexed finder finds what trying every entry at every word finds.

use super::*;
use proptest::prelude::*;

const LABELLED: &str = include_str!("../../tests/lens/labelled.tsv");

fn families(text: &str) -> Vec<(String, Family)> {
    find(text)
        .into_iter()
        .map(|f| (f.phrase(text).to_owned(), f.family))
        .collect()
}

#[test]
fn the_built_in_list_reads_and_tells_why_for_every_family() {
    let lexicon = Lexicon::english();
    for family in Family::ALL {
        let entry = lexicon.entries.iter().find(|e| e.family == family).unwrap();
        assert!(!entry.why.is_empty() && !entry.ask.is_empty(), "{family}");
    }
}

#[test]
fn a_system_state_a_prediction_or_a_plan_is_not_a_judgement() {
    for text in [
        "the replica should be back in 5 minutes",
        "could not connect",
        "failed to start",
        "the job failed to run",
        "we should see traffic recover",
        "The migration should have finished by now, but the bar is stuck.",
        "If the lag keeps growing, we fail over.",
        "Engineers could have as many as forty terminals open.",
        "The deploy might have caused the lag; checking.",
        "The team couldn't have known.",
    ] {
        assert!(families(text).is_empty(), "{text}: {:?}", families(text));
    }
}

#[test]
fn judgements_of_people_are_found_with_their_family_and_words() {
    let text = "The engineer should have checked. If only we'd paged sooner.";
    assert_eq!(
        families(text),
        [
            ("should have checked".to_owned(), Family::Normative),
            ("If only we'd paged".to_owned(), Family::Counterfactual),
        ]
    );
    assert_eq!(
        families("Root cause: human error"),
        [
            ("Root cause".to_owned(), Family::Closure),
            ("human error".to_owned(), Family::Closure),
        ]
    );
    assert_eq!(
        families("He failed to follow the runbook; the job failed to run"),
        [("failed to".to_owned(), Family::Normative)]
    );
}

#[test]
fn case_curly_apostrophes_and_contractions_do_not_hide_a_phrase() {
    assert_eq!(
        families("WE SHOULDN\u{2019}T HAVE RUN IT"),
        [("SHOULDN\u{2019}T HAVE RUN".to_owned(), Family::Normative)]
    );
    assert_eq!(
        families("could've caught it"),
        [("could've caught".to_owned(), Family::Counterfactual)]
    );
}

#[test]
fn a_team_list_adds_phrases_and_role_names_to_the_built_in_one() {
    let team = r#"
        [words]
        people = ["sorcerer"]
        [[phrase]]
        family = "closure"
        pattern = "act of god"
    "#;
    let lexicon = Lexicon::from_sources(&[ENGLISH, team]).unwrap();
    let text = "The sorcerer failed to start it. An act of God.";
    let found: Vec<_> = find_with(&lexicon, text)
        .into_iter()
        .map(|f| f.phrase(text).to_owned())
        .collect();
    assert_eq!(found, ["failed to", "act of God"]);
}

#[test]
fn a_list_with_a_mistake_is_refused_with_where() {
    let bad = "[[phrase]]\nfamily = \"blame\"\npattern = \"x\"\n";
    let err = Lexicon::from_sources(&[ENGLISH, bad]).unwrap_err();
    assert!(err.to_string().contains("phrase list 1"), "{err}");
    assert!(err.to_string().contains("blame"), "{err}");
    let err = Lexicon::from_sources(&["[[phrase]]\nfamily = \"closure\"\npattern = \"x\"\n"])
        .unwrap_err();
    assert!(err.to_string().contains("closure"), "{err}");
}

#[test]
fn the_debrief_prompts_and_the_lens_own_questions_read_clean() {
    use crate::model::EventKind;
    let prompts = EventKind::ALL
        .iter()
        .map(Some)
        .chain([None])
        .flat_map(crate::prompts::for_event)
        .chain(crate::prompts::FOR_GAP);
    let asks = Lexicon::english().entries.iter().map(|e| e.ask.as_str());
    for text in prompts.copied().chain(asks) {
        assert!(families(text).is_empty(), "{text}: {:?}", families(text));
    }
}

/// Precision and recall over the labelled sentences: a sentence is flagged when any
/// phrase is found; a labelled one counts as found only when a finding has its family.
#[test]
fn the_labelled_set_is_found_precisely() {
    let (mut hits, mut false_alarms, mut misses) = (0, 0, 0);
    let mut total = 0;
    let mut innocent = 0;
    for line in LABELLED.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let (label, sentence) = line.split_once('\t').expect("family<TAB>sentence");
        total += 1;
        let found = find(sentence);
        match Family::from_word(label) {
            None => {
                assert_eq!(label, "none", "unknown label in {line}");
                innocent += 1;
                if !found.is_empty() {
                    false_alarms += 1;
                    println!("false alarm: {sentence} -> {:?}", phrases(sentence));
                }
            }
            Some(family) => {
                if found.iter().any(|f| f.family == family) {
                    hits += 1;
                } else {
                    misses += 1;
                    if !found.is_empty() {
                        false_alarms += 1;
                    }
                    println!("missed {family}: {sentence} -> {:?}", phrases(sentence));
                }
            }
        }
    }
    let precision = f64::from(hits) / f64::from(hits + false_alarms);
    let recall = f64::from(hits) / f64::from(hits + misses);
    println!(
        "lens on {total} labelled sentences ({innocent} innocent): precision {precision:.3}, recall {recall:.3} ({hits} found, {false_alarms} false alarms, {misses} missed)"
    );
    assert!(total >= 220 && innocent * 2 >= total, "{total} {innocent}");
    assert!(precision >= 0.9, "precision {precision:.3}");
    assert!(recall >= 0.8, "recall {recall:.3}");
}

fn phrases(text: &str) -> Vec<String> {
    find(text)
        .into_iter()
        .map(|f| format!("{} ({})", f.phrase(text), f.family))
        .collect()
}

proptest! {
    #[test]
    fn any_text_is_read_without_panic_and_ranges_fall_on_char_boundaries(
        text in "(\\PC|[ '\u{2019}.,;:!?\n]|should|have|failed|to|if|had|we|root|cause|n't|'d){0,60}"
    ) {
        let found = find(&text);
        let mut previous_end = 0;
        for finding in &found {
            prop_assert!(text.is_char_boundary(finding.range.start));
            prop_assert!(text.is_char_boundary(finding.range.end));
            prop_assert!(finding.range.start >= previous_end);
            prop_assert!(finding.range.start < finding.range.end);
            previous_end = finding.range.end;
        }
    }

    #[test]
    fn any_unicode_at_all_is_read_without_panic(text in any::<String>()) {
        for finding in find(&text) {
            prop_assert!(text.get(finding.range.clone()).is_some());
        }
    }
}

/// A team list whose phrases start with a word class, a gap or optional words, so the
/// entries tried at every word are exercised too.
const TEAM_WITH_CLASSES: &str = r#"
    [words]
    people = ["sorcerer"]
    [[phrase]]
    family = "normative"
    pattern = "<subject> ...2 blew it"
    [[phrase]]
    family = "normative"
    pattern = "badly? <pp> badly"
    [[phrase]]
    family = "closure"
    pattern = "^ ...2 act of god"
    [[phrase]]
    family = "closure"
    pattern = "plain? simple? human error"
"#;

/// Every word the lists' patterns and word lists name, then ordinary words, names and
/// forms the tokenizer opens or joins.
fn sentence_words() -> Vec<String> {
    let lexicon = Lexicon::from_sources(&[ENGLISH, TEAM_WITH_CLASSES]).unwrap();
    let mut words: Vec<String> = Vec::new();
    for entry in &lexicon.entries {
        for item in &entry.items {
            if let pattern::Item::Word { words: list, .. } = item {
                words.extend(list.iter().cloned());
            }
        }
    }
    let lists = &lexicon.words;
    words.extend(lists.people.iter().map(|name| name.join(" ")));
    for list in [
        &lists.skip,
        &lists.hedges,
        &lists.participles,
        &lists.outcomes,
    ] {
        let mut list: Vec<&String> = list.iter().collect();
        list.sort();
        words.extend(list.into_iter().cloned());
    }
    words.extend(
        [
            "the",
            "job",
            "replica",
            "Ana",
            "DB",
            "restarted",
            "checked",
            "paged",
            "it",
            "shouldn't",
            "couldn\u{2019}t",
            "we'd",
            "could've",
            "shouldnt",
            "on-call",
            "root-cause",
            "If",
            "Should",
            "Root",
            "WE",
            "rolled",
            "back",
            "at",
            "14:06",
            "v1.2",
        ]
        .map(str::to_owned),
    );
    words.sort();
    words.dedup();
    words
}

fn sentence() -> impl Strategy<Value = String> {
    let words = sentence_words();
    let count = words.len();
    let separators = [
        " ", " ", " ", " ", ", ", ". ", "; ", " - ", "\n", " (", ") ", ": ",
    ];
    prop::collection::vec((0..count, 0..separators.len()), 0..40).prop_map(move |parts| {
        let mut text = String::new();
        for (word, separator) in parts {
            text.push_str(&words[word]);
            text.push_str(separators[separator]);
        }
        text
    })
}

#[test]
fn a_list_whose_entries_were_changed_after_it_was_read_is_still_read_by_them() {
    let mut lexicon = Lexicon::english().clone();
    lexicon.entries.retain(|e| e.family == Family::Closure);
    let text = "Root cause: we should have checked.";
    assert_eq!(find_with(&lexicon, text), find::find_naive(&lexicon, text));
    assert_eq!(find_with(&lexicon, text).len(), 1);
}

#[test]
fn the_indexed_finder_finds_on_the_labelled_set_what_trying_every_entry_finds() {
    let english = Lexicon::english();
    let mut findings = 0;
    for line in LABELLED.lines().skip(1) {
        let sentence = line.split_once('\t').map_or(line, |(_, s)| s);
        let found = find_with(english, sentence);
        assert_eq!(found, find::find_naive(english, sentence), "{sentence}");
        findings += found.len();
    }
    assert!(findings >= 100, "{findings}");
}

proptest! {
    #[test]
    fn the_indexed_finder_finds_what_trying_every_entry_everywhere_finds(text in sentence()) {
        let english = Lexicon::english();
        prop_assert_eq!(find_with(english, &text), find::find_naive(english, &text));
        let team = Lexicon::from_sources(&[ENGLISH, TEAM_WITH_CLASSES]).unwrap();
        prop_assert_eq!(find_with(&team, &text), find::find_naive(&team, &text));
    }
}
