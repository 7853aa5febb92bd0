#!/usr/bin/env bash
# Debian's Pango, which WeasyPrint needs to write PDF (the situational report, investment card decks).
if compgen -G "/usr/lib/*/libpango-1.0.so.0" >/dev/null && compgen -G "/usr/lib/*/libpangoft2-1.0.so.0" >/dev/null; then
    exit 0
fi
exec "$(dirname "$0")/apt-optional.sh" "Pango (PDF output)" "PDF output is unavailable" \
    libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
