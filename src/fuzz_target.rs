//! The body of the fuzz target (`fuzz/fuzz_targets/open_any_bytes.rs`), kept in the library
//! so a stable test runs it on the sample maps and mutations of them too: any bytes go
//! through parse, migrate and validate, and whatever loads goes through layout in every
//! mode, gap finding, arrange by time, undo, and a save-and-load round trip. None of it
//! may panic, and what loads must save and load back unchanged.

use crate::io::{canonical_bytes, parse_map, parse_map_allowing_newer};
use crate::layout::{LayoutSettings, TimeScale, layout};
use crate::ops::arrange_by_time;
use crate::timeline::find_gaps;

/// Feeds `data` through everything a file reaches. Panics only when an invariant breaks.
pub fn open_any_bytes(data: &[u8]) {
    let _ = parse_map_allowing_newer(data);
    let Ok(map) = parse_map(data) else {
        return;
    };
    for time_scale in TimeScale::ALL {
        for show_branches in [true, false] {
            let settings = LayoutSettings {
                time_scale,
                show_branches,
                annotations_inline: !show_branches,
                ..LayoutSettings::default()
            };
            let geometry = layout(&map, &settings);
            assert!(geometry.bounds.is_finite(), "layout stays finite");
        }
    }
    let _ = find_gaps(&map);
    if let Some(op) = arrange_by_time(&map) {
        let mut arranged = map.clone();
        let undo = op.apply(&mut arranged).expect("arranging fits the map");
        undo.apply(&mut arranged).expect("and undoes");
        assert_eq!(arranged, map, "undo restores the map");
    }
    let bytes = canonical_bytes(&map).expect("a loaded map encodes");
    let again = parse_map(&bytes).expect("a saved map loads");
    assert_eq!(again, map, "save then load gives the same map");
}
