#!/usr/bin/env bash
# Debian's Finnish morphology (Voikko) for Finnish-aware search. Optional for `make run`: without it
# search falls back to Snowball stemmers. Installs only when it can do so without a password prompt.
set -uo pipefail
if compgen -G "/usr/lib/*/libvoikko.so.1" >/dev/null && [ -d /usr/lib/voikko/5/mor-standard ]; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
    if sudo -n true 2>/dev/null; then SUDO="sudo"; else
        echo "note: Voikko (Debian packages voikko-fi, libvoikko1) is not installed; search uses stemmers"
        exit 0
    fi
fi
echo "installing Voikko (Finnish morphology for search)"
$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq voikko-fi libvoikko1 >/dev/null \
    || echo "note: could not install Voikko; search uses stemmers"
exit 0
