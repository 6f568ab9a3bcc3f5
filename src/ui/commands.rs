//! The one table of user commands: label, keyboard shortcut and menu. Menus, shortcuts and
//! the command palette all read it, so they cannot drift apart.

use egui::{Key, KeyboardShortcut, Modifiers};

/// Something the user can ask for by menu, shortcut or palette.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    NewMap,
    Open,
    Import,
    ExportPng,
    ExportSvg,
    ExportMarkdown,
    ExportMermaid,
    ExportPlantUml,
    CopyImage,
    Save,
    SaveAs,
    Undo,
    Redo,
    RedoAlt,
    Delete,
    AddEvent,
    EditTitle,
    AddLane,
    SelectAll,
    Find,
    AddBranch,
    AddThinking,
    AddFeeling,
    AddSeeing,
    AddQuestion,
    AddNote,
    ArrangeByTime,
    /// Turns the "From X: ..." cards an older import made into messages.
    FoldCopiedMessages,
    ToggleBranches,
    ToggleInlineAnnotations,
    ScaleOrdinal,
    ScaleTime,
    ScaleCompressed,
    ToggleUtc,
    ToggleMinimap,
    FocusLane,
    ShowAllLanes,
    Present,
    FitView,
    ZoomIn,
    ZoomOut,
    ActualSize,
    ThemeSystem,
    ThemeLight,
    ThemeDark,
    CommandPalette,
}

/// The menu a command appears in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Menu {
    File,
    Edit,
    /// Adding what people thought, felt and saw, and the options they had.
    Annotate,
    View,
    /// Shortcut-only aliases (Ctrl+Y for redo), not listed twice.
    Hidden,
}

const NONE: Modifiers = Modifiers::NONE;
const CMD: Modifiers = Modifiers::COMMAND;
const SHIFT: Modifiers = Modifiers::SHIFT;
const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);

impl Command {
    pub const ALL: &'static [Command] = &[
        Command::NewMap,
        Command::Open,
        Command::Import,
        Command::ExportPng,
        Command::ExportSvg,
        Command::ExportMarkdown,
        Command::ExportMermaid,
        Command::ExportPlantUml,
        Command::CopyImage,
        Command::Save,
        Command::SaveAs,
        Command::Undo,
        Command::Redo,
        Command::RedoAlt,
        Command::AddEvent,
        Command::EditTitle,
        Command::AddLane,
        Command::Delete,
        Command::SelectAll,
        Command::Find,
        Command::ArrangeByTime,
        Command::FoldCopiedMessages,
        Command::AddThinking,
        Command::AddFeeling,
        Command::AddSeeing,
        Command::AddQuestion,
        Command::AddNote,
        Command::AddBranch,
        Command::ScaleOrdinal,
        Command::ScaleTime,
        Command::ScaleCompressed,
        Command::ToggleUtc,
        Command::ToggleBranches,
        Command::ToggleInlineAnnotations,
        Command::ToggleMinimap,
        Command::FocusLane,
        Command::ShowAllLanes,
        Command::Present,
        Command::FitView,
        Command::ZoomIn,
        Command::ZoomOut,
        Command::ActualSize,
        Command::ThemeSystem,
        Command::ThemeLight,
        Command::ThemeDark,
        Command::CommandPalette,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Command::NewMap => "New map",
            Command::Open => "Open…",
            Command::Import => "Import timeline (CSV)…",
            Command::ExportPng => "Export PNG…",
            Command::ExportSvg => "Export SVG…",
            Command::ExportMarkdown => "Export Markdown timeline…",
            Command::ExportMermaid => "Export Mermaid diagram…",
            Command::ExportPlantUml => "Export PlantUML diagram…",
            Command::CopyImage => "Copy map as image",
            Command::Save => "Save",
            Command::SaveAs => "Save as…",
            Command::Undo => "Undo",
            Command::Redo | Command::RedoAlt => "Redo",
            Command::Delete => "Delete selection",
            Command::AddEvent => "Add event",
            Command::EditTitle => "Edit title in place",
            Command::AddLane => "Add lane",
            Command::SelectAll => "Select all cards",
            Command::Find => "Find…",
            Command::AddBranch => "Add path not taken",
            Command::AddThinking => "Add thinking",
            Command::AddFeeling => "Add feeling",
            Command::AddSeeing => "Add seeing",
            Command::AddQuestion => "Add question",
            Command::AddNote => "Add note",
            Command::ArrangeByTime => "Arrange by time",
            Command::FoldCopiedMessages => "Fold copied message cards into messages",
            Command::ToggleBranches => "Show paths not taken",
            Command::ToggleInlineAnnotations => "Show annotations under cards",
            Command::ScaleOrdinal => "Ruler: ordinal (your order)",
            Command::ScaleTime => "Ruler: time to scale",
            Command::ScaleCompressed => "Ruler: time, gaps compressed",
            Command::ToggleUtc => "Show times in UTC",
            Command::ToggleMinimap => "Show the map overview",
            Command::FocusLane => "Focus on the selected lane and those it touched",
            Command::ShowAllLanes => "Show all lanes",
            Command::Present => "Present (debrief walk)",
            Command::FitView => "Fit map to window",
            Command::ZoomIn => "Zoom in",
            Command::ZoomOut => "Zoom out",
            Command::ActualSize => "Actual size (100%)",
            Command::ThemeSystem => "Theme: follow system",
            Command::ThemeLight => "Theme: light",
            Command::ThemeDark => "Theme: dark",
            Command::CommandPalette => "Command palette…",
        }
    }

    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let (modifiers, key) = match self {
            Command::NewMap => (CMD, Key::N),
            Command::Open => (CMD, Key::O),
            Command::Import => (CMD, Key::I),
            Command::ExportPng => (CMD, Key::E),
            Command::CopyImage => (CMD_SHIFT, Key::C),
            Command::Save => (CMD, Key::S),
            Command::SaveAs => (CMD_SHIFT, Key::S),
            Command::Undo => (CMD, Key::Z),
            Command::Redo => (CMD_SHIFT, Key::Z),
            Command::RedoAlt => (CMD, Key::Y),
            Command::Delete => (NONE, Key::Delete),
            Command::AddEvent => (NONE, Key::N),
            Command::EditTitle => (NONE, Key::F2),
            Command::AddLane => (CMD_SHIFT, Key::L),
            Command::SelectAll => (CMD, Key::A),
            Command::Find => (CMD, Key::F),
            Command::AddBranch => (NONE, Key::B),
            Command::AddThinking => (NONE, Key::T),
            Command::AddFeeling => (NONE, Key::F),
            Command::AddSeeing => (NONE, Key::S),
            Command::AddQuestion => (NONE, Key::Q),
            Command::AddNote => (NONE, Key::M),
            Command::ToggleBranches => (SHIFT, Key::B),
            Command::ToggleInlineAnnotations => (SHIFT, Key::A),
            Command::ToggleMinimap => (SHIFT, Key::M),
            Command::FitView => (NONE, Key::Home),
            Command::Present => (NONE, Key::F5),
            Command::ZoomIn => (CMD, Key::Plus),
            Command::ZoomOut => (CMD, Key::Minus),
            Command::ActualSize => (CMD, Key::Num0),
            Command::CommandPalette => (CMD, Key::K),
            Command::ThemeSystem
            | Command::ThemeLight
            | Command::ThemeDark
            | Command::ArrangeByTime
            | Command::FoldCopiedMessages
            | Command::ExportSvg
            | Command::ExportMarkdown
            | Command::ExportMermaid
            | Command::ExportPlantUml
            | Command::ScaleOrdinal
            | Command::ScaleTime
            | Command::ScaleCompressed
            | Command::ToggleUtc
            | Command::FocusLane
            | Command::ShowAllLanes => return None,
        };
        Some(KeyboardShortcut::new(modifiers, key))
    }

    pub fn menu(self) -> Menu {
        match self {
            Command::NewMap
            | Command::Open
            | Command::Import
            | Command::ExportPng
            | Command::ExportSvg
            | Command::ExportMarkdown
            | Command::ExportMermaid
            | Command::ExportPlantUml
            | Command::CopyImage
            | Command::Save
            | Command::SaveAs => Menu::File,
            Command::Undo
            | Command::Redo
            | Command::AddEvent
            | Command::EditTitle
            | Command::AddLane
            | Command::Delete
            | Command::SelectAll
            | Command::Find
            | Command::ArrangeByTime
            | Command::FoldCopiedMessages => Menu::Edit,
            Command::AddBranch
            | Command::AddThinking
            | Command::AddFeeling
            | Command::AddSeeing
            | Command::AddQuestion
            | Command::AddNote => Menu::Annotate,
            Command::ScaleOrdinal
            | Command::ScaleTime
            | Command::ScaleCompressed
            | Command::ToggleUtc
            | Command::ToggleBranches
            | Command::ToggleInlineAnnotations
            | Command::ToggleMinimap
            | Command::FocusLane
            | Command::ShowAllLanes
            | Command::Present
            | Command::FitView
            | Command::ZoomIn
            | Command::ZoomOut
            | Command::ActualSize
            | Command::ThemeSystem
            | Command::ThemeLight
            | Command::ThemeDark
            | Command::CommandPalette => Menu::View,
            Command::RedoAlt => Menu::Hidden,
        }
    }

    /// Shortcuts without a modifier (or with only Shift) would swallow typed letters: they
    /// only fire when no text field has the keyboard.
    pub fn needs_free_keyboard(self) -> bool {
        self.shortcut()
            .is_some_and(|s| !s.modifiers.command && !s.modifiers.ctrl && !s.modifiers.alt)
    }

    /// The annotation kind an "Add ..." command adds.
    pub fn annotation_kind(self) -> Option<crate::model::AnnotationKind> {
        use crate::model::AnnotationKind;
        Some(match self {
            Command::AddThinking => AnnotationKind::Thinking,
            Command::AddFeeling => AnnotationKind::Feeling,
            Command::AddSeeing => AnnotationKind::Seeing,
            Command::AddQuestion => AnnotationKind::Question,
            Command::AddNote => AnnotationKind::Note,
            _ => return None,
        })
    }

    /// One of several exclusive choices (the ruler modes), shown as a radio button.
    pub fn is_choice(self) -> bool {
        matches!(
            self,
            Command::ScaleOrdinal | Command::ScaleTime | Command::ScaleCompressed
        )
    }

    /// For commands that switch something on or off (or pick one of several), whether it
    /// is on now; menus show a check mark.
    pub fn is_checked(self, settings: &crate::layout::LayoutSettings) -> Option<bool> {
        use crate::layout::{TimeScale, ZoneChoice};
        Some(match self {
            Command::ToggleBranches => settings.show_branches,
            Command::ToggleInlineAnnotations => settings.annotations_inline,
            Command::ToggleUtc => settings.zone == ZoneChoice::Utc,
            Command::ToggleMinimap => settings.show_minimap,
            Command::ScaleOrdinal => settings.time_scale == TimeScale::Ordinal,
            Command::ScaleTime => settings.time_scale == TimeScale::Time,
            Command::ScaleCompressed => settings.time_scale == TimeScale::Compressed,
            _ => return None,
        })
    }

    /// The shortcut as text for menus and the palette ("Ctrl+Shift+S").
    pub fn shortcut_text(self, ctx: &egui::Context) -> String {
        self.shortcut()
            .map(|s| ctx.format_shortcut(&s))
            .unwrap_or_default()
    }
}

/// Reads this frame's key presses and returns the commands they trigger, consuming them.
/// Commands with more modifiers are checked first, so Ctrl+Shift+S is not taken for Ctrl+S.
pub fn commands_from_keys(ctx: &egui::Context) -> Vec<Command> {
    let keyboard_free = !ctx.egui_wants_keyboard_input();
    let mut ordered: Vec<Command> = Command::ALL.to_vec();
    ordered.sort_by_key(|c| {
        std::cmp::Reverse(c.shortcut().map_or(0, |s| modifier_count(s.modifiers)))
    });
    let mut fired = Vec::new();
    ctx.input_mut(|input| {
        for command in ordered {
            let Some(shortcut) = command.shortcut() else {
                continue;
            };
            if command.needs_free_keyboard() && !keyboard_free {
                continue;
            }
            // While typing, leave Ctrl+Z / Ctrl+A to the text field.
            if !keyboard_free
                && matches!(
                    command,
                    Command::Undo | Command::Redo | Command::RedoAlt | Command::SelectAll
                )
            {
                continue;
            }
            if input.consume_shortcut(&shortcut) {
                fired.push(command);
            }
        }
        if keyboard_free && input.consume_key(NONE, Key::Backspace) {
            fired.push(Command::Delete);
        }
    });
    fired
}

fn modifier_count(modifiers: Modifiers) -> u8 {
    u8::from(modifiers.shift)
        + u8::from(modifiers.command || modifiers.ctrl)
        + u8::from(modifiers.alt)
}
