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
    let plain = markdown.replace('\\', "");
    for event in &map.events {
        assert!(plain.contains(&event.title), "{}", event.title);
        for annotation in &event.annotations {
            assert!(plain.contains(&annotation.text), "{}", annotation.text);
        }
    }
    for branch in &map.branches {
        assert!(plain.contains(&branch.label));
    }
    assert!(plain.contains("14:31–14:58 (27 min) with nothing recorded"));
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
        plantuml.contains("participant \"Ana 'on~-call'; ~#1 ~<SRE~>\" as L0"),
        "{plantuml}"
    );
    assert!(
        plantuml.contains("Opens\\n@enduml\\nend"),
        "line breaks stay inside the note"
    );
}
