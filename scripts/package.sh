#!/usr/bin/env bash
# Builds the Debian package and tests it (docs/packaging.md):
#   1. a Release build without tests in BUILD_DIR (default build-package), then cpack -G DEB;
#      with PACKAGE_FROM_TREE=1, BUILD_DIR is an already configured tree (scripts/test.sh
#      packages its RelWithDebInfo test tree: cpack installs only the install() rules and
#      strips the programs, so the .deb is the same software without a second build);
#   2. checks of what the .deb holds: the programs, the desktop entry and the AppStream
#      metainfo (desktop-file-validate, appstreamcli validate), every icon size, the Depends;
#   3. with --install, or CI=true (and root or sudo): installs it with apt-get, runs the
#      installed /usr/bin/veriframe headless on its embedded default cloud until idle, away
#      from the build tree, checks its automation log, then removes the package again.
# Usage: bash scripts/package.sh [--install | --no-install]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build-package}

install_test=auto
case "${1:-}" in
--install) install_test=yes ;;
--no-install) install_test=no ;;
"") ;;
*)
  echo "usage: bash scripts/package.sh [--install | --no-install]" >&2
  exit 2
  ;;
esac
if [ "$install_test" = auto ]; then
  if [ "${CI:-}" = true ]; then install_test=yes; else install_test=no; fi
fi

step() { echo "-- package: $*"; }
fail() {
  echo "package: FAILED: $*" >&2
  exit 1
}
started=$SECONDS

if [ -n "${PACKAGE_FROM_TREE:-}" ]; then
  [ -f "$BUILD_DIR/CMakeCache.txt" ] || fail "PACKAGE_FROM_TREE: $BUILD_DIR is not a configured tree"
  step "build $BUILD_DIR as configured ($(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$BUILD_DIR/CMakeCache.txt"))"
else
  step "configure and build $BUILD_DIR (Release, no tests)"
  # No tests, so no bench-only seams either (VERIFRAME_BENCH_SEAMS follows VERIFRAME_BUILD_TESTS).
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release -DVERIFRAME_BUILD_TESTS=OFF \
    -DVERIFRAME_BENCH_SEAMS=OFF -DVERIFRAME_CAMSIM=ON >/dev/null
fi
cmake --build "$BUILD_DIR" --parallel "$(nproc)"

step "cpack -G DEB"
rm -f "$BUILD_DIR"/veriframe_*.deb
(cd "$BUILD_DIR" && cpack -G DEB >/dev/null)
debs=("$BUILD_DIR"/veriframe_*.deb)
[ -f "${debs[0]}" ] || fail "cpack made no veriframe_*.deb in $BUILD_DIR"
deb=$(realpath "${debs[0]}")
echo "$deb ($(du -h "$deb" | cut -f1))"

step "contents and metadata"
work=$(mktemp -d)
installed_here=""
SUDO=""
cleanup() {
  if [ -n "$installed_here" ]; then
    echo "-- package: removing the test install"
    $SUDO apt-get remove -y -qq veriframe >/dev/null || echo "package: could not remove veriframe" >&2
  fi
  rm -rf "$work"
}
trap cleanup EXIT
dpkg-deb -x "$deb" "$work/root"
app_id=org.veriframe.Veriframe
version=$(dpkg-deb -f "$deb" Version)
expected=(
  usr/bin/veriframe usr/bin/veriframe-verify usr/bin/veriframe-cloud
  "usr/share/applications/$app_id.desktop" "usr/share/metainfo/$app_id.metainfo.xml"
  "usr/share/icons/hicolor/scalable/apps/$app_id.svg"
  usr/share/doc/veriframe/copyright usr/share/doc/veriframe/changelog.gz
)
for size in 16 32 48 64 128 256 512; do
  expected+=("usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png")
done
for f in "${expected[@]}"; do
  [ -s "$work/root/$f" ] || fail "the package has no $f"
done
# A PNG's IHDR: the signature, then width and height as 32-bit big-endian at bytes 16..23.
png_size() { od -An -tu1 -j16 -N8 "$1" | awk '{print $1*2^24+$2*2^16+$3*2^8+$4 "x" $5*2^24+$6*2^16+$7*2^8+$8}'; }
for size in 16 32 48 64 128 256 512; do
  png="$work/root/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png"
  [ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' ')" = 89504e470d0a1a0a ] || fail "$png is no PNG"
  [ "$(png_size "$png")" = "${size}x${size}" ] || fail "the ${size}x${size} icon is $(png_size "$png")"
done
desktop-file-validate "$work/root/usr/share/applications/$app_id.desktop"
appstreamcli validate --no-net "$work/root/usr/share/metainfo/$app_id.metainfo.xml"
grep -q "<release version=\"$version\"" "$work/root/usr/share/metainfo/$app_id.metainfo.xml" ||
  fail "the metainfo has no <release version=\"$version\">: add the release notes"
grep -q "^License: GPL-3.0+" "$work/root/usr/share/doc/veriframe/copyright" ||
  fail "the copyright file names no licence"
grep -q "<project_license>GPL-3.0-or-later</project_license>" \
  "$work/root/usr/share/metainfo/$app_id.metainfo.xml" || fail "the metainfo names no project licence"
zcat "$work/root/usr/share/doc/veriframe/changelog.gz" | head -1 | grep -q "^veriframe ($version)" ||
  fail "the changelog's first entry is not $version"
# Release hardening (CMakeLists.txt VERIFRAME_HARDEN): PIE, stack protector, full RELRO and
# immediate binding are required of every packaged program. --nocfprotection: Debian 12's own
# crt1.o carries no CET note, so no program linked on it can be marked IBT/SHSTK (the code is
# still compiled with -fcf-protection). Fortified functions are required of veriframe-verify;
# for the others a "no" only warns, since a program whose buffer sizes are all unknown at
# compile time has nothing to fortify.
for prog in veriframe veriframe-verify veriframe-cloud; do
  if ! hardening-check --nocfprotection "$work/root/usr/bin/$prog"; then
    [ "$prog" != veriframe-verify ] && hardening-check --quiet --nocfprotection --nofortify \
      "$work/root/usr/bin/$prog" || fail "$prog lacks a hardening feature"
    echo "package: warning: $prog has no fortified libc call"
  fi
done
dpkg-deb -f "$deb" Package Version Architecture Section Installed-Size Depends Recommends
for dep in libqt6quick6 libssl3 qml6-module-qtquick-controls qml6-module-qtmultimedia \
  libqt6sql6-sqlite; do
  dpkg-deb -f "$deb" Depends | grep -q "\b$dep\b" || fail "Depends lacks $dep"
done

if [ "$install_test" = no ]; then
  step "built and checked in $((SECONDS - started)) s; install test skipped (--install or CI=true runs it)"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  if sudo -n true 2>/dev/null; then
    SUDO="sudo"
  else
    fail "the install test needs root or password-less sudo"
  fi
fi

step "apt-get install ./$(basename "$deb")"
was_installed=""
if dpkg-query -W -f='${Status}' veriframe 2>/dev/null | grep -q "install ok installed"; then
  was_installed=$(dpkg-query -W -f='${Version}' veriframe)
  echo "veriframe $was_installed was installed already: it is replaced and stays installed"
fi
export DEBIAN_FRONTEND=noninteractive
[ -n "$was_installed" ] || installed_here=yes
$SUDO apt-get install -y -qq --no-install-recommends "$deb" >"$work/apt.log" 2>&1 ||
  { cat "$work/apt.log"; fail "apt-get install failed"; }
dpkg-query -W -f='${Status} ${Version}\n' veriframe | grep -q "install ok installed $version" ||
  fail "veriframe $version is not installed"
missing=$(ldd /usr/bin/veriframe /usr/bin/veriframe-verify /usr/bin/veriframe-cloud | grep -c 'not found' || true)
[ "$missing" = 0 ] || fail "the installed programs miss shared libraries"

step "run the installed veriframe headless until idle (embedded default cloud)"
# Away from the source and build trees, with no Qt search paths from the environment: the
# QML module and the translations must come from the binary's own resources.
mkdir -p "$work/run" "$work/xdg-runtime"
chmod 700 "$work/xdg-runtime"
export XDG_RUNTIME_DIR="$work/xdg-runtime"
log="$work/run/automation.jsonl"
run_started=$SECONDS
rc=0
(cd "$work/run" && env -u QML_IMPORT_PATH -u QML2_IMPORT_PATH -u QT_PLUGIN_PATH \
  -u LD_LIBRARY_PATH QT_QPA_PLATFORM=offscreen HOME="$work/run" \
  timeout 600 /usr/bin/veriframe --quit-when-idle --automation-log "$log" \
  --data-dir "$work/run/data" --screenshot "$work/run/window.png" --language fr) ||
  rc=$?
[ "$rc" = 0 ] || fail "/usr/bin/veriframe exited $rc"
grep -q '"type": *"idle"' "$log" || fail "the automation log has no idle record"
grep -q '"type": *"signed_in"' "$log" || fail "the automation log has no signed_in record"
displayed=$(grep -c '"type": *"displayed"' "$log" || true)
[ "$displayed" -gt 0 ] || fail "the installed app displayed nothing"
[ -s "$work/run/window.png" ] || fail "no screenshot"
echo "veriframe: exit 0 in $((SECONDS - run_started)) s, $displayed displayed," \
  "$(grep -c '"type": *"refused"' "$log" || true) refused, idle"
# Kept for a look: what the installed app showed (in French) and its automation log.
cp "$work/run/window.png" "$BUILD_DIR/installed-run.png"
cp "$log" "$BUILD_DIR/installed-run.jsonl"
QT_QPA_PLATFORM=offscreen /usr/bin/veriframe --version
/usr/bin/veriframe-cloud --help >/dev/null
rc=0
/usr/bin/veriframe-verify >/dev/null 2>&1 || rc=$?
[ "$rc" = 2 ] || fail "veriframe-verify without arguments exited $rc, not 2 (usage)"

if [ -n "$installed_here" ]; then
  step "apt-get remove veriframe"
  $SUDO apt-get remove -y -qq veriframe >"$work/apt.log" 2>&1 ||
    { cat "$work/apt.log"; fail "apt-get remove failed"; }
  installed_here=""
  ! dpkg-query -W -f='${Status}' veriframe 2>/dev/null | grep -q "install ok installed" ||
    fail "veriframe is still installed"
  [ ! -e /usr/bin/veriframe ] || fail "/usr/bin/veriframe is still there"
fi
step "built, checked, installed, run and removed in $((SECONDS - started)) s"
