//! How the hindsight lens shows a finding wherever it appears (the inspector under the
//! field, the lens panel): the words underlined in their field, why they matter in one
//! sentence, what to ask instead, and the two one-click answers (rewrite, keep as
//! written), each one undo step.

use super::Intents;
use crate::lens::{MapFinding, keep_op, replacement, rewrite_op};
use crate::model::Map;
use crate::ops::Edit;
use crate::render::shown_text;
use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, RichText, Stroke, TextStyle, Ui};
use std::sync::Arc;

/// The colour the lens marks words and cards with: the theme's warning colour, so it
/// reads as "look again", never as an error.
pub fn lens_colour(ui: &Ui) -> Color32 {
    ui.visuals().warn_fg_color
}

/// "1 phrase", "3 phrases".
pub fn phrases(count: usize) -> String {
    if count == 1 {
        "1 phrase".to_owned()
    } else {
        format!("{count} phrases")
    }
}

/// A text field's layout with the findings' phrases underlined. A finding whose phrase is
/// no longer where it was (the text changed this frame) is skipped until the lens reads
/// the new text.
pub fn underlined(
    ui: &Ui,
    text: &str,
    wrap_width: f32,
    findings: &[&MapFinding],
) -> Arc<egui::Galley> {
    let font_id = TextStyle::Body.resolve(ui.style());
    let color = ui.visuals().text_color();
    let plain = TextFormat::simple(font_id.clone(), color);
    let marked = TextFormat {
        underline: Stroke::new(2.0, lens_colour(ui)),
        ..plain.clone()
    };
    let mut job = LayoutJob::default();
    let mut at = 0;
    let mut ranges: Vec<_> = findings
        .iter()
        .filter(|f| text.get(f.finding.range.clone()) == Some(f.phrase.as_str()))
        .map(|f| f.finding.range.clone())
        .collect();
    ranges.sort_by_key(|range| range.start);
    for range in ranges {
        if range.start < at {
            continue;
        }
        job.append(&text[at..range.start], 0.0, plain.clone());
        job.append(&text[range.clone()], 0.0, marked.clone());
        at = range.end;
    }
    job.append(&text[at..], 0.0, plain);
    job.wrap.max_width = wrap_width;
    ui.fonts_mut(|fonts| fonts.layout_job(job))
}

/// One finding, told briefly: the words and their family, why they matter, what to ask
/// instead, and the buttons that answer it (the edit is made only when one is clicked).
pub fn finding_ui(ui: &mut Ui, map: &Map, finding: &MapFinding, intents: &mut Intents) {
    let colour = lens_colour(ui);
    let phrase = shown_text(&finding.phrase);
    ui.label(
        RichText::new(format!("“{phrase}”: {}", finding.family()))
            .color(colour)
            .strong(),
    );
    ui.label(RichText::new(shown_text(&finding.finding.entry.why)).small());
    ui.label(
        RichText::new(format!("Ask instead: {}", shown_text(&finding.ask())))
            .small()
            .italics(),
    );
    ui.horizontal_wrapped(|ui| {
        let text = crate::lens::text_at(map, &finding.place).unwrap_or("");
        let still_there = text.get(finding.finding.range.clone()) == Some(finding.phrase.as_str());
        if still_there && let Some(words) = replacement(&finding.finding, text) {
            let button = if words.is_empty() {
                format!("Remove “{phrase}”")
            } else {
                format!("Rewrite as “{}”", shown_text(&words))
            };
            let clicked = ui
                .button(&button)
                .on_hover_text("Puts these words in the phrase's place (one undo step)")
                .clicked();
            if clicked && let Some(op) = rewrite_op(map, finding) {
                intents
                    .edits
                    .push(Edit::new(format!("Rewrite “{phrase}”"), op));
            }
        }
        let keep = ui
            .button("Keep as written")
            .on_hover_text(KEEP_HINT)
            .clicked();
        if keep && let Some(op) = keep_op(map, finding) {
            intents
                .edits
                .push(Edit::new(format!("Keep “{phrase}” as written"), op));
        }
    });
}

/// What "Keep as written" covers: the phrase in the own texts of what holds it (a card's
/// title and description, an annotation, a path not taken, a link, the map's title and
/// description), now and after edits there.
const KEEP_HINT: &str = "The lens stays quiet about these words on this card (or annotation, path, link, or the map itself); the map remembers it";

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte ranges of `galley`'s text drawn underlined.
    fn underlined_ranges(galley: &egui::Galley) -> Vec<std::ops::Range<usize>> {
        galley
            .job
            .sections
            .iter()
            .filter(|section| section.format.underline.width > 0.0)
            .map(|section| section.byte_range.start.0..section.byte_range.end.0)
            .collect()
    }

    #[test]
    fn the_flagged_words_and_only_they_are_underlined() {
        let text = "We should have paged; the root cause was DNS";
        let mut map = Map::new("t");
        map.description = text.to_owned();
        let findings = crate::lens::scan_map(&map);
        let found: Vec<&MapFinding> = findings.iter().collect();
        egui::__run_test_ui(|ui| {
            let galley = underlined(ui, text, 400.0, &found);
            let marked: Vec<&str> = underlined_ranges(&galley)
                .into_iter()
                .map(|range| &text[range])
                .collect();
            assert_eq!(marked, ["should have paged", "root cause"]);
            assert_eq!(galley.text(), text, "the text is untouched");
            // Typed this frame, before the lens has read it: nothing is underlined wrongly.
            let changed = "We paged";
            assert!(underlined_ranges(&underlined(ui, changed, 400.0, &found)).is_empty());
        });
    }
}
