#!/usr/bin/env bash
# Renders the sample maps' Mermaid and PlantUML exports with the real tools and fails on
# any error, so the sequence diagrams Waterline writes are known to be accepted. Not in
# CI: it needs PlantUML, Chromium and mermaid-cli, installed by
#   ../shared/peers/install_peers.sh      (or set MMDC / PLANTUML)
#
#   scripts/check-diagrams.sh [OUTDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-$(mktemp -d)}"
mkdir -p "$out"
mmdc="${MMDC:-${XDG_CACHE_HOME:-$HOME/.cache}/waterline-peers/node_modules/.bin/mmdc}"
plantuml="${PLANTUML:-plantuml}"
cargo build --release --quiet
puppeteer="$out/puppeteer.json"
echo '{"args": ["--no-sandbox", "--disable-gpu"]}' > "$puppeteer"
export PUPPETEER_EXECUTABLE_PATH="${PUPPETEER_EXECUTABLE_PATH:-$(command -v chromium)}"
for map in sample_maps/*.json tests/timelines/../migrations/v1-checkout-outage.json; do
    name="$(basename "$map" .json)"
    ./target/release/waterline export "$map" \
        --mermaid "$out/$name.mmd" --plantuml "$out/$name.puml" >/dev/null
    "$mmdc" -q -p "$puppeteer" -i "$out/$name.mmd" -o "$out/$name-mermaid.svg"
    # PlantUML writes an error image and still exits 0 on some errors: check its output.
    log="$("$plantuml" -tsvg -failfast2 "$out/$name.puml" 2>&1 || true)"
    if grep -qi "error\|syntax" <<<"$log" || grep -q "Syntax Error" "$out/$name.svg" 2>/dev/null; then
        echo "PlantUML rejected $name.puml: $log" >&2
        exit 1
    fi
    if grep -q "Syntax Error\|Error line" "$out/$name-mermaid.svg"; then
        echo "Mermaid rejected $name.mmd" >&2
        exit 1
    fi
    echo "$name: Mermaid and PlantUML accept the exports"
done
echo "diagrams in $out"
