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
use std::sync::mpsc::{Receiver, channel};

/// An export being written.
pub struct ExportJob {
    pub path: PathBuf,
    result: Receiver<Result<String, String>>,
    /// The outcome, once received.
    done: Option<Result<String, String>>,
}

impl ExportJob {
    /// The outcome once the worker is done.
    fn poll(&mut self) -> Option<Result<String, String>> {
        if self.done.is_none() {
            self.done = self.result.try_recv().ok();
        }
        self.done.clone()
    }
}

impl WaterlineApp {
    /// Starts an export command: PNG asks for scale and colours first.
    pub(super) fn start_export(&mut self, kind: Option<ExportKind>, ctx: &egui::Context) {
        match kind {
            None => {
                self.dialog = Some(Dialog::ExportPng {
                    scale: 2.0,
                    dark: false,
                })
            }
            Some(kind) => {
                let (extension, _) = kind.extension();
                let stem = self.suggested_file_name();
                let stem = stem.trim_end_matches(".json");
                self.dialogs.ask(
                    DialogPurpose::Export(kind),
                    &format!("{stem}.{extension}"),
                    ctx,
                );
            }
        }
    }

    /// Writes the export to `path` on a worker thread.
    pub(super) fn export_to(&mut self, kind: ExportKind, path: PathBuf, ctx: &egui::Context) {
        if self.export_job.is_some() {
            self.status = "An export is still being written".to_owned();
            return;
        }
        let (extension, _) = kind.extension();
        let path = if path.extension().is_none() {
            path.with_extension(extension)
        } else {
            path
        };
        let map: Map = self.doc.map().clone();
        let settings: LayoutSettings = self.doc.settings().clone();
        let (sender, result) = channel();
        let target = path.clone();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
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
            };
            let _ = sender.send(outcome.map_err(|err| err.to_string()));
            ctx.request_repaint();
        });
        self.status = format!("Exporting to {}…", path.display());
        self.export_job = Some(ExportJob {
            path,
            result,
            done: None,
        });
    }

    /// Reports a finished export; keeps the window redrawing while one runs.
    pub(super) fn poll_export(&mut self, ctx: &egui::Context) {
        let Some(job) = &mut self.export_job else {
            return;
        };
        match job.poll() {
            None => ctx.request_repaint_after(std::time::Duration::from_millis(100)),
            Some(outcome) => {
                let path = job.path.clone();
                self.export_job = None;
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
        }
    }

    /// Waits until the export being written is finished (it is reported on the next frame).
    pub fn wait_for_export(&mut self) {
        if let Some(job) = &mut self.export_job
            && job.done.is_none()
        {
            job.done = job.result.recv().ok();
        }
    }

    /// Renders the whole map at 1x on a worker thread (a large map takes a moment) and
    /// then puts it on the clipboard, where the platform allows (`poll_copy`).
    pub(super) fn copy_image(&mut self, ctx: &egui::Context) {
        if self.copy_job.is_some() {
            self.status = "The map is still being copied".to_owned();
            return;
        }
        let map: Map = self.doc.map().clone();
        let settings: LayoutSettings = self.doc.settings().clone();
        let geometry = self.doc.geometry().clone();
        let (sender, result) = channel();
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let image = Rasterizer::new()
                .render(&map, &geometry, &settings, &PngOptions::default())
                .map_err(|err| err.to_string());
            let _ = sender.send(image);
            ctx.request_repaint();
        });
        self.status = "Copying the map as an image…".to_owned();
        self.copy_job = Some(result);
    }

    /// Puts the image being copied on the clipboard once it is drawn.
    pub(super) fn poll_copy(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.copy_job else {
            return;
        };
        let outcome = match job.try_recv() {
            Ok(outcome) => outcome,
            Err(std::sync::mpsc::TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
                return;
            }
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                Err("the drawing thread stopped".to_owned())
            }
        };
        self.copy_job = None;
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
        if let Some(job) = self.copy_job.take() {
            let outcome = job
                .recv()
                .unwrap_or_else(|_| Err("the drawing thread stopped".to_owned()));
            let (sender, result) = channel();
            let _ = sender.send(outcome);
            self.copy_job = Some(result);
        }
    }
}
