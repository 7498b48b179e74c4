#!/usr/bin/env bash
# The command-line demo (no GUI): builds, starts the reference cloud with its demo world and the incident switched on
# (mixup: entries of other accounts slipped into the listing), signs in as the demo user
# and has veriframe-verify judge every thumbnail of the first page. Until the app's Events
# tab lands, this is what it will show: your events verified, the others refused.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
FAULT=${FAULT:-mixup:0.2}
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD_DIR" --parallel "$(nproc)" --target veriframe-verify veriframe-cloud >/dev/null
data=$(mktemp -d)
log="$data/cloud.log"
"$BUILD_DIR/tools/cloud/veriframe-cloud" --listen 127.0.0.1:0 --data "$data" --demo --fault "$FAULT" >"$log" 2>&1 &
cloud=$!
trap 'kill "$cloud" 2>/dev/null; wait "$cloud" 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do
  grep -q '^listening on' "$log" && break
  kill -0 "$cloud" 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.5
done
cat "$log"
url=$(sed -n 's/^listening on //p' "$log")
/usr/bin/python3 scripts/demo_verify.py "$url" "$data" "$BUILD_DIR/app/veriframe-verify" "${DEMO_USER:-alice}"
