//! The measurements, the same for every library, and the table they make.

use crate::peer::Peer;
use crate::shape::{Edit, Shape, random_edits, to_map};
use std::time::{Duration, Instant};
use waterline::model::Map;

const RUNS: usize = 5;

/// One library's numbers.
pub struct Row {
    pub name: &'static str,
    pub load: Duration,
    pub state_bytes: usize,
    pub encode: Duration,
    pub join: Duration,
    pub read: Duration,
    pub edit_local: Duration,
    pub edit_bytes: usize,
    pub edit_apply: Duration,
    pub merge: Duration,
    pub merge_bytes: usize,
    pub merge_equal: bool,
    pub undo: String,
    pub edits_10k: Duration,
    pub bytes_after_edits: usize,
}

pub fn time<T>(f: impl FnOnce() -> T) -> (Duration, T) {
    let start = Instant::now();
    let out = f();
    (start.elapsed(), out)
}

/// The median time of `RUNS` runs, and the last run's result.
pub fn median_of<T>(mut f: impl FnMut() -> (Duration, T)) -> (Duration, T) {
    let mut times = Vec::with_capacity(RUNS);
    let mut last = None;
    for _ in 0..RUNS {
        let (took, out) = f();
        times.push(took);
        last = Some(out);
    }
    times.sort();
    (times[RUNS / 2], last.expect("at least one run"))
}

/// The full state of a document holding the map, as a late joiner gets it.
pub fn state_of<P: Peer>(map: &Map, shape: &Shape) -> Vec<u8> {
    P::load(map, shape, 1).encode()
}

fn same(a: &Map, b: &Map) -> bool {
    serde_json::to_value(a).ok() == serde_json::to_value(b).ok()
}

pub fn run<P: Peer>(map: &Map, shape: &Shape) -> Row {
    eprintln!("measuring {}", P::NAME);
    // 1. Load and encode.
    let (load, mut host) = median_of(|| time(|| P::load(map, shape, 1)));
    let (encode, state) = median_of(|| time(|| host.encode()));
    // 2. A late joiner: decode and apply, then read the whole map back.
    let (join, _) = median_of(|| time(|| P::join(&state, 2)));
    let mut joined = P::join(&state, 2);
    let (read, back) = median_of(|| time(|| to_map(joined.read_json())));
    assert!(
        same(&back, map),
        "{}: the joiner reads the map shared",
        P::NAME
    );
    // 3. One field edit, sent to the joiner. A single edit takes microseconds, so each
    // run is `ROUNDS` edits one after the other (each encoded and applied on its own),
    // and the time is per edit.
    const ROUNDS: u32 = 100;
    let mut edit_locals = Vec::new();
    let mut edit_bytes = 0;
    let mut renames = 0;
    let (edit_apply, _) = median_of(|| {
        let (mut local, mut apply) = (Duration::ZERO, Duration::ZERO);
        for _ in 0..ROUNDS {
            let since = host.version();
            renames += 1;
            let edit = Edit {
                key: "e5000".into(),
                field: "title",
                value: format!("Renamed {renames}"),
            };
            local += time(|| host.edit(&edit)).0;
            let update = host.updates_since(&since);
            edit_bytes = update.len();
            apply += time(|| joined.apply(&update)).0;
        }
        edit_locals.push(local / ROUNDS);
        (apply / ROUNDS, ())
    });
    edit_locals.sort();
    // 4. 1,000 edits on each of two peers offline, then exchanged and merged.
    let mut merge_bytes = 0;
    let mut merge_equal = true;
    let (merge, _) = median_of(|| {
        let mut a = P::join(&state, 3);
        let mut b = P::join(&state, 4);
        let (va, vb) = (a.version(), b.version());
        for edit in random_edits(1_000, map.events.len(), 7, "a") {
            a.edit(&edit);
        }
        for edit in random_edits(1_000, map.events.len(), 11, "b") {
            b.edit(&edit);
        }
        let took = time(|| {
            let to_b = a.updates_since(&va);
            let to_a = b.updates_since(&vb);
            a.apply(&to_a);
            b.apply(&to_b);
            to_b.len() + to_a.len()
        });
        merge_bytes = took.1;
        merge_equal &= same(&to_map(a.read_json()), &to_map(b.read_json()));
        took
    });
    // 5. Undo of one's own edit while the peer edited another field of the same card.
    let undo = undo_check::<P>(&state);
    // 6. Size after 10,000 further edits on one peer.
    let mut busy = P::join(&state, 5);
    let edits = random_edits(10_000, map.events.len(), 13, "busy");
    let (edits_10k, ()) = time(|| edits.iter().for_each(|e| busy.edit(e)));
    let bytes_after_edits = busy.encode().len();
    Row {
        name: P::NAME,
        load,
        state_bytes: state.len(),
        encode,
        join,
        read,
        edit_local: edit_locals[RUNS / 2],
        edit_bytes,
        edit_apply,
        merge,
        merge_bytes,
        merge_equal,
        undo,
        edits_10k,
        bytes_after_edits,
    }
}

/// Peer A renames e5000 while peer B writes its description; both sync; A undoes. Right:
/// the old title back and B's description kept, on both peers.
fn undo_check<P: Peer>(state: &[u8]) -> String {
    let mut a = P::join(state, 6);
    let mut b = P::join(state, 7);
    let (va, vb) = (a.version(), b.version());
    let field = |key: &str, field: &'static str, value: &str| Edit {
        key: key.into(),
        field,
        value: value.into(),
    };
    a.edit(&field("e5000", "title", "A's title"));
    b.edit(&field("e5000", "description", "B's note"));
    let (to_b, to_a) = (a.updates_since(&va), b.updates_since(&vb));
    a.apply(&to_a);
    b.apply(&to_b);
    let before_undo = a.version();
    let (took, undone) = time(|| a.undo());
    let Some(undone) = undone else {
        return "not available".into();
    };
    b.apply(&a.updates_since(&before_undo));
    let right = |map: &Map| {
        map.events
            .by_id(&waterline::model::EventId::new("e5000"))
            .is_some_and(|e| e.title == "Step 5000 of the response" && e.description == "B's note")
    };
    let (ma, mb) = (to_map(a.read_json()), to_map(b.read_json()));
    let verdict = if undone && right(&ma) && right(&mb) {
        "right"
    } else {
        "WRONG"
    };
    format!("{verdict}, {:.2} ms", took.as_secs_f64() * 1e3)
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn us(d: Duration) -> String {
    format!("{:.0} µs", d.as_secs_f64() * 1e6)
}

fn kb(bytes: usize) -> String {
    if bytes < 10_000 {
        format!("{bytes} B")
    } else {
        format!("{:.0} KB", bytes as f64 / 1e3)
    }
}

pub fn print_table(rows: &[Row]) {
    let header: Vec<&str> = rows.iter().map(|r| r.name).collect();
    println!("\n| | {} |", header.join(" | "));
    println!("|---|{}", "---:|".repeat(rows.len()));
    let line = |label: &str, cell: &dyn Fn(&Row) -> String| {
        let cells: Vec<String> = rows.iter().map(cell).collect();
        println!("| {label} | {} |", cells.join(" | "));
    };
    line("1. load: map → fresh doc", &|r| ms(r.load));
    line("1. full state: bytes", &|r| kb(r.state_bytes));
    line("1. full state: encode", &|r| ms(r.encode));
    line("2. late joiner: decode + apply", &|r| ms(r.join));
    line("2. late joiner: read whole map (JSON → Map)", &|r| {
        ms(r.read)
    });
    line("2. late joiner: total", &|r| ms(r.join + r.read));
    line("3. one title edit: local", &|r| us(r.edit_local));
    line("3. one title edit: update bytes", &|r| kb(r.edit_bytes));
    line(
        "3. one title edit: apply on the peer",
        &|r| us(r.edit_apply),
    );
    line("4. 2 × 1,000 offline edits: exchange + merge", &|r| {
        ms(r.merge)
    });
    line("4. … bytes exchanged", &|r| kb(r.merge_bytes));
    line("4. … both ends equal", &|r| {
        if r.merge_equal { "yes" } else { "NO" }.into()
    });
    line("5. undo own edit, peer edited same card", &|r| {
        r.undo.clone()
    });
    line("6. 10,000 further edits (local)", &|r| ms(r.edits_10k));
    line("6. encoded size after load", &|r| kb(r.state_bytes));
    line("6. encoded size after 10k edits", &|r| {
        kb(r.bytes_after_edits)
    });
}
