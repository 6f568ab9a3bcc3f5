//! Exporting from the app's File menu, through the typed-path fallback: the file is
//! written on a worker thread and the status bar says where.

use crate::common::*;
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT, Queryable};

fn choose_path(
    harness: &mut egui_kittest::Harness<'_, waterline::ui::WaterlineApp>,
    path: &std::path::Path,
) {
    harness.get_by_label("File path").focus();
    type_text(harness, path.to_str().unwrap());
    key(harness, Modifiers::NONE, Key::Enter);
    harness.state_mut().wait_for_export();
    harness.run();
}

#[test]
fn file_export_png_asks_scale_and_colours_then_writes_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_on(SMALL);
    key(&mut harness, Modifiers::COMMAND, Key::E);
    assert!(
        harness
            .query_by_label("Export the whole map as PNG")
            .is_some()
    );
    click_label(&mut harness, "Choose file…");
    let path = dir.path().join("review");
    choose_path(&mut harness, &path);
    let written = dir.path().join("review.png");
    let image = image::open(&written)
        .expect("the PNG was written")
        .to_rgba8();
    let map = waterline::io::parse_map(SMALL.as_bytes()).unwrap();
    let page = waterline::render::page_size(&waterline::layout::layout(
        &map,
        &waterline::layout::LayoutSettings::default(),
    ));
    assert_eq!(image.width(), (page.x * 2.0).ceil() as u32, "2x by default");
    assert!(
        harness.state().status.contains("review.png"),
        "{}",
        harness.state().status
    );
}

#[test]
fn file_export_markdown_writes_the_timeline() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_on(SMALL);
    key(&mut harness, Modifiers::COMMAND, Key::K);
    type_text(&mut harness, "export markdown");
    key(&mut harness, Modifiers::NONE, Key::Enter);
    choose_path(&mut harness, &dir.path().join("timeline.md"));
    let text = std::fs::read_to_string(dir.path().join("timeline.md")).unwrap();
    assert!(text.starts_with("# Small test map"), "{text}");
}

#[test]
fn copy_map_as_image_puts_the_whole_map_on_the_clipboard_without_blocking_the_window() {
    let mut harness = app_on(SMALL);
    key(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::C);
    // The image is drawn on a worker thread: the window says so meanwhile.
    assert!(
        harness.state().status.contains("Copying"),
        "{}",
        harness.state().status
    );
    harness.state_mut().wait_for_copy();
    harness.step();
    let copied = harness
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|command| match command {
            egui::OutputCommand::CopyImage(image) => Some(image.clone()),
            _ => None,
        })
        .expect("an image was put on the clipboard");
    let map = waterline::io::parse_map(SMALL.as_bytes()).unwrap();
    let page = waterline::render::page_size(&waterline::layout::layout(
        &map,
        &waterline::layout::LayoutSettings::default(),
    ));
    assert_eq!(
        copied.size,
        [page.x.ceil() as usize, page.y.ceil() as usize],
        "the whole page at 1x"
    );
    let background = copied.pixels[0];
    assert!(
        copied.pixels.iter().filter(|p| **p != background).count() > 1000,
        "the image has the map drawn on it"
    );
    assert!(
        harness.state().status.contains("Copied the map"),
        "{}",
        harness.state().status
    );
}

/// The image size the export dialog announces, as (width, height).
fn announced_size(harness: &egui_kittest::Harness<'_, waterline::ui::WaterlineApp>) -> (u32, u32) {
    let text = harness
        .query_all_by_label_contains("The image will be")
        .find_map(|node| {
            let node = node.accesskit_node();
            node.label().or_else(|| node.value())
        })
        .expect("the dialog says the image's size");
    let numbers: Vec<u32> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    (numbers[0], numbers[1])
}

#[test]
fn a_png_export_is_sized_for_documents_by_default_and_says_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_on(waterline::samples::GITLAB_2017);
    key(&mut harness, Modifiers::COMMAND, Key::E);
    let page = waterline::render::page_size(harness.state().doc.geometry());
    assert!(page.x > 1600.0, "a map wider than a report page: {page:?}");
    let (width, height) = announced_size(&harness);
    assert!((3199..=3200).contains(&width), "{width}");

    // Full size is one click away, and says how big it would be.
    click_label(&mut harness, "Full size");
    assert_eq!(
        announced_size(&harness),
        ((page.x * 2.0).ceil() as u32, (page.y * 2.0).ceil() as u32)
    );
    click_label(&mut harness, "For documents (at most 3200 px wide)");
    assert_eq!(announced_size(&harness), (width, height));

    click_label(&mut harness, "Choose file…");
    let path = dir.path().join("report");
    choose_path(&mut harness, &path);
    let image = image::open(dir.path().join("report.png"))
        .expect("the PNG was written")
        .to_rgba8();
    assert_eq!(
        (image.width(), image.height()),
        (width, height),
        "as announced"
    );
}
