//! A field that takes the keyboard once, when it first shows, and then leaves focus to the
//! user (so clicking elsewhere is not undone on the next frame).

/// Whether a field still has to take the keyboard.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FocusOnce {
    pending: bool,
}

impl FocusOnce {
    /// A field that takes the keyboard when it next shows.
    pub fn pending() -> Self {
        FocusOnce { pending: true }
    }

    /// Gives `response`'s widget the keyboard if it has not had it yet; true on that frame.
    pub fn take(&mut self, response: &egui::Response) -> bool {
        if !self.pending {
            return false;
        }
        response.request_focus();
        self.pending = false;
        true
    }
}
