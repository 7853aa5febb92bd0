#!/usr/bin/env bash
# The whole test suite, as CI runs it: set up, lint, then every test on SQLite and on PostgreSQL.
# The two engines run side by side (one per core); each one's output is printed when both are done.
# ARVOKETJU_TEST_SERIAL=1 runs them one after the other instead, printing as they go.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
scripts/services.sh
export ARVOKETJU_LANGUAGE=en
.venv/bin/ruff check arvoketju conftest.py bench
.venv/bin/ruff format --check arvoketju conftest.py bench

postgres_url="${ARVOKETJU_TEST_POSTGRES_URL:-postgres://postgres:postgres@127.0.0.1:5432/arvoketju}"
run_sqlite() { ARVOKETJU_DATA_DIR="$(mktemp -d)" env -u DATABASE_URL .venv/bin/python -m pytest "$@"; }
run_postgres() { ARVOKETJU_DATA_DIR="$(mktemp -d)" DATABASE_URL="$postgres_url" .venv/bin/python -m pytest "$@"; }

if [ -n "${ARVOKETJU_TEST_SERIAL:-}" ]; then
    echo "== tests on SQLite =="
    run_sqlite "$@"
    echo "== tests on PostgreSQL =="
    run_postgres "$@"
    exit 0
fi

logs="$(mktemp -d)"
run_sqlite "$@" >"$logs/sqlite.log" 2>&1 &
sqlite_pid=$!
run_postgres "$@" >"$logs/postgres.log" 2>&1 &
postgres_pid=$!
sqlite_status=0
postgres_status=0
wait "$sqlite_pid" || sqlite_status=$?
wait "$postgres_pid" || postgres_status=$?
echo "== tests on SQLite (exit $sqlite_status) =="
cat "$logs/sqlite.log"
echo "== tests on PostgreSQL (exit $postgres_status) =="
cat "$logs/postgres.log"
[ "$sqlite_status" = 0 ] && [ "$postgres_status" = 0 ]
