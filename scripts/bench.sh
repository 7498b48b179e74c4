#!/usr/bin/env bash
# The benchmark report: runs every benchmark; each prints its figures as ratios measured side
# by side in one run, with their goals, and the report ends with every goal line gathered in
# one summary. Pass --quick for a short smoke run (CI); without it the runs are long enough to
# quote (docs/performance.md). Figures from a sanitizer build are not representative.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
cmake --build "$BUILD_DIR" --target bench_trust bench_camsim bench_cloud bench_sync bench_media bench_app >/dev/null
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for bench in trust camsim cloud sync media app; do
  "$BUILD_DIR/tests/bench/$bench/bench_$bench" "$@" | tee -a "$log"
done
echo
echo "== summary ($(nproc) cores, $(uname -m), load $(cut -d' ' -f1-3 /proc/loadavg))"
grep -E 'goal|req/s|ratio 100-conn' "$log" | sed 's/^ */  /' || true
