//! Exports from the app: the file is written on a worker thread (a PNG of a very large
//! map takes a second or two) while the window keeps drawing and shows progress; the
//! status bar then says where it went. Also: copying the map as an image.

use super::app::WaterlineApp;
use super::dialogs::Dialog;
use super::file_dialogs::{DialogPurpose, ExportKind};
use crate::export::{self, PngOptions, Rasterizer};
use crate::layout::LayoutSettings;
use crate::model::Map;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// Work on a worker thread whose outcome a later frame picks up: an export being
/// written, the map being drawn for the clipboard.
pub struct Background<T> {
    result: Receiver<Result<T, String>>,
    /// The outcome, once received.
    done: Option<Result<T, String>>,
}

impl<T: Send + 'static> Background<T> {
    /// Runs `work` on a new thread, asking for a frame when it is done.
    fn spawn(
        ctx: &egui::Context,
        work: impl FnOnce() -> Result<T, String> + Send + 'static,
    ) -> Self {
        let (sender, result) = channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let _ = sender.send(work());
            ctx.request_repaint();
        });
        Background { result, done: None }
    }

    /// The outcome once the worker is done (a worker that died is an error, not a wait
    /// forever); until then, asks for another look in a moment.
    fn poll(&mut self, ctx: &egui::Context) -> Option<Result<T, String>> {
        if self.done.is_none() {
            self.done = match self.result.try_recv() {
                Ok(outcome) => Some(outcome),
                Err(TryRecvError::Empty) => None,
                Err(TryRecvError::Disconnected) => Some(Err(STOPPED.to_owned())),
            };
        }
        if self.done.is_none() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        self.done.take()
    }

    /// Blocks until the worker is done; the next `poll` reports it.
    fn wait(&mut self) {
        if self.done.is_none() {
            self.done = Some(
                self.result
                    .recv()
                    .unwrap_or_else(|_| Err(STOPPED.to_owned())),
            );
        }
    }
}

const STOPPED: &str = "the worker thread stopped unexpectedly";

/// Work on worker threads, one of each kind at a time.
#[derive(Default)]
pub struct Jobs {
    /// An export being written.
    pub export: Option<ExportJob>,
    /// The map being drawn for the clipboard.
    pub copy: Option<Background<image::RgbaImage>>,
}

/// An export being written.
pub struct ExportJob {
    pub path: PathBuf,
    /// What was written ("a 2080x4000 PNG"), or why not.
    work: Background<String>,
}

impl WaterlineApp {
    /// Starts an export command: PNG asks for scale and colours first.
    pub(super) fn start_export(&mut self, kind: Option<ExportKind>, ctx: &egui::Context) {
        match kind {
            None => {
                self.screen.dialog = Some(Dialog::ExportPng {
                    scale: 2.0,
                    dark: false,
                    full_size: false,
                    page: crate::render::page_size(self.doc.geometry()),
                })
            }
            Some(kind) => {
                let (extension, _) = kind.extension();
                let stem = self.suggested_file_name();
                let stem = stem.trim_end_matches(".json");
                let suffix = if kind == ExportKind::Iceberg {
                    "-iceberg"
                } else {
                    ""
                };
                self.disk.dialogs.ask(
                    DialogPurpose::Export(kind),
                    &format!("{stem}{suffix}.{extension}"),
                    ctx,
                );
            }
        }
    }

    /// Writes the export to `path` on a worker thread.
    pub(super) fn export_to(&mut self, kind: ExportKind, path: PathBuf, ctx: &egui::Context) {
        if self.jobs.export.is_some() {
            self.status = "An export is still being written".to_owned();
            return;
        }
        let map: Map = self.doc.map().clone();
        let settings: LayoutSettings = self.doc.settings().clone();
        let target = path.clone();
        let work = Background::spawn(ctx, move || {
            let outcome = match kind {
                ExportKind::Png { scale, dark } => export::write_png(
                    &mut Rasterizer::new(),
                    &map,
                    &settings,
                    &PngOptions { scale, dark },
                    &target,
                )
                .map(|(w, h)| format!("a {w}x{h} PNG")),
                ExportKind::Text(format) => {
                    export::write_text(&map, &settings, format, &target).map(|()| "it".to_owned())
                }
                // Twice the size of the picture: crisp on a projector and in a document.
                ExportKind::Iceberg => export::write_iceberg(
                    &mut Rasterizer::new(),
                    &map,
                    &PngOptions {
                        scale: 2.0,
                        dark: false,
                    },
                    false,
                    &target,
                )
                .map(|()| "the iceberg".to_owned()),
            };
            outcome.map_err(|err| err.to_string())
        });
        self.status = format!("Exporting to {}…", path.display());
        self.jobs.export = Some(ExportJob { path, work });
    }

    /// Reports a finished export; keeps the window redrawing while one runs.
    pub(super) fn poll_export(&mut self, ctx: &egui::Context) {
        let Some(job) = &mut self.jobs.export else {
            return;
        };
        let Some(outcome) = job.work.poll(ctx) else {
            return;
        };
        let path = job.path.clone();
        self.jobs.export = None;
        match outcome {
            Ok(what) => {
                self.status = format!("Exported {what} to {}", path.display());
            }
            Err(err) => self.show_error(
                "Could not export",
                format!("{err}\n\nNothing was written to {}.", path.display()),
            ),
        }
    }

    /// Waits until the export being written is finished (it is reported on the next frame).
    pub fn wait_for_export(&mut self) {
        if let Some(job) = &mut self.jobs.export {
            job.work.wait();
        }
    }

    /// Renders the whole map at 1x on a worker thread (a large map takes a moment) and
    /// then puts it on the clipboard, where the platform allows (`poll_copy`).
    pub(super) fn copy_image(&mut self, ctx: &egui::Context) {
        if self.jobs.copy.is_some() {
            self.status = "The map is still being copied".to_owned();
            return;
        }
        let map: Map = self.doc.map().clone();
        let settings: LayoutSettings = self.doc.settings().clone();
        let geometry = self.doc.geometry().clone();
        self.jobs.copy = Some(Background::spawn(ctx, move || {
            Rasterizer::new()
                .render(&map, &geometry, &settings, &PngOptions::default())
                .map_err(|err| err.to_string())
        }));
        self.status = "Copying the map as an image…".to_owned();
    }

    /// Puts the image being copied on the clipboard once it is drawn.
    pub(super) fn poll_copy(&mut self, ctx: &egui::Context) {
        let Some(outcome) = self.jobs.copy.as_mut().and_then(|job| job.poll(ctx)) else {
            return;
        };
        self.jobs.copy = None;
        match outcome {
            Ok(image) => {
                let size = [image.width() as usize, image.height() as usize];
                ctx.copy_image(egui::ColorImage::from_rgba_unmultiplied(
                    size,
                    image.as_raw(),
                ));
                self.status = format!("Copied the map as a {}x{} image", size[0], size[1]);
            }
            Err(err) => self.show_error("Could not copy the map as an image", err),
        }
    }

    /// Waits until the image being copied is drawn (it goes to the clipboard on the
    /// next frame).
    pub fn wait_for_copy(&mut self) {
        if let Some(job) = &mut self.jobs.copy {
            job.wait();
        }
    }
}
