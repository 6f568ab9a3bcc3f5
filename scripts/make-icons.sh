#!/usr/bin/env bash
# Makes the app icon's PNGs from assets/icon.svg, at the sizes desktops look for
# (hicolor theme) and the one the window uses. The PNGs are committed, so building
# Waterline or its .deb needs none of these tools; run this only after changing the SVG.
# Needs rsvg-convert (Debian: librsvg2-bin) or ImageMagick's convert with an SVG reader.
set -euo pipefail
cd "$(dirname "$0")/.."

svg=assets/icon.svg
out=assets/icons
mkdir -p "$out"
render() { # size, output
  if command -v rsvg-convert >/dev/null 2>&1; then
    rsvg-convert -w "$1" -h "$1" "$svg" -o "$2"
  elif command -v convert >/dev/null 2>&1; then
    convert -background none -density 384 "$svg" -resize "$1x$1" "$2"
  else
    echo "make-icons: needs rsvg-convert (apt-get install librsvg2-bin) or ImageMagick" >&2
    exit 1
  fi
}
for size in 16 24 32 48 64 128 256 512; do
  render "$size" "$out/waterline-$size.png"
done
echo "make-icons: $(ls "$out" | wc -l) PNGs in $out"
