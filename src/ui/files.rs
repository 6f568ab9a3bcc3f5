//! Opening and saving from the app: never overwriting a file someone else changed, never
//! writing over a file from a newer version, keeping the previous version, and clearing
//! the recovery journal once the map is safely on disk.

use super::app::WaterlineApp;
use super::dialogs::Dialog;
use super::file_dialogs::{DialogOutcome, DialogPurpose};
use crate::document::Document;
use crate::import;
use crate::io::{self, DiskStamp};
use std::path::{Path, PathBuf};

impl WaterlineApp {
    /// Opens a map file; on failure the current map stays open and the reason is shown.
    pub fn open_path(&mut self, path: &Path) {
        match io::open_file(path) {
            Ok(opened) => {
                let newer = opened.newer_version;
                let overlong = io::overlong_fields(&opened.map).len();
                let copies = crate::ops::fold_copied_messages(&opened.map).is_some();
                self.prefs.remember(path);
                self.replace_document(Document::opened(opened, path.to_owned()));
                self.status = match newer {
                    Some(version) => format!(
                        "Opened {} read-only: it was written by a newer Waterline (file version {version})",
                        path.display()
                    ),
                    None if overlong > 0 => format!(
                        "Opened {}; {overlong} texts are too long to show whole (the map keeps them; `waterline check` names them)",
                        path.display()
                    ),
                    None if copies => format!(
                        "Opened {}. It has cards copied from messages by an older import: Edit > Fold copied message cards into messages turns them into arrows",
                        path.display()
                    ),
                    None => format!("Opened {}", path.display()),
                };
            }
            Err(err) => self.show_error(
                &format!("Could not open {}", path.display()),
                err.to_string(),
            ),
        }
    }

    /// Imports a timeline into a new, unsaved map, and reports the rows it had trouble
    /// with. On failure the open map stays.
    pub(super) fn import_path(&mut self, path: &Path) {
        let bytes = match io::read_regular_file(path, import::MAX_TIMELINE_BYTES) {
            Ok(bytes) => bytes,
            Err(err) => {
                self.show_error(
                    &format!("Could not import {}", path.display()),
                    format!("could not read it: {err}"),
                );
                return;
            }
        };
        let title = path.file_stem().map_or_else(
            || "Imported timeline".to_owned(),
            |s| s.to_string_lossy().into_owned(),
        );
        match import::import_timeline(&bytes, &title) {
            Ok(imported) => {
                let map = &imported.map;
                let summary = format!(
                    "{} events in {} lanes from {}; {} rows skipped. The map is not saved yet.",
                    map.events.len(),
                    map.lanes.len(),
                    path.display(),
                    imported.skipped()
                );
                let lines: Vec<String> = imported
                    .problems
                    .iter()
                    .map(ToString::to_string)
                    .chain(imported.notices.iter().map(|n| format!("Note: {n}")))
                    .collect();
                let mut doc = Document::new(imported.map, None);
                doc.restored = true;
                self.replace_document(doc);
                self.status = summary.clone();
                if !lines.is_empty() {
                    self.screen.dialog = Some(Dialog::ImportReport { summary, lines });
                }
            }
            Err(err) => self.show_error(
                &format!("Could not import {}", path.display()),
                err.to_string(),
            ),
        }
    }

    /// Chat lines or spreadsheet rows pasted on the map (no text field has the keyboard)
    /// join the open map as one undoable edit.
    pub(super) fn paste_timeline(&mut self, text: &str) {
        let import::PastedRows {
            op,
            problems,
            notes,
        } = import::paste_timeline(self.doc.map(), text);
        let Some(op) = op else {
            self.status = "Nothing to paste: paste chat lines like '14:05 Ana: paged' or rows copied from a spreadsheet with their header".to_owned();
            return;
        };
        let added = self.doc.map().events.len();
        self.apply_edit(crate::ops::Edit::new("Paste timeline", op), None);
        let added = self.doc.map().events.len().saturating_sub(added);
        self.status = format!("Pasted {added} events (Ctrl+Z takes them back)");
        // Which lane a short name joined (or why it got its own) is said where it is seen;
        // the first few only, as the status bar is one line.
        if !notes.is_empty() {
            self.status.push_str(". ");
            self.status
                .push_str(&super::clipboard::first_few(notes.into_iter(), ". "));
        }
        if !problems.is_empty() {
            self.screen.dialog = Some(Dialog::ImportReport {
                summary: format!("Pasted {added} events."),
                lines: problems.iter().map(ToString::to_string).collect(),
            });
        }
    }

    /// Saves to the document's file, or asks where. Returns true when it was written.
    pub(super) fn save(&mut self, ctx: &egui::Context) -> bool {
        match self.doc.path.clone() {
            Some(path) if !self.doc.is_read_only() => self.save_to(&path),
            _ => {
                self.disk
                    .dialogs
                    .ask(DialogPurpose::SaveAs, &self.suggested_file_name(), ctx);
                false
            }
        }
    }

    /// Saves to `path`, unless that would overwrite the newer-version file this map came
    /// from, or a file changed on disk since it was opened or saved (then it asks).
    pub(super) fn save_to(&mut self, path: &Path) -> bool {
        self.doc.seal();
        let same_file = self.doc.path.as_deref() == Some(io::canonical_path(path).as_path());
        if same_file && let Some(version) = self.doc.newer_version {
            self.show_error(
                "This file is kept as it is",
                format!(
                    "{} was written by a newer Waterline (file version {version}) and is never overwritten by this one. Use File > Save as… to save a copy under another name.",
                    path.display()
                ),
            );
            return false;
        }
        if same_file && self.changed_on_disk(path) {
            self.screen.dialog = Some(Dialog::ChangedOnDisk {
                path: path.to_owned(),
            });
            return false;
        }
        self.write_map(path)
    }

    /// Whether the file is not what was last read or written: someone else saved it.
    fn changed_on_disk(&self, path: &Path) -> bool {
        let Some(known) = &self.doc.stamp else {
            return false;
        };
        match DiskStamp::read(path) {
            // The content decides; a new modification time alone (a `touch`) is no change.
            Some(now) => now.len != known.len || now.hash != known.hash,
            // Gone or unreadable: saving writes it back, nothing of theirs is lost.
            None => false,
        }
    }

    /// Writes the map: the previous version to the backup first, then the file,
    /// atomically. On failure the file is untouched, the edits stay open and in the
    /// recovery journal, and the message says what to do.
    pub(super) fn write_map(&mut self, path: &Path) -> bool {
        let bytes =
            match io::check_map_target(path).and_then(|()| io::bytes_to_save(self.doc.map())) {
                Ok(bytes) => bytes,
                Err(err) => {
                    self.show_error("Could not save", err.to_string());
                    return false;
                }
            };
        let mut backup_note = String::new();
        if let Some(data_dir) = self.recovery.data_dir() {
            match io::keep_previous_version(data_dir, path) {
                Ok(Some(backup)) => {
                    backup_note = format!(" (previous version kept in {})", backup.display())
                }
                Ok(None) => {}
                Err(err) => backup_note = format!(" (could not keep the previous version: {err})"),
            }
        }
        match self.disk.storage.write_atomically(path, &bytes) {
            Ok(()) => {
                self.doc.mark_saved(path.to_owned(), &bytes);
                self.recovery.forget(&self.doc);
                self.prefs.remember(path);
                self.status = format!("Saved to {}{backup_note}", path.display());
                true
            }
            Err(err) => {
                self.show_error("Could not save", save_failure_message(path, &err));
                false
            }
        }
    }

    pub(super) fn suggested_file_name(&self) -> String {
        // A file name is at most 255 bytes on most systems: a long title gives its start.
        let title = crate::render::shown_text(&self.doc.map().title);
        let slug = crate::model::slug(&title);
        let mut end = slug.len().min(80);
        while !slug.is_char_boundary(end) {
            end -= 1;
        }
        let slug = slug[..end].trim_end_matches('-');
        let stem = if slug.is_empty() {
            "incident-map"
        } else {
            slug
        };
        if self.doc.is_read_only() {
            format!("{stem}-copy.json")
        } else {
            format!("{stem}.json")
        }
    }

    pub(super) fn poll_file_dialog(&mut self, ctx: &egui::Context) {
        let Some((purpose, outcome)) = self.disk.dialogs.poll() else {
            return;
        };
        match outcome {
            DialogOutcome::Chosen(path) => self.dialog_chose(purpose, path, ctx),
            DialogOutcome::Cancelled => self.disk.after_save = None,
            DialogOutcome::Unavailable => {
                self.screen.dialog = Some(Dialog::TypePath {
                    purpose,
                    text: String::new(),
                })
            }
        }
    }

    /// A path typed in the fallback dialog. The system's dialogs ask before replacing a
    /// file themselves; for a typed path Waterline asks.
    pub(super) fn typed_path_chosen(
        &mut self,
        purpose: DialogPurpose,
        path: PathBuf,
        ctx: &egui::Context,
    ) {
        let path = purpose.with_default_extension(path);
        let writes = matches!(purpose, DialogPurpose::SaveAs | DialogPurpose::Export(_));
        let own_file = self.doc.path.as_deref() == Some(io::canonical_path(&path).as_path());
        let own_save = purpose == DialogPurpose::SaveAs && own_file;
        if writes && !own_save && std::fs::symlink_metadata(&path).is_ok() {
            self.screen.dialog = Some(Dialog::ConfirmReplace { purpose, path });
            return;
        }
        self.dialog_chose(purpose, path, ctx);
    }

    pub(super) fn dialog_chose(
        &mut self,
        purpose: DialogPurpose,
        path: PathBuf,
        ctx: &egui::Context,
    ) {
        let path = purpose.with_default_extension(path);
        match purpose {
            DialogPurpose::Open => self.open_path(&path),
            DialogPurpose::Import => self.import_path(&path),
            DialogPurpose::Export(_)
                if self.doc.path.as_deref() == Some(io::canonical_path(&path).as_path()) =>
            {
                self.show_error(
                    "Not exported",
                    format!(
                        "{} is this map's own file: exporting there would replace the map. Export to another file.",
                        path.display()
                    ),
                );
            }
            DialogPurpose::Export(kind) => self.export_to(kind, path, ctx),
            DialogPurpose::SaveAs => {
                if self.save_to(&path) {
                    self.after_saving(ctx);
                }
            }
        }
    }

    /// Runs what was waiting for a save (New, Open or Quit after "Save").
    pub(super) fn after_saving(&mut self, ctx: &egui::Context) {
        if let Some(pending) = self.disk.after_save.take() {
            self.perform(pending, ctx);
        }
    }

    /// The file changed on disk and the user chose to load it, dropping the open edits.
    pub(super) fn reload(&mut self, path: &Path) {
        self.recovery.forget(&self.doc);
        self.open_path(path);
    }
}

/// Words for a failed save that say what happened and what to do.
fn save_failure_message(path: &Path, err: &std::io::Error) -> String {
    let what = match io::WriteFailure::of(err) {
        io::WriteFailure::Unwritable => {
            "the folder cannot be written to. Save to another folder with File > Save as…"
        }
        io::WriteFailure::Full => {
            "the disk is full. Free some space and save again, or save elsewhere with File > Save as…"
        }
        io::WriteFailure::NoFolder => {
            "the folder no longer exists. Save elsewhere with File > Save as…"
        }
        io::WriteFailure::Other => "save again, or elsewhere with File > Save as…",
    };
    format!(
        "Could not write {} ({err}): {what}\n\nThe file on disk was not changed, and your edits are still open and kept in the recovery journal.",
        path.display()
    )
}
