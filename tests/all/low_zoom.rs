//! A zoomed-out map stays legible: the real GitLab incident (26 lanes, three days) drawn
//! through the render API at the zoom "Fit map" gives it (13 to 17%), at 30%, at 50% and at
//! full size. No text is drawn too small to read, every lane in view is named at a readable
//! size without names running into each other, cards become blocks in their kind's colour,
//! the ruler's times and dates are readable and never overlap, and gaps stay bands.

use egui::emath::TSTransform;
use egui::epaint::TextShape;
use egui::{Context, Pos2, RawInput, Rect, Shape, pos2, vec2};
use waterline::io::parse_map;
use waterline::layout::{Geometry, LayoutSettings, layout};
use waterline::model::{CardId, Map};
use waterline::render::{Theme, View, chrome_overhang, header_rect_on_screen, paint_map};

/// Text smaller than this on screen (points) cannot be read.
const MIN_TEXT_PX: f32 = 7.0;
use waterline::samples;

/// Lane names are never smaller than this on screen.
const LANE_NAME_MIN_PX: f32 = 10.0;

fn context() -> Context {
    let ctx = Context::default();
    let mut output = ctx.run_ui(RawInput::default(), |_| {});
    output.textures_delta.clear();
    ctx
}

struct Drawn {
    view: View,
    shapes: Vec<Shape>,
}

impl Drawn {
    fn texts(&self) -> Vec<&TextShape> {
        fn collect<'s>(shape: &'s Shape, out: &mut Vec<&'s TextShape>) {
            match shape {
                Shape::Text(text) => out.push(text),
                Shape::Vec(shapes) => shapes.iter().for_each(|s| collect(s, out)),
                _ => {}
            }
        }
        let mut out = Vec::new();
        self.shapes.iter().for_each(|s| collect(s, &mut out));
        out
    }

    fn texts_saying(&self, words: &str) -> Vec<&TextShape> {
        self.texts()
            .into_iter()
            .filter(|text| text.galley.job.text == words)
            .collect()
    }

    fn rect_to_screen(&self, scene: Rect) -> Rect {
        self.view.screen_from_scene.mul_rect(scene)
    }
}

/// The smallest font a text shape is drawn in, in screen points.
fn font_px(text: &TextShape) -> f32 {
    text.galley
        .job
        .sections
        .iter()
        .map(|section| section.format.font_id.size)
        .fold(f32::INFINITY, f32::min)
}

/// The map drawn as the canvas draws it in a 1400x900 window at `zoom`, scrolled to its top
/// left with room for the pinned chrome, as "Fit map" leaves it.
fn draw(ctx: &Context, map: &Map, geometry: &Geometry, theme: &Theme, zoom: f32) -> Drawn {
    let settings = LayoutSettings::default();
    let room = chrome_overhang(&settings, zoom) + vec2(16.0, 16.0);
    let view = View {
        screen_from_scene: TSTransform::new(room - geometry.bounds.min.to_vec2() * zoom, zoom),
        clip: Rect::from_min_size(Pos2::ZERO, vec2(1400.0, 900.0)),
        sticky_chrome: true,
        until: None,
    };
    let mut shapes = Vec::new();
    ctx.fonts_mut(|fonts| paint_map(map, geometry, &settings, theme, &view, fonts, &mut shapes));
    Drawn { view, shapes }
}

fn gitlab() -> (Map, Geometry) {
    let map = parse_map(samples::GITLAB_2017.as_bytes()).expect("the sample loads");
    let geometry = layout(&map, &LayoutSettings::default());
    (map, geometry)
}

const ZOOMS: [f32; 6] = [0.05, 0.13, 0.17, 0.3, 0.5, 1.0];

#[test]
fn no_text_is_drawn_smaller_than_a_reader_can_read_at_any_zoom() {
    let ctx = context();
    let (map, geometry) = gitlab();
    for theme in [Theme::light(), Theme::dark()] {
        for zoom in ZOOMS {
            let drawn = draw(&ctx, &map, &geometry, &theme, zoom);
            let texts = drawn.texts();
            assert!(!texts.is_empty(), "at {zoom} something is written");
            for text in texts {
                assert!(
                    font_px(text) >= MIN_TEXT_PX,
                    "at {zoom}: {:?} at {} px",
                    text.galley.job.text,
                    font_px(text)
                );
            }
        }
    }
}

#[test]
fn zoomed_out_every_lane_in_view_is_named_at_a_readable_size_without_overlapping() {
    let ctx = context();
    let (map, geometry) = gitlab();
    for zoom in [0.05, 0.13, 0.17, 0.3, 0.5] {
        let drawn = draw(&ctx, &map, &geometry, &Theme::light(), zoom);
        let mut named = 0;
        let mut name_rects: Vec<Rect> = Vec::new();
        for lane_geom in &geometry.lanes {
            let header = header_rect_on_screen(lane_geom, &drawn.view);
            if !drawn.view.clip.contains_rect(header) {
                continue;
            }
            let lane = map.lane(&lane_geom.id).unwrap();
            let names = drawn.texts_saying(&lane.name);
            // A header narrower than a readable line (a narrow lane far zoomed out) shows
            // no name rather than one over its neighbours'.
            if header.width() < LANE_NAME_MIN_PX * 1.1 {
                assert!(names.is_empty(), "at {zoom}: {:?} squeezed", lane.name);
                continue;
            }
            assert_eq!(names.len(), 1, "at {zoom}: {:?} named once", lane.name);
            let name = names[0];
            assert!(
                font_px(name) >= LANE_NAME_MIN_PX,
                "at {zoom}: {:?} at {} px",
                lane.name,
                font_px(name)
            );
            // Inside its own column: it never runs into a neighbour's name.
            let column = drawn.rect_to_screen(lane_geom.column);
            let ink = name.visual_bounding_rect();
            assert!(
                ink.min.x >= column.min.x - 0.5 && ink.max.x <= column.max.x + 0.5,
                "at {zoom}: {:?} {ink:?} leaves its column {column:?}",
                lane.name
            );
            assert!(
                header.expand(1.0).contains_rect(ink),
                "at {zoom}: {:?} {ink:?} leaves its header {header:?}",
                lane.name
            );
            name_rects.push(header);
            named += 1;
        }
        assert!(named >= 4, "at {zoom} only {named} headers are in view");
        for (i, a) in name_rects.iter().enumerate() {
            for b in &name_rects[i + 1..] {
                assert!(
                    !a.intersects(*b),
                    "at {zoom}: headers {a:?} and {b:?} overlap"
                );
            }
        }
    }
    // At "Fit map" for this map in a 1400x900 window, all 26 lanes are in view and named.
    let fit = draw(&ctx, &map, &geometry, &Theme::light(), 0.13);
    for lane in &map.lanes {
        assert_eq!(fit.texts_saying(&lane.name).len(), 1, "{:?}", lane.name);
    }
}

#[test]
fn zoomed_out_no_words_are_written_over_other_words() {
    let ctx = context();
    let (map, geometry) = gitlab();
    for theme in [Theme::light(), Theme::dark()] {
        for zoom in [0.05, 0.13, 0.17, 0.3] {
            let drawn = draw(&ctx, &map, &geometry, &theme, zoom);
            let texts = drawn.texts();
            for (i, a) in texts.iter().enumerate() {
                for b in &texts[i + 1..] {
                    let (ra, rb) = (a.visual_bounding_rect(), b.visual_bounding_rect());
                    assert!(
                        !ra.shrink(0.5).intersects(rb.shrink(0.5)),
                        "at {zoom}: {:?} {ra:?} and {:?} {rb:?} overlap",
                        a.galley.job.text,
                        b.galley.job.text
                    );
                }
            }
        }
    }
}

#[test]
fn zoomed_out_cards_are_blocks_of_their_kinds_colour_with_no_text_inside() {
    let ctx = context();
    let (map, geometry) = gitlab();
    for theme in [Theme::light(), Theme::dark()] {
        let drawn = draw(&ctx, &map, &geometry, &theme, 0.13);
        let filled: Vec<(Rect, egui::Color32)> = drawn
            .shapes
            .iter()
            .filter_map(|shape| match shape {
                Shape::Rect(rect) => Some((rect.rect, rect.fill)),
                _ => None,
            })
            .collect();
        let mut blocks = 0;
        for card in &geometry.cards {
            let CardId::Event(id) = &card.item else {
                continue;
            };
            let screen = drawn.rect_to_screen(card.rect);
            if !drawn.view.clip.contains_rect(screen) {
                continue;
            }
            let event = map.event(id).unwrap();
            let colour = theme.event_kind(event.kind.as_ref());
            assert!(
                filled.iter().any(|(rect, fill)| *fill == colour
                    && rect.distance_to_pos(screen.center()) == 0.0
                    && (rect.size() - screen.size()).length() < 0.5),
                "{:?} is a block of its kind's colour",
                event.title
            );
            assert!(drawn.texts_saying(&event.title).is_empty());
            blocks += 1;
        }
        assert!(blocks > 40, "{blocks} cards in view");
    }
}

#[test]
fn at_full_size_cards_show_their_whole_titles_and_half_way_their_first_words() {
    let ctx = context();
    let (map, geometry) = gitlab();
    for (zoom, px) in [(1.0, 13.0), (0.5, 10.0)] {
        let drawn = draw(&ctx, &map, &geometry, &Theme::light(), zoom);
        let mut titled = 0;
        for card in &geometry.cards {
            let CardId::Event(id) = &card.item else {
                continue;
            };
            if !drawn
                .view
                .clip
                .contains_rect(drawn.rect_to_screen(card.rect))
            {
                continue;
            }
            let title = &map.event(id).unwrap().title;
            let texts = drawn.texts_saying(title);
            assert_eq!(texts.len(), 1, "at {zoom}: {title:?}");
            assert_eq!(font_px(texts[0]), px, "at {zoom}: {title:?}");
            titled += 1;
        }
        assert!(titled >= 3, "at {zoom}: {titled} cards in view");
    }
}

#[test]
fn zoomed_out_the_ruler_shows_the_days_and_times_and_gaps_stay_bands() {
    let ctx = context();
    let (map, geometry) = gitlab();
    let theme = Theme::light();
    let drawn = draw(&ctx, &map, &geometry, &theme, 0.13);
    let words: Vec<&str> = drawn
        .texts()
        .iter()
        .map(|text| text.galley.job.text.as_str())
        .collect();
    for day in ["Tue 31 Jan", "Wed 1 Feb", "Fri 10 Feb"] {
        assert!(words.contains(&day), "{day} in {words:?}");
    }
    let times = words
        .iter()
        .filter(|w| w.len() <= 6 && w.contains(':'))
        .count();
    assert!(times >= 8, "{times} times in {words:?}");
    // The long stretches are bands across the lanes (the 9 days to the review, the 15 h 42
    // min night, and the evening's 3 h and 1 h 06 min, which the review's date no longer
    // hides), and the longest say how long they were.
    let bands = drawn
        .shapes
        .iter()
        .filter(|shape| matches!(shape, Shape::Rect(rect) if rect.fill == theme.gap_fill && rect.rect.width() > 500.0))
        .count();
    assert_eq!(bands, 4);
    assert!(words.iter().any(|w| w.starts_with("9 days")), "{words:?}");
    assert!(
        words.iter().any(|w| w.starts_with("15 h 42 min")),
        "{words:?}"
    );
}

#[test]
fn zoomed_out_over_a_huge_map_the_words_are_bounded_by_the_view() {
    let ctx = context();
    let map = samples::synthetic(5_000, 20);
    let geometry = layout(&map, &LayoutSettings::default());
    let drawn = draw(&ctx, &map, &geometry, &Theme::light(), 0.05);
    let texts = drawn.texts();
    // Lane names, and a column of thinned times down a 900-point view.
    assert!(texts.len() < 20 + 900 / 10, "{} texts", texts.len());
    for text in texts {
        assert!(font_px(text) >= MIN_TEXT_PX);
    }
}

#[test]
fn the_chrome_keeps_its_size_on_screen_and_full_size_is_unchanged() {
    let settings = LayoutSettings::default();
    assert_eq!(chrome_overhang(&settings, 1.0), vec2(0.0, 0.0));
    let (_, geometry) = gitlab();
    let lane = &geometry.lanes[0];
    let at = |zoom: f32| {
        let view = View {
            screen_from_scene: TSTransform::from_scaling(zoom),
            clip: Rect::from_min_size(pos2(-1.0e6, -1.0e6), vec2(2.0e6, 2.0e6)),
            sticky_chrome: false,
            until: None,
        };
        header_rect_on_screen(lane, &view)
    };
    assert_eq!(at(1.0), lane.header, "full size: where the layout put it");
    assert_eq!(at(2.0), lane.header * 2.0);
    // Zoomed out it grows upwards from where the lifeline starts.
    let far = at(0.13);
    assert!(far.height() >= 100.0, "{far:?}");
    assert!((far.max.y - lane.header.max.y * 0.13).abs() < 0.01);
}

#[test]
fn the_ruler_runs_down_the_map_as_its_search_for_the_ticks_in_view_expects() {
    for json in [
        samples::GITLAB_2017,
        samples::CHECKOUT_OUTAGE,
        samples::TOKYO_DNS,
    ] {
        let map = parse_map(json.as_bytes()).unwrap();
        let geometry = layout(&map, &LayoutSettings::default());
        assert!(geometry.ruler.windows(2).all(|pair| pair[0].y <= pair[1].y));
    }
}

#[test]
fn at_full_size_no_words_on_a_card_run_into_each_other_on_real_incidents() {
    // The first card of a day writes its date with its time ("Thu 28 Oct 2021 13:37"),
    // which on a narrow card reached under the kind's pill (Roblox 2021's Vault alert).
    let ctx = context();
    let timelines: [&[u8]; 4] = [
        include_bytes!("../timelines/roblox-2021-consul-outage.csv"),
        include_bytes!("../timelines/github-2018-october-21-incident.csv"),
        include_bytes!("../timelines/gitlab-2017-database-outage.csv"),
        include_bytes!("../timelines/atlassian-2022-site-deletion-outage.csv"),
    ];
    for bytes in timelines {
        let map = waterline::import::import_timeline(bytes, "incident")
            .unwrap()
            .map;
        let settings = LayoutSettings::default();
        let geometry = layout(&map, &settings);
        let view = View {
            screen_from_scene: TSTransform::IDENTITY,
            clip: geometry.bounds,
            sticky_chrome: false,
            until: None,
        };
        let mut shapes = Vec::new();
        ctx.fonts_mut(|fonts| {
            paint_map(
                &map,
                &geometry,
                &settings,
                &Theme::light(),
                &view,
                fonts,
                &mut shapes,
            )
        });
        let theme = Theme::light();
        let mut checked = 0;
        for card in &geometry.cards {
            // The words drawn on the card: inside it, after its face (what is painted
            // before, such as a lane's quiet label, is under it, hidden).
            let Some(face) = shapes.iter().position(|shape| {
                matches!(shape, Shape::Rect(r) if r.rect == card.rect && r.fill == theme.card_fill)
            }) else {
                continue;
            };
            let later = Drawn {
                view,
                shapes: shapes[face..].to_vec(),
            };
            let texts = later.texts();
            let inside: Vec<_> = texts
                .iter()
                .filter(|t| card.rect.contains_rect(t.visual_bounding_rect()))
                .collect();
            checked += 1;
            for (i, a) in inside.iter().enumerate() {
                for b in &inside[i + 1..] {
                    let (ra, rb) = (a.visual_bounding_rect(), b.visual_bounding_rect());
                    assert!(
                        !ra.shrink(0.5).intersects(rb.shrink(0.5)),
                        "{} on {:?}: {:?} and {:?} overlap",
                        map.title,
                        card.item,
                        a.galley.job.text,
                        b.galley.job.text
                    );
                }
            }
        }
        assert!(
            checked * 10 >= geometry.cards.len() * 9,
            "{}: only {checked} cards checked",
            map.title
        );
    }
}
