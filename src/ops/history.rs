//! Undo and redo stacks of labelled edits, with no depth limit, and the "is it saved"
//! question answered without comparing maps.

use super::{Op, OpError};
use crate::model::Map;

/// One undo step: what the user did, in words, and the op that reverses it.
#[derive(Clone, Debug)]
struct Step {
    label: String,
    inverse: Op,
    /// Identifies the document state this step produced, for the unsaved-changes check.
    state: u64,
    /// While set, further edits with the same key fold into this step (typing in one field).
    open_key: Option<String>,
}

/// A labelled change to apply: what the UI emits.
#[derive(Clone, Debug, PartialEq)]
pub struct Edit {
    pub label: String,
    pub op: Op,
}

impl Edit {
    pub fn new(label: impl Into<String>, op: Op) -> Self {
        Edit {
            label: label.into(),
            op,
        }
    }
}

/// The undo/redo history of one document.
#[derive(Debug, Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    next_state: u64,
    saved_state: u64,
}

impl History {
    /// Applies an edit as one undo step. Clears the redo stack.
    pub fn apply(&mut self, map: &mut Map, edit: Edit) -> Result<(), OpError> {
        let inverse = edit.op.apply(map)?;
        self.next_state += 1;
        self.undo.push(Step {
            label: edit.label,
            inverse,
            state: self.next_state,
            open_key: None,
        });
        self.redo.clear();
        Ok(())
    }

    /// Applies an edit that continues an ongoing one (keystrokes in one text field): while
    /// the latest step is open under the same `key`, the edit joins it, so undo goes back to
    /// the value before the field was touched. Otherwise it starts a new open step.
    pub fn apply_continuing(
        &mut self,
        map: &mut Map,
        edit: Edit,
        key: &str,
    ) -> Result<(), OpError> {
        let joins = self.redo.is_empty()
            && self
                .undo
                .last()
                .is_some_and(|step| step.open_key.as_deref() == Some(key));
        if !joins {
            self.apply(map, edit)?;
            if let Some(step) = self.undo.last_mut() {
                step.open_key = Some(key.to_owned());
            }
            return Ok(());
        }
        // The step already holds the inverse back to the value before the first keystroke.
        edit.op.apply(map)?;
        self.next_state += 1;
        if let Some(step) = self.undo.last_mut() {
            step.state = self.next_state;
        }
        Ok(())
    }

    /// Ends the ongoing field edit, so the next edit is a step of its own.
    pub fn seal(&mut self) {
        if let Some(step) = self.undo.last_mut() {
            step.open_key = None;
        }
    }

    /// Undoes the latest step; returns its label, or `None` when there is nothing to undo.
    pub fn undo(&mut self, map: &mut Map) -> Option<String> {
        let step = self.undo.pop()?;
        self.step_across(map, step, false)
    }

    /// Redoes the latest undone step; returns its label.
    pub fn redo(&mut self, map: &mut Map) -> Option<String> {
        let step = self.redo.pop()?;
        self.step_across(map, step, true)
    }

    fn step_across(&mut self, map: &mut Map, step: Step, forward: bool) -> Option<String> {
        self.seal();
        match step.inverse.apply(map) {
            Ok(reverse) => {
                let label = step.label.clone();
                let moved = Step {
                    label: step.label,
                    inverse: reverse,
                    state: step.state,
                    open_key: None,
                };
                if forward {
                    self.undo.push(moved);
                } else {
                    self.redo.push(moved);
                }
                Some(label)
            }
            // Only reachable if the map was changed outside the history; drop the stale
            // step rather than corrupt the map.
            Err(_) => None,
        }
    }

    /// The op Undo would apply next (the inverse of the latest step).
    pub fn undo_op(&self) -> Option<&Op> {
        self.undo.last().map(|step| &step.inverse)
    }

    /// The op Redo would apply next.
    pub fn redo_op(&self) -> Option<&Op> {
        self.redo.last().map(|step| &step.inverse)
    }

    /// The label of the step Undo would reverse.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|step| step.label.as_str())
    }

    /// The label of the step Redo would repeat.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|step| step.label.as_str())
    }

    fn current_state(&self) -> u64 {
        self.undo.last().map_or(0, |step| step.state)
    }

    /// Records that the document as it is now was saved.
    pub fn mark_saved(&mut self) {
        self.saved_state = self.current_state();
    }

    /// Forgets the saved state (e.g. after the file was lost), so the document counts as changed.
    pub fn mark_unsaved(&mut self) {
        self.saved_state = u64::MAX;
    }

    /// True when the map differs from what was last saved (undoing back to it counts as saved).
    pub fn has_unsaved_changes(&self) -> bool {
        self.current_state() != self.saved_state
    }
}
