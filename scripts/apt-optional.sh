#!/usr/bin/env bash
# Install Debian packages that `make run` can do without, when that needs no password prompt.
# Usage: scripts/apt-optional.sh "WHAT IT IS FOR" "WITHOUT IT" PACKAGE...
set -uo pipefail
purpose=$1 fallback=$2
shift 2
SUDO=""
if [ "$(id -u)" != 0 ]; then
    if sudo -n true 2>/dev/null; then SUDO="sudo"; else
        echo "note: $purpose (Debian packages $*) is not installed; $fallback"
        exit 0
    fi
fi
echo "installing $purpose"
$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null \
    || echo "note: could not install $purpose; $fallback"
exit 0
