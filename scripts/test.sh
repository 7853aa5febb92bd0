#!/usr/bin/env bash
# The whole test suite, as CI runs it: set up, lint, then every test on SQLite and on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
scripts/services.sh
export ARVOKETJU_DATA_DIR="${ARVOKETJU_DATA_DIR:-$(mktemp -d)}"
export ARVOKETJU_LANGUAGE=en
.venv/bin/ruff check arvoketju conftest.py bench
.venv/bin/ruff format --check arvoketju conftest.py bench
echo "== tests on SQLite =="
env -u DATABASE_URL .venv/bin/python -m pytest "$@"
echo "== tests on PostgreSQL =="
DATABASE_URL="${ARVOKETJU_TEST_POSTGRES_URL:-postgres://postgres:postgres@127.0.0.1:5432/arvoketju}" \
    .venv/bin/python -m pytest "$@"
