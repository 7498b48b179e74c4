#!/usr/bin/env bash
# Builds and runs every test: unit tests (ctest), style gates, the Debian package (built from
# the test tree, checked and, under CI, install-tested), the whole test suite again under
# ASan+UBSan (clang) with a short fuzzing run of each libFuzzer target from that tree, the
# worker-pool tests under TSan, and the benchmarks in quick mode (figures only).
# Ends with the time each step took. SKIP_SANITIZERS=1 leaves out the sanitizer trees.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
ASAN_BUILD_DIR=${ASAN_BUILD_DIR:-build-asan}
TSAN_BUILD_DIR=${TSAN_BUILD_DIR:-build-tsan}
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}

timings=()
step_start=$SECONDS
all_start=$SECONDS
step() { # NAME: closes the previous step's clock and starts NAME's
  if [ -n "${current:-}" ]; then timings+=("$(printf '%-34s %5d s' "$current" $((SECONDS - step_start)))"); fi
  current=$1
  step_start=$SECONDS
  [ -z "$1" ] || echo "== $1"
}
summary() {
  step ""
  echo "== time per step ($(nproc) cores)"
  printf '  %s\n' "${timings[@]}"
  printf '  %-34s %5d s\n' total $((SECONDS - all_start))
}
trap 'status=$?; ((status == 0)) || { failed=$current; summary; echo "FAILED in step: $failed"; }' EXIT

step "build"
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVERIFRAME_BUILD_TESTS=ON \
  -DVERIFRAME_CAMSIM=ON
cmake --build "$BUILD_DIR" --parallel "$(nproc)"

step "lint"
BUILD_DIR="$BUILD_DIR" bash scripts/lint.sh

step "unit tests"
ctest --test-dir "$BUILD_DIR" --output-on-failure --parallel "$(nproc)"

step "package"
# The .deb from the test tree (cpack strips the programs), its metadata checked; under
# CI=true also installed with apt, run headless until idle and removed (scripts/package.sh).
BUILD_DIR="$BUILD_DIR" PACKAGE_FROM_TREE=1 bash scripts/package.sh

if [ -z "${SKIP_SANITIZERS:-}" ]; then
  step "ASan+UBSan: build and test suite"
  ASAN_BUILD_DIR="$ASAN_BUILD_DIR" bash scripts/sanitizers.sh --asan-only

  step "fuzz smoke run (ASan+UBSan tree)"
  FUZZ_BUILD_DIR="$ASAN_BUILD_DIR" FUZZ_SECONDS=${FUZZ_SECONDS:-10} bash scripts/fuzz.sh

  step "TSan: worker-pool tests"
  TSAN_BUILD_DIR="$TSAN_BUILD_DIR" bash scripts/sanitizers.sh --tsan-only
fi

step "benchmarks (quick)"
BUILD_DIR="$BUILD_DIR" bash scripts/bench.sh --quick

summary
