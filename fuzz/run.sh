#!/usr/bin/env bash
# Fuzzes map loading for a given number of executions (default 100000), starting from the
# sample maps. Needs a nightly toolchain (installed with rustup if missing) and cargo-fuzz
# (installed if missing). Not run in CI: a long run takes minutes.
#
#   fuzz/run.sh            # 100000 executions
#   fuzz/run.sh 2000000    # a longer run
#
# A crash is saved under fuzz/artifacts/open_any_bytes/ and the script fails; replay it
# with: cargo +nightly fuzz run open_any_bytes fuzz/artifacts/open_any_bytes/<file>
set -euo pipefail
runs="${1:-100000}"
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/.."

rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

corpus="$here/corpus/open_any_bytes"
mkdir -p "$corpus"
cp sample_maps/*.json tests/migrations/*.json "$corpus/"

# -rss_limit_mb: bounded memory; -timeout: no input may take over a second.
cargo +nightly fuzz run open_any_bytes "$corpus" -- \
    -runs="$runs" -max_len=262144 -rss_limit_mb=2048 -timeout=1
echo "fuzzing: $runs executions, no crash"
