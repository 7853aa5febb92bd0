"""The Finnish and Swedish catalogues translate every message, and hold every message the source has:
a page or message added without its translations fails here, not in front of a Finnish user."""

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]
LANGUAGES = ["fi", "sv"]


def read_catalogue(path: Path) -> dict[tuple[str, str], dict]:
    """The entries of a .po file: (context, msgid) → {"msgstr": [...], "fuzzy": bool}. The header is skipped."""
    entries = {}
    entry: dict = {}
    field = None

    def finish():
        if entry.get("msgid"):
            entries[(entry.get("msgctxt", ""), entry["msgid"])] = entry

    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            finish()
            entry, field = {}, None
        elif line.startswith("#,"):
            entry["fuzzy"] = "fuzzy" in line
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            value = ast.literal_eval(line)
            if field.startswith("msgstr"):
                entry["msgstr"][-1] += value
            else:
                entry[field] += value
        else:
            keyword, value = line.split(" ", 1)
            value = ast.literal_eval(value)
            if keyword.startswith("msgstr"):
                entry.setdefault("msgstr", []).append(value)
                field = "msgstr"
            else:
                entry[keyword] = value
                field = keyword
    return entries


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    entries = read_catalogue(PACKAGE / "locale" / language / "LC_MESSAGES" / "django.po")
    assert len(entries) > 500
    untranslated = [msgid for (_, msgid), entry in entries.items() if not all(entry.get("msgstr", [""]))]
    fuzzy = [msgid for (_, msgid), entry in entries.items() if entry.get("fuzzy")]
    assert not untranslated, f"{language}: {len(untranslated)} untranslated, e.g. {untranslated[:5]}"
    assert not fuzzy, f"{language}: {len(fuzzy)} fuzzy, e.g. {fuzzy[:5]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_survive_translation(language):
    placeholder = re.compile(r"%\(\w+\)[sd]|\{\w*\}")
    entries = read_catalogue(PACKAGE / "locale" / language / "LC_MESSAGES" / "django.po")
    for (_, msgid), entry in entries.items():
        expected = sorted(set(placeholder.findall(msgid)))
        for msgstr in entry["msgstr"]:
            assert sorted(set(placeholder.findall(msgstr))) == expected, (language, msgid, msgstr)


@pytest.mark.skipif(not shutil.which("xgettext"), reason="GNU gettext is installed by scripts/services.sh")
def test_catalogues_hold_every_message_of_the_source(tmp_path):
    """Extract the messages again from a copy of the source and compare with the committed catalogues."""
    copy = tmp_path / "arvoketju"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "static", "migrations"))
    env = {**os.environ, "PYTHONPATH": str(tmp_path), "DJANGO_SETTINGS_MODULE": "arvoketju.settings"}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'unused.sqlite3'}"
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "fi", "--no-obsolete", "-i", "*/tests/*"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    extracted = set(read_catalogue(copy / "locale" / "fi" / "LC_MESSAGES" / "django.po"))
    assert len(extracted) > 500
    committed = set(read_catalogue(PACKAGE / "locale" / "fi" / "LC_MESSAGES" / "django.po"))
    missing = sorted(msgid for _, msgid in extracted - committed)
    assert not missing, f"{len(missing)} messages are not in the catalogues (run makemessages), e.g. {missing[:5]}"
