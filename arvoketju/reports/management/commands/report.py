"""``arvoketju report``: the situational report as HTML, PDF or XLSX."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from arvoketju.core.dates import BadDate, parse_date
from arvoketju.reports import report


class Command(BaseCommand):
    help = "Write the situational report (tilannekuva) as of a date, optionally compared with another date."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", default="", help="the date of the state shown, YYYY-MM-DD (default: today)")
        parser.add_argument("--compare", default="", help="a second date to show growth since, YYYY-MM-DD")
        parser.add_argument("--lang", choices=["fi", "sv", "en"], default="fi", help="the report's language")
        parser.add_argument("--format", dest="fmt", choices=report.FORMATS, default="html", help="html, pdf or xlsx")
        parser.add_argument(
            "--output", default="", help="file to write (default: standard output; required for pdf/xlsx)"
        )

    def handle(self, *args, as_of, compare, lang, fmt, output, **options):
        try:
            as_of_date = parse_date(as_of, default=report.today())
            compare_date = parse_date(compare)
        except BadDate as error:
            raise CommandError(str(error)) from None
        if fmt != "html" and not output:
            raise CommandError(f"--output FILE is needed for {fmt}")
        body = report.render(None, fmt=fmt, as_of=as_of_date, compare=compare_date, language=lang)
        if output:
            Path(output).write_bytes(body)
            self.stderr.write(f"wrote {output} ({len(body)} bytes)")
        else:
            sys.stdout.write(body.decode("utf-8"))
