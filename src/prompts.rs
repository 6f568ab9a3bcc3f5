//! Questions for the debrief, chosen by what was selected. Written in the spirit of the
//! Etsy Debriefing Facilitation Guide and the Howie post-incident guide: ask how and what,
//! not why; ask for descriptions of what people saw, knew and expected at the moment, not
//! for explanations built afterwards; no "should have", no counterfactuals.

use crate::model::EventKind;

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
            .chain(FOR_GAP);
        for prompt in all {
            let lower = prompt.to_lowercase();
            assert!(!lower.contains("why"), "{prompt}");
            assert!(!lower.contains("should"), "{prompt}");
            assert!(prompt.ends_with('?'), "{prompt}");
        }
    }
}
