#!/bin/sh
# make a11y: under Xvfb and dbus-run-session, the accessibility bus, the app (venv Python),
# then the listing as a screen reader sees it (Debian's python3, which has pyatspi).
set -u
PYTHON=${1:-.venv/bin/python}
export QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 QT_QPA_PLATFORM=xcb
/usr/libexec/at-spi-bus-launcher --launch-immediately &
BUS=$!
sleep 1
PYTHONPATH=. "$PYTHON" -m tools.a11y.app &
APP=$!
/usr/bin/python3 -m tools.a11y.listing
status=$?
kill "$APP" "$BUS" 2>/dev/null
exit $status
