//! Every integration test, in one test binary. Each former `tests/<name>.rs` is a module
//! here (its tests are now named `<name>::...`; run one file's with
//! `cargo test --test all <name>::`). One binary instead of 29 because each one linked
//! egui, eframe and wgpu on its own, and that linking was a large part of CI's time.
//!
//! Tests in one binary share a process and run on parallel threads: a test that changes
//! process-wide state (environment variables, the working directory, the panic hook)
//! must not live here, or it must do so only in a child process, as `reliability` and
//! `ui_hostile` do when they re-run this binary.

mod cli;
mod common;
mod export;
mod export_matches_screen;
mod format;
mod fuzz_seeds;
mod hostile_input;
mod hostile_render;
mod import;
mod lane_kinds;
mod layout_reuse;
mod lens;
mod link_drawing;
mod link_routes;
mod live_common;
mod live_maps;
mod live_net;
mod live_tls;
mod low_zoom;
mod merge_git;
mod properties;
mod real_incidents;
mod reliability;
mod svg_shapes;
mod ui_at_the_time;
mod ui_clipboard;
mod ui_editing;
mod ui_export;
mod ui_files;
mod ui_find;
mod ui_hostile;
mod ui_iceberg;
mod ui_idle;
mod ui_import;
mod ui_keyboard;
mod ui_lens;
mod ui_live;
mod ui_long_text;
mod ui_multi_select;
mod ui_point_of_view;
mod ui_present;
mod ui_safety;
mod ui_shortcut_focus;
mod ui_themes;
mod ui_time_entry;
mod ui_undo_view;
mod ui_view;
mod ui_who_asked_whom;

/// The test harness's name for `test` in the module `module_path` (`module_path!()` there),
/// for re-running this binary on just that test (`--exact`): the path without the crate.
pub fn test_name(module_path: &str, test: &str) -> String {
    match module_path.split_once("::") {
        Some((_crate, module)) => format!("{module}::{test}"),
        None => test.to_owned(),
    }
}
