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
  # Unqualified access is info only: Qt 6.4 has no `pragma ComponentBehavior: Bound`, so
  # delegates reach their view's ids unqualified by necessity.
  # The module's resource files tell qmllint what the built module declares (Theme is a
  # singleton); they exist once the QML module has been built.
  b="${BUILD_DIR:-build}"
  resources=()
  for r in "$b"/qml/.rcc/qmake_Veriframe.qrc "$b"/qml/.rcc/veriframe_qml_raw_qml_0.qrc; do
    [ -f "$r" ] && resources+=(--resource "$r")
  done
  "$QMLLINT" --unqualified info -I "$b/qml" "${resources[@]}" "${qml[@]}"
fi
# French is complete: lupdate (the build's veriframe_lupdate target, on a copy so the tree
# stays as committed) finds every string of the sources; none may be unfinished or new.
b="${BUILD_DIR:-build}"
if [ -f "$b/build.ninja" ] || [ -f "$b/Makefile" ]; then
  ts=resources/translations/veriframe_fr.ts
  cp "$ts" "$ts.lint-backup"
  cmake --build "$b" --target veriframe_lupdate >/dev/null
  unfinished=$(grep -c 'type="unfinished"' "$ts" || true)
  mv "$ts.lint-backup" "$ts"
  if [ "$unfinished" != 0 ]; then
    echo "lint: $unfinished French strings have no translation (run: cmake --build $b --target veriframe_lupdate, then translate them in $ts)" >&2
    exit 1
  fi
fi
echo "lint: ${#cxx[@]} C++ files formatted, ${#qml[@]} QML files linted, French complete"
