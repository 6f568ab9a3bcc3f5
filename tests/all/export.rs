//! Exports as a report writer gets them: PNGs of the expected size with real content (and
//! whole when far taller than the strips they are drawn in), SVG that parses and holds
//! every title,
//! Markdown with every event and annotation, and sequence diagrams whose special
//! characters are escaped.

use image::RgbaImage;
use waterline::export::{self, PngOptions, Rasterizer, TextFormat};
use waterline::io::parse_map;
use waterline::layout::{LayoutSettings, layout};
use waterline::model::Map;
use waterline::render::page_size;
use waterline::samples;

fn rasterizer() -> Rasterizer {
    Rasterizer::new()
}

fn png_of(map: &Map, options: &PngOptions) -> RgbaImage {
    let settings = LayoutSettings::default();
    let geometry = layout(map, &settings);
    rasterizer()
        .render(map, &geometry, &settings, options)
        .expect("renders")
}

/// Share of pixels that differ from the page background.
fn drawn_share(image: &RgbaImage, background: [u8; 3]) -> f64 {
    let drawn = image.pixels().filter(|p| p.0[..3] != background).count();
    drawn as f64 / (image.width() * image.height()) as f64
}

#[test]
fn the_sample_maps_export_at_the_size_of_their_page_with_real_content() {
    let light = waterline::render::Theme::light().background.to_array();
    for text in [samples::CHECKOUT_OUTAGE, samples::SMALL, samples::TOKYO_DNS] {
        let map = parse_map(text.as_bytes()).unwrap();
        let page = page_size(&layout(&map, &LayoutSettings::default()));
        for scale in [1.0, 2.0] {
            let image = png_of(&map, &PngOptions { scale, dark: false });
            assert_eq!(
                image.width(),
                (page.x * scale).ceil() as u32,
                "{}",
                map.title
            );
            assert_eq!(image.height(), (page.y * scale).ceil() as u32);
            let share = drawn_share(&image, [light[0], light[1], light[2]]);
            assert!(
                share > 0.2,
                "{}: only {share:.2} of the page is drawn",
                map.title
            );
        }
    }
}

/// The small map's PNG against a reference made by this code and looked at by a person.
/// `UPDATE_SNAPSHOTS=1` rewrites it.
#[test]
fn the_small_map_looks_as_it_did() {
    let map = parse_map(samples::SMALL.as_bytes()).unwrap();
    let image = png_of(&map, &PngOptions::default());
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/snapshots/small-light.png"
    );
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        image.save(path).unwrap();
        return;
    }
    let reference = image::open(path)
        .expect("the reference snapshot")
        .to_rgba8();
    assert_eq!(image.dimensions(), reference.dimensions());
    let total: u64 = image
        .as_raw()
        .iter()
        .zip(reference.as_raw())
        .map(|(a, b)| u64::from(a.abs_diff(*b)))
        .sum();
    let mean = total as f64 / image.as_raw().len() as f64;
    assert!(
        mean < 1.0,
        "mean difference {mean:.3} per channel; run with UPDATE_SNAPSHOTS=1 if the change is wanted"
    );
}

#[test]
fn a_tall_map_comes_out_whole() {
    let map = samples::synthetic(500, 6);
    let page = page_size(&layout(&map, &LayoutSettings::default()));
    assert!(page.y > 10_000.0, "the test map is tall: {}", page.y);
    let image = png_of(&map, &PngOptions::default());
    assert_eq!(image.height(), page.y.ceil() as u32);
    // Cards are drawn in every 2000-pixel band from top to bottom: no strip is missing.
    let card = waterline::render::Theme::light().card_fill.to_array();
    for band in 0..(image.height() / 2000) {
        let has_cards = (band * 2000..(band + 1) * 2000).step_by(3).any(|y| {
            (0..image.width())
                .step_by(5)
                .any(|x| image.get_pixel(x, y).0[..3] == card[..3])
        });
        assert!(has_cards, "band {band} has no cards");
    }
}

/// The PNG file is painted by several threads, strip by strip, and put together in order:
/// it holds exactly the image drawn in one piece.
#[test]
fn a_streamed_png_is_the_image_drawn_whole() {
    let map = samples::synthetic(200, 6);
    let options = PngOptions::default();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("map.png");
    let settings = LayoutSettings::default();
    let (w, h) = export::write_png(&mut rasterizer(), &map, &settings, &options, &path).unwrap();
    let streamed = image::open(&path).unwrap().to_rgba8();
    let whole = png_of(&map, &options);
    assert_eq!((w, h), whole.dimensions());
    if let Some(dir) = std::env::var_os("DIFF_DIR") {
        streamed
            .save(std::path::Path::new(&dir).join("streamed.png"))
            .unwrap();
        whole
            .save(std::path::Path::new(&dir).join("whole.png"))
            .unwrap();
    }
    let differing: Vec<(u32, u32)> = streamed
        .enumerate_pixels()
        .filter(|(x, y, p)| whole.get_pixel(*x, *y) != *p)
        .map(|(x, y, _)| (x, y))
        .collect();
    assert!(
        differing.is_empty(),
        "the streamed PNG differs from the image drawn whole at {} pixels: {:?}",
        differing.len(),
        &differing[..differing.len().min(20)]
    );
}

#[test]
fn a_png_is_written_atomically_and_a_dark_one_is_dark() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("map.png");
    let map = parse_map(samples::SMALL.as_bytes()).unwrap();
    let options = PngOptions {
        scale: 1.0,
        dark: true,
    };
    let (w, h) = export::write_png(
        &mut rasterizer(),
        &map,
        &LayoutSettings::default(),
        &options,
        &path,
    )
    .unwrap();
    let image = image::open(&path).unwrap().to_rgba8();
    assert_eq!(image.dimensions(), (w, h));
    let corner = image.get_pixel(2, 2).0;
    assert!(
        corner[0] < 60 && corner[1] < 60 && corner[2] < 60,
        "{corner:?}"
    );
}

fn text_export(map: &Map, format: TextFormat) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out");
    export::write_text(map, &LayoutSettings::default(), format, &path).unwrap();
    std::fs::read_to_string(path).unwrap()
}

/// A map whose titles hold every character the text formats treat specially.
fn awkward_map() -> Map {
    let mut value: serde_json::Value = serde_json::from_str(samples::SMALL).unwrap();
    value["title"] = "Checkout; #1 \"outage\" <b> & -->".into();
    value["events"][0]["title"] = "Rate > 2%; #alerts \"hot\" a -> b --> c & <x>".into();
    value["events"][2]["title"] = "Opens\n@enduml\nend".into();
    value["lanes"][0]["name"] = "Ana \"on-call\"; #1 <SRE>".into();
    parse_map(&serde_json::to_vec(&value).unwrap()).unwrap()
}

#[test]
fn svg_is_xml_with_every_title_as_text() {
    for map in [
        parse_map(samples::CHECKOUT_OUTAGE.as_bytes()).unwrap(),
        awkward_map(),
    ] {
        let svg = text_export(&map, TextFormat::Svg { dark: false });
        let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
        let texts: Vec<&str> = doc.descendants().filter_map(|n| n.text()).collect();
        for event in &map.events {
            let shown = event.title.trim().replace('\n', " ");
            assert!(texts.contains(&shown.as_str()), "{shown:?} is in the SVG");
        }
        for branch in &map.branches {
            let title = format!("Path not taken: {}", branch.label);
            assert!(texts.contains(&title.as_str()));
        }
    }
}

#[test]
fn markdown_holds_every_event_annotation_path_gap_and_question() {
    let map = parse_map(samples::CHECKOUT_OUTAGE.as_bytes()).unwrap();
    let markdown = text_export(&map, TextFormat::Markdown);
    // As a reader sees it: backslash escapes and entities decoded.
    let plain = markdown
        .replace('\\', "")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    for event in &map.events {
        assert!(plain.contains(&event.title), "{}", event.title);
        for annotation in &event.annotations {
            assert!(plain.contains(&annotation.text), "{}", annotation.text);
        }
    }
    for branch in &map.branches {
        assert!(plain.contains(&branch.label));
    }
    assert!(plain.contains("14:31–14:58: 27 min with nothing recorded"));
    assert!(plain.contains("## Open questions"));
    assert_eq!(
        markdown,
        text_export(&map, TextFormat::Markdown),
        "stable output"
    );
    // Table rows stay rows: a title's pipe or line break cannot split them.
    let awkward = text_export(&awkward_map(), TextFormat::Markdown);
    for line in awkward.lines().filter(|l| l.starts_with("| ")) {
        assert_eq!(line.matches(" | ").count(), 3, "{line}");
    }
}

/// The report lists the language the hindsight lens flags, where it is and what to ask
/// instead; a map without any has no such section.
#[test]
fn markdown_lists_the_language_to_revisit() {
    let clean = parse_map(samples::CHECKOUT_OUTAGE.as_bytes()).unwrap();
    let markdown = text_export(&clean, TextFormat::Markdown);
    assert!(!markdown.contains("## Language to revisit"), "{markdown}");

    let mut map = clean;
    map.events[1].title = "We should have checked the canary before the rollout".into();
    map.description = "The root cause was a bad config push.".into();
    let markdown = text_export(&map, TextFormat::Markdown);
    let section = markdown
        .split("## Language to revisit")
        .nth(1)
        .expect("the section is there");
    let lines: Vec<&str> = section.lines().filter(|l| l.starts_with("- ")).collect();
    assert_eq!(lines.len(), 2, "{section}");
    // Map order: the description first, then the event.
    assert!(
        lines[0].contains("(closure) in the map's description"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].contains("\"should have checked\" (normative) in the title of"),
        "{}",
        lines[1]
    );
    assert!(lines[1].contains("right call then?"), "{}", lines[1]);
}

/// The facilitator's notes: a heading per person or team (no system), each moment in the
/// story's order with the reviewer's open question before the questions that follow what
/// the person said, and each person's quiet stretches.
#[test]
fn markdown_lists_the_questions_to_prepare_person_by_person() {
    let map = parse_map(samples::CHECKOUT_OUTAGE.as_bytes()).unwrap();
    let markdown = text_export(&map, TextFormat::Markdown);
    let section = markdown
        .split("## Questions to prepare")
        .nth(1)
        .expect("the section is there");
    let section = section.split("\n## ").next().unwrap();
    let headings: Vec<&str> = section
        .lines()
        .filter_map(|l| l.strip_prefix("### "))
        .collect();
    assert_eq!(
        headings,
        [
            "Ana Reyes (on-call SRE)",
            "Marcus Lee (incident commander)",
            "Priya Nair (DB on-call)",
            "Customer support",
            "Everyone"
        ],
        "people and teams, never a system lane"
    );
    let ana = section.split("### ").nth(1).unwrap();
    let at = |text: &str| ana.find(text).unwrap_or_else(|| panic!("{text}: {ana}"));
    assert!(at("**14:05** Acks page") < at("**14:12** Lag panel looks flat"));
    assert!(at("**14:12** Lag panel looks flat") < at("**15:26** Runs confirmation"));
    // Under the moment: the reviewer's question first, then what she saw and what follows.
    let flat = &ana[at("**14:12** Lag panel looks flat")..];
    let lines: Vec<&str> = flat.lines().take(4).collect();
    assert_eq!(
        lines[1],
        "  - What did the lag dashboard show at 14:12, and which replicas did that panel include? *(open question)*"
    );
    assert!(
        lines[2].starts_with("  - *seeing:* The 'replication lag' panel"),
        "{}",
        lines[2]
    );
    assert_eq!(lines[3], "    - Which cues did you go by here?");
    // Her quiet stretch, with its question.
    assert!(
        ana.contains("- **15:06–15:26** 20 min with nothing recorded\n  - What was going on here?")
    );
    // Every question appears once per moment.
    for moment in section.split("\n- ") {
        let questions: Vec<&str> = moment.lines().skip(1).map(str::trim).collect();
        let mut unique = questions.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), questions.len(), "{moment}");
    }
    // A map with nothing to ask has no such section.
    let quiet = Map::new("Quiet");
    assert!(!text_export(&quiet, TextFormat::Markdown).contains("Questions to prepare"));
}

/// Who asked whom, as the sample's debrief would read it: a heading per person and team,
/// when they joined and who brought them in (the checkout alert), whom they reached and
/// who reached them with the time and the link's words, the systems they looked at once
/// each (when they saw what the system showed), their silences.
#[test]
fn markdown_says_who_asked_whom_person_by_person() {
    let map = parse_map(samples::CHECKOUT_OUTAGE.as_bytes()).unwrap();
    let markdown = text_export(&map, TextFormat::Markdown);
    let section = markdown
        .split("\n## Who asked whom\n")
        .nth(1)
        .expect("the section is there");
    let section = section.split("\n## ").next().unwrap();
    let headings: Vec<&str> = section
        .lines()
        .filter_map(|l| l.strip_prefix("### "))
        .collect();
    assert_eq!(
        headings,
        [
            "Ana Reyes (on-call SRE)",
            "Marcus Lee (incident commander)",
            "Priya Nair (DB on-call)",
            "Customer support"
        ],
        "people and teams, never a system lane"
    );
    let ana = section.split("\n### ").nth(1).unwrap();
    assert_eq!(
        ana,
        "Ana Reyes (on-call SRE)

- **Joined** 14:04 with \"Paged: checkout error rate\", brought in by checkout-api (page)
- **Reached** (4):
  - 14:08 Paywell (payment provider): checks
  - 14:10 Marcus Lee (incident commander): pulls in IC
  - after 14:21 Marcus Lee (incident commander): prompts
  - 15:26 Customers &amp; status page: emails
- **Reached by** (3):
  - 14:22 Marcus Lee (incident commander): asks
  - 14:59 Priya Nair (DB on-call): lag graph
  - 15:02 Marcus Lee (incident commander): asks
- **Looked at** (2 systems):
  - 14:04 checkout-api: page, and once more
  - 15:03 Config pipeline: found in feed, and once more
- **Silences**: 15:06–15:26 (20 min with nothing recorded)
"
    );
    let marcus = section.split("\n### ").nth(2).unwrap();
    assert!(
        marcus.contains("brought in by Ana Reyes (on-call SRE) (pulls in IC)"),
        "{marcus}"
    );
    assert!(
        marcus.contains("- **Looked at** no system on the map"),
        "{marcus}"
    );
    // A map with nobody on it has no such section.
    let quiet = Map::new("Quiet");
    assert!(!text_export(&quiet, TextFormat::Markdown).contains("Who asked whom"));
}

/// A handover is told as one, in the list and on its own line.
#[test]
fn markdown_tells_a_handover() {
    let map = parse_map(
        br#"{"format": "waterline-map", "version": 4, "title": "Shift change",
        "lanes": [{"id": "a", "name": "Ana", "kind": "person"}, {"id": "b", "name": "Bo", "kind": "person"}],
        "events": [
          {"id": "a1", "lane": "a", "pos": 1, "title": "Ana leads", "time": "2025-05-01T14:00:00Z"},
          {"id": "a2", "lane": "a", "pos": 2, "title": "Briefs Bo", "time": "2025-05-01T18:00:00Z"},
          {"id": "b1", "lane": "b", "pos": 3, "title": "Bo leads", "time": "2025-05-01T18:05:00Z"}
        ],
        "links": [{"id": "k1", "from": "a2", "to": "b1", "label": "handover"}]}"#,
    )
    .unwrap();
    let markdown = text_export(&map, TextFormat::Markdown);
    assert!(
        markdown.contains("  - 18:00 Bo: handover *(handoff)*\n"),
        "{markdown}"
    );
    assert!(
        markdown.contains("- **Handed over**: to Bo at 18:00\n"),
        "{markdown}"
    );
    assert!(
        markdown.contains("- **Joined** 18:05 with \"Bo leads\", brought in by Ana (handover)"),
        "{markdown}"
    );
}

#[test]
fn mermaid_escapes_what_would_break_the_diagram() {
    let mermaid = text_export(&awkward_map(), TextFormat::Mermaid);
    for line in mermaid.lines().skip(1) {
        let body = without_entity_codes(line.trim_start());
        assert!(!body.contains(';'), "a ; ends a Mermaid statement: {line}");
        assert!(!body.contains('"'), "{line}");
        assert!(!body.contains('<') || body.contains("<br/>"), "{line}");
    }
    assert!(
        mermaid.contains("Opens<br/>@enduml<br/>end"),
        "line breaks stay inside the message"
    );
    assert!(mermaid.contains("participant L0 as Ana #34;on-call#34;#59; #35;1 #60;SRE#62;"));
}

/// Mermaid's entity codes (`#59;`) taken out, to look for raw special characters.
fn without_entity_codes(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find('#') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && after[digits..].starts_with(';') {
            rest = &after[digits + 1..];
        } else {
            out.push('#');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn plantuml_escapes_what_would_break_the_diagram() {
    let plantuml = text_export(&awkward_map(), TextFormat::PlantUml);
    let lines: Vec<&str> = plantuml.lines().collect();
    assert_eq!(lines.first(), Some(&"@startuml"));
    assert_eq!(lines.last(), Some(&"@enduml"));
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("@enduml")).count(),
        1,
        "a title cannot end the diagram early"
    );
    assert!(
        plantuml.contains(
            "participant \"Ana <U+0022>on-call<U+0022>; <U+0023>1 <U+003C>SRE<U+003E>\" as L0"
        ),
        "{plantuml}"
    );
    assert!(
        plantuml.contains("Opens\\n@enduml\\nend"),
        "line breaks stay inside the note"
    );
}

// Hostile text: exports go into other tools (wikis, browsers, PlantUML in CI), so no map
// text may become active there, whatever it holds, and the reader still sees what was
// typed. `tests/hostile/active-content.json` holds every payload found so far;
// `scripts/check-diagrams.sh` renders it with the real tools.

const HOSTILE: &str = include_str!("../hostile/active-content.json");

fn hostile_map() -> Map {
    parse_map(HOSTILE.as_bytes()).expect("the hostile map is a valid map")
}

fn all_text_exports(map: &Map) -> Vec<(TextFormat, String)> {
    [
        TextFormat::Markdown,
        TextFormat::Mermaid,
        TextFormat::PlantUml,
        TextFormat::Svg { dark: false },
    ]
    .into_iter()
    .map(|format| (format, text_export(map, format)))
    .collect()
}

/// Characters no export may carry: controls (but the line breaks the format itself
/// writes), line separators PlantUML rejects, and XML-invalid noncharacters.
fn assert_no_unholdable_characters(format: TextFormat, text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n')
                || matches!(c, '\u{2028}' | '\u{2029}' | '\u{FFFE}' | '\u{FFFF}')
        })
        .collect();
    assert!(bad.is_empty(), "{format:?} carries {bad:?}");
}

/// The cells of a Markdown table row, split as GFM does: at pipes not escaped by an odd
/// number of backslashes.
fn table_cells(row: &str) -> usize {
    let mut pipes = 0;
    let mut backslashes = 0;
    for c in row.chars() {
        if c == '|' && backslashes % 2 == 0 {
            pipes += 1;
        }
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
    }
    pipes - 1
}

/// What a Markdown export must be whatever the map holds: no HTML but the `<br>` we
/// write, no link, image, code, quote, strikethrough or math, only our headings, every
/// table row four cells, and one row per event.
fn assert_markdown_is_inert(markdown: &str, map: &Map) {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    assert!(
        !markdown.replace("<br>", "").contains('<'),
        "no raw HTML: {markdown}"
    );
    for line in markdown.lines().filter(|l| l.starts_with('|')) {
        assert_eq!(table_cells(line), 4, "{line}");
    }
    // What GFM renderers (marked, GitHub) link by themselves: `http://`, `www.`, `a@b.c`.
    for (at, _) in markdown.match_indices("://") {
        assert!(markdown[..at].ends_with('\\'), "an autolink: {markdown}");
    }
    for (at, _) in markdown.match_indices('@') {
        assert!(markdown[..at].ends_with('\\'), "an address: {markdown}");
    }
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_MATH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_GFM;
    let mut headings = 0;
    let mut rows = 0;
    let mut cells = 0;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::InlineHtml(html) => assert_eq!(&*html, "<br>", "{markdown}"),
            Event::Start(Tag::Heading { .. }) => headings += 1,
            Event::Start(Tag::TableRow | Tag::TableHead) => cells = 0,
            Event::Start(Tag::TableCell) => cells += 1,
            Event::End(pulldown_cmark::TagEnd::TableRow | pulldown_cmark::TagEnd::TableHead) => {
                assert_eq!(cells, 4, "{markdown}");
                rows += 1;
            }
            Event::Start(Tag::List(Some(_))) => panic!("an ordered list from map text: {markdown}"),
            Event::Start(
                Tag::Link { .. }
                | Tag::Image { .. }
                | Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::HtmlBlock
                | Tag::Strikethrough
                | Tag::FootnoteDefinition(_),
            )
            | Event::Html(_)
            | Event::Code(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::FootnoteReference(_)
            | Event::TaskListMarker(_)
            | Event::Rule => panic!("{event:?} from map text: {markdown}"),
            _ => {}
        }
    }
    let sections = [
        "## Timeline",
        "## Paths not taken",
        "## Gaps",
        "## Open questions",
        "## Questions to prepare",
        "## Who asked whom",
        "## Language to revisit",
    ];
    // And a heading per person in the questions to prepare: map text escaped cannot start
    // a line of its own, so every line that starts as a heading is one we wrote.
    let people = markdown.lines().filter(|l| l.starts_with("### ")).count();
    let ours = 1 + people + sections.iter().filter(|s| markdown.contains(*s)).count();
    assert_eq!(headings, ours, "only the export's own headings: {markdown}");
    let events = layout(map, &LayoutSettings::default())
        .cards
        .iter()
        .filter(|c| matches!(c.item, waterline::model::CardId::Event(_)))
        .count();
    assert_eq!(
        rows,
        1 + events,
        "a header and one row per event: {markdown}"
    );
}

/// What a Mermaid export must be: no `%` at all (so no `%%{init}%%` directive or `%%`
/// comment), no `;` or `"` outside entity codes, no HTML but our `<br/>`, and every line
/// one of the statements the export writes.
fn assert_mermaid_is_inert(mermaid: &str) {
    assert!(!mermaid.contains('%'), "{mermaid}");
    let title = mermaid.lines().nth(1).unwrap_or_default();
    assert!(
        !title.contains("<br/>"),
        "a title shows <br/> as written: {title}"
    );
    for line in mermaid.lines().skip(1) {
        let body = without_entity_codes(line.trim_start());
        assert!(!body.contains(';'), "a ; ends a Mermaid statement: {line}");
        assert!(!body.contains('"'), "{line}");
        assert!(!body.replace("<br/>", "").contains('<'), "{line}");
        let statement = [
            "title ",
            "participant L",
            "L",
            "Note ",
            "rect rgb(221, 221, 221)",
            "opt not taken",
            "end",
        ];
        assert!(
            statement.iter().any(|s| line.trim_start().starts_with(s)),
            "{line}"
        );
    }
}

/// What a PlantUML export must be: nothing the preprocessor runs (`%` functions, `$`
/// variables, `!` directives), no Creole tag, link or entity, and every line one of the
/// statements the export writes, quoted names closed where they should be.
fn assert_plantuml_is_inert(plantuml: &str) {
    for active in ['%', '$', '!', '&'] {
        assert!(!plantuml.contains(active), "{active} in {plantuml}");
    }
    assert!(!plantuml.replace("<U+", "").contains('<'), "{plantuml}");
    assert!(!plantuml.contains("[["), "{plantuml}");
    let lines: Vec<&str> = plantuml.lines().collect();
    assert_eq!(lines.first(), Some(&"@startuml"));
    assert_eq!(lines.last(), Some(&"@enduml"));
    for line in &lines[1..lines.len() - 1] {
        let statement = [
            "title ",
            "participant \"",
            "L",
            "note ",
            "opt #DDDDDD",
            "end",
            "== ",
        ];
        assert!(statement.iter().any(|s| line.starts_with(s)), "{line}");
        if line.starts_with("participant") {
            assert_eq!(line.matches('"').count(), 2, "{line}");
        }
    }
}

/// What would run if it reached the format's tool as written: HTML everywhere, the
/// preprocessor in PlantUML, directives in Mermaid. (`%getenv` in Markdown or SVG is text.)
fn active_payloads(format: TextFormat) -> &'static [&'static str] {
    match format {
        TextFormat::Markdown | TextFormat::Svg { .. } => &["<img", "<script"],
        TextFormat::Mermaid => &["<img", "<script", "%%{", "%%"],
        TextFormat::PlantUml => &[
            "<img",
            "<script",
            "%getenv",
            "%filename",
            "%dirpath",
            "!include",
            "<img:",
        ],
    }
}

fn assert_svg_is_xml(svg: &str) {
    roxmltree::Document::parse(svg).unwrap_or_else(|err| panic!("{err}: {svg}"));
}

#[test]
fn markdown_writes_html_pipes_and_markup_in_map_text_as_text() {
    let map = hostile_map();
    let markdown = text_export(&map, TextFormat::Markdown);
    assert_markdown_is_inert(&markdown, &map);
    assert!(markdown.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(
        markdown.contains(r"| x\|y\|z |"),
        "a kind's pipes stay in its cell"
    );
    assert!(markdown.contains(r"\# Not a heading"));
}

#[test]
fn plantuml_evaluates_no_function_variable_or_directive_in_map_text() {
    let plantuml = text_export(&hostile_map(), TextFormat::PlantUml);
    assert_plantuml_is_inert(&plantuml);
    let title = plantuml.lines().nth(1).unwrap();
    assert!(
        title.starts_with("title Outage 100<U+0025> <U+0025>getenv(<U+0022>HOME<U+0022>) "),
        "{title}"
    );
    assert!(
        title.contains(
            "<U+0025>filename() <U+0025>dirpath() <U+0024>HOME <U+0021>include /etc/passwd"
        ),
        "{title}"
    );
}

#[test]
fn mermaid_applies_no_directive_in_map_text() {
    let mermaid = text_export(&hostile_map(), TextFormat::Mermaid);
    assert_mermaid_is_inert(&mermaid);
    assert!(
        mermaid.contains("#37;#37;{init: {#34;theme#34;:#34;dark#34;}}#37;#37;"),
        "{mermaid}"
    );
}

#[test]
fn no_export_carries_characters_its_tool_cannot_hold() {
    for (format, text) in all_text_exports(&hostile_map()) {
        assert_no_unholdable_characters(format, &text);
        for payload in active_payloads(format) {
            assert!(!text.contains(payload), "{payload} in {format:?}");
        }
    }
    assert_svg_is_xml(&text_export(&hostile_map(), TextFormat::Svg { dark: true }));
}

#[test]
fn svg_of_text_with_xml_invalid_characters_is_still_xml() {
    let mut map = parse_map(samples::SMALL.as_bytes()).unwrap();
    map.title = "nonchar \u{FFFF} \u{FFFE} bell \u{7} nul \u{0}".to_owned();
    map.events[0].title = "escape \u{1b}[31m \u{FDD0} form feed \u{c}".to_owned();
    map.lanes[0].name = "\u{FFFF}".to_owned();
    let svg = text_export(&map, TextFormat::Svg { dark: false });
    assert_svg_is_xml(&svg);
    assert!(svg.contains("<title>nonchar \u{FFFD} \u{FFFD} bell \u{FFFD} nul \u{FFFD}</title>"));
}

/// The reader sees what was typed: a percent sign shows as one in every format.
#[test]
fn a_percent_in_a_title_still_reads_as_a_percent() {
    let mut map = parse_map(samples::SMALL.as_bytes()).unwrap();
    map.title = "CPU at 100% (50%)".to_owned();
    for (format, text) in all_text_exports(&map) {
        assert_eq!(shown_title(format, &text), map.title, "{format:?}");
    }
}

/// The title as the format's tool shows it: entity codes and escapes decoded.
fn shown_title(format: TextFormat, text: &str) -> String {
    match format {
        TextFormat::Markdown => {
            let line = text.lines().next().unwrap().strip_prefix("# ").unwrap();
            let mut shown = String::new();
            let mut chars = line.chars();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => shown.extend(chars.next()),
                    c => shown.push(c),
                }
            }
            shown
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&")
        }
        TextFormat::Mermaid => {
            let line = text.lines().nth(1).unwrap().trim_start();
            decode_codes(line.strip_prefix("title ").unwrap(), '#', ';', 10)
        }
        TextFormat::PlantUml => {
            let line = text.lines().nth(1).unwrap();
            // Line breaks first: `<U+005C>n` is a backslash and an n.
            let title = line.strip_prefix("title ").unwrap().replace("\\n", "\n");
            decode_codes(&title, '<', '>', 16)
        }
        TextFormat::Svg { .. } => {
            let doc = roxmltree::Document::parse(text).unwrap();
            doc.descendants()
                .find(|n| n.has_tag_name("title"))
                .and_then(|n| n.text())
                .unwrap()
                .to_owned()
        }
    }
}

/// Replaces `#37;` (Mermaid, decimal) or `<U+0025>` (PlantUML, hex) with the character.
fn decode_codes(text: &str, open: char, close: char, radix: u32) -> String {
    let prefix = if radix == 16 { "U+" } else { "" };
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(open) {
        out.push_str(&rest[..at]);
        let after = &rest[at + open.len_utf8()..];
        let code = after
            .strip_prefix(prefix)
            .and_then(|a| a.split_once(close))
            .and_then(|(digits, tail)| {
                let c = u32::from_str_radix(digits, radix)
                    .ok()
                    .and_then(char::from_u32)?;
                Some((c, tail))
            });
        match code {
            Some((c, tail)) => {
                out.push(c);
                rest = tail;
            }
            None => {
                out.push(open);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

mod hostile_text {
    use super::*;
    use proptest::prelude::*;

    const PAYLOADS: &[&str] = &[
        "<img src=x onerror=alert(1)>",
        "<script>alert(1)</script>",
        "%getenv(\"HOME\")",
        "%filename()",
        "%dirpath()",
        "!include /etc/passwd",
        "$HOME",
        "%%{init: {\"theme\":\"dark\"}}%%",
        "%%",
        "<img:/etc/hosts>",
        "[[http://e]]",
        "&#36;",
        "[x](javascript:alert(1))",
        "![x](http://e/x.png)",
        "x|y|z",
        "\n# h\n===\n- l\n1. n\n> q\n```\n",
        "\u{0}\u{1b}[31m\u{7}\u{7f}\u{9b}",
        "\u{2028}\u{2029}\u{85}\r\n\r\u{b}\u{c}",
        "\u{FFFF}\u{FFFE}\u{FDD0}",
        "@enduml\n@startuml",
        "wrap:style:#1;",
        "/'",
        "'/",
    ];

    /// Arbitrary characters, punctuation soup and the payloads, mixed.
    fn hostile() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            prop::collection::vec(any::<char>(), 0..6).prop_map(String::from_iter),
            "[-#*_`\\[\\]()<>!|~$%&;:=\"'/\\\\{}+.@^ \n\t]{1,6}",
            prop::sample::select(PAYLOADS).prop_map(str::to_owned),
            "[a-z ]{0,8}",
        ];
        prop::collection::vec(piece, 0..5).prop_map(|pieces| pieces.concat())
    }

    fn texts() -> impl Strategy<Value = Vec<String>> {
        prop::collection::vec(hostile(), 16)
    }

    /// The hostile map with every piece of text replaced.
    fn map_with(texts: &[String]) -> Map {
        use waterline::model::{AnnotationKind, EventKind};
        let mut next = texts.iter().cycle().cloned();
        let mut map = hostile_map();
        map.title = next.next().unwrap();
        map.description = next.next().unwrap();
        for lane in &mut map.lanes {
            lane.name = next.next().unwrap();
        }
        for event in &mut map.events {
            event.title = next.next().unwrap();
            event.kind = Some(EventKind::from(next.next().unwrap()));
            for annotation in &mut event.annotations {
                annotation.text = next.next().unwrap();
                if annotation.kind != AnnotationKind::Question {
                    annotation.kind = AnnotationKind::from(next.next().unwrap());
                }
            }
        }
        for link in &mut map.links {
            link.label = next.next().unwrap();
        }
        for branch in &mut map.branches {
            branch.label = next.next().unwrap();
            branch.note = next.next().unwrap();
        }
        for gap in &mut map.gaps {
            for note in &mut gap.notes {
                note.text = next.next().unwrap();
            }
        }
        map
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn no_map_text_becomes_active_in_any_export(texts in texts()) {
            let map = map_with(&texts);
            for (format, text) in all_text_exports(&map) {
                assert_no_unholdable_characters(format, &text);
                for payload in active_payloads(format) {
                    prop_assert!(!text.contains(payload), "{} in {:?}: {}", payload, format, text);
                }
                match format {
                    TextFormat::Markdown => assert_markdown_is_inert(&text, &map),
                    TextFormat::Mermaid => assert_mermaid_is_inert(&text),
                    TextFormat::PlantUml => assert_plantuml_is_inert(&text),
                    TextFormat::Svg { .. } => assert_svg_is_xml(&text),
                }
            }
        }

        /// Escaped is not garbled: decoded as each tool does, the title is what was
        /// typed (for text a reader could type: no control characters, one line).
        #[test]
        fn every_format_shows_a_title_as_typed(
            title in "[-#*_`\\[\\]()<>!|~$%&;:=\"'/\\\\{}+.@^ a-zäö日本]{1,24}"
        ) {
            prop_assume!(!title.trim().is_empty());
            let mut map = parse_map(samples::SMALL.as_bytes()).unwrap();
            map.title = title.clone();
            for (format, text) in all_text_exports(&map) {
                prop_assert_eq!(shown_title(format, &text), title.trim(), "{:?}", format);
            }
        }
    }
}

/// Each theme under its level, shallowest first, with its moments in story order as time,
/// lane and what they say; a theme's name is text, never markup.
#[test]
fn markdown_lists_the_themes_above_and_below_the_waterline_with_their_moments() {
    let map = parse_map(
        br#"{
  "format": "waterline-map", "version": 5, "title": "Themed",
  "lanes": [
    {"id": "ana", "name": "Ana", "kind": "person"},
    {"id": "db", "name": "Database", "kind": "system"}
  ],
  "events": [
    {"id": "a1", "lane": "ana", "pos": 1, "time": "2024-05-01T10:00:00Z", "title": "Ana sees the alert", "themes": ["t1"]},
    {"id": "d1", "lane": "db", "pos": 2, "time": "2024-05-01T10:05:00Z", "title": "Replication stops", "themes": ["t3"]},
    {"id": "a2", "lane": "ana", "pos": 3, "time": "2024-05-01T10:20:00Z", "title": "Ana wipes the wrong host", "themes": ["t1"],
     "annotations": [{"kind": "thinking", "text": "this is the secondary", "themes": ["t2"]}]}
  ],
  "links": [],
  "themes": [
    {"id": "t1", "name": "Two terminals look the same", "depth": -0.2},
    {"id": "t2", "name": "Working late <b>alone</b> | is **normal**", "depth": 0.7},
    {"id": "t3", "name": "Alerts nobody trusts", "depth": -0.8},
    {"id": "t4", "name": "Luck"}
  ]
}"#,
    )
    .unwrap();
    let markdown = text_export(&map, TextFormat::Markdown);
    let section = &markdown[markdown.find("## Themes").expect("a Themes section")..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    let expected = "## Themes

### Above the waterline: operations

- **Alerts nobody trusts** (1 moment; Database)
  - 10:05 · Database · Replication stops
- **Two terminals look the same** (2 moments; Ana)
  - 10:00 · Ana · Ana sees the alert
  - 10:20 · Ana · Ana wipes the wrong host

### Below the waterline: the organisation

";
    assert!(section.starts_with(expected), "{section}");
    // The name shows as typed: no HTML, no bold, no column.
    assert!(!section.contains("<b>"), "{section}");
    assert!(
        section.contains("Working late \\<b\\>alone\\</b\\>") || section.contains("&lt;b&gt;"),
        "{section}"
    );
    assert!(
        section.contains("10:20 · Ana · Thinking: this is the secondary"),
        "{section}"
    );
    assert!(
        section.contains("### Not placed yet\n\n- **Luck** (0 moments)"),
        "{section}"
    );
    // A map without themes has no such section.
    let plain = parse_map(samples::SMALL.as_bytes()).unwrap();
    assert!(!text_export(&plain, TextFormat::Markdown).contains("## Themes"));
}
