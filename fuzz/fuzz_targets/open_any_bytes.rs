//! Raw bytes through parse, migrate, validate, layout, arrange and save: no panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    waterline::fuzz_target::open_any_bytes(data);
});
