#!/usr/bin/env bash
# The test suite under the sanitizers (docs/sanitizers.md):
#   ASan+UBSan: every target built with -DVERIFRAME_SANITIZE=ON in build-asan, then all of
#               ctest, leak checking on (tests/sanitizers/lsan.supp: third-party frames only);
#   TSan:       only the worker-pool tests built with -DVERIFRAME_TSAN=ON in build-tsan and
#               run (tests/sanitizers/tsan.supp: Qt-internal false positives only).
# Child processes the tests start (veriframe, vf_client_probe, vf_storm_client,
# veriframe-cloud, veriframe-verify) are instrumented too and inherit the options below.
#   scripts/sanitizers.sh               # both
#   scripts/sanitizers.sh --asan-only   # BUILD_DIR (default build-asan)
#   scripts/sanitizers.sh --tsan-only   # BUILD_DIR (default build-tsan)
# ASAN_BUILD_DIR / TSAN_BUILD_DIR name both directories; CTEST_ARGS adds ctest arguments
# (e.g. "-R tst_store"); JOBS (default nproc) is the build and ctest parallelism.
set -euo pipefail
cd "$(dirname "$0")/.."

asan=1
tsan=1
case "${1:-}" in
  --asan-only) tsan=0; ASAN_BUILD_DIR=${ASAN_BUILD_DIR:-${BUILD_DIR:-build-asan}} ;;
  --tsan-only) asan=0; TSAN_BUILD_DIR=${TSAN_BUILD_DIR:-${BUILD_DIR:-build-tsan}} ;;
  "") ;;
  *) echo "usage: $0 [--asan-only|--tsan-only]" >&2; exit 2 ;;
esac
ASAN_BUILD_DIR=${ASAN_BUILD_DIR:-build-asan}
TSAN_BUILD_DIR=${TSAN_BUILD_DIR:-build-tsan}
JOBS=${JOBS:-$(nproc)}
SUPP="$PWD/tests/sanitizers"
read -r -a ctest_extra <<<"${CTEST_ARGS:-}"
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}

# The worker-pool tests: EventSync's pool (tst_sync_failures, tst_client_e2e and its
# vf_client_probe), VerifiedMediaGate and the image provider's pool (tst_image_provider,
# tst_client_e2e), the verifier and its memo shared by threads (tst_trust_state), the
# store used from a QThreadPool (tst_store).
TSAN_TESTS=(tst_sync_failures tst_client_e2e tst_image_provider tst_trust_state tst_store)

# -O1 -g1: sanitizer builds at -O2 -g take gcc about four times as long per file as a normal
# build; -O1 keeps the reports' stacks exact and the run fast enough (docs/sanitizers.md).
configure() { # DIR OPTION [CMAKE ARGS...]
  local dir=$1 option=$2
  shift 2
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG" -DVERIFRAME_BUILD_TESTS=ON \
    -DVERIFRAME_CAMSIM=ON "-D$option=ON" "$@" >/dev/null
}

elapsed() { echo "$(($(date +%s) - $1)) s"; }

report_logs() { # DIR: prints every sanitizer report written there; false if any
  local found=1 f
  for f in "$1"/*; do
    [ -s "$f" ] || continue
    found=0
    echo "---- $f"
    cat "$f"
  done
  return $((1 - found))
}

if ((asan)); then
  echo "== ASan+UBSan: build ($ASAN_BUILD_DIR)"
  t0=$(date +%s)
  # clang: its ASan+UBSan builds are twice as fast as gcc's, and the same tree then holds
  # the libFuzzer targets (scripts/fuzz.sh runs them from it under CI).
  configure "$ASAN_BUILD_DIR" VERIFRAME_SANITIZE -DCMAKE_CXX_COMPILER=clang++
  cmake --build "$ASAN_BUILD_DIR" --parallel "$JOBS"
  echo "ASan+UBSan build: $(elapsed "$t0")"

  echo "== ASan+UBSan: ctest"
  t0=$(date +%s)
  logs=$(realpath -m "$ASAN_BUILD_DIR/sanitizer-logs")
  rm -rf "$logs" && mkdir -p "$logs"
  # Every ASan/LSan/UBSan report goes to $logs (log_path), the tests' children's too, whether
  # or not the test looks at their exit status; a report anywhere fails the run. UBSan's
  # findings also end the process (-fno-sanitize-recover).
  # abort_on_error=0: a finding exits with a failure status, no core dump.
  # detect_stack_use_after_return: gcc instruments for it, the runtime flag turns it on.
  export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1:abort_on_error=0:check_initialization_order=1:strict_init_order=1:detect_stack_use_after_return=1:log_path=$logs/asan:log_exe_name=1}
  export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$SUPP/lsan.supp:print_suppressions=0}
  export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1:log_path=$logs/ubsan:log_exe_name=1}
  status=0
  # -LE a11y: the AT-SPI walk drives four runs of the whole app over D-Bus within its own
  # deadline, meant for the release build (scripts/test.sh runs it); the app's memory and UB
  # under the sanitizers are the e2e tests' (tst_events_tab, tst_app_e2e, tst_player...).
  ctest --test-dir "$ASAN_BUILD_DIR" --output-on-failure --parallel "$JOBS" -LE a11y "${ctest_extra[@]}" ||
    status=$?
  echo "ASan+UBSan ctest: $(elapsed "$t0")"
  report_logs "$logs" || status=1
  ((status == 0)) || exit "$status"
fi

if ((tsan)); then
  echo "== TSan: build the worker-pool tests ($TSAN_BUILD_DIR)"
  t0=$(date +%s)
  configure "$TSAN_BUILD_DIR" VERIFRAME_TSAN
  cmake --build "$TSAN_BUILD_DIR" --parallel "$JOBS" --target "${TSAN_TESTS[@]}"
  echo "TSan build: $(elapsed "$t0")"

  echo "== TSan: run"
  t0=$(date +%s)
  logs=$(realpath -m "$TSAN_BUILD_DIR/sanitizer-logs")
  rm -rf "$logs" && mkdir -p "$logs"
  # ignore_noninstrumented_modules: Qt, glib, SQLite and OpenSSL are not built with TSan;
  # what they do inside themselves (and the synchronisation TSan cannot see there) is left
  # out. die_after_fork=0: after a test has started a child with QProcess (Qt's forkfd),
  # TSan would refuse to let the test start any thread ("starting new threads after
  # multi-threaded fork is not supported"); the child only execs, so nothing is at risk.
  export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1:ignore_noninstrumented_modules=1:die_after_fork=0:suppressions=$SUPP/tsan.supp:print_suppressions=0:log_path=$logs/tsan:log_exe_name=1}
  regex="^($(IFS='|'; echo "${TSAN_TESTS[*]}"))\$"
  status=0
  ctest --test-dir "$TSAN_BUILD_DIR" --output-on-failure --parallel "$JOBS" -R "$regex" \
    "${ctest_extra[@]}" || status=$?
  echo "TSan run: $(elapsed "$t0")"
  report_logs "$logs" || status=1
  ((status == 0)) || exit "$status"
fi
echo "sanitizers: clean"
