//! Memory: each library in a process of its own (this binary again), since freed memory of
//! one library would otherwise hide the next one's peak.

use crate::crdt_automerge::Automerge;
use crate::crdt_loro::Loro;
use crate::crdt_yrs::Yrs;
use crate::peer::Peer;
use crate::shape::{Shape, random_edits};

/// The process's resident set (`VmRSS`) in KB, from /proc (Linux only; 0 elsewhere).
fn rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn load_and_edit<P: Peer>() {
    let map = waterline::samples::synthetic(crate::EVENTS, crate::LANES);
    let shape = Shape::of(&map);
    let base = rss_kb();
    let mut doc = P::load(&map, &shape, 1);
    // The map and its shape are the app's own; only the document is counted.
    let loaded = rss_kb();
    for edit in random_edits(10_000, map.events.len(), 13, "busy") {
        doc.edit(&edit);
    }
    let edited = rss_kb();
    println!(
        "{} {} {}",
        loaded.saturating_sub(base),
        edited.saturating_sub(base),
        P::NAME
    );
}

/// Run in the child process: prints "KB-after-load KB-after-edits name".
pub fn child(library: &str) {
    match library {
        "yrs" => load_and_edit::<Yrs>(),
        "automerge" => load_and_edit::<Automerge>(),
        "loro" => load_and_edit::<Loro>(),
        _ => eprintln!("unknown library {library}"),
    }
}

/// Runs each library in a child and prints what it held.
pub fn report() {
    let Ok(me) = std::env::current_exe() else {
        return;
    };
    println!("\nResident memory the document adds (VmRSS, own process each):\n");
    println!("| | after load | after 10k further edits |\n|---|---:|---:|");
    for library in ["yrs", "automerge", "loro"] {
        let Ok(out) = std::process::Command::new(&me)
            .args(["rss", library])
            .output()
        else {
            continue;
        };
        let text = String::from_utf8_lossy(&out.stdout);
        let parts: Vec<&str> = text.trim().splitn(3, ' ').collect();
        if let [loaded, edited, name] = parts[..] {
            let mb = |kb: &str| kb.parse::<f64>().map_or(0.0, |k| k / 1024.0);
            println!("| {name} | {:.0} MB | {:.0} MB |", mb(loaded), mb(edited));
        }
    }
}
