//! Colours for map content, light and dark. Kind colours keep their hue across themes so a
//! reviewer's eye learns them once.

use crate::model::{AnnotationKind, EventKind, LaneKind};
use egui::Color32;

/// Every colour map content is drawn with.
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    pub dark: bool,
    pub background: Color32,
    pub lane_band: Color32,
    pub lifeline: Color32,
    pub header_fill: Color32,
    pub header_stroke: Color32,
    pub card_fill: Color32,
    pub card_stroke: Color32,
    pub text: Color32,
    pub muted_text: Color32,
    pub link: Color32,
    pub label_fill: Color32,
    pub ruler_fill: Color32,
    /// Paths not taken: the dashed curve and the ghost card's dashed border.
    pub branch: Color32,
    pub branch_text: Color32,
    pub ghost_fill: Color32,
    /// Gap bands: a warm tint, its edges and its words.
    pub gap_fill: Color32,
    pub gap_edge: Color32,
    pub gap_text: Color32,
}

impl Theme {
    pub fn light() -> Self {
        Theme {
            dark: false,
            background: Color32::from_rgb(0xF6, 0xF6, 0xF3),
            lane_band: Color32::from_rgb(0xEE, 0xEE, 0xEA),
            lifeline: Color32::from_rgb(0xB4, 0xB4, 0xAE),
            header_fill: Color32::WHITE,
            header_stroke: Color32::from_rgb(0xC9, 0xC9, 0xC4),
            card_fill: Color32::WHITE,
            card_stroke: Color32::from_rgb(0xC4, 0xC4, 0xBE),
            text: Color32::from_rgb(0x1D, 0x1F, 0x22),
            muted_text: Color32::from_rgb(0x5E, 0x62, 0x68),
            link: Color32::from_rgb(0x2F, 0x5F, 0xA8),
            label_fill: Color32::from_rgba_unmultiplied(0xF6, 0xF6, 0xF3, 0xE8),
            ruler_fill: Color32::from_rgb(0xEC, 0xEC, 0xE7),
            branch: Color32::from_rgb(0xA2, 0xA3, 0x9E),
            branch_text: Color32::from_rgb(0x68, 0x6B, 0x70),
            ghost_fill: Color32::from_rgba_unmultiplied(0xFF, 0xFF, 0xFF, 0x99),
            gap_fill: Color32::from_rgba_unmultiplied(0xE8, 0xA3, 0x3D, 0x1E),
            gap_edge: Color32::from_rgb(0xD6, 0xA2, 0x4E),
            gap_text: Color32::from_rgb(0x7A, 0x4E, 0x00),
        }
    }

    pub fn dark() -> Self {
        Theme {
            dark: true,
            background: Color32::from_rgb(0x1A, 0x1C, 0x20),
            lane_band: Color32::from_rgb(0x21, 0x24, 0x29),
            lifeline: Color32::from_rgb(0x4E, 0x54, 0x5D),
            header_fill: Color32::from_rgb(0x2A, 0x2E, 0x35),
            header_stroke: Color32::from_rgb(0x45, 0x4B, 0x55),
            card_fill: Color32::from_rgb(0x2B, 0x2F, 0x37),
            card_stroke: Color32::from_rgb(0x47, 0x4D, 0x57),
            text: Color32::from_rgb(0xE8, 0xE9, 0xEB),
            muted_text: Color32::from_rgb(0xA6, 0xAB, 0xB3),
            link: Color32::from_rgb(0x7F, 0xAC, 0xEC),
            label_fill: Color32::from_rgba_unmultiplied(0x1A, 0x1C, 0x20, 0xE8),
            ruler_fill: Color32::from_rgb(0x22, 0x25, 0x2A),
            branch: Color32::from_rgb(0x6C, 0x72, 0x7B),
            branch_text: Color32::from_rgb(0xA0, 0xA6, 0xAE),
            ghost_fill: Color32::from_rgba_unmultiplied(0x2B, 0x2F, 0x37, 0x80),
            gap_fill: Color32::from_rgba_unmultiplied(0xF0, 0xAA, 0x3C, 0x1A),
            gap_edge: Color32::from_rgb(0x8F, 0x6A, 0x2A),
            gap_text: Color32::from_rgb(0xF0, 0xC0, 0x70),
        }
    }

    /// For a projector: stronger text, lines and card edges than the editing themes, since
    /// projectors wash out contrast.
    pub fn presentation(dark: bool) -> Self {
        let mut theme = Self::for_dark_mode(dark);
        if dark {
            theme.text = Color32::WHITE;
            theme.muted_text = Color32::from_rgb(0xC8, 0xCC, 0xD2);
            theme.card_stroke = Color32::from_rgb(0x7A, 0x82, 0x8E);
            theme.lifeline = Color32::from_rgb(0x6E, 0x75, 0x80);
        } else {
            theme.background = Color32::WHITE;
            theme.text = Color32::BLACK;
            theme.muted_text = Color32::from_rgb(0x3A, 0x3D, 0x42);
            theme.card_stroke = Color32::from_rgb(0x80, 0x80, 0x7A);
            theme.lifeline = Color32::from_rgb(0x86, 0x86, 0x80);
            theme.branch_text = Color32::from_rgb(0x50, 0x53, 0x58);
        }
        theme
    }

    pub fn for_dark_mode(dark: bool) -> Self {
        if dark { Self::dark() } else { Self::light() }
    }

    /// The accent of an event kind (strip, pill); muted when the kind is unset or unknown.
    pub fn event_kind(&self, kind: Option<&EventKind>) -> Color32 {
        let (light, dark) = match kind {
            Some(EventKind::Alert) => ((0xC6, 0x33, 0x33), (0xF0, 0x6A, 0x6A)),
            Some(EventKind::Observation) => ((0x25, 0x73, 0xB8), (0x62, 0xA8, 0xE8)),
            Some(EventKind::Action) => ((0x1F, 0x85, 0x55), (0x4C, 0xC2, 0x8A)),
            Some(EventKind::Communication) => ((0x7D, 0x4C, 0xBA), (0xB0, 0x8C, 0xF0)),
            Some(EventKind::Decision) => ((0xB0, 0x6C, 0x00), (0xF0, 0xAA, 0x3C)),
            Some(EventKind::System) => ((0x56, 0x62, 0x70), (0x9A, 0xA6, 0xB4)),
            Some(EventKind::Other(_)) | None => return self.muted_text,
        };
        self.pick(light, dark)
    }

    /// The colour of an annotation kind's badge.
    pub fn annotation_kind(&self, kind: &AnnotationKind) -> Color32 {
        let (light, dark) = match kind {
            AnnotationKind::Thinking => ((0x3E, 0x63, 0xC4), (0x86, 0xA6, 0xF2)),
            AnnotationKind::Feeling => ((0xB8, 0x3E, 0x74), (0xEC, 0x8A, 0xB6)),
            AnnotationKind::Seeing => ((0x1B, 0x84, 0x78), (0x5C, 0xCC, 0xBE)),
            AnnotationKind::Question => ((0xA8, 0x5E, 0x00), (0xF0, 0xB0, 0x50)),
            AnnotationKind::Note | AnnotationKind::Other(_) => return self.muted_text,
        };
        self.pick(light, dark)
    }

    /// The accent of a lane kind (header marker).
    pub fn lane_kind(&self, kind: &LaneKind) -> Color32 {
        let (light, dark) = match kind {
            LaneKind::Person => ((0x2F, 0x5F, 0xA8), (0x7F, 0xAC, 0xEC)),
            LaneKind::Team => ((0x7D, 0x4C, 0xBA), (0xB0, 0x8C, 0xF0)),
            LaneKind::System => ((0x56, 0x62, 0x70), (0x9A, 0xA6, 0xB4)),
            LaneKind::External => ((0xB0, 0x6C, 0x00), (0xF0, 0xAA, 0x3C)),
            LaneKind::Other(_) => return self.muted_text,
        };
        self.pick(light, dark)
    }

    fn pick(&self, light: (u8, u8, u8), dark: (u8, u8, u8)) -> Color32 {
        let (r, g, b) = if self.dark { dark } else { light };
        Color32::from_rgb(r, g, b)
    }
}
