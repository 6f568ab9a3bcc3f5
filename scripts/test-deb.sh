#!/usr/bin/env bash
# Checks the .deb as a user gets it. Packages the debug binary that `cargo test` left
# (scripts/build-deb.sh --reuse-debug: no second build), checks the package's files,
# installs it (as root, with apt-get so its dependencies resolve; otherwise, or when a
# waterline package is already installed, unpacks it into a temporary folder), then runs
# the installed `waterline --version`, a headless PNG export and a Markdown export of a
# map named .waterline, and asks shared-mime-info, where installed, what a map is. A
# package it installed is removed at the end.
#
# .ci/run calls it after `cargo test`. On a dev machine, build first and run it under
# the cargo lock, e.g.
#   CARGO_TARGET_DIR=/work/target-shared flock /tmp/waterline-cargo.lock \
#     sh -c 'cargo build && scripts/test-deb.sh'
# Installs cargo-deb when it is missing (under a minute on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "test-deb: FAILED: $*" >&2; exit 1; }

if ! cargo deb --version >/dev/null 2>&1; then
  echo "== cargo install cargo-deb"
  started=$(date +%s)
  # Pinned, so CI packages the same way every day; no default features: it compresses
  # with the system's xz instead of building liblzma. Unoptimised: it only copies files
  # and runs dpkg's tools, and the build takes 38 s instead of 108 s on 2 cores.
  CARGO_PROFILE_RELEASE_OPT_LEVEL=0 CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_DEBUG=false \
    cargo install cargo-deb --version 3.8.0 --locked --no-default-features --quiet
  echo "cargo-deb installed in $(( $(date +%s) - started )) s"
fi

target_dir=${CARGO_TARGET_DIR:-target}
if [ ! -x "$target_dir/debug/waterline" ]; then
  echo "== cargo build (no debug binary to package)"
  cargo build --bin waterline
fi

echo "== scripts/build-deb.sh --reuse-debug"
deb=$(scripts/build-deb.sh --reuse-debug)
deb=$(realpath "$deb")

echo "== the package's files"
listing=$(dpkg-deb -c "$deb")
for file in usr/bin/waterline usr/share/applications/waterline.desktop \
            usr/share/mime/packages/waterline.xml \
            usr/share/icons/hicolor/256x256/apps/waterline.png \
            usr/share/icons/hicolor/48x48/apps/waterline.png \
            usr/share/icons/hicolor/scalable/apps/waterline.svg \
            usr/share/doc/waterline/README.md; do
  grep -q " \./$file\$" <<<"$listing" || fail "$file is not in the package"
done
echo "all there: $(grep -c '^-' <<<"$listing") files"

work=$(mktemp -d)
installed=0
# Set before anything is installed, so a failure at any later step still cleans up.
cleanup() {
  if [ "$installed" = 1 ]; then dpkg -r waterline >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
   && ! dpkg-query -W -f='${Status}' waterline 2>/dev/null | grep -q 'ok installed'; then
  echo "== apt-get install $deb"
  export DEBIAN_FRONTEND=noninteractive
  # The first install sometimes fails on a dpkg archive error on these machines: retry once.
  apt-get install -y -qq --no-install-recommends "$deb" >/dev/null \
    || apt-get install -y -qq --no-install-recommends "$deb" >/dev/null \
    || fail "apt-get could not install the package"
  installed=1
  bin=/usr/bin/waterline
  # Asked of dpkg, not PATH: a `cargo install`ed waterline may come first on PATH.
  dpkg -L waterline | grep -qx "$bin" || fail "the package did not install $bin"
  [ -x "$bin" ] || fail "$bin is not executable"
else
  echo "== not installing (not root, or a waterline package is installed): unpacking"
  dpkg-deb -x "$deb" "$work/root"
  bin="$work/root/usr/bin/waterline"
fi
echo "== waterline --version"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
said=$("$bin" --version)
echo "$said"
[ "$said" = "waterline $version" ] || fail "expected 'waterline $version'"

echo "== headless export with the installed binary"
"$bin" export sample_maps/checkout-outage.json --png "$work/map.png"
[ "$(head -c 8 "$work/map.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] \
  || fail "the export is not a PNG"
echo "PNG of $(stat -c %s "$work/map.png") bytes"
cp sample_maps/small.json "$work/review.waterline"
"$bin" export "$work/review.waterline" --markdown "$work/review.md"
grep -q "Small test map" "$work/review.md" || fail "a .waterline map did not export"

if command -v desktop-file-validate >/dev/null 2>&1; then
  echo "== desktop-file-validate"
  desktop-file-validate packaging/waterline.desktop || fail "the desktop file is not valid"
fi

if [ "$installed" = 1 ] && [ -f /usr/share/mime/mime.cache ] && command -v gio >/dev/null 2>&1; then
  # gio reads shared-mime-info as file managers do: by name for .waterline, by the
  # "format" field for a map saved as .json, and other JSON stays JSON.
  echo "== MIME types (gio)"
  echo '{"some": "other json"}' > "$work/other.json"
  cp sample_maps/small.json "$work/review.json"
  for case in review.waterline:application/x-waterline-map \
              review.json:application/x-waterline-map other.json:application/json; do
    file=${case%%:*} want=${case#*:}
    type=$(gio info -a standard::content-type "$work/$file" | sed -n 's/.*standard::content-type: //p')
    echo "$file: $type"
    [ "$type" = "$want" ] || fail "$file is $type, not $want"
  done
elif [ "$installed" = 1 ] && command -v xdg-mime >/dev/null 2>&1 \
   && [ -f /usr/share/mime/mime.cache ]; then
  echo "== xdg-mime query filetype"
  type=$(xdg-mime query filetype "$work/review.waterline")
  echo "review.waterline: $type"
  [ "$type" = application/x-waterline-map ] || fail "a .waterline file is $type"
else
  echo "== MIME type not checked (not installed, or no shared-mime-info/gio/xdg-utils here)"
fi
echo "test-deb: the package installs, runs and exports"
