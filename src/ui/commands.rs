//! The one table of user commands: label, keyboard shortcuts, menu, whether it is on (a
//! switch) and whether it can run now. Menus, shortcuts and the command palette all read
//! it, so they cannot drift apart.

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
    /// The iceberg of the map's themes as a PNG.
    ExportIceberg,
    CopyImage,
    /// Shares the map in a live room (hosted here or on a server).
    ShareLive,
    /// Joins someone's live room by its link.
    JoinLive,
    LeaveLive,
    /// The view follows whoever presents in the live session.
    FollowPresenter,
    Save,
    SaveAs,
    Undo,
    Redo,
    /// The selected cards to the clipboard, as Waterline data and as text.
    Copy,
    Cut,
    /// Cards (or chat lines, or spreadsheet rows) from the clipboard.
    Paste,
    /// Copies of the selected cards just after them.
    Duplicate,
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
    /// Codes the selected cards with a theme (a prompt that offers the map's themes).
    ThemeSelection,
    /// The Themes panel: the map's themes with their counts, to rename, merge, highlight.
    ThemesPanel,
    NextThemeMoment,
    PreviousThemeMoment,
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
    PointOfView,
    /// Switches the central area between the map and the iceberg of its themes.
    Iceberg,
    /// The hindsight lens panel: the phrases to revisit.
    LensPanel,
    /// The "Who asked whom" table: each person's and team's contacts.
    WhoAskedWhom,
    NextFinding,
    PreviousFinding,
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
        Command::ExportIceberg,
        Command::CopyImage,
        Command::Save,
        Command::SaveAs,
        Command::ShareLive,
        Command::JoinLive,
        Command::LeaveLive,
        Command::FollowPresenter,
        Command::Undo,
        Command::Redo,
        Command::Copy,
        Command::Cut,
        Command::Paste,
        Command::Duplicate,
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
        Command::ThemeSelection,
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
        Command::PointOfView,
        Command::Iceberg,
        Command::LensPanel,
        Command::ThemesPanel,
        Command::NextThemeMoment,
        Command::PreviousThemeMoment,
        Command::WhoAskedWhom,
        Command::NextFinding,
        Command::PreviousFinding,
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
            Command::ExportIceberg => "Export the iceberg as PNG…",
            Command::CopyImage => "Copy map as image",
            Command::ShareLive => "Share live…",
            Command::JoinLive => "Join live…",
            Command::LeaveLive => "Leave the live session",
            Command::FollowPresenter => "Follow the presenter",
            Command::Save => "Save",
            Command::SaveAs => "Save as…",
            Command::Undo => "Undo",
            Command::Redo => "Redo",
            Command::Copy => "Copy cards",
            Command::Cut => "Cut cards",
            Command::Paste => "Paste",
            Command::Duplicate => "Duplicate cards",
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
            Command::ThemeSelection => "Theme the selected cards…",
            Command::ThemesPanel => "Themes: rename, merge, highlight…",
            Command::NextThemeMoment => "Next moment of the highlighted theme",
            Command::PreviousThemeMoment => "Previous moment of the highlighted theme",
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
            Command::PointOfView => "Point of view: what the selected lane knew",
            Command::Iceberg => "The iceberg: themes above and below the waterline",
            Command::LensPanel => "Show the hindsight lens (language to revisit)",
            Command::WhoAskedWhom => "Who asked whom (contacts table)",
            Command::NextFinding => "Next phrase to revisit",
            Command::PreviousFinding => "Previous phrase to revisit",
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
            Command::Copy => (CMD, Key::C),
            Command::Cut => (CMD, Key::X),
            Command::Paste => (CMD, Key::V),
            Command::Duplicate => (CMD, Key::D),
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
            Command::ThemeSelection => (NONE, Key::G),
            Command::ThemesPanel => (SHIFT, Key::G),
            Command::NextThemeMoment => (NONE, Key::F8),
            Command::PreviousThemeMoment => (SHIFT, Key::F8),
            Command::ToggleBranches => (SHIFT, Key::B),
            Command::ToggleInlineAnnotations => (SHIFT, Key::A),
            Command::ToggleMinimap => (SHIFT, Key::M),
            Command::FitView => (NONE, Key::Home),
            Command::PointOfView => (NONE, Key::V),
            Command::Iceberg => (NONE, Key::I),
            Command::LensPanel => (SHIFT, Key::L),
            Command::WhoAskedWhom => (NONE, Key::W),
            Command::NextFinding => (NONE, Key::F7),
            Command::PreviousFinding => (SHIFT, Key::F7),
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
            | Command::ExportIceberg
            | Command::ScaleOrdinal
            | Command::ScaleTime
            | Command::ScaleCompressed
            | Command::ToggleUtc
            | Command::FocusLane
            | Command::ShowAllLanes
            | Command::ShareLive
            | Command::JoinLive
            | Command::LeaveLive
            | Command::FollowPresenter => return None,
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
            | Command::ExportIceberg
            | Command::CopyImage
            | Command::Save
            | Command::SaveAs
            | Command::ShareLive
            | Command::JoinLive
            | Command::LeaveLive
            | Command::FollowPresenter => Menu::File,
            Command::Undo
            | Command::Redo
            | Command::Copy
            | Command::Cut
            | Command::Paste
            | Command::Duplicate
            | Command::AddEvent
            | Command::EditTitle
            | Command::AddLane
            | Command::Delete
            | Command::SelectAll
            | Command::Find
            | Command::NextFinding
            | Command::PreviousFinding
            | Command::ArrangeByTime
            | Command::FoldCopiedMessages => Menu::Edit,
            Command::AddBranch
            | Command::AddThinking
            | Command::AddFeeling
            | Command::AddSeeing
            | Command::AddQuestion
            | Command::AddNote
            | Command::ThemeSelection => Menu::Annotate,
            Command::ScaleOrdinal
            | Command::ScaleTime
            | Command::ScaleCompressed
            | Command::ToggleUtc
            | Command::ToggleBranches
            | Command::ToggleInlineAnnotations
            | Command::ToggleMinimap
            | Command::FocusLane
            | Command::ShowAllLanes
            | Command::PointOfView
            | Command::Iceberg
            | Command::LensPanel
            | Command::ThemesPanel
            | Command::NextThemeMoment
            | Command::PreviousThemeMoment
            | Command::WhoAskedWhom
            | Command::Present
            | Command::FitView
            | Command::ZoomIn
            | Command::ZoomOut
            | Command::ActualSize
            | Command::ThemeSystem
            | Command::ThemeLight
            | Command::ThemeDark
            | Command::CommandPalette => Menu::View,
        }
    }

    /// Every shortcut of the command: the one shown in menus first, then the others a user
    /// may reach for (Ctrl+Y for redo, Backspace for delete).
    pub fn shortcuts(self) -> impl Iterator<Item = KeyboardShortcut> {
        let other = match self {
            Command::Redo => Some(KeyboardShortcut::new(CMD, Key::Y)),
            Command::Delete => Some(KeyboardShortcut::new(NONE, Key::Backspace)),
            // Brackets step like a pager's; F8 works on layouts where they need AltGr.
            Command::NextThemeMoment => Some(KeyboardShortcut::new(NONE, Key::CloseBracket)),
            Command::PreviousThemeMoment => Some(KeyboardShortcut::new(NONE, Key::OpenBracket)),
            _ => None,
        };
        self.shortcut().into_iter().chain(other)
    }

    /// Whether a text field being typed in has the command's shortcut for itself (undo
    /// of the typing, select all, copy and paste of text).
    fn belongs_to_text_fields(self) -> bool {
        matches!(
            self,
            Command::Undo
                | Command::Redo
                | Command::SelectAll
                | Command::Copy
                | Command::Cut
                | Command::Paste
                | Command::Duplicate
        )
    }

    /// Whether the command changes the map (refused on a read-only map).
    pub fn edits_map(self) -> bool {
        matches!(
            self,
            Command::Undo
                | Command::Redo
                | Command::Delete
                | Command::Cut
                | Command::Paste
                | Command::Duplicate
                | Command::AddEvent
                | Command::EditTitle
                | Command::AddLane
                | Command::AddBranch
                | Command::AddThinking
                | Command::AddFeeling
                | Command::AddSeeing
                | Command::AddQuestion
                | Command::AddNote
                | Command::ThemeSelection
                | Command::ArrangeByTime
                | Command::FoldCopiedMessages
        )
    }

    /// Whether the command works on the map's cards or its view (so the map must be shown):
    /// the edits but undo and redo, finding, zooming and points of view.
    pub fn acts_on_the_map(self) -> bool {
        (self.edits_map() && !matches!(self, Command::Undo | Command::Redo))
            || matches!(
                self,
                Command::Find
                    | Command::Copy
                    | Command::FitView
                    | Command::ZoomIn
                    | Command::ZoomOut
                    | Command::ActualSize
                    | Command::PointOfView
                    | Command::FocusLane
                    | Command::NextFinding
                    | Command::PreviousFinding
            )
    }

    /// Whether the command can run now; menus and the palette grey it out otherwise, and
    /// its shortcut says why instead of running it.
    pub fn is_enabled(self, now: &Availability) -> bool {
        match self {
            _ if self.edits_map() && now.read_only => false,
            Command::Undo => now.can_undo,
            Command::Redo => now.can_redo,
            // Sharing a read-only map would let others edit what this version cannot.
            Command::ShareLive => !now.live && !now.read_only,
            Command::JoinLive => !now.live,
            Command::LeaveLive | Command::FollowPresenter => now.live,
            _ => true,
        }
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

    /// One of several exclusive choices (the ruler modes, the themes), shown as a radio
    /// button.
    pub fn is_choice(self) -> bool {
        matches!(
            self,
            Command::ScaleOrdinal
                | Command::ScaleTime
                | Command::ScaleCompressed
                | Command::ThemeSystem
                | Command::ThemeLight
                | Command::ThemeDark
        )
    }

    /// For commands that switch something on or off (or pick one of several), whether it
    /// is on now; menus and the palette show it.
    pub fn is_checked(self, now: &Switches<'_>) -> Option<bool> {
        use crate::layout::{TimeScale, ZoneChoice};
        use crate::ui::ThemeChoice;
        let settings = now.settings;
        Some(match self {
            Command::ToggleBranches => settings.show_branches,
            Command::ToggleInlineAnnotations => settings.annotations_inline,
            Command::ToggleUtc => settings.zone == ZoneChoice::Utc,
            Command::ToggleMinimap => settings.show_minimap,
            Command::ScaleOrdinal => settings.time_scale == TimeScale::Ordinal,
            Command::ScaleTime => settings.time_scale == TimeScale::Time,
            Command::ScaleCompressed => settings.time_scale == TimeScale::Compressed,
            Command::ThemeSystem => now.theme == ThemeChoice::System,
            Command::ThemeLight => now.theme == ThemeChoice::Light,
            Command::ThemeDark => now.theme == ThemeChoice::Dark,
            Command::PointOfView => now.point_of_view,
            Command::LensPanel => now.lens_panel,
            Command::WhoAskedWhom => now.contacts,
            Command::Iceberg => now.iceberg,
            Command::FollowPresenter => now.following,
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

/// What decides whether switch commands are on: the view's settings and the theme.
#[derive(Clone, Copy)]
pub struct Switches<'a> {
    pub settings: &'a crate::layout::LayoutSettings,
    pub theme: crate::ui::ThemeChoice,
    /// A lane's point of view is shown.
    pub point_of_view: bool,
    /// The hindsight lens panel is open.
    pub lens_panel: bool,
    /// The who-asked-whom table is open.
    pub contacts: bool,
    /// The iceberg is shown in place of the map.
    pub iceberg: bool,
    /// The view follows the live session's presenter.
    pub following: bool,
}

/// What decides whether commands can run.
#[derive(Clone, Copy, Debug, Default)]
pub struct Availability {
    /// The map came from a newer Waterline: it can be looked at and saved as a copy.
    pub read_only: bool,
    pub can_undo: bool,
    pub can_redo: bool,
    /// The map is shared in a live session.
    pub live: bool,
}

impl Availability {
    pub fn of(doc: &crate::document::Document) -> Self {
        Availability {
            read_only: doc.is_read_only(),
            can_undo: doc.undo_label().is_some(),
            can_redo: doc.redo_label().is_some(),
            live: doc.live().is_some(),
        }
    }
}

/// Reads this frame's key presses and returns the commands they trigger, consuming them.
/// Commands with more modifiers are checked first, so Ctrl+Shift+S is not taken for Ctrl+S.
/// Single keys (no Ctrl or Alt) only act when [`super::shortcut_guard`] says the keys are
/// not typing.
pub fn commands_from_keys(ctx: &egui::Context) -> Vec<Command> {
    let keyboard_free = !ctx.egui_wants_keyboard_input();
    let bare_keys = super::shortcut_guard::bare_keys(ctx);
    let mut shortcuts: Vec<(KeyboardShortcut, Command)> = Command::ALL
        .iter()
        .flat_map(|&command| command.shortcuts().map(move |s| (s, command)))
        .collect();
    shortcuts.sort_by_key(|(s, _)| std::cmp::Reverse(modifier_count(s.modifiers)));
    let mut fired = Vec::new();
    ctx.input_mut(|input| {
        for (shortcut, command) in shortcuts {
            let bare =
                !shortcut.modifiers.command && !shortcut.modifiers.ctrl && !shortcut.modifiers.alt;
            if bare && !bare_keys.allow(shortcut.logical_key) {
                continue;
            }
            // While typing, leave Ctrl+Z / Ctrl+A / Ctrl+C and the like to the text field.
            if !keyboard_free && command.belongs_to_text_fields() {
                continue;
            }
            if input.consume_shortcut(&shortcut) {
                fired.push(command);
            }
        }
    });
    fired
}

fn modifier_count(modifiers: Modifiers) -> u8 {
    u8::from(modifiers.shift)
        + u8::from(modifiers.command || modifiers.ctrl)
        + u8::from(modifiers.alt)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two commands on one shortcut: one of them could never be reached by keyboard.
    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen: Vec<(KeyboardShortcut, Command)> = Vec::new();
        for &command in Command::ALL {
            for shortcut in command.shortcuts() {
                if let Some((_, other)) = seen.iter().find(|(s, _)| {
                    s.logical_key == shortcut.logical_key
                        && modifier_count(s.modifiers) == modifier_count(shortcut.modifiers)
                        && s.modifiers.shift == shortcut.modifiers.shift
                        && s.modifiers.alt == shortcut.modifiers.alt
                }) {
                    panic!("{command:?} and {other:?} share a shortcut: {shortcut:?}");
                }
                seen.push((shortcut, command));
            }
        }
    }

    #[test]
    fn a_read_only_map_greys_out_every_edit_but_not_looking_or_saving_a_copy() {
        let now = Availability {
            read_only: true,
            can_undo: true,
            can_redo: true,
            live: false,
        };
        for command in [
            Command::Delete,
            Command::AddEvent,
            Command::Undo,
            Command::ShareLive,
        ] {
            assert!(!command.is_enabled(&now), "{command:?}");
        }
        // Save on a read-only map asks where to save a copy.
        for command in [
            Command::Save,
            Command::SaveAs,
            Command::ExportPng,
            Command::Present,
            Command::Find,
        ] {
            assert!(command.is_enabled(&now), "{command:?}");
        }
        let fresh = Availability::default();
        assert!(!Command::Undo.is_enabled(&fresh) && !Command::Redo.is_enabled(&fresh));
    }

    #[test]
    fn live_commands_are_offered_when_they_make_sense() {
        let alone = Availability::default();
        assert!(Command::ShareLive.is_enabled(&alone) && Command::JoinLive.is_enabled(&alone));
        assert!(
            !Command::LeaveLive.is_enabled(&alone) && !Command::FollowPresenter.is_enabled(&alone)
        );
        let live = Availability {
            live: true,
            ..Availability::default()
        };
        assert!(!Command::ShareLive.is_enabled(&live) && !Command::JoinLive.is_enabled(&live));
        assert!(Command::LeaveLive.is_enabled(&live) && Command::FollowPresenter.is_enabled(&live));
    }

    /// Every switch says whether it is on, and exactly one of each group of choices is.
    #[test]
    fn switches_say_whether_they_are_on_and_one_choice_of_each_group_is() {
        let settings = crate::layout::LayoutSettings::default();
        let now = Switches {
            settings: &settings,
            theme: crate::ui::ThemeChoice::Dark,
            point_of_view: false,
            lens_panel: false,
            contacts: false,
            iceberg: false,
            following: false,
        };
        for &command in Command::ALL {
            let switch = command.label().starts_with("Show ") && command != Command::ShowAllLanes;
            if command.is_choice() || switch {
                assert!(command.is_checked(&now).is_some(), "{command:?}");
            }
        }
        let on = |group: &[Command]| {
            group
                .iter()
                .filter(|c| c.is_checked(&now) == Some(true))
                .count()
        };
        assert_eq!(
            on(&[
                Command::ThemeSystem,
                Command::ThemeLight,
                Command::ThemeDark
            ]),
            1
        );
        assert_eq!(Command::ThemeDark.is_checked(&now), Some(true));
        assert_eq!(
            on(&[
                Command::ScaleOrdinal,
                Command::ScaleTime,
                Command::ScaleCompressed
            ]),
            1
        );
        // Actions are not switches.
        assert_eq!(Command::Save.is_checked(&now), None);
    }
}
