#!/usr/bin/env bash
# Debian's Finnish morphology (Voikko) for Finnish-aware search. Optional for `make run`: without it
# search falls back to Snowball stemmers.
if compgen -G "/usr/lib/*/libvoikko.so.1" >/dev/null && [ -d /usr/lib/voikko/5/mor-standard ]; then
    exit 0
fi
exec "$(dirname "$0")/apt-optional.sh" "Voikko (Finnish morphology for search)" "search uses stemmers" \
    voikko-fi libvoikko1
