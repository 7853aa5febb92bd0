"""``arvoketju export [FILE]``: the whole database as JSON (stdout when no file is given).

``arvoketju export KIND FILE [--format csv|xlsx|json] [--visibility public|network|restricted]``: one
table (organisations, projects, …; ``arvoketju export --list`` names them). With two positional
arguments the first is a kind; with one it is the backup file, as before.
"""

import os
import sys

from django.core.management.base import BaseCommand, CommandError

from arvoketju.provenance import exports
from arvoketju.provenance.backup import export_database


class Command(BaseCommand):
    help = (
        "Export the whole database to a JSON backup (restore it with `arvoketju load FILE`), "
        "or with `export KIND FILE` one table as CSV, XLSX or JSON."
    )

    def add_arguments(self, parser):
        parser.add_argument("target", nargs="?", help="backup file (default: standard output), or a table KIND")
        parser.add_argument("file", nargs="?", help="with a KIND: the table's output file ('-': standard output)")
        parser.add_argument("--format", choices=exports.FORMATS, help="table format (default: from the file name)")
        parser.add_argument(
            "--visibility",
            choices=["public", "network", "restricted"],
            default="public",
            help="rows up to this level: public (default), network (also members' facts), restricted (everything)",
        )
        parser.add_argument("--list", action="store_true", help="list the table kinds and exit")

    def handle(self, *args, target, file, format, visibility, list, **options):
        if list:
            for kind in exports.KINDS:
                self.stdout.write(kind)
            return
        if file is None:
            if format or visibility != "public":
                raise CommandError("--format and --visibility need a KIND: arvoketju export KIND FILE")
            return self._backup(target)
        return self._table(target, file, format, visibility)

    def _backup(self, file):
        if file in (None, "-"):
            export_database(sys.stdout)
            return
        partial = f"{file}.partial"
        with open(partial, "w", encoding="utf-8") as handle:
            rows = export_database(handle)
        os.replace(partial, file)  # never leave a half-written backup under the real name
        self.stderr.write(f"exported {rows} rows to {file}")

    def _table(self, kind, file, fmt, visibility):
        try:
            model = exports.model_for(kind)
        except exports.UnknownKind:
            raise CommandError(
                f"unknown export kind '{kind}'; one of: {', '.join(exports.KINDS)} (or `export FILE` for a backup)"
            ) from None
        fmt = fmt or os.path.splitext(file)[1].lstrip(".").lower()
        if fmt not in exports.FORMATS:
            raise CommandError(f"give --format csv, xlsx or json (cannot tell from '{file}')")
        reader = exports.Reader.for_level(visibility)
        if file == "-":
            if fmt == "xlsx":
                raise CommandError("XLSX cannot be written to standard output; give a file name")
            exports.export_table(model, reader, fmt, sys.stdout.buffer)
            sys.stdout.flush()
            return
        partial = f"{file}.partial"
        rows = exports.export_table(model, reader, fmt, partial)
        os.replace(partial, file)
        self.stderr.write(f"exported {rows} {kind} ({visibility}) to {file}")
