#!/bin/sh
# Runs a command beside a real Secret Service of its own: a private D-Bus session bus
# (dbus-run-session) with gnome-keyring-daemon's secrets component on it, whose login keyring
# is made and unlocked in a fresh temporary home and deleted afterwards. No desktop is needed
# and it works as root in a container. The person's own keyring is never touched: HOME and
# the XDG folders point into the temporary home, and the desktop variables are cleared so
# QtKeychain takes the Secret Service (not KWallet) as on any non-KDE system.
# The command sees VF_PRIVATE_KEYRING=1 (tests that write to the store insist on it).
# Usage: tests/secrets/with-keyring.sh COMMAND [ARG...]
set -eu
if [ $# -eq 0 ]; then
    echo "usage: $0 COMMAND [ARG...]" >&2
    exit 2
fi
for tool in dbus-run-session gnome-keyring-daemon secret-tool; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "with-keyring.sh: $tool is missing (bash scripts/install-deps.sh)" >&2
        exit 1
    fi
done

home=$(mktemp -d "${TMPDIR:-/tmp}/vf-keyring.XXXXXX")
trap 'rm -rf "$home"' EXIT
trap 'exit 1' INT TERM
mkdir -m 700 "$home/runtime"
export HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" \
    XDG_CACHE_HOME="$home/cache" XDG_RUNTIME_DIR="$home/runtime" VF_PRIVATE_KEYRING=1
unset XDG_CURRENT_DESKTOP DESKTOP_SESSION GNOME_DESKTOP_SESSION_ID KDE_FULL_SESSION \
    GNOME_KEYRING_CONTROL DBUS_SESSION_BUS_ADDRESS

# The daemon leaves with the bus when the command ends (dbus-run-session stops the bus).
# status is kept apart from the trap so the command's own exit status is the script's.
status=0
dbus-run-session -- sh -c '
    set -eu
    # --unlock reads the login keyring'\''s password on stdin, makes that keyring (first run)
    # and unlocks it; --start then puts the secrets component on this bus (its chatter on
    # stderr is dropped: the probe below says whether it answers).
    printf %s vf-test-keyring | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    gnome-keyring-daemon --start --components=secrets >/dev/null 2>&1
    # Ask it for real before relying on it: store, read back and delete a probe item (a locked
    # keyring would want a prompt, which the timeout cuts short).
    printf %s answered |
        timeout 10 secret-tool store --label="with-keyring.sh probe" vf-keyring-probe 1
    if [ "$(timeout 10 secret-tool lookup vf-keyring-probe 1)" != answered ]; then
        echo "with-keyring.sh: gnome-keyring-daemon did not answer on the session bus" >&2
        exit 1
    fi
    timeout 10 secret-tool clear vf-keyring-probe 1
    exec "$@"
' with-keyring "$@" || status=$?
exit "$status"
