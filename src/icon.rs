//! The app icon for the window and the task bar, embedded so the binary needs no files.

/// The icon drawn from `assets/icon.svg` by `scripts/make-icons.sh`. 256 px, so a
/// high-density task bar still gets a sharp one; desktops scale it down themselves.
const ICON_PNG: &[u8] = include_bytes!("../assets/icons/waterline-256.png");

/// The icon for `ViewportBuilder::with_icon`, or `None` if it could not be decoded (then the
/// window simply has the system's default icon: never a reason not to start).
pub fn app_icon() -> Option<egui::IconData> {
    eframe::icon_data::from_png_bytes(ICON_PNG).ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_embedded_icon_decodes_to_a_square_with_see_through_corners() {
        let icon = super::app_icon().expect("the committed icon PNG decodes");
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
        // The tile has rounded corners: the very corner pixel is transparent, the middle opaque.
        assert_eq!(icon.rgba[3], 0);
        let middle = ((128 * 256 + 128) * 4 + 3) as usize;
        assert_eq!(icon.rgba[middle], 255);
    }
}
