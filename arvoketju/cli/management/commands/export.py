"""``arvoketju export [FILE]``: the whole database as JSON (stdout when no file is given)."""

import os
import sys

from django.core.management.base import BaseCommand

from arvoketju.provenance.backup import export_database


class Command(BaseCommand):
    help = "Export the whole database to a JSON backup (restore it with `arvoketju load FILE`)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="output file (default: standard output)")

    def handle(self, *args, file, **options):
        if file in (None, "-"):
            export_database(sys.stdout)
            return
        partial = f"{file}.partial"
        with open(partial, "w", encoding="utf-8") as handle:
            rows = export_database(handle)
        os.replace(partial, file)  # never leave a half-written backup under the real name
        self.stderr.write(f"exported {rows} rows to {file}")
