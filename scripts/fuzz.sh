#!/usr/bin/env bash
# Builds the libFuzzer targets with clang + ASan/UBSan, seeds them from a generated PKI and
# events, the cloud's JSON answers and camsim's clips, and runs each one. FUZZ_SECONDS
# (default 30) per target, or FUZZ_RUNS executions.
#   scripts/fuzz.sh                 # CI smoke run
#   FUZZ_RUNS=1000000 FUZZ_SEGMENTS=10 FUZZ_ARGS=-detect_leaks=0 scripts/fuzz.sh   # docs/fuzzing.md's long runs
# FUZZ_TARGETS picks targets (default: all seven, e.g. FUZZ_TARGETS="cose mp4_demux").
# FUZZ_ARGS adds libFuzzer flags. -detect_leaks=0 leaves out libFuzzer's leak check after each
# input that allocated more than it freed (a full heap scan, which the trust core's bounded
# caches trigger on most inputs: 5 times slower); LSan still checks the whole run at exit.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${FUZZ_BUILD_DIR:-build-fuzz}
WORK=${FUZZ_WORK:-$BUILD_DIR/work}
targets=(fuzz_cose fuzz_verifier fuzz_revocation fuzz_revocation_large fuzz_events_json
  fuzz_listing fuzz_mp4_demux fuzz_seeds)
if grep -q "^VERIFRAME_FUZZ_TARGETS:INTERNAL=ON" "$BUILD_DIR/CMakeCache.txt" 2>/dev/null &&
  grep -q "^VERIFRAME_SANITIZE:BOOL=ON" "$BUILD_DIR/CMakeCache.txt"; then
  # FUZZ_BUILD_DIR is scripts/sanitizers.sh's clang ASan+UBSan test tree (as under CI): its
  # fuzz targets are built already, with the same instrumentation.
  echo "fuzz targets from the ASan+UBSan tree $BUILD_DIR"
else
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++ -DVERIFRAME_FUZZ=ON >/dev/null
fi
cmake --build "$BUILD_DIR" --parallel "$(nproc)" --target "${targets[@]}"
# FUZZ_KEEP_CORPUS=1 goes on from the corpora an earlier run left in WORK (long runs in parts);
# otherwise WORK starts empty.
if [ "${FUZZ_KEEP_CORPUS:-0}" = 1 ] && [ -d "$WORK/corpus" ]; then
  find "$WORK" -mindepth 1 -maxdepth 1 ! -name corpus -exec rm -rf {} +
else
  rm -rf "$WORK"
fi
"$BUILD_DIR/tests/fuzz/fuzz_seeds" "$WORK"
export VF_FUZZ_WORLD="$WORK/world"
# Qt may not find a platform or locale here; the fuzzers need neither.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
limit=(-max_total_time="${FUZZ_SECONDS:-30}")
if [ -n "${FUZZ_RUNS:-}" ]; then limit=(-runs="$FUZZ_RUNS"); fi
read -r -a extra <<<"${FUZZ_ARGS:-}"
# FUZZ_SEGMENTS=N runs each target N times in a row, a fresh process each time on the same
# corpus: one long process slows down as ASan's stack depot and quarantine grow (a run of
# fuzz_events_json fell from 3,400 to under 1,000 executions/s within 15 minutes).
segments=${FUZZ_SEGMENTS:-1}
status=0
read -r -a chosen <<<"${FUZZ_TARGETS:-cose verifier revocation revocation_large events_json listing mp4_demux}"
for target in "${chosen[@]}"; do
  if [ ! -x "$BUILD_DIR/tests/fuzz/fuzz_$target" ]; then
    echo "no fuzz target fuzz_$target" >&2
    exit 2
  fi
  mkdir -p "$WORK/corpus/$target"
  echo "== fuzz_$target"
  case "$target" in
    # The seed clips (camsim's, up to 320x180 for 2 s) are about 26 KB.
    mp4_demux) max_len=32768 ;;
    # Revocation lists up to trust.md's 4 MiB (v2), the seeds' largest just under it.
    revocation) max_len=4194304 ;;
    # Recipes that expand into lists of up to 4 MiB, or raw payloads up to 16 KiB.
    revocation_large) max_len=16384 ;;
    # Whole pages of signed entries (about 3.3 KB each; the seeds' largest are 17 KB).
    listing) max_len=32768 ;;
    *) max_len=20000 ;;
  esac
  for ((segment = 1; segment <= segments; ++segment)); do
    log="$WORK/fuzz_$target.log"
    ((segments == 1)) || log="$WORK/fuzz_$target-$segment.log"
    "$BUILD_DIR/tests/fuzz/fuzz_$target" "${limit[@]}" -max_len="$max_len" -timeout=10 \
      -print_final_stats=1 "${extra[@]}" "$WORK/corpus/$target" 2>"$log" || status=$?
    grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ +DONE)" "$log" || true
    if [ "$status" -ne 0 ]; then
      tail -50 "$log"
      echo "fuzz_$target FAILED"
      exit "$status"
    fi
  done
done
echo "fuzzing: all targets ran clean"
