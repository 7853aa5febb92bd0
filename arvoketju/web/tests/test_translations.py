"""The Finnish and Swedish catalogues are complete and compiled."""

import gettext
import re
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"


def po_entries(path: Path) -> list[tuple[str, str, bool]]:
    """(msgid, msgstr, fuzzy) for each active entry of a .po file."""
    entries, text = [], path.read_text(encoding="utf-8")
    for block in text.split("\n\n"):
        if block.lstrip().startswith("#~"):
            continue
        fuzzy = "#, fuzzy" in block or re.search(r"^#,.*fuzzy", block, re.M) is not None
        parts = re.split(r"^msgstr ", block, flags=re.M)
        if len(parts) != 2 or "msgid " not in parts[0]:
            continue
        msgid = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', parts[0].split("msgid ", 1)[1]))
        msgstr = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', parts[1]))
        if msgid:
            entries.append((msgid, msgstr, fuzzy))
    return entries


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_catalogue_is_complete_and_compiled(language):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    entries = po_entries(po)
    assert len(entries) > 300
    assert not [m for m, s, _ in entries if not s], "untranslated messages"
    assert not [m for m, _, f in entries if f], "fuzzy messages"
    compiled = gettext.GNUTranslations(open(po.with_suffix(".mo"), "rb"))
    stale = [m for m, s, _ in entries if "\\" not in m and compiled.gettext(m) == m and s != m]
    assert not stale, f"django.mo is older than django.po: run compilemessages ({stale[:3]})"
