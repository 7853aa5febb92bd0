"""``arvoketju import cordis --projects F --organizations F [--topics F] [--scivoc F]`` (called by ``import``)."""

import re
import sys
from pathlib import Path

from django.core.management.base import CommandError

from arvoketju.imports.context import NEW
from arvoketju.provenance.services import Actor

from .services import cordis_import

MAX_LISTED = 200


def _read(option: str, value: str | None, required: bool) -> bytes | None:
    if not value:
        if required:
            raise CommandError(f"import cordis needs --{option} FILE")
        return None
    path = Path(value)
    if not path.is_file():
        raise CommandError(f"{value}: no such file")
    return path.read_bytes()


def _progress(phase: str, done: int, total: int):
    print(f"{phase}: {done}/{total} ({done * 100 // max(total, 1)}%)", file=sys.stderr, flush=True)


def import_cordis(command, *, dry_run: bool, match: list[str], new: list[str], **options):
    """Run a CORDIS import from the files named on the command line and print the outcome."""
    files = {
        "projects": _read("projects", options.get("projects"), True),
        "organizations": _read("organizations", options.get("organizations"), True),
        "topics": _read("topics", options.get("topics"), False),
        "scivoc": _read("scivoc", options.get("scivoc"), False),
    }
    decisions = {}
    for item in match:
        found = re.fullmatch(r"\s*(\d{9})\s*=\s*(\S+)\s*", item)
        if not found:
            raise CommandError(f"--match {item}: write PIC=KEY, e.g. --match 999999999=centria")
        decisions[found[1]] = found[2]
    for item in new:
        if not re.fullmatch(r"\d{9}", item.strip()):
            raise CommandError(f"--new {item}: give the organisation's PIC (nine digits)")
        decisions[item.strip()] = NEW
    result = cordis_import(
        **files, actor=Actor(label="arvoketju import cordis"), decisions=decisions, dry_run=dry_run, progress=_progress
    )
    for item in result.uncertain:
        command.stdout.write(f"{item.row_label} {item.row}: '{item.value}' is not certain; candidates:")
        for candidate in item.candidates:
            command.stdout.write(f"    --match {item.column}={candidate.key}    {candidate.name}: {candidate.reason}")
        command.stdout.write(f"    --new {item.column}    a new organisation")
    for problem in result.problems[:MAX_LISTED]:
        command.stderr.write(str(problem))
    if len(result.problems) > MAX_LISTED:
        command.stderr.write(f"… and {len(result.problems) - MAX_LISTED} more problem(s)")
    found = ", ".join(f"{how}: {n}" for how, n in sorted(result.matched.items()))
    command.stdout.write(f"organisations found by {found}" if found else "")
    if not result.ok:
        raise CommandError(result.summary())
    command.stdout.write(command.style.SUCCESS(f"{result.summary()} in {result.seconds:.1f} s"))
