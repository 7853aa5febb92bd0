"""``arvoketju export [FILE]``: the whole database as JSON (stdout when no file is given).

``arvoketju export KIND FILE [--format csv|xlsx|json] [--visibility public|network|restricted]``: one
table (organisations, projects, …; ``arvoketju export --list`` names them). With two positional
arguments the first is a kind; with one it is the backup file, as before.

``arvoketju export cards FILE --format pptx|pdf [--visibility …] [--status S] [--region R] [--stage S]
[--area A]``: the investment cards as a card deck, only the cards the visibility level allows (public
by default, so restricted cards are left out) and a confidential investor hidden below ``restricted``.
"""

import os
import sys

from django.core.management.base import BaseCommand, CommandError

from arvoketju.industry import cards as card_decks
from arvoketju.industry.models import InvestmentStatus
from arvoketju.industry.selectors import card_list
from arvoketju.provenance import exports
from arvoketju.provenance.backup import export_database

CARD_FILTERS = ("status", "region", "stage", "area")


class Command(BaseCommand):
    help = (
        "Export the whole database to a JSON backup (restore it with `arvoketju load FILE`), "
        "or with `export KIND FILE` one table as CSV, XLSX or JSON."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        # options may come between KIND and FILE: `export cards --format pptx deck.pptx` as well
        parser.parse_args = parser.parse_intermixed_args
        return parser

    def add_arguments(self, parser):
        parser.add_argument("target", nargs="?", help="backup file (default: standard output), or a table KIND")
        parser.add_argument("file", nargs="?", help="with a KIND: the table's output file ('-': standard output)")
        parser.add_argument(
            "--format",
            choices=exports.FORMATS + card_decks.CARD_FORMATS,
            help="table format, or pptx|pdf for `cards` (default: from the file name)",
        )
        parser.add_argument(
            "--visibility",
            choices=["public", "network", "restricted"],
            default="public",
            help="rows up to this level: public (default), network (also members' facts), restricted (everything)",
        )
        parser.add_argument("--list", action="store_true", help="list the table kinds and exit")
        for name in CARD_FILTERS:
            parser.add_argument(f"--{name}", default="", help=f"with `cards`: only cards of this {name} (key)")

    def handle(self, *args, target, file, format, visibility, list, **options):
        filters = {name: options.get(name) or "" for name in CARD_FILTERS}
        if target == "cards" and file is not None:
            return self._cards(file, format, visibility, filters)
        if any(filters.values()):
            raise CommandError("--status, --region, --stage and --area filter a card deck: arvoketju export cards FILE")
        if list:
            for kind in exports.KINDS:
                self.stdout.write(kind)
            return
        if file is None and (target == "cards" or target in exports.KINDS):
            raise CommandError(f"give the output file: arvoketju export {target} FILE ('-' for standard output)")
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

    def _cards(self, file, fmt, visibility, filters):
        fmt = fmt or os.path.splitext(file)[1].lstrip(".").lower()
        if fmt not in card_decks.CARD_FORMATS:
            raise CommandError(f"give --format pptx or pdf for a card deck (cannot tell from '{file}')")
        if file == "-":
            raise CommandError("a card deck cannot be written to standard output; give a file name")
        if filters["status"] and filters["status"] not in InvestmentStatus.values:
            raise CommandError(f"unknown status '{filters['status']}'; one of: {', '.join(InvestmentStatus.values)}")
        reader = exports.Reader.for_level(visibility)
        cards = list(card_list(scope=reader.scope, **filters))
        content = card_decks.card_content(cards, show_confidential=reader.sees_restricted)
        partial = f"{file}.partial"
        with open(partial, "wb") as handle:
            count = card_decks.render(fmt, content, handle)
        os.replace(partial, file)
        self.stderr.write(f"exported {count} investment cards ({visibility}) as {fmt} to {file}")
