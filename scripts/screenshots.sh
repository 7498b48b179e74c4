#!/usr/bin/env bash
# The screenshots in docs/screenshots, made again from the app as it is: the embedded demo
# cloud with foreign entries mixed in (--fault mixup:0.3), desktop (1180x760) and phone
# (390x844), light and dark, English and French, the player in both themes, blocked items
# only, the cameras page and diagnostics (desktop and phone). Each is taken when the app is
# idle (every thumbnail on screen verified or refused). Runs under xvfb-run: the player's
# video is not drawn on the offscreen platform.
#   BUILD_DIR=build bash scripts/screenshots.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
OUT=${1:-docs/screenshots}
APP="$BUILD_DIR/app/veriframe"
[ -x "$APP" ] || { echo "no app at $APP: build it first" >&2; exit 2; }
command -v xvfb-run >/dev/null || { echo "xvfb-run is missing (scripts/install-deps.sh)" >&2; exit 2; }
mkdir -p "$OUT"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# One data directory for every shot: the demo world is built once, and every start shows
# the same events (each one verified again at display).
data="$work/data"

shot() { # NAME SIZE [APP ARGS...]
  local name=$1 size=$2
  shift 2
  xvfb-run -a -s "-screen 0 1400x1000x24 -dpi 96" "$APP" --data-dir "$data" --fault mixup:0.3 \
    --size "$size" --quit-when-idle --screenshot "$OUT/$name.png" "$@" >"$work/$name.log" 2>&1 ||
    { echo "FAIL $name (see below)" >&2; cat "$work/$name.log" >&2; exit 1; }
  echo "$OUT/$name.png"
}

desktop=1180x760
phone=390x844
shot events-desktop-light "$desktop" --theme light --language en
shot events-desktop-dark "$desktop" --theme dark --language en
shot events-desktop-light-fr "$desktop" --theme light --language fr
shot events-phone-light "$phone" --theme light --language en
shot events-phone-dark "$phone" --theme dark --language en
shot events-phone-light-fr "$phone" --theme light --language fr
shot events-phone-dark-fr "$phone" --theme dark --language fr
shot blocked-desktop-light "$desktop" --theme light --language en --blocked-only
shot blocked-phone-dark-fr "$phone" --theme dark --language fr --blocked-only
shot player-desktop-dark "$desktop" --theme dark --language en --play-first-clip
shot player-desktop-light "$desktop" --theme light --language en --play-first-clip
shot player-phone-light-fr "$phone" --theme light --language fr --play-first-clip
shot cameras-desktop-light "$desktop" --theme light --language en --open cameras
shot diagnostics-desktop-light "$desktop" --theme light --language en --diagnostic --open diagnostics
shot diagnostics-phone-dark "$phone" --theme dark --language en --diagnostic --open diagnostics
shot diagnostics-phone-light-fr "$phone" --theme light --language fr --diagnostic --open diagnostics
