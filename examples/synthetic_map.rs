//! Writes a synthetic incident of N events over L lanes (`waterline::samples::synthetic`)
//! as a map file, for measuring the command line at sizes no sample reaches:
//!
//!     cargo run --release --example synthetic_map -- 200000 /tmp/n200k.json [LANES]

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(events), Some(out)) = (args.first().and_then(|n| n.parse().ok()), args.get(1)) else {
        eprintln!("usage: synthetic_map EVENTS OUT.json [LANES]");
        return ExitCode::FAILURE;
    };
    let lanes = args.get(2).and_then(|l| l.parse().ok()).unwrap_or(8);
    let map = waterline::samples::synthetic(events, lanes);
    let bytes = match waterline::io::canonical_bytes(&map) {
        Ok(bytes) => bytes,
        Err(err) => {
            eprintln!("synthetic_map: could not encode the map: {err}");
            return ExitCode::FAILURE;
        }
    };
    if let Err(err) = std::fs::write(out, bytes) {
        eprintln!("synthetic_map: could not write {out}: {err}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
