#!/usr/bin/env bash
# Style gates: clang-format on every C++ file we own, qmllint on every QML file.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t cxx < <(git ls-files --cached --others --exclude-standard '*.cpp' '*.h' 2>/dev/null || find app core tools tests -name '*.cpp' -o -name '*.h')
if ((${#cxx[@]})); then
  clang-format --dry-run --Werror "${cxx[@]}"
fi
mapfile -t qml < <(git ls-files --cached --others --exclude-standard '*.qml' 2>/dev/null)
if ((${#qml[@]})); then
  QMLLINT=$(command -v qmllint6 || command -v qmllint || echo /usr/lib/qt6/bin/qmllint)
  "$QMLLINT" -I "${BUILD_DIR:-build}/qml" "${qml[@]}"
fi
echo "lint: ${#cxx[@]} C++ files formatted, ${#qml[@]} QML files linted"
