//! The map as a sequence diagram, for wikis that render Mermaid or PlantUML: lanes as
//! participants, links as messages, other events and annotations as notes, and paths not
//! taken as grey optional blocks with dashed messages. Events come in map order. Map text
//! goes in only through `escape`, so neither tool evaluates any of it.

use super::escape::{mermaid_line, mermaid_text, plantuml_text};
use crate::layout::Geometry;
use crate::model::{CardId, EventId, LaneId, Map};
use crate::timeline::Beat;
use std::collections::HashMap;
use std::fmt::Write as _;

/// What one step of the diagram says, independent of the dialect.
enum Step {
    Message {
        from: usize,
        to: usize,
        text: String,
    },
    Note {
        lane: usize,
        text: String,
    },
    Aside {
        lane: usize,
        text: String,
    },
    NotTaken {
        from: usize,
        to: usize,
        text: String,
    },
    Gap {
        text: String,
    },
}

fn steps(map: &Map, geometry: &Geometry) -> Vec<Step> {
    let lane_index: HashMap<&LaneId, usize> = map
        .lanes
        .iter()
        .enumerate()
        .map(|(i, l)| (&l.id, i))
        .collect();
    let received: HashMap<&EventId, ()> = map
        .links
        .iter()
        .filter_map(|l| Some((l.to.event()?, ())))
        .collect();
    let mut links_from: HashMap<&EventId, Vec<&crate::model::Link>> = HashMap::new();
    for link in &map.links {
        links_from.entry(&link.from).or_default().push(link);
    }
    let clock = crate::timeline::Clock::of(map, geometry.display_zone);
    let mut times = clock.in_order();
    let mut branches_from: HashMap<&CardId, Vec<&crate::model::Branch>> = HashMap::new();
    for branch in &map.branches {
        branches_from.entry(&branch.from).or_default().push(branch);
    }
    let mut steps = Vec::new();
    // The map's story: events in order, each gap before the first event inside it.
    for beat in &geometry.story.beats {
        let index = match *beat {
            Beat::Gap(gap) => {
                let Some(gap) = geometry.gap_scan.gaps.get(gap) else {
                    continue;
                };
                let question = gap.question().to_lowercase();
                steps.push(Step::Gap {
                    text: format!(
                        "{}: {}: {question}",
                        clock.range(gap.start, gap.end),
                        gap.summary()
                    ),
                });
                continue;
            }
            Beat::Event(index) => index,
        };
        let Some(event) = map.events.get(index) else {
            continue;
        };
        let id = &event.id;
        let Some(&lane) = lane_index.get(&event.lane) else {
            continue;
        };
        let time = event
            .time
            .map_or_else(String::new, |t| format!("{} ", times.next(t)));
        let title = format!("{time}{}", event.title);
        let mut sent = false;
        for link in links_from.get(id).into_iter().flatten() {
            let to_lane = match &link.to {
                crate::model::LinkEnd::Event(to) => map.event(to).map(|e| &e.lane),
                crate::model::LinkEnd::Lane(lane) => Some(lane),
            };
            let Some(to) = to_lane.and_then(|lane| lane_index.get(lane)) else {
                continue;
            };
            let text = if link.label.is_empty() {
                title.clone()
            } else {
                format!("{title} ({})", link.label)
            };
            steps.push(Step::Message {
                from: lane,
                to: *to,
                text,
            });
            sent = true;
        }
        if !sent && !received.contains_key(id) {
            steps.push(Step::Note { lane, text: title });
        }
        for annotation in &event.annotations {
            steps.push(Step::Aside {
                lane,
                text: format!(
                    "{}: {}",
                    annotation.kind.label().to_lowercase(),
                    annotation.text
                ),
            });
        }
        let mut frontier = vec![CardId::Event(id.clone())];
        // A cycle of paths not taken (only in a hand-edited file) is told once.
        let mut told = std::collections::HashSet::new();
        while let Some(origin) = frontier.pop() {
            for branch in branches_from.get(&origin).into_iter().flatten() {
                if !told.insert(&branch.id) {
                    continue;
                }
                if let Some(&to) = lane_index.get(&branch.lane) {
                    let text = if branch.note.is_empty() {
                        branch.label.clone()
                    } else {
                        format!("{} ({})", branch.label, branch.note)
                    };
                    steps.push(Step::NotTaken {
                        from: lane,
                        to,
                        text,
                    });
                }
                frontier.push(CardId::Branch(branch.id.clone()));
            }
        }
    }
    steps
}

/// Mermaid `sequenceDiagram` text.
pub fn mermaid(map: &Map, geometry: &Geometry) -> String {
    let mut out = String::from("sequenceDiagram\n");
    let _ = writeln!(out, "    title {}", mermaid_line(&map.title));
    for (i, lane) in map.lanes.iter().enumerate() {
        let _ = writeln!(out, "    participant L{i} as {}", mermaid_text(&lane.name));
    }
    for step in steps(map, geometry) {
        match step {
            Step::Message { from, to, text } => {
                let _ = writeln!(out, "    L{from}->>L{to}: {}", mermaid_text(&text));
            }
            Step::Note { lane, text } => {
                let _ = writeln!(out, "    Note over L{lane}: {}", mermaid_text(&text));
            }
            Step::Aside { lane, text } => {
                let _ = writeln!(out, "    Note right of L{lane}: {}", mermaid_text(&text));
            }
            Step::NotTaken { from, to, text } => {
                let _ = writeln!(out, "    rect rgb(221, 221, 221)");
                let _ = writeln!(out, "    opt not taken");
                let _ = writeln!(out, "    L{from}-->>L{to}: {}", mermaid_text(&text));
                let _ = writeln!(out, "    end");
                let _ = writeln!(out, "    end");
            }
            Step::Gap { text } => {
                let last = map.lanes.len().saturating_sub(1);
                let _ = writeln!(out, "    Note over L0,L{last}: {}", mermaid_text(&text));
            }
        }
    }
    out
}

/// PlantUML sequence diagram text.
pub fn plantuml(map: &Map, geometry: &Geometry) -> String {
    let mut out = String::from("@startuml\n");
    let _ = writeln!(out, "title {}", plantuml_text(&map.title));
    for (i, lane) in map.lanes.iter().enumerate() {
        let _ = writeln!(out, "participant \"{}\" as L{i}", plantuml_text(&lane.name));
    }
    for step in steps(map, geometry) {
        match step {
            Step::Message { from, to, text } => {
                let _ = writeln!(out, "L{from} -> L{to} : {}", plantuml_text(&text));
            }
            Step::Note { lane, text } => {
                let _ = writeln!(out, "note over L{lane} : {}", plantuml_text(&text));
            }
            Step::Aside { lane, text } => {
                let _ = writeln!(out, "note right of L{lane} : {}", plantuml_text(&text));
            }
            Step::NotTaken { from, to, text } => {
                let _ = writeln!(out, "opt #DDDDDD not taken");
                let _ = writeln!(out, "L{from} -[#999999]-> L{to} : {}", plantuml_text(&text));
                let _ = writeln!(out, "end");
            }
            Step::Gap { text } => {
                let _ = writeln!(out, "== {} ==", plantuml_text(&text));
            }
        }
    }
    out.push_str("@enduml\n");
    out
}
