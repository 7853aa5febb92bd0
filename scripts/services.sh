#!/usr/bin/env bash
# Make sure what the test suite talks to is installed and running on this machine:
# PostgreSQL on 127.0.0.1:5432, Debian's Chromium for the browser tests, Voikko for Finnish search,
# GNU gettext for the catalogue test.
set -euo pipefail

SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
apt_updated=""
apt_install() {
    if [ -z "$apt_updated" ]; then $SUDO apt-get update -qq; apt_updated=1; fi
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

if ! command -v chromium >/dev/null 2>&1; then
    echo "installing Debian's chromium for the browser tests"
    apt_install chromium
fi

if ! compgen -G "/usr/lib/*/libvoikko.so.1" >/dev/null || [ ! -d /usr/lib/voikko/5/mor-standard ]; then
    echo "installing Voikko (Finnish morphology for search)"
    apt_install voikko-fi libvoikko1
fi

if ! command -v xgettext >/dev/null 2>&1; then
    echo "installing GNU gettext (the test that the catalogues hold every message)"
    apt_install gettext
fi

if ! command -v pg_isready >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
    echo "installing PostgreSQL"
    apt_install postgresql
    fresh_install=1
fi
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    echo "starting PostgreSQL"
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start || $SUDO pg_ctlcluster "$version" main start
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
if [ -n "${fresh_install:-}" ]; then
    # a fresh Debian cluster asks for passwords on TCP: give the postgres role the one the tests use
    $SUDO -u postgres psql -q -c "ALTER USER postgres PASSWORD 'postgres'" 2>/dev/null \
        || su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'postgres'\""
fi
pg_isready -h 127.0.0.1 -p 5432
