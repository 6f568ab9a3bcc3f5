//! Questions for the debrief, chosen by what was selected. Written in the spirit of the
//! Etsy Debriefing Facilitation Guide and the Howie post-incident guide: ask how and what,
//! not why; ask for descriptions of what people saw, knew and expected at the moment, not
//! for explanations built afterwards; no "should have", no counterfactuals.

use crate::model::{Annotation, AnnotationKind, EventKind};

/// Questions for a card: first those that follow what people said at the moment (its
/// annotations, in order), then those of its kind; each once.
pub fn for_card(kind: Option<&EventKind>, annotations: &[Annotation]) -> Vec<&'static str> {
    let mut prompts: Vec<&'static str> = Vec::new();
    let said = annotations.iter().flat_map(for_annotation);
    for prompt in said.chain(for_event(kind).iter()) {
        if !prompts.contains(prompt) {
            prompts.push(*prompt);
        }
    }
    prompts
}

/// Questions that follow one thing someone said, as the Etsy guide pairs them: something
/// seen asks for the cues and what normal looks like; a judgement, how they could tell;
/// "I knew", how they knew; a feeling, what pressures were around. The reviewer's own
/// questions and notes ask nothing more.
pub fn for_annotation(annotation: &Annotation) -> &'static [&'static str] {
    match annotation.kind {
        AnnotationKind::Seeing => &[
            "Which cues did you go by here?",
            "What does normal look like there, and how did this differ?",
        ],
        AnnotationKind::Thinking if says_knew(&annotation.text) => {
            &["How did you know?", "What told you that at the time?"]
        }
        AnnotationKind::Thinking => &[
            "How could you tell?",
            "What else could it have been, as it looked then?",
        ],
        AnnotationKind::Feeling => &[
            "What pressures were around you then?",
            "What made it feel that way at that moment?",
        ],
        _ => &[],
    }
}

/// Whether a thought is stated as knowledge ("I knew it was the cache", "we were sure"),
/// which the guide meets with "how did you know?" rather than "how could you tell?".
fn says_knew(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    let lower = lower.trim_start_matches(['"', '\'', '\u{201C}', '\u{2018}']);
    let knowing = [
        "knew",
        "know",
        "was sure",
        "were sure",
        "was certain",
        "were certain",
    ];
    let by_someone = ["i", "we", "they", "she", "he", "you"].iter().any(|who| {
        lower
            .strip_prefix(who)
            .and_then(|rest| rest.strip_prefix(' '))
            .is_some_and(|rest| knowing.iter().any(|verb| starts_with_word(rest, verb)))
    });
    by_someone || lower.starts_with("knew ")
}

/// Whether `text` starts with the word(s) `words`, a whole word ("know" is not the start
/// of "knowingly").
fn starts_with_word(text: &str, words: &str) -> bool {
    text.strip_prefix(words)
        .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
}

/// Questions for an event, by its kind.
pub fn for_event(kind: Option<&EventKind>) -> &'static [&'static str] {
    match kind {
        Some(EventKind::Alert) => &[
            "How did you first notice this? What did it look like on your screen?",
            "What did it seem to mean when you first saw it?",
            "What usually happens when this fires? Did this time look the same?",
            "What did you expect to find when you started looking?",
        ],
        Some(EventKind::Observation) => &[
            "What were you looking at when you saw this?",
            "What does normal look like there? What stood out, and what did not?",
            "What did you make of it at that moment?",
            "Who else could see this at the time?",
        ],
        Some(EventKind::Action) => &[
            "What were you hoping this would do?",
            "How did you judge it was safe enough to try?",
            "What did you see right after doing it?",
            "Have you done this before? How did it go then?",
        ],
        Some(EventKind::Communication) => &[
            "Who did you reach out to, and how did you pick them?",
            "What did you need from them at that moment?",
            "What did they already know, and what did you have to explain?",
            "How did you know they had understood?",
        ],
        Some(EventKind::Decision) => &[
            "Which options could you see at that moment?",
            "What made this one look best then?",
            "What were you worried might happen?",
            "What did you know, and what were you still unsure about?",
        ],
        Some(EventKind::System) => &[
            "How did people learn this was happening?",
            "What did the system show about itself at the time?",
            "Who knew this part well, and were they around?",
        ],
        Some(EventKind::Other(_)) | None => &[
            "What were you seeing at this point?",
            "What did you expect to happen next?",
            "What was on your mind?",
            "Who else was involved, and how?",
        ],
    }
}

/// Questions for a gap: the stretch where nothing was recorded.
pub const FOR_GAP: &[&str] = &[
    "What were you looking at during this time?",
    "Whom did you ask, or think about asking?",
    "What guesses were you testing, and how?",
    "What was hard to find or to figure out here?",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// "Why" invites explanations built with hindsight; the guides ask how and what.
    #[test]
    fn no_prompt_asks_why_or_what_should_have_happened() {
        let all = EventKind::ALL
            .iter()
            .map(Some)
            .chain([None])
            .flat_map(for_event)
            .chain(FOR_GAP)
            .chain(AnnotationKind::ALL.iter().flat_map(|kind| {
                ["I knew it was the cache", "it looked like the cache"]
                    .into_iter()
                    .flat_map(|text| for_annotation(&Annotation::new(kind.clone(), text)))
            }));
        for prompt in all {
            let lower = prompt.to_lowercase();
            assert!(!lower.contains("why"), "{prompt}");
            assert!(!lower.contains("should"), "{prompt}");
            assert!(prompt.ends_with('?'), "{prompt}");
        }
    }

    #[test]
    fn questions_follow_what_people_said_before_the_cards_kind() {
        let note = |kind: AnnotationKind, text: &str| Annotation::new(kind, text);
        let prompts = for_card(
            Some(&EventKind::Action),
            &[
                note(AnnotationKind::Feeling, "Rushed: the CEO was on the bridge"),
                note(AnnotationKind::Thinking, "I knew the cache had to be it"),
                note(AnnotationKind::Thinking, "Looked like the cache again"),
                note(AnnotationKind::Seeing, "p99 at 4 s"),
                note(AnnotationKind::Seeing, "errors on two hosts"),
            ],
        );
        assert_eq!(
            prompts[..7],
            [
                "What pressures were around you then?",
                "What made it feel that way at that moment?",
                "How did you know?",
                "What told you that at the time?",
                "How could you tell?",
                "What else could it have been, as it looked then?",
                "Which cues did you go by here?",
            ]
        );
        // Each once, then the kind's own.
        let cues = prompts.iter().filter(|p| p.starts_with("Which cues"));
        assert_eq!(cues.count(), 1);
        assert_eq!(prompts.last(), for_event(Some(&EventKind::Action)).last());
        // Notes and the reviewer's own questions add nothing.
        let quiet = [
            note(AnnotationKind::Note, "x"),
            note(AnnotationKind::Question, "y"),
        ];
        assert_eq!(for_card(None, &quiet), for_event(None));
    }

    #[test]
    fn knowing_is_told_from_judging() {
        for knew in [
            "I knew it was DNS",
            "we were sure the deploy was fine",
            "Knew it from last time",
            "\"I know this alert\"",
        ] {
            assert!(says_knew(knew), "{knew}");
        }
        for judged in [
            "It looked like DNS",
            "I think the deploy is fine",
            "knowing the runbook helped",
            "Iknew",
            "I knowingly skipped the canary",
        ] {
            assert!(!says_knew(judged), "{judged}");
        }
    }
}
