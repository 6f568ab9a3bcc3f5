//! Keeping the recovery journal of the open map up to date, from the frame loop, without
//! blocking it: a moment after each change the map is handed to a writer thread, which
//! encodes it and writes it atomically. Also: which journals to offer at start.

use super::app::WaterlineApp;
use super::dialogs::{Answer, Dialog};
use crate::crash::{self, CrashSnapshot};
use crate::document::Document;
use crate::io::recovery::{
    JournalKey, RecoveryEntry, encode_journal, hold_owner_lock, holds_unsaved_work,
    kept_by_another_running_app, remove_stale_temp_files, scan_journals, write_journal,
};
use crate::io::{Limits, validate};
use crate::model::Map;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

/// Seconds between a change and its journal write: short enough that a crash loses at
/// most this much, long enough that typing does not write on every key.
pub const JOURNAL_DELAY_SECS: f64 = 1.5;

enum Job {
    Write {
        journal: PathBuf,
        file: Option<PathBuf>,
        map: Arc<Map>,
        /// A journal this one takes over: removed only once this one is on disk.
        replaces: Option<PathBuf>,
    },
    Remove(PathBuf),
    /// Answers once every job before it is done.
    Flush(Sender<()>),
}

/// The journal side of the app.
pub struct Recovery {
    data_dir: Option<PathBuf>,
    jobs: Option<Sender<Job>>,
    /// The outcome of each journal write (`Err` in words for the window), from the writer.
    outcomes: Option<Receiver<Result<(), String>>>,
    /// Writes asked for whose outcome has not come back yet.
    writes_in_flight: usize,
    /// The document and revision last written to its journal.
    journaled: Option<(JournalKey, u64)>,
    /// Whether the panic hook holds a snapshot (the map as last journaled).
    remembered: bool,
    /// When the first change not yet in the journal was seen (frame clock, seconds).
    dirty_since: Option<f64>,
    /// Journals from an earlier run that hold unsaved work, to offer one by one.
    pub offers: Vec<RecoveryEntry>,
    /// Set when a journal write failed: shown in the window until a write succeeds.
    pub last_error: Option<String>,
}

impl Recovery {
    /// Starts the writer and looks for journals left by an earlier run. Without a data
    /// folder there is no journal (and the status bar says so).
    pub fn start(data_dir: Option<PathBuf>) -> Self {
        let mut last_error = None;
        let (jobs, outcomes, offers) = match &data_dir {
            Some(dir) => {
                if let Err(err) = hold_owner_lock(dir) {
                    last_error = Some(format!(
                        "Could not lock the recovery folder {} ({err}): another Waterline may \
                         offer this window's unsaved work as if it had crashed",
                        dir.display()
                    ));
                }
                remove_stale_temp_files(dir);
                let (jobs, outcomes) = spawn_writer();
                (Some(jobs), Some(outcomes), offers_in(dir))
            }
            None => (None, None, Vec::new()),
        };
        Recovery {
            data_dir,
            jobs,
            outcomes,
            writes_in_flight: 0,
            journaled: None,
            remembered: false,
            dirty_since: None,
            offers,
            last_error,
        }
    }

    pub fn data_dir(&self) -> Option<&Path> {
        self.data_dir.as_deref()
    }

    fn journal_path(&self, doc: &Document) -> Option<PathBuf> {
        Some(doc.journal_id.journal_in(self.data_dir.as_ref()?))
    }

    /// Takes the outcomes of finished journal writes: the newest says whether the open
    /// map is protected (a failure stays on screen until a write succeeds).
    fn collect_outcomes(&mut self) {
        let Some(outcomes) = &self.outcomes else {
            return;
        };
        while let Ok(outcome) = outcomes.try_recv() {
            self.writes_in_flight = self.writes_in_flight.saturating_sub(1);
            self.last_error = outcome.err();
        }
    }

    /// Whether a journal write is under way (its outcome is still to be shown).
    pub fn is_writing(&self) -> bool {
        self.writes_in_flight > 0
    }

    /// Called every frame: writes the journal a moment after a change (and gives the
    /// panic hook the same copy of the map). Returns how long until it wants to run again, if it does.
    pub fn tick(&mut self, doc: &Document, now: f64) -> Option<f64> {
        self.collect_outcomes();
        let journal = self.journal_path(doc)?;
        let state = (doc.journal_id.clone(), doc.revision());
        if !doc.has_unsaved_changes() {
            // Saved, or undone back to the saved state: nothing to recover.
            if self
                .journaled
                .as_ref()
                .is_some_and(|(id, _)| id == &doc.journal_id)
            {
                self.send(Job::Remove(journal));
                self.journaled = None;
            }
            if std::mem::take(&mut self.remembered) {
                crash::remember(None);
            }
            self.dirty_since = None;
            return None;
        }
        if self.journaled.as_ref() == Some(&state) {
            return None;
        }
        let since = *self.dirty_since.get_or_insert(now);
        let wait = JOURNAL_DELAY_SECS - (now - since);
        if wait > 0.0 {
            return Some(wait);
        }
        // One copy of the map per journal write (not per change: typing in a large map
        // would copy it on every key), shared by the writer and the panic hook.
        let map = Arc::new(doc.map().clone());
        crash::remember(Some(CrashSnapshot {
            journal: journal.clone(),
            file: doc.path.clone(),
            map: Arc::clone(&map),
        }));
        self.remembered = true;
        self.send(Job::Write {
            journal,
            file: doc.path.clone(),
            map,
            replaces: None,
        });
        self.writes_in_flight += 1;
        self.journaled = Some(state);
        self.dirty_since = None;
        None
    }

    /// The document was saved or its changes discarded: its journal goes.
    pub fn forget(&mut self, doc: &Document) {
        if let Some(journal) = self.journal_path(doc) {
            self.send(Job::Remove(journal));
        }
        if self
            .journaled
            .as_ref()
            .is_some_and(|(id, _)| id == &doc.journal_id)
        {
            self.journaled = None;
        }
        self.remembered = false;
        self.dirty_since = None;
        crash::remember(None);
    }

    /// Takes over a journal restored into `doc`: the map is journaled again under this
    /// process's name (so a Waterline started later knows it is kept), and the old
    /// journal goes only once the new one is on disk: a failed write (a full disk) or a
    /// crash in between leaves the old one.
    pub fn take_over(&mut self, doc: &Document, restored_journal: PathBuf) {
        if let Some(journal) = self.journal_path(doc) {
            let map = Arc::new(doc.map().clone());
            self.send(Job::Write {
                journal,
                file: doc.path.clone(),
                map,
                replaces: Some(restored_journal),
            });
            self.writes_in_flight += 1;
            self.journaled = Some((doc.journal_id.clone(), doc.revision()));
        }
    }

    /// Removes a journal the user chose to discard.
    pub fn discard(&mut self, entry: &RecoveryEntry) {
        self.send(Job::Remove(entry.journal.clone()));
    }

    /// The frame panicked: writes the live map (newer than any journal) to its journal
    /// now, on this thread, before the process ends. Says so on stderr when it did.
    /// A panic in the middle of an edit can leave the map half-changed: a map that no
    /// longer validates does not replace the journal, and then (or when the write fails)
    /// the last journaled copy, the panic snapshot, is written instead.
    pub fn rescue(&self, doc: &Document) -> bool {
        // A journal write still under way, or a removal queued after a save, must not
        // land after this one.
        self.flush();
        let Some(journal) = self.journal_path(doc) else {
            return false;
        };
        if !doc.has_unsaved_changes() {
            return false;
        }
        let sound = validate(doc.map(), &Limits::default()).is_empty();
        let written = sound
            && encode_journal(doc.map(), doc.path.as_deref(), chrono::Utc::now())
                .map_err(std::io::Error::other)
                .and_then(|bytes| write_journal(&journal, &bytes))
                .is_ok();
        let written = written || crash::write_snapshot();
        if written {
            eprintln!(
                "waterline: your unsaved changes were written to the recovery journal; \
                 start Waterline again to restore them"
            );
        }
        written
    }

    /// Waits until every journal write asked for so far is on disk.
    pub fn flush(&self) {
        let Some(jobs) = &self.jobs else { return };
        let (done, wait) = channel();
        if jobs.send(Job::Flush(done)).is_ok() {
            let _ = wait.recv();
        }
    }

    fn send(&mut self, job: Job) {
        let sent = self
            .jobs
            .as_ref()
            .is_some_and(|jobs| jobs.send(job).is_ok());
        if !sent {
            self.last_error = Some("the recovery journal could not be written".to_owned());
        }
    }
}

/// Starts the writer thread; it reports the outcome of each write, failures in words.
fn spawn_writer() -> (Sender<Job>, Receiver<Result<(), String>>) {
    let (jobs, incoming) = channel::<Job>();
    let (report, outcomes) = channel::<Result<(), String>>();
    std::thread::Builder::new()
        .name("waterline-journal".to_owned())
        .spawn(move || {
            for job in incoming {
                match job {
                    Job::Write {
                        journal,
                        file,
                        map,
                        replaces,
                    } => {
                        let written = encode_journal(&map, file.as_deref(), chrono::Utc::now())
                            .map_err(std::io::Error::other)
                            .and_then(|bytes| write_journal(&journal, &bytes));
                        if written.is_ok()
                            && let Some(old) = replaces
                            && old != journal
                        {
                            let _ = std::fs::remove_file(old);
                        }
                        let _ = report.send(written.map_err(|err| journal_failure(&journal, &err)));
                    }
                    Job::Remove(journal) => {
                        let _ = std::fs::remove_file(journal);
                    }
                    Job::Flush(done) => {
                        let _ = done.send(());
                    }
                }
            }
        })
        .expect("the journal thread starts");
    (jobs, outcomes)
}

/// What the window says when the journal could not be written: the work is not lost
/// (it is open), but it is not protected against a crash until saved.
fn journal_failure(journal: &Path, err: &std::io::Error) -> String {
    use crate::io::WriteFailure;
    let why = match WriteFailure::of(err) {
        WriteFailure::Full => "the disk is full",
        WriteFailure::Unwritable => "the data folder cannot be written to",
        WriteFailure::NoFolder | WriteFailure::Other => "it could not be written",
    };
    format!(
        "Crash recovery is not protecting your edits: {why} ({}: {err}). Save the map to keep them",
        journal.display()
    )
}

/// Journals worth offering: they hold work their file does not, and no other running
/// Waterline is keeping them (a journal's name carries the process id that wrote it).
/// Journals identical to their file are stale and removed.
fn offers_in(data_dir: &Path) -> Vec<RecoveryEntry> {
    let (entries, unreadable) = scan_journals(data_dir);
    for err in unreadable {
        eprintln!("waterline: {err} (left in place)");
    }
    entries
        .into_iter()
        .filter(|entry| {
            let key = entry
                .journal
                .file_stem()
                .and_then(|s| s.to_str())
                .and_then(JournalKey::parse);
            !key.is_some_and(|key| kept_by_another_running_app(data_dir, &key))
        })
        .filter(|entry| {
            let keep = holds_unsaved_work(entry);
            if !keep {
                let _ = std::fs::remove_file(&entry.journal);
            }
            keep
        })
        .collect()
}

/// The app's side of recovery: journaling the open map, offering what an earlier run left.
impl WaterlineApp {
    /// Writes the recovery journal a moment after each change.
    pub(super) fn keep_journal(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        if let Some(wait) = self.recovery.tick(&self.doc, now) {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(wait.max(0.01)));
        }
        if self.recovery.is_writing() {
            // Come back for the outcome, so a failure shows without waiting for input.
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
    }

    /// The warning shown while the recovery journal cannot be written.
    pub fn recovery_warning(&self) -> Option<&str> {
        self.recovery.last_error.as_deref()
    }

    /// Asks about the next journal left by an earlier run, when nothing else is asked.
    pub(super) fn offer_recovery(&mut self) {
        if self.screen.dialog.is_some() {
            return;
        }
        let Some(entry) = self.recovery.offers.first() else {
            return;
        };
        let title = if entry.map.title.trim().is_empty() {
            "Untitled map"
        } else {
            entry.map.title.trim()
        };
        let file = match &entry.file {
            Some(path) => format!("saved as {}", path.display()),
            None => "never saved".to_owned(),
        };
        let local = entry.written_at.with_timezone(&chrono::Local);
        self.screen.dialog = Some(Dialog::Recover {
            what: format!(
                "\"{title}\" ({file}; {} lanes, {} events)",
                entry.map.lanes.len(),
                entry.map.events.len()
            ),
            when: local.format("%Y-%m-%d %H:%M:%S").to_string(),
        });
    }

    /// Acts on the answer about the first offered journal.
    pub(super) fn answer_recovery(&mut self, answer: Answer) {
        if self.recovery.offers.is_empty() {
            return;
        }
        let entry = self.recovery.offers.remove(0);
        match answer {
            Answer::Restore => {
                let stamp = entry.file.as_deref().and_then(crate::io::DiskStamp::read);
                let mut doc = Document::new(entry.map, entry.file);
                doc.stamp = stamp;
                doc.restored = true;
                self.replace_document(doc);
                self.recovery.take_over(&self.doc, entry.journal);
                self.status = "Restored unsaved work; save it to keep it".to_owned();
            }
            Answer::DiscardRecovered => {
                self.recovery.discard(&entry);
                self.status = "Discarded the recovered changes".to_owned();
            }
            _ => self.status = "The recovered changes are kept for next time".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::{Edit, Op};

    fn edited_document() -> Document {
        let mut doc = Document::new(crate::samples::synthetic(30, 3), None);
        let mut event = doc.map().events[4].clone();
        event.title = "Typed a moment before the bug".to_owned();
        doc.apply(Edit::new("Edit title", Op::UpdateEvent(event)))
            .expect("the edit applies");
        doc
    }

    #[test]
    fn a_panic_in_the_frame_journals_the_live_map_not_the_last_snapshot() {
        let dir = tempfile::tempdir().unwrap();
        let recovery = Recovery::start(Some(dir.path().to_owned()));
        let doc = edited_document();
        // The frame panics before the journal's delay has passed: nothing written yet.
        assert!(recovery.rescue(&doc), "the live map is written");
        let journal = recovery.journal_path(&doc).unwrap();
        let entry = crate::io::recovery::read_journal(&journal).expect("a journal");
        assert_eq!(entry.map.events[4].title, "Typed a moment before the bug");
    }

    #[test]
    fn nothing_is_rescued_without_unsaved_work() {
        let dir = tempfile::tempdir().unwrap();
        let recovery = Recovery::start(Some(dir.path().to_owned()));
        let doc = Document::new(crate::samples::synthetic(30, 3), None);
        assert!(!recovery.rescue(&doc));
        assert!(!recovery.journal_path(&doc).unwrap().exists());
    }

    #[test]
    fn typing_does_not_copy_the_map_until_the_journal_is_due() {
        let dir = tempfile::tempdir().unwrap();
        let mut recovery = Recovery::start(Some(dir.path().to_owned()));
        let doc = edited_document();
        assert!(recovery.tick(&doc, 0.0).is_some(), "waits for the delay");
        assert!(!recovery.remembered, "no copy of the map yet");
        assert!(recovery.tick(&doc, JOURNAL_DELAY_SECS + 0.1).is_none());
        assert!(
            recovery.remembered,
            "the journal's copy is the panic snapshot"
        );
        recovery.flush();
        assert!(recovery.journal_path(&doc).unwrap().exists());
    }
}
