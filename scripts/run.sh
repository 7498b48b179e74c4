#!/usr/bin/env bash
# Builds, then shows the verifier at work on a freshly minted demo event: verified for its
# owner and for the viewer it was shared with, refused for anyone else and when tampered.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD_DIR" --target veriframe-verify veriframe-demo-event >/dev/null
demo=$(mktemp -d)
trap 'rm -rf "$demo"' EXIT
"$BUILD_DIR/tools/pki/veriframe-demo-event" --out "$demo"
verify() { # user claim media
  local out rc=0
  out=$("$BUILD_DIR/app/veriframe-verify" --device-roots "$demo/trust/device-roots.pem" \
    --owner-authorities "$demo/trust/owner-authorities.pem" --user "$1" \
    --attestation "$demo/attestation.cose" --claim "$demo/$2" --media "$demo/$3" \
    --role thumbnail --event-id evt-0001 --device-id cam-porch-01) || rc=$?
  printf '%-12s %-18s %-22s exit %d  %s\n' "$1" "$2" "$3" "$rc" "$out"
}
verify user-alice claim-owner.cose thumbnail.ppm
verify user-bob claim-viewer.cose thumbnail.ppm
verify user-mallory claim-owner.cose thumbnail.ppm
verify user-alice claim-owner.cose thumbnail-tampered.ppm
