#!/bin/sh
# Cold release build time and binary size of a least program per library (issue 19).
# Each builds in a target folder of its own, emptied first, so nothing is shared.
# Run from this folder, inside the project's cargo lock:
#   flock /tmp/waterline-cargo.lock sh build_cost.sh
set -eu
base=${CARGO_TARGET_DIR:-/work/target-crdt}/build-cost
for lib in none yrs automerge loro; do
    dir=$base/$lib
    rm -rf "$dir"
    (cd build_cost/$lib && cargo fetch -q)
    start=$(date +%s.%N)
    (cd build_cost/$lib && CARGO_TARGET_DIR=$dir cargo build --release -q)
    end=$(date +%s.%N)
    crates=$(cd build_cost/$lib && cargo tree -e normal,build --prefix none | sed 's/ (\*)//' | sort -u | wc -l)
    size=$(stat -c %s "$dir/release/build_cost_$lib")
    printf '%s: %.0f s, %s crates, binary %s bytes\n' "$lib" "$(echo "$end - $start" | bc)" "$crates" "$size"
done
