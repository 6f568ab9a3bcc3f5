#!/usr/bin/env bash
# Times `waterline export --png` on the peers' synthetic incident, next to PlantUML and
# Mermaid rendering the same incident (../shared/peers/bench_peers.sh), on this machine,
# in one run. The run goes round by round: each round times Waterline once and then each
# peer once, so a machine that speeds up or slows down during the run (these do, by a
# third within minutes) weighs on every tool alike; each tool is timed once the one
# before it has gone (`settle`). Wall time and peak memory, median of
# RUNS rounds, and how many times faster Waterline is than the faster peer. Not in CI.
#
#   scripts/bench-export.sh [N...]          default: 50 200 1000 5000
#   RUNS=5 PEERS=1 SHARED=../shared scripts/bench-export.sh 200
#
# PEERS=0 skips the peer tools (install them with $SHARED/peers/install_peers.sh).
# WATERLINE=path/to/waterline times that binary instead of building the release one (a
# copy: other checkouts sharing a target directory overwrite release/waterline).
set -euo pipefail
cd "$(dirname "$0")/.."
shared="${SHARED:-../shared}"
runs="${RUNS:-3}"
peers="${PEERS:-1}"
sizes=("${@:-50 200 1000 5000}")
read -r -a sizes <<<"${sizes[*]}"
out="${OUT:-$(mktemp -d)}"
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
chmod 700 "$XDG_RUNTIME_DIR"
bin="${WATERLINE:-}"
if [ -z "$bin" ]; then
    # Where other builds share the machine they take this lock: wait for it, not race them.
    lock=/tmp/waterline-cargo.lock
    if [ -e "$lock" ] && command -v flock >/dev/null; then
        flock "$lock" cargo build --release --quiet
    else
        cargo build --release --quiet
    fi
    bin="${CARGO_TARGET_DIR:-$PWD/target}/release/waterline"
fi
measure="$shared/peers/peer_measure.py"

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }

# Before each tool is timed: wait until the tool before it has gone (headless Chromium
# outlives mmdc by a second or more, the JVM's memory takes a moment to be given back),
# so no tool is timed in another's aftermath. Then a second's pause for the page cache.
settle() {
    for _ in $(seq 50); do
        pgrep -x chromium >/dev/null || pgrep -x java >/dev/null || break
        sleep 0.2
    done
    sleep 1
}

printf 'N\ttool\tmedian_wall_s\tmedian_peak_mb\tfailed_runs\tpng\n'
for n in "${sizes[@]}"; do
    dir="$out/n$n"
    mkdir -p "$dir"
    python3 "$shared/peers/gen_peer_diagrams.py" "$n" 8 --out "$dir" >/dev/null
    "$bin" import "$dir/incident_n${n}_l8.csv" -o "$dir/map.json" --force >/dev/null 2>&1
    : >"$dir/rounds.tsv"
    for round in $(seq "$runs"); do
        settle
        line=$(python3 "$measure" run "$dir/time.txt" -- \
            "$bin" export "$dir/map.json" --png "$dir/waterline.png" 2>/dev/null | tail -1)
        wall=$(sed -n 's/.*wall_s=\([0-9.]*\).*/\1/p' <<<"$line")
        rss=$(sed -n 's/.*maxrss_kb=\([0-9]*\).*/\1/p' <<<"$line")
        tree=$(sed -n 's/.*tree_peak_kb=\([0-9]*\).*/\1/p' <<<"$line")
        # One process: its maximum resident size is exact; the tree is sampled every
        # 0.1 s, which a short run can fall between.
        peak=$(( (rss > tree ? rss : tree) / 1024 ))
        printf 'waterline\t%s\t%s\t0\n' "$wall" "$peak" >>"$dir/rounds.tsv"
        if [ "$peers" = 1 ]; then
            for tool in plantuml mermaid; do
                settle
                TOOLS=$tool RUNS=1 bash "$shared/peers/bench_peers.sh" "$n" "$dir/peers-$round-$tool" \
                    >"$dir/peers-$round-$tool.log" 2>&1 || true
                tail -n +2 "$dir/peers-$round-$tool/summary.tsv" 2>/dev/null |
                    awk -F'\t' '{ printf "%s\t%s\t%s\t%s\n", $1, $6, $8, $5 }' >>"$dir/rounds.tsv" || true
            done
        fi
    done
    for tool in waterline plantuml mermaid; do
        grep -q "^$tool" "$dir/rounds.tsv" || continue
        failed=$(awk -F'\t' -v t="$tool" '$1 == t { f += $4 } END { print f + 0 }' "$dir/rounds.tsv")
        wall=$(awk -F'\t' -v t="$tool" '$1 == t && $4 == 0 { print $2 }' "$dir/rounds.tsv" | median)
        peak=$(awk -F'\t' -v t="$tool" '$1 == t && $4 == 0 { print $3 }' "$dir/rounds.tsv" | median)
        case $tool in
            waterline) png="$dir/waterline.png" ;;
            *) png=$(ls "$dir"/peers-*-"$tool"/"$tool"/*.png 2>/dev/null | tail -1 || true) ;;
        esac
        info=missing
        [ -n "$png" ] && [ -f "$png" ] && info=$(python3 "$measure" pnginfo "$png")
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$tool" "${wall:--}" "${peak:--}" "$failed" "$info"
    done
    ours=$(awk -F'\t' '$1 == "waterline" { print $2 }' "$dir/rounds.tsv" | median)
    best_median=$(for tool in plantuml mermaid; do
        awk -F'\t' -v t="$tool" '$1 == t && $4 == 0 { print $2 }' "$dir/rounds.tsv" | median
    done | sort -n | head -1)
    if [ -n "$best_median" ] && [ -n "$ours" ]; then
        printf '%s\tfaster peer / waterline\t%s\n' "$n" \
            "$(awk -v a="$best_median" -v b="$ours" 'BEGIN { printf "%.1fx", a / b }')"
    fi
done
echo "outputs in $out"
