#!/usr/bin/env bash
# Runs every benchmark; each prints its figures as ratios measured side by side in one run.
# Pass --quick for a short smoke run (CI); without it the runs are long enough to quote.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
cmake --build "$BUILD_DIR" --target bench_trust bench_camsim bench_cloud bench_sync bench_media bench_app >/dev/null
"$BUILD_DIR/tests/bench/trust/bench_trust" "$@"
"$BUILD_DIR/tests/bench/camsim/bench_camsim" "$@"
"$BUILD_DIR/tests/bench/cloud/bench_cloud" "$@"
"$BUILD_DIR/tests/bench/sync/bench_sync" "$@"
"$BUILD_DIR/tests/bench/media/bench_media" "$@"
"$BUILD_DIR/tests/bench/app/bench_app" "$@"
