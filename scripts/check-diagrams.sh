#!/usr/bin/env bash
# Renders the sample maps' Mermaid and PlantUML exports with the real tools and fails on
# any error, so the sequence diagrams Waterline writes are known to be accepted. Then
# renders tests/hostile/active-content.json (every active-content payload we know of) the
# same way, and its Markdown with marked, and fails if any tool ran map text: an
# environment variable's value, the file's name or folder in a rendered diagram, an
# image PlantUML loaded, a Mermaid directive applied, HTML in the Markdown.
# Not in CI: it needs PlantUML, Chromium and mermaid-cli, installed by
#   ../shared/peers/install_peers.sh      (or set MMDC / PLANTUML; marked comes with
#                                          mermaid-cli, or set MARKED to its folder)
#
#   scripts/check-diagrams.sh [OUTDIR]
# WATERLINE=path/to/waterline uses that binary instead of building the release one.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-$(mktemp -d)}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
peers="${XDG_CACHE_HOME:-$HOME/.cache}/waterline-peers"
mmdc="${MMDC:-$peers/node_modules/.bin/mmdc}"
marked="${MARKED:-$peers/node_modules/marked}"
plantuml="${PLANTUML:-plantuml}"
if [ -z "${WATERLINE:-}" ]; then
    cargo build --release --quiet
    WATERLINE=./target/release/waterline
fi
puppeteer="$out/puppeteer.json"
echo '{"args": ["--no-sandbox", "--disable-gpu"]}' > "$puppeteer"
export PUPPETEER_EXECUTABLE_PATH="${PUPPETEER_EXECUTABLE_PATH:-$(command -v chromium)}"

# Renders one map's diagrams; fails if either tool rejects them.
render() {
    local map="$1" name
    name="$(basename "$map" .json)"
    "$WATERLINE" export "$map" --mermaid "$out/$name.mmd" --plantuml "$out/$name.puml" \
        --markdown "$out/$name.md" >/dev/null
    "$mmdc" -q -p "$puppeteer" -i "$out/$name.mmd" -o "$out/$name-mermaid.svg"
    # PlantUML writes an error image and still exits 0 on some errors: check its output.
    log="$("$plantuml" -tsvg -failfast2 "$out/$name.puml" 2>&1 || true)"
    if grep -qi "error\|syntax" <<<"$log" || grep -qi "Syntax Error\|error has occured" "$out/$name.svg" 2>/dev/null; then
        echo "PlantUML rejected $name.puml: $log" >&2
        exit 1
    fi
    if grep -q "Syntax Error\|Error line" "$out/$name-mermaid.svg"; then
        echo "Mermaid rejected $name.mmd" >&2
        exit 1
    fi
    echo "$name: Mermaid and PlantUML accept the exports"
}

for map in sample_maps/*.json tests/timelines/../migrations/v1-checkout-outage.json; do
    render "$map"
done

# The hostile map, rendered where a secret would show: a canary in the environment.
canary="canary-$RANDOM$RANDOM"
export WATERLINE_CANARY="$canary"
render tests/hostile/active-content.json
h="$out/active-content"
fail() { echo "active content ran: $*" >&2; exit 1; }
for svg in "$h.svg" "$h-mermaid.svg"; do
    grep -qF "$canary" "$svg" && fail "$svg shows \$WATERLINE_CANARY"
    grep -qF "$HOME" "$svg" && fail "$svg shows \$HOME ($HOME)"
    grep -qF "$out" "$svg" && fail "$svg shows the folder it was rendered in"
    grep -qF "active-content.puml" "$svg" && fail "$svg shows the diagram's file name"
    # The text is shown instead, as typed.
    grep -qF '%getenv(' "$svg" || fail "$svg does not show the typed %getenv"
done
grep -q "<image" "$h.svg" && fail "PlantUML loaded an image named in the map"
grep -qF '%%{init' "$h-mermaid.svg" || fail "Mermaid applied the %%{init}%% in the map"
# The Markdown as marked (what reproduced the <img onerror>) renders it to HTML.
node - "$marked" "$h.md" > "$h.html" <<'EOF'
const [markedDir, file] = process.argv.slice(2);
const { marked } = require(markedDir);
process.stdout.write(marked.parse(require("fs").readFileSync(file, "utf8")));
EOF
grep -qiE '<(img|script|iframe|object|embed|svg|a|h[3-6]|blockquote|pre|code|ol)[ >]' "$h.html" \
    && fail "the Markdown renders to HTML from map text: $(grep -oiE '<(img|script|iframe|object|embed|svg|a|h[3-6]|blockquote|pre|code|ol)[ >][^>]*' "$h.html" | head -3)"
rows="$(grep -c '<tr>' "$h.html")"
cells="$(grep -oE '<t[dh][ >]' "$h.html" | wc -l)"
[ "$cells" -eq $((rows * 4)) ] || fail "the Markdown table has $cells cells in $rows rows, not 4 a row"
echo "active-content: no tool ran the map's text (\$WATERLINE_CANARY=$canary, HOME=$HOME)"
echo "diagrams in $out"
