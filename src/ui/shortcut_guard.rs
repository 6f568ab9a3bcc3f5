//! When single-key shortcuts (B, Shift+B, A, I, Delete… with no Ctrl or Alt) may act: only
//! when no widget has the keyboard (the canvas's) and nothing suggests the keys are
//! typing. A double-click that opened no text field (one that missed its card or lane)
//! is taken as "the user is about to type a title": until the next click or Esc, single
//! keys do nothing, so the typed title does not add paths not taken or hide things.

use egui::{Context, Id, Key, PointerButton};

/// Kept in egui's memory between frames.
#[derive(Clone, Copy, Debug, Default)]
struct Guard {
    /// Set by a double-click that opened no text field, cleared by a click or Esc.
    armed: bool,
}

fn guard_id() -> Id {
    Id::unique("waterline-shortcut-guard")
}

/// Which single-key shortcuts may act this frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BareKeys {
    /// No widget has the keyboard.
    pub free: bool,
    /// The keys may be a title being typed: only keys that type nothing (F2, F5, Home…)
    /// act.
    pub maybe_typing: bool,
}

impl BareKeys {
    /// Whether a single-key shortcut on `key` acts.
    pub fn allow(self, key: Key) -> bool {
        self.free && !(self.maybe_typing && types_text(key))
    }
}

/// Keys that are part of typing a line of text (letters, digits, punctuation, space and
/// the keys that correct it), as opposed to F-keys, Home or Esc.
fn types_text(key: Key) -> bool {
    !matches!(
        key,
        Key::F1
            | Key::F2
            | Key::F3
            | Key::F4
            | Key::F5
            | Key::F6
            | Key::F7
            | Key::F8
            | Key::F9
            | Key::F10
            | Key::F11
            | Key::F12
            | Key::Home
            | Key::End
            | Key::PageUp
            | Key::PageDown
            | Key::Escape
            | Key::Enter
            | Key::Tab
            | Key::ArrowUp
            | Key::ArrowDown
            | Key::ArrowLeft
            | Key::ArrowRight
    )
}

/// Reads this frame's input once, at its start, and says which single-key shortcuts may
/// act on it.
pub fn bare_keys(ctx: &Context) -> BareKeys {
    let typing = ctx.egui_wants_keyboard_input();
    let widget_focused = ctx.memory(|m| m.focused()).is_some();
    let (double_click, press, escape) = ctx.input(|i| {
        (
            // A quick click before it makes the pair read as a triple click.
            i.pointer.button_double_clicked(PointerButton::Primary)
                || i.pointer.button_triple_clicked(PointerButton::Primary),
            i.pointer.any_pressed(),
            i.key_pressed(Key::Escape),
        )
    });
    let mut guard: Guard = ctx.data(|d| d.get_temp(guard_id())).unwrap_or_default();
    if typing || escape || (press && !double_click) {
        // A field took the keys, or the user clicked or pressed Esc on purpose.
        guard.armed = false;
    }
    if double_click && !typing {
        // If it opens a field, that field has the keyboard next frame and disarms this.
        guard.armed = true;
    }
    ctx.data_mut(|d| d.insert_temp(guard_id(), guard));
    BareKeys {
        free: !typing && !widget_focused,
        maybe_typing: guard.armed,
    }
}
