#!/usr/bin/env bash
# Idle CPU of the real window: opens a generated incident of N events (default 1,000,
# 10,000 and 50,000) in the release build under Xvfb, lets it settle, then reads the
# process's CPU time over a quiet stretch, with the pointer resting on the map. A window
# nobody touches should cost nothing. Not in CI (needs Xvfb, xdotool and python3).
#
#   scripts/idle-cpu.sh [N...]           SETTLE=10 SECONDS_MEASURED=10
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1000 10000 50000}")
read -r -a sizes <<<"${sizes[*]}"
settle="${SETTLE:-10}"
measured="${SECONDS_MEASURED:-10}"
work="$(mktemp -d)"
trap 'kill "${app:-}" "${xvfb:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
export XDG_RUNTIME_DIR="$work/xdg" WATERLINE_DATA_DIR="$work/data"
mkdir -m 700 -p "$XDG_RUNTIME_DIR"
if [[ -e /tmp/waterline-cargo.lock ]]; then
  flock /tmp/waterline-cargo.lock cargo build --release --quiet
else
  cargo build --release --quiet
fi
bin="${CARGO_TARGET_DIR:-$PWD/target}/release/waterline"
display=":$((90 + RANDOM % 9))"
Xvfb "$display" -screen 0 1920x1080x24 >/dev/null 2>&1 &
xvfb=$!
sleep 1
export DISPLAY="$display"
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
hz="$(getconf CLK_TCK)"
printf 'events\tidle_cpu_percent\n'
for n in "${sizes[@]}"; do
  python3 - "$n" >"$work/in.csv" <<'PY'
import sys
n = int(sys.argv[1])
lanes = ["on-call: Alice", "api-gateway", "db-replica", "alerting",
         "k8s-cluster", "db-primary", "status-page", "incident-commander: Bob"]
print("time,lane,to,kind,text")
for i in range(n):
    m = i
    time = "" if i % 10 == 9 else f"2026-01-{1 + m // 1440 % 28:02d}T{m // 60 % 24:02d}:{m % 60:02d}:00Z"
    to = lanes[(i + 3) % 8] if i % 4 == 0 else ""
    print(f"{time},{lanes[i % 8]},{to},action,e{i} restarts the pod")
PY
  "$bin" import "$work/in.csv" -o "$work/map.json" --force >/dev/null 2>&1
  "$bin" "$work/map.json" >/dev/null 2>&1 &
  app=$!
  sleep "$settle"
  xdotool mousemove 600 450 >/dev/null 2>&1 || true
  sleep 2
  before="$(ticks "$app")"
  sleep "$measured"
  after="$(ticks "$app")"
  awk -v n="$n" -v d="$((after - before))" -v hz="$hz" -v s="$measured" \
    'BEGIN { printf "%d\t%.1f\n", n, 100 * d / hz / s }'
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
done
