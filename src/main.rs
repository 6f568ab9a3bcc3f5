//! The `waterline` binary: parses the command line, then runs a subcommand or the window.

use clap::Parser;
use std::process::ExitCode;
use waterline::cli::{Cli, run_command};
use waterline::ui::{DialogBackend, Prefs, Startup, WaterlineApp, startup, window_title};

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(command) = cli.command {
        return run_command(command);
    }
    let Startup { doc, error } = startup(cli.file.as_deref());
    if let Some((title, message)) = &error {
        eprintln!("waterline: {title}: {message}");
    }
    waterline::crash::install_panic_hook();
    let data_dir = data_dir();
    let title = window_title(&doc);
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(title)
        // Matches the desktop file's name (packaging/waterline.desktop), so Wayland task
        // bars, which ignore window icons, find the launcher and its icon. eframe also
        // names its preference folder after it: on Linux the same ~/.local/share/waterline.
        .with_app_id("waterline")
        .with_inner_size([1440.0, 900.0])
        .with_min_inner_size([640.0, 420.0])
        .with_drag_and_drop(true);
    if let Some(icon) = waterline::icon::app_icon() {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
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
            match error {
                Some((title, message)) => app.show_error(&title, message),
                None => {
                    if let Some(path) = &cli.file {
                        app.prefs.remember(path);
                    }
                }
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
    let dir = waterline::io::data_dir();
    if dir.is_none() {
        eprintln!("waterline: no data folder found: no recovery journal or backups this time");
    }
    dir
}
