#!/usr/bin/env bash
# Debian's Pango, which WeasyPrint needs to write PDF (the situational report, investment card decks).
# Installs only when it can do so without a password prompt; without it, PDF output says what is missing.
set -uo pipefail
if compgen -G "/usr/lib/*/libpango-1.0.so.0" >/dev/null && compgen -G "/usr/lib/*/libpangoft2-1.0.so.0" >/dev/null; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
    if sudo -n true 2>/dev/null; then SUDO="sudo"; else
        echo "note: Pango (Debian packages libpango-1.0-0, libpangoft2-1.0-0) is not installed; PDF output is unavailable"
        exit 0
    fi
fi
echo "installing Pango (PDF output)"
$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq \
    libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core >/dev/null \
    || echo "note: could not install Pango; PDF output is unavailable"
exit 0
