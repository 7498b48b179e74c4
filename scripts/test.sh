#!/usr/bin/env bash
# Builds and runs every test: unit tests (ctest), style gates, the Debian package (built,
# checked and, under CI, install-tested), a short fuzzing run of each libFuzzer target under
# ASan+UBSan, and the benchmarks in quick mode (figures only).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}

echo "== build"
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVERIFRAME_BUILD_TESTS=ON \
  -DVERIFRAME_CAMSIM=ON
cmake --build "$BUILD_DIR" --parallel "$(nproc)"

echo "== lint"
BUILD_DIR="$BUILD_DIR" bash scripts/lint.sh

echo "== unit tests"
ctest --test-dir "$BUILD_DIR" --output-on-failure --parallel "$(nproc)"

echo "== package"
# The .deb from a Release build without tests (its own build dir), its metadata checked; under
# CI=true also installed with apt, run headless until idle and removed (scripts/package.sh).
BUILD_DIR="${PACKAGE_BUILD_DIR:-build-package}" bash scripts/package.sh

echo "== fuzz smoke run"
FUZZ_SECONDS=${FUZZ_SECONDS:-15} bash scripts/fuzz.sh

echo "== benchmarks (quick)"
BUILD_DIR="$BUILD_DIR" bash scripts/bench.sh --quick
