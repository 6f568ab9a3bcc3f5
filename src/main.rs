//! The `waterline` binary: parses the command line, then runs a subcommand or the window.

use clap::Parser;
use std::process::ExitCode;
use waterline::cli::{Cli, run_command};
use waterline::document::Document;
use waterline::ui::{DialogBackend, Prefs, WaterlineApp, window_title};
use waterline::{io, samples};

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(command) = cli.command {
        return run_command(command);
    }
    let doc = match &cli.file {
        Some(path) => match io::open_file(path) {
            Ok(opened) => Document::opened(opened, path.clone()),
            Err(err) => {
                eprintln!("waterline: cannot open {}: {err}", path.display());
                return ExitCode::FAILURE;
            }
        },
        None => match samples::startup_map() {
            Ok(map) => Document::new(map, None),
            Err(err) => {
                eprintln!("waterline: the built-in sample map is broken: {err}");
                return ExitCode::FAILURE;
            }
        },
    };
    waterline::crash::install_panic_hook();
    let data_dir = data_dir();
    let title = window_title(&doc);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(title)
            .with_inner_size([1440.0, 900.0])
            .with_min_inner_size([640.0, 420.0])
            .with_drag_and_drop(true),
        system_font_fallback: true,
        ..Default::default()
    };
    let result = eframe::run_native(
        "Waterline",
        options,
        Box::new(move |cc| {
            let prefs = Prefs::load(cc.storage);
            let mut app =
                WaterlineApp::new(doc, prefs, DialogBackend::Native).with_data_dir(data_dir);
            if let Some(path) = &cli.file {
                app.prefs.remember(path);
            }
            Ok(Box::new(app))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("waterline: could not open a window: {err}");
            ExitCode::FAILURE
        }
    }
}

/// Where recovery journals and backups live: the platform's data folder for Waterline
/// (on Linux `~/.local/share/waterline`), or `WATERLINE_DATA_DIR` when set.
fn data_dir() -> Option<std::path::PathBuf> {
    if let Some(dir) = std::env::var_os("WATERLINE_DATA_DIR") {
        return Some(dir.into());
    }
    let dirs = directories::ProjectDirs::from("", "", "Waterline");
    if dirs.is_none() {
        eprintln!("waterline: no data folder found: no recovery journal or backups this time");
    }
    dirs.map(|d| d.data_dir().to_owned())
}
