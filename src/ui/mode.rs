//! The window as a state machine: it is editing or presenting (one enum, so the state of
//! each lives in exactly one place), and a dialog may be open on top of either. The
//! keyboard goes where [`Screen::keys`] says.

use super::canvas::{InlineEditor, Purpose};
use super::contacts_panel::ContactsPanel;
use super::dialogs::Dialog;
use super::find::FindState;
use super::iceberg_view::IcebergView;
use super::lens_panel::LensPanel;
use super::present::Presenting;

/// What the window shows: its mode, and the dialog over it if one is open.
pub struct Screen {
    pub mode: Mode,
    /// A dialog is modal over any mode: while it is open it has the keyboard.
    pub dialog: Option<Dialog>,
}

/// The two ways the window is used.
pub enum Mode {
    /// The menus, inspector and canvas, for building the map.
    Editing(Editing),
    /// Full screen, walking the room through the map step by step.
    Presenting(Presenting),
}

/// What only editing has: the find bar and the in-place editor.
#[derive(Default)]
pub struct Editing {
    /// The find bar, while open.
    pub find: Option<FindState>,
    /// The in-place editor over a card or header, while open.
    pub inline: Option<InlineEditor>,
    /// The hindsight lens panel, while open.
    pub lens: Option<LensPanel>,
    /// The prompt that themes the selected cards (G), while open.
    pub theme_prompt: Option<super::themes::ThemePrompt>,
    /// The Themes panel, while open (boxed: its drafts and counts would make every mode
    /// as large).
    pub themes: Option<Box<super::themes::ThemesPanel>>,
    /// The "Who asked whom" table, while open.
    pub contacts: Option<ContactsPanel>,
    /// The iceberg shown in place of the map, while it is (boxed, like the Themes panel).
    pub iceberg: Option<Box<IcebergView>>,
}

/// Who takes this frame's keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keys {
    /// The command shortcuts (Ctrl+S, Delete, F5 and the rest) and pasting a timeline.
    Commands,
    /// The presentation walk: arrows, space, Home / End, H, D, T F S Q and Esc.
    Walk,
    /// A text field or dialog has the keyboard: the dialog, the in-place editor or the box
    /// capturing what the room says. Shortcuts would act behind it.
    Field,
}

impl Screen {
    /// Editing, with nothing open.
    pub fn editing() -> Self {
        Screen {
            mode: Mode::Editing(Editing::default()),
            dialog: None,
        }
    }

    /// Where this frame's keys go.
    pub fn keys(&self) -> Keys {
        if self.dialog.is_some() {
            return Keys::Field;
        }
        match &self.mode {
            Mode::Editing(editing)
                if editing.inline.is_some() || editing.theme_prompt.is_some() =>
            {
                Keys::Field
            }
            Mode::Editing(_) => Keys::Commands,
            Mode::Presenting(present) if present.capture.is_some() => Keys::Field,
            Mode::Presenting(_) => Keys::Walk,
        }
    }

    pub fn presenting(&self) -> Option<&Presenting> {
        match &self.mode {
            Mode::Presenting(present) => Some(present),
            Mode::Editing(_) => None,
        }
    }

    pub fn presenting_mut(&mut self) -> Option<&mut Presenting> {
        match &mut self.mode {
            Mode::Presenting(present) => Some(present),
            Mode::Editing(_) => None,
        }
    }

    pub fn editing_mut(&mut self) -> Option<&mut Editing> {
        match &mut self.mode {
            Mode::Editing(editing) => Some(editing),
            Mode::Presenting(_) => None,
        }
    }

    /// Opens the in-place editor; presenting, nothing is edited in place.
    pub fn edit_inline(&mut self, editor: InlineEditor) {
        if let Some(editing) = self.editing_mut() {
            editing.inline = Some(editor);
        }
    }

    /// What the canvas is for this frame.
    pub fn purpose(&mut self) -> Purpose<'_> {
        match &mut self.mode {
            Mode::Editing(editing) => Purpose::Editing {
                inline: &mut editing.inline,
            },
            Mode::Presenting(present) => Purpose::Presenting {
                until: present.until,
                lens_marks: present.lens_marks,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::canvas::InlineTarget;
    use crate::ui::present::Presenting;

    #[test]
    fn the_keys_go_to_the_dialog_then_the_field_then_the_mode() {
        let mut screen = Screen::editing();
        assert_eq!(screen.keys(), Keys::Commands);
        screen.edit_inline(InlineEditor::new(
            InlineTarget::LaneName(crate::model::LaneId::from("a")),
            String::new(),
        ));
        assert_eq!(screen.keys(), Keys::Field);

        screen.mode = Mode::Presenting(Presenting::new(crate::ui::canvas::Camera::default()));
        assert_eq!(screen.keys(), Keys::Walk);
        // Presenting has no in-place editor to open.
        screen.edit_inline(InlineEditor::new(
            InlineTarget::LaneName(crate::model::LaneId::from("a")),
            String::new(),
        ));
        assert_eq!(screen.keys(), Keys::Walk);
        screen.dialog = Some(Dialog::Error {
            title: String::new(),
            message: String::new(),
        });
        assert_eq!(screen.keys(), Keys::Field);
    }
}
