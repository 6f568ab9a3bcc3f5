//! Maps built into the binary, so the app opens on a real incident with no setup.

use crate::io::{LoadError, parse_map};
use crate::model::Map;

/// The flagship sample, shown when the app starts without a file.
pub const CHECKOUT_OUTAGE: &str = include_str!("../sample_maps/checkout-outage.json");
/// A tiny map for tests and quick experiments.
pub const SMALL: &str = include_str!("../sample_maps/small.json");
/// A medium map with names in several scripts.
pub const TOKYO_DNS: &str = include_str!("../sample_maps/tokyo-dns.json");

/// The map the app opens with when no file is given.
pub fn startup_map() -> Result<Map, LoadError> {
    parse_map(CHECKOUT_OUTAGE.as_bytes())
}
