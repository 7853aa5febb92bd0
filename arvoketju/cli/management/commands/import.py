"""``arvoketju import KIND FILE``: bulk import from CSV, XLSX or JSON (all-or-nothing, idempotent)."""

import re
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from arvoketju.imports.context import NEW
from arvoketju.imports.kinds import KINDS
from arvoketju.imports.readers import FORMATS
from arvoketju.imports.services import import_file
from arvoketju.provenance.services import Actor

MAX_LISTED = 200


class Command(BaseCommand):
    help = (
        "Import rows of one kind (organisations, projects, events, capabilities, networks, memberships, "
        "participations) from a CSV, XLSX or JSON file. Nothing is written unless the whole file is valid; "
        "importing the same file again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted([*KINDS, "cordis"]))
        parser.add_argument("file", nargs="?", help="the file (for cordis: use --projects and --organizations)")
        parser.add_argument("--projects", help="cordis: project.csv")
        parser.add_argument("--organizations", help="cordis: organization.csv")
        parser.add_argument("--topics", help="cordis: topics.csv (optional)")
        parser.add_argument("--scivoc", help="cordis: euroSciVoc.csv (optional)")
        parser.add_argument("--dry-run", action="store_true", help="check and show what would change; write nothing")
        parser.add_argument("--format", choices=FORMATS, help="file format (default: from the file name)")
        parser.add_argument(
            "--match",
            action="append",
            default=[],
            metavar="ROW=KEY",
            help="an uncertain row means this stored organisation (repeatable)",
        )
        parser.add_argument(
            "--new", action="append", default=[], metavar="ROW", help="an uncertain row is a new organisation"
        )

    def handle(self, *args, kind, file, dry_run, format, match, new, verbosity, **options):
        if kind == "cordis":
            from arvoketju.partners.commands import import_cordis

            return import_cordis(self, dry_run=dry_run, match=match, new=new, **options)
        if not file:
            raise CommandError("give the file to import")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file}: no such file")
        size = path.stat().st_size
        if size > settings.ARVOKETJU_IMPORT_MAX_BYTES:
            raise CommandError(
                f"{file}: the file is {size} bytes; the limit is {settings.ARVOKETJU_IMPORT_MAX_BYTES} bytes "
                "(split it into smaller files)"
            )
        decisions = _decisions(match, new)
        result = import_file(
            kind=kind,
            data=path.read_bytes(),
            filename=path.name,
            actor=Actor(label=f"arvoketju import {kind} {path.name}"[:200]),
            dry_run=dry_run,
            fmt=format,
            decisions=decisions,
            progress=_progress,
        )
        if dry_run or verbosity > 1:
            shown = result.actions if verbosity > 1 else [a for a in result.actions if a.action != "unchanged"]
            for action in shown[: MAX_LISTED if verbosity < 3 else None]:
                self.stdout.write(f"{result.row_label} {action.row}: {action.action} {action.label}")
            if len(shown) > MAX_LISTED and verbosity < 3:
                self.stdout.write(f"… and {len(shown) - MAX_LISTED} more (-v 3 lists all)")
        for item in result.uncertain:
            self.stdout.write(f"{item.row_label} {item.row}, {item.column}: '{item.value}' is not certain; candidates:")
            for candidate in item.candidates:
                self.stdout.write(f"    --match {item.row}={candidate.key}    {candidate.name}: {candidate.reason}")
            if item.can_create:
                self.stdout.write(f"    --new {item.row}    a new organisation")
        for problem in result.problems[:MAX_LISTED]:
            self.stderr.write(str(problem))
        if len(result.problems) > MAX_LISTED:
            self.stderr.write(f"… and {len(result.problems) - MAX_LISTED} more problem(s)")
        counts = result.counts
        self.stdout.write(
            f"created: {counts.get('created', 0)}, updated: {counts.get('updated', 0)}, "
            f"unchanged: {counts.get('unchanged', 0)}"
        )
        if not result.ok:
            raise CommandError(result.summary())
        self.stdout.write(self.style.SUCCESS(result.summary()))


def _decisions(match: list[str], new: list[str]) -> dict[int, str]:
    decisions = {}
    for item in match:
        found = re.fullmatch(r"\s*(\d+)\s*=\s*(\S+)\s*", item)
        if not found:
            raise CommandError(f"--match {item}: write ROW=KEY, e.g. --match 17=centria")
        decisions[int(found[1])] = found[2]
    for item in new:
        if not item.strip().isdigit():
            raise CommandError(f"--new {item}: give a row number, e.g. --new 17")
        decisions[int(item)] = NEW
    return decisions


def _progress(phase: str, done: int, total: int):
    print(f"{phase}: {done}/{total} rows ({done * 100 // max(total, 1)}%)", file=sys.stderr, flush=True)
