#!/usr/bin/env bash
# Times `waterline check` and `waterline export --png` on hostile map files, with the
# release binary: wall time, peak memory (maximum resident set size, from
# /usr/bin/time -v) and exit status of each run, one TSV line each. A run over LIMIT
# seconds (default 300) is stopped and reported with exit status 124. Not in CI.
#
#   scripts/bench-hostile.sh                 make the files in a temporary folder, run all
#   OUT=/tmp/hostile LIMIT=120 scripts/bench-hostile.sh
#   scripts/bench-hostile.sh --files DIR     only write the files into DIR (needs python3
#                                            alone: no build, no binary)
#   BIN=path/to/waterline scripts/bench-hostile.sh
#
# The files (all valid maps, compact JSON, under the 64 MiB file limit):
#   title-5mb.json        the small sample with a 5 MB event title
#   branches-20k.json     the small sample with 20,000 paths not taken off one event
#   unknown-63mib.json    the small sample with 63 MiB of `0,` in an unknown field
#   events-1m.json        1,000,000 events on two lanes (over the 200,000-event limit)
set -euo pipefail
cd "$(dirname "$0")/.."

make_files() {
    mkdir -p "$1"
    python3 - "$1" sample_maps/small.json <<'PY'
import json
import os
import sys

out, sample_path = sys.argv[1], sys.argv[2]
with open(sample_path, encoding="utf-8") as f:
    sample = json.load(f)


def write(name, value):
    with open(os.path.join(out, name), "w", encoding="utf-8") as f:
        json.dump(value, f, ensure_ascii=False, separators=(",", ":"))


# A 5 MB event title.
title = json.loads(json.dumps(sample))
title["events"][0]["title"] = ("all work and no play " * 250_000)[:5_000_000]
write("title-5mb.json", title)

# 20,000 paths not taken off one event: down its lane, and every third one in another.
crowd = json.loads(json.dumps(sample))
origin = crowd["events"][0]
other = next(lane["id"] for lane in crowd["lanes"] if lane["id"] != origin["lane"])
crowd["branches"] = [
    {
        "id": f"b{i}",
        "from": {"event": origin["id"]},
        "lane": other if i % 3 == 2 else origin["lane"],
        "pos": origin.get("pos", 0) + 1 + i,
        "label": f"Option {i}",
    }
    for i in range(20_000)
]
write("branches-20k.json", crowd)

# 63 MiB of `0,` in a field this version does not know (kept and written back).
pairs = 63 * 1024 * 1024 // 2
head = json.dumps(sample, ensure_ascii=False, separators=(",", ":"))
assert head.endswith("}")
with open(os.path.join(out, "unknown-63mib.json"), "w", encoding="utf-8") as f:
    f.write(head[:-1] + ',"unknown_field":[')
    chunk = "0," * (1 << 20)
    left = pairs - 1
    while left > 0:
        n = min(left, 1 << 20)
        f.write(chunk[: 2 * n])
        left -= n
    f.write("0]}")

# 1,000,000 events on two lanes, written as a stream.
with open(os.path.join(out, "events-1m.json"), "w", encoding="utf-8") as f:
    f.write('{"format":"waterline-map","version":2,"title":"A million events",')
    f.write('"lanes":[{"id":"a","name":"A"},{"id":"b","name":"B"}],"events":[')
    for i in range(1_000_000):
        if i:
            f.write(",")
        lane = "a" if i % 2 == 0 else "b"
        f.write(f'{{"id":"e{i}","lane":"{lane}","pos":{i},"title":"Step {i}"}}')
    f.write("]}")
PY
}

if [ "${1:-}" = "--files" ]; then
    make_files "${2:?usage: $0 --files DIR}"
    ls -l "$2"
    exit 0
fi

out="${OUT:-$(mktemp -d)}"
limit="${LIMIT:-300}"
bin="${BIN:-$PWD/target/release/waterline}"
if [ ! -x "$bin" ]; then
    flock /tmp/waterline-cargo.lock cargo build --release --quiet
fi
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
chmod 700 "$XDG_RUNTIME_DIR"
make_files "$out"

# One run under /usr/bin/time -v: prints exit status, wall seconds and peak MB.
measure() {
    local log="$1"
    shift
    local status=0
    /usr/bin/time -v -o "$log" timeout -k 10 "$limit" "$@" >/dev/null 2>&1 || status=$?
    awk -v status="$status" '
        /Elapsed \(wall clock\) time/ {
            n = split($NF, part, ":"); wall = 0
            for (i = 1; i <= n; i++) wall = wall * 60 + part[i]
        }
        /Maximum resident set size/ { peak = $NF / 1024 }
        END { printf "%s\t%.2f\t%.0f\n", status, wall, peak }
    ' "$log"
}

printf 'file\tsize_mb\tcommand\texit\twall_s\tpeak_mb\n'
for file in title-5mb branches-20k unknown-63mib events-1m; do
    map="$out/$file.json"
    size=$(awk -v b="$(stat -c %s "$map")" 'BEGIN { printf "%.1f", b / 1048576 }')
    printf '%s\t%s\tcheck\t%s\n' "$file" "$size" "$(measure "$out/$file.check.time" "$bin" check "$map")"
    rm -f "$out/$file.png"
    printf '%s\t%s\texport --png\t%s\n' "$file" "$size" \
        "$(measure "$out/$file.png.time" "$bin" export "$map" --png "$out/$file.png")"
done
echo "files, /usr/bin/time logs and PNGs in $out" >&2
