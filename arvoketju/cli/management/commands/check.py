"""``arvoketju check``: Django's system checks (``--deploy`` for deployment settings) followed by the
data-quality report."""

from django.core.management.base import CommandError
from django.core.management.commands.check import Command as SystemCheckCommand

from arvoketju.provenance.quality import run_checks


class Command(SystemCheckCommand):
    help = (
        "Run Django's system checks (with --deploy: deployment settings), then report data-quality findings: "
        "facts without source, duplicate-looking organisations, invalid identifiers, places without "
        "coordinates."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--strict", action="store_true", help="exit non-zero when there are findings")
        parser.add_argument("--no-data", action="store_true", help="skip the data-quality report")

    def handle(self, *app_labels, **options):
        super().handle(*app_labels, **options)
        if options["no_data"]:
            return
        findings = run_checks()
        for finding in findings:
            self.stdout.write(str(finding))
        self.stdout.write(f"{len(findings)} data-quality finding(s)")
        if options["strict"] and findings:
            raise CommandError(f"{len(findings)} data-quality finding(s)")
