#!/usr/bin/env bash
# Builds Waterline's .deb with cargo-deb, from [package.metadata.deb] in Cargo.toml (the
# binary, the desktop file, the MIME type, the icons, the README).
#
#   scripts/build-deb.sh                  a release package: builds with the `dist` profile
#                                         (fat LTO, what a packaged build uses; slow)
#   scripts/build-deb.sh --profile release   the same with another profile
#   scripts/build-deb.sh --reuse-debug    packages target/debug/waterline as it is, with no
#                                         build (CI, after `cargo test` built it): tests the
#                                         packaging, not a package to give anyone
#
# WATERLINE_DEB_REUSE_DEBUG=1 does what --reuse-debug does. The .deb goes to
# $CARGO_TARGET_DIR/debian (target/debian by default); its path is the last line printed.
# Needs cargo-deb: cargo install cargo-deb --locked --no-default-features
# (without its default features it compresses with the system's xz rather than building
# liblzma from C).
set -euo pipefail
cd "$(dirname "$0")/.."

profile=dist
reuse_debug=${WATERLINE_DEB_REUSE_DEBUG:-0}
while [ $# -gt 0 ]; do
  case "$1" in
    --reuse-debug) reuse_debug=1 ;;
    --profile) profile=${2:?--profile needs a name}; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "build-deb: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

if ! cargo deb --version >/dev/null 2>&1; then
  echo "build-deb: cargo-deb is not installed: cargo install cargo-deb --locked --no-default-features" >&2
  exit 1
fi

target_dir=${CARGO_TARGET_DIR:-target}
out_dir="$target_dir/debian"
mkdir -p "$out_dir"
if [ "$reuse_debug" = 1 ]; then
  if [ ! -x "$target_dir/debug/waterline" ]; then
    echo "build-deb: $target_dir/debug/waterline is not built (run cargo build or cargo test first)" >&2
    exit 1
  fi
  # cargo-deb warns that the dev profile is not for releases: true, and this is not one.
  # Stripped (the line tables are for test backtraces) and quickly compressed.
  args=(--no-build --profile dev --strip --fast --quiet)
else
  args=(--profile "$profile" --locked)
fi
# A fresh name each time: a stale .deb of another build is never what gets tested.
rm -f "$out_dir"/waterline_*.deb
cargo deb "${args[@]}" --output "$out_dir" >/dev/null
deb=$(ls "$out_dir"/waterline_*.deb)
echo "build-deb: $(du -h "$deb" | cut -f1) $deb" >&2
echo "$deb"
