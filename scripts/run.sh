#!/usr/bin/env bash
# Set up and run arvoketju on the embedded default: SQLite in the user's data folder, the battery
# dataset loaded, the web app on http://127.0.0.1:8000 (or HOST/PORT from the environment).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/voikko.sh
.venv/bin/arvoketju migrate --verbosity 0
.venv/bin/arvoketju seed battery-fi
exec .venv/bin/arvoketju serve --host "${HOST:-127.0.0.1}" --port "${PORT:-8000}"
