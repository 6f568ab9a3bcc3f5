//! Native open/save dialogs (rfd) run on a helper thread so the window keeps drawing, with
//! a fallback when the system has no dialog to show: the user types a path instead.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// The names a map file may end in: `.json`, what Waterline writes unless told otherwise
/// (git, editors and jq know it), and `.waterline`, which desktops associate with
/// Waterline by name alone (packaging/waterline-mime.xml). Both are read and written alike.
pub const MAP_EXTENSIONS: [&str; 2] = ["json", "waterline"];

/// Whether a path names a map file by its extension (any case).
pub fn is_map_path(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| MAP_EXTENSIONS.iter().any(|m| e.eq_ignore_ascii_case(m)))
}

/// What a dialog is for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DialogPurpose {
    Open,
    SaveAs,
    /// A timeline (CSV) to import into a new map.
    Import,
    /// Where to write an export.
    Export(ExportKind),
}

impl DialogPurpose {
    /// The path with the extension this purpose writes, when it has none: a map is
    /// `.json` (a name ending in `.waterline` is kept: see [`MAP_EXTENSIONS`]), an export
    /// its format's extension. Paths to read are kept as they are.
    pub fn with_default_extension(self, path: PathBuf) -> PathBuf {
        let extension = match self {
            DialogPurpose::SaveAs => "json",
            DialogPurpose::Export(kind) => kind.extension().0,
            DialogPurpose::Open | DialogPurpose::Import => return path,
        };
        if path.extension().is_none() {
            path.with_extension(extension)
        } else {
            path
        }
    }
}

/// An export the user asked for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ExportKind {
    Png {
        scale: f32,
        dark: bool,
    },
    Text(crate::export::TextFormat),
    /// The iceberg of the map's themes, as a PNG.
    Iceberg,
}

impl ExportKind {
    /// The file extension and the name of the format, for the file dialog.
    pub fn extension(self) -> (&'static str, &'static str) {
        use crate::export::TextFormat;
        match self {
            ExportKind::Png { .. } | ExportKind::Iceberg => ("png", "PNG image"),
            ExportKind::Text(TextFormat::Svg { .. }) => ("svg", "SVG image"),
            ExportKind::Text(TextFormat::Markdown) => ("md", "Markdown"),
            ExportKind::Text(TextFormat::Mermaid) => ("mmd", "Mermaid"),
            ExportKind::Text(TextFormat::PlantUml) => ("puml", "PlantUML"),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum DialogOutcome {
    Chosen(PathBuf),
    Cancelled,
    /// No dialog could be shown (no portal, no zenity): ask for a typed path.
    Unavailable,
}

/// Which dialogs to use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DialogBackend {
    /// The platform's dialogs through rfd.
    Native,
    /// Always answer "no dialog could be shown" (tests, and systems known to have none).
    Unavailable,
}

/// A person cannot cancel a real dialog this fast: an answer sooner means none was shown.
const INSTANT_ANSWER: Duration = Duration::from_millis(150);

pub struct FileDialogs {
    backend: DialogBackend,
    pending: Option<(DialogPurpose, Receiver<DialogOutcome>)>,
    ready: Option<(DialogPurpose, DialogOutcome)>,
}

impl FileDialogs {
    pub fn new(backend: DialogBackend) -> Self {
        FileDialogs {
            backend,
            pending: None,
            ready: None,
        }
    }

    /// Starts a dialog; its answer comes from [`Self::poll`].
    pub fn ask(&mut self, purpose: DialogPurpose, suggested_name: &str, ctx: &egui::Context) {
        if self.pending.is_some() {
            return;
        }
        match self.backend {
            DialogBackend::Unavailable => self.ready = Some((purpose, DialogOutcome::Unavailable)),
            DialogBackend::Native => {
                let (sender, receiver) = channel();
                let name = suggested_name.to_owned();
                let ctx = ctx.clone();
                std::thread::spawn(move || {
                    let started = Instant::now();
                    let dialog = rfd::FileDialog::new();
                    let picked = match purpose {
                        DialogPurpose::Open => dialog
                            .add_filter("Waterline map", &MAP_EXTENSIONS)
                            .pick_file(),
                        DialogPurpose::SaveAs => dialog
                            .add_filter("Waterline map", &MAP_EXTENSIONS)
                            .set_file_name(name)
                            .save_file(),
                        DialogPurpose::Import => dialog
                            .add_filter("Timeline", &["csv", "tsv", "txt"])
                            .pick_file(),
                        DialogPurpose::Export(kind) => {
                            let (extension, name_of_format) = kind.extension();
                            dialog
                                .add_filter(name_of_format, &[extension])
                                .set_file_name(name)
                                .save_file()
                        }
                    };
                    let outcome = match picked {
                        Some(path) => DialogOutcome::Chosen(path),
                        None if started.elapsed() < INSTANT_ANSWER => DialogOutcome::Unavailable,
                        None => DialogOutcome::Cancelled,
                    };
                    let _ = sender.send(outcome);
                    ctx.request_repaint();
                });
                self.pending = Some((purpose, receiver));
            }
        }
    }

    /// The answer of the dialog, once the user has given it.
    pub fn poll(&mut self) -> Option<(DialogPurpose, DialogOutcome)> {
        if let Some(ready) = self.ready.take() {
            return Some(ready);
        }
        let (purpose, receiver) = self.pending.as_ref()?;
        let purpose = *purpose;
        match receiver.try_recv() {
            Ok(outcome) => {
                self.pending = None;
                Some((purpose, outcome))
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => None,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.pending = None;
                Some((purpose, DialogOutcome::Unavailable))
            }
        }
    }
}
