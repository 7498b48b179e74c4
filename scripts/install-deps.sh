#!/usr/bin/env bash
# Installs everything Veriframe needs to build, run and test on Debian 12 (bookworm).
# Debian packages only: nothing is downloaded from anywhere else.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config clang libclang-rt-14-dev clang-format lld
  # Qt 6 (6.4.2 on Debian 12 is the floor)
  qt6-base-dev qt6-base-dev-tools qt6-declarative-dev qt6-declarative-dev-tools
  qt6-multimedia-dev qt6-httpserver-dev qt6-websockets-dev qt6-tools-dev qt6-tools-dev-tools
  qt6-l10n-tools qt6-shadertools-dev libqt6sql6-sqlite libqt6svg6 qt6-svg-dev libgl-dev
  qml6-module-qtqml qml6-module-qtqml-models qml6-module-qtqml-workerscript
  qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-templates
  qml6-module-qtquick-layouts qml6-module-qtquick-window qml6-module-qtquick-dialogs
  qml6-module-qtquick-shapes qml6-module-qtmultimedia qml6-module-qttest qml6-module-qtcore
  qml6-module-qt-labs-settings qml6-module-qt-labs-platform qml6-module-qt-labs-folderlistmodel
  # the secret store of the refresh tokens (core/secrets): QtKeychain, and libsecret, which
  # QtKeychain loads at run time (dlopen: nothing depends on it); its tests' real Secret
  # Service (tests/secrets/with-keyring.sh): gnome-keyring on a dbus-run-session bus and
  # secret-tool (dbus-run-session and dbus-send come with dbus-daemon, below)
  qtkeychain-qt6-dev libsecret-1-0 gnome-keyring libsecret-tools
  # crypto, media
  libssl-dev openssl
  libavformat-dev libavcodec-dev libavutil-dev libswscale-dev
  # headless runs and screenshots
  xvfb xauth fonts-dejavu-core python3
  # the AT-SPI walk (tests/a11y): dbus-run-session, the AT-SPI bus, pyatspi
  dbus-daemon at-spi2-core python3-pyatspi
  # packaging (scripts/package.sh): dpkg-shlibdeps for CPack's Depends, the metadata checks
  dpkg-dev desktop-file-utils appstream
  # hardening-check on the packaged programs
  devscripts
)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
# Only touch apt when something is missing, so repeated runs are fast and offline-safe.
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
