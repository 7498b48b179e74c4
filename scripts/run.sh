#!/usr/bin/env bash
# Builds and starts the app on its embedded default: the reference cloud in-process with
# the demo world, signed in as the demo user, the Events tab open. Arguments go to
# veriframe (e.g. --fault mixup:0.2 to watch the incident being refused live).
# Without a display (no DISPLAY/WAYLAND_DISPLAY) it runs under xvfb-run until idle and
# saves a screenshot instead, so the command also proves itself on a headless machine.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD_DIR" --parallel "$(nproc)" --target veriframe >/dev/null
app="$BUILD_DIR/app/veriframe"
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec "$app" "$@"
fi
shot="${SCREENSHOT:-$PWD/veriframe-screenshot.png}"
log="${AUTOMATION_LOG:-$PWD/veriframe-automation.jsonl}"
echo "No display: running headless under xvfb-run until idle."
xvfb-run -a -s "-screen 0 1280x800x24" "$app" --quit-when-idle --screenshot "$shot" \
  --automation-log "$log" "$@"
echo "Screenshot: $shot"
echo "Automation log: $log ($(grep -c '"displayed"' "$log") displayed, $(grep -c '"refused"' "$log") refused)"
