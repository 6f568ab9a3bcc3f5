#!/usr/bin/env bash
# Times `waterline export --png` on the peers' synthetic incident, next to PlantUML and
# Mermaid rendering the same incident (../shared/peers/bench_peers.sh), on this machine,
# in one run. Wall time and peak memory, median of RUNS runs. Not in CI.
#
#   scripts/bench-export.sh [N...]          default: 50 200 1000 5000
#   RUNS=3 PEERS=1 SHARED=../shared scripts/bench-export.sh 200
#
# PEERS=0 skips the peer tools (install them with $SHARED/peers/install_peers.sh).
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
cargo build --release --quiet
bin="$PWD/target/release/waterline"
printf 'N\ttool\tmedian_wall_s\tmedian_peak_mb\tpng\n'
for n in "${sizes[@]}"; do
    dir="$out/n$n"
    mkdir -p "$dir"
    python3 "$shared/peers/gen_peer_diagrams.py" "$n" 8 --out "$dir" >/dev/null
    "$bin" import "$dir/incident_n${n}_l8.csv" -o "$dir/map.json" --force >/dev/null 2>&1
    walls=(); peaks=()
    for _ in $(seq "$runs"); do
        line=$(python3 "$shared/peers/peer_measure.py" run "$dir/time.txt" -- \
            "$bin" export "$dir/map.json" --png "$dir/waterline.png" 2>/dev/null | tail -1)
        walls+=("$(sed -n 's/.*wall_s=\([0-9.]*\).*/\1/p' <<<"$line")")
        peaks+=("$(sed -n 's/.*tree_peak_kb=\([0-9]*\).*/\1/p' <<<"$line")")
    done
    wall=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
    peak=$(printf '%s\n' "${peaks[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
    info=$(python3 "$shared/peers/peer_measure.py" pnginfo "$dir/waterline.png")
    printf '%s\twaterline\t%s\t%s\t%s\n' "$n" "$wall" "$((peak / 1024))" "$info"
    if [ "$peers" = 1 ]; then
        RUNS="$runs" bash "$shared/peers/bench_peers.sh" "$n" "$dir/peers" >"$dir/peers.log" 2>&1 || true
        tail -n +2 "$dir/peers/summary.tsv" 2>/dev/null | sed "s/^/peers: /" || true
    fi
done
echo "outputs in $out"
