//! What stays readable at a zoom. Text is never drawn smaller than [`MIN_TEXT_PX`] on
//! screen; when zoomed out, cards give up their small print for short titles and then for
//! plain coloured blocks, and the pinned chrome (lane names, ruler times) keeps a readable
//! size of its own on screen instead of shrinking with the map. All of it depends on the
//! zoom alone, so the canvas, presentation and exports draw the same map alike at the same
//! zoom (exports draw at zoom 1, at full detail).

/// No map text is drawn smaller than this on screen (points): smaller text cannot be read,
/// and a reviewer squinting at grey specks learns nothing from them.
pub const MIN_TEXT_PX: f32 = 7.0;

/// A card title's size in scene points (at zoom 1).
pub(super) const TITLE_SIZE: f32 = 13.0;
/// Cards show everything (time, badges, kind, whole title) while their title is at least
/// this big on screen; below it they show a short title, or nothing.
const FULL_TITLE_PX: f32 = 9.0;
// A card at full detail never has its title skipped as too small.
const _: () = assert!(FULL_TITLE_PX >= MIN_TEXT_PX);
/// The size of a zoomed-out card's short title on screen.
pub(super) const SHORT_TITLE_PX: f32 = 10.0;
/// Room a short title needs across a card (screen points): a dozen characters, two or
/// three words, at [`SHORT_TITLE_PX`]. A narrower card is a plain block: a word per line
/// ("Take…", "Start…") says nothing a reviewer can use and only clutters the map.
pub(super) const SHORT_TITLE_MIN_WIDTH: f32 = 5.0 * SHORT_TITLE_PX;

/// A lane name's size in scene points (at zoom 1).
pub(super) const LANE_NAME_SIZE: f32 = 14.5;
/// Lane names never shrink below this on screen, at any zoom.
pub(super) const LANE_NAME_PX: f32 = 11.0;
/// ... except in a column too narrow for a rotated line at [`LANE_NAME_PX`]: then down to
/// this, which still reads.
pub(super) const LANE_NAME_MIN_PX: f32 = 10.0;
/// Below this zoom a header is too narrow for most names across it: names turn to run up
/// the header (a header 216 points wide is then 86 on screen, 14 characters at 11 px).
const ROTATED_BELOW_ZOOM: f32 = 0.4;
/// A zoomed-out header's height on screen: its colour bar and one line of name across it.
const ACROSS_HEADER_PX: f32 = 30.0;
/// ... and with the name running up it: about 18 characters at [`LANE_NAME_PX`].
const ROTATED_HEADER_PX: f32 = 124.0;

/// Ruler times and dates never shrink below this on screen.
pub(super) const RULER_PX: f32 = 10.0;
/// The ruler is never narrower than this on screen: room for "~17:20" and "Tue 31 Jan" at
/// [`RULER_PX`].
const RULER_MIN_WIDTH: f32 = 64.0;

/// Gap bands' words: once their own size is too small, a short summary at this size.
pub(super) const GAP_TEXT_PX: f32 = 10.0;

/// How a card is drawn at a zoom.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum CardDetail {
    /// Everything, scaled with the map.
    Full,
    /// A tinted card with its title's first words at [`SHORT_TITLE_PX`] when the card has
    /// room for them, else a block filled with its kind's colour.
    Short,
}

pub(super) fn card_detail(zoom: f32) -> CardDetail {
    if TITLE_SIZE * zoom >= FULL_TITLE_PX {
        CardDetail::Full
    } else {
        CardDetail::Short
    }
}

/// How a lane header is drawn at a zoom.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum HeaderForm {
    /// Name and kind, scaled with the map.
    Full,
    /// The name across the header at [`LANE_NAME_PX`], the kind in the bar's colour.
    Across,
    /// The name running up a tall narrow header at [`LANE_NAME_PX`].
    Rotated,
}

pub(super) fn header_form(zoom: f32) -> HeaderForm {
    // Like cards, headers keep their full form down to about 70%.
    if LANE_NAME_SIZE * zoom >= LANE_NAME_MIN_PX {
        HeaderForm::Full
    } else if zoom >= ROTATED_BELOW_ZOOM {
        HeaderForm::Across
    } else {
        HeaderForm::Rotated
    }
}

/// Whether lane headers at this zoom show less than the whole name and kind (the canvas
/// then shows them on hover).
pub fn headers_shortened(zoom: f32) -> bool {
    header_form(zoom) != HeaderForm::Full
}

/// The height on screen of a header `scene_height` tall, at a zoom.
pub(super) fn header_height_px(scene_height: f32, zoom: f32) -> f32 {
    let scaled = scene_height * zoom;
    match header_form(zoom) {
        HeaderForm::Full => scaled,
        HeaderForm::Across => scaled.max(ACROSS_HEADER_PX),
        HeaderForm::Rotated => scaled.max(ROTATED_HEADER_PX),
    }
}

/// The width on screen of the ruler, `scene_width` wide, at a zoom.
pub(super) fn ruler_width_px(scene_width: f32, zoom: f32) -> f32 {
    (scene_width * zoom).max(RULER_MIN_WIDTH)
}

/// How far the pinned chrome reaches past the map's own place on screen at a zoom: the
/// ruler to the left of the map, the headers above it (screen points; zero at full size).
/// A view that shows the whole map leaves this much room for them.
pub fn chrome_overhang(settings: &crate::layout::LayoutSettings, zoom: f32) -> egui::Vec2 {
    let ruler = ruler_width_px(settings.ruler_width, zoom) - settings.ruler_width * zoom;
    let header = header_height_px(settings.header_height, zoom) - settings.header_height * zoom;
    egui::vec2(ruler.max(0.0), header.max(0.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detail_falls_with_the_zoom_and_never_below_a_readable_size() {
        assert_eq!(card_detail(1.0), CardDetail::Full);
        assert_eq!(card_detail(0.7), CardDetail::Full);
        assert_eq!(card_detail(0.6), CardDetail::Short);
        assert_eq!(header_form(1.0), HeaderForm::Full);
        assert_eq!(header_form(0.5), HeaderForm::Across);
        assert_eq!(header_form(0.13), HeaderForm::Rotated);
    }

    #[test]
    fn the_chrome_keeps_its_size_on_screen_when_zoomed_out() {
        let settings = crate::layout::LayoutSettings::default();
        assert_eq!(chrome_overhang(&settings, 1.0), egui::Vec2::ZERO);
        assert_eq!(chrome_overhang(&settings, 2.0), egui::Vec2::ZERO);
        let far = chrome_overhang(&settings, 0.13);
        assert!(far.x > 50.0 && far.y > 100.0, "{far:?}");
        assert!(header_height_px(settings.header_height, 0.5) >= ACROSS_HEADER_PX);
    }
}
