"""``arvoketju remind [--dry-run] [--older-than DAYS]``: e-mail update links to stale organisations."""

from django.core.management.base import BaseCommand

from arvoketju.stewardship.selectors import stale_after_days
from arvoketju.stewardship.services import reminders_send


class Command(BaseCommand):
    help = (
        "E-mail an update link to every organisation not confirmed within ARVOKETJU_STALE_AFTER_DAYS "
        "(or --older-than DAYS) that has a contact e-mail, and record each reminder."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="only print what would be sent")
        parser.add_argument("--older-than", type=int, default=None, metavar="DAYS")

    def handle(self, *args, dry_run, older_than, **options):
        days = stale_after_days() if older_than is None else older_than
        outcome = reminders_send(older_than=days, dry_run=dry_run)
        sent = skipped = 0
        for organisation, email, _url in outcome:
            if not email:
                skipped += 1
                if options["verbosity"] > 1:
                    self.stdout.write(f"{organisation.name}: no contact e-mail")
                continue
            sent += 1
            if dry_run:
                self.stdout.write(f"would send: {organisation.name} -> {email}")
            else:
                self.stdout.write(f"sent: {organisation.name} -> {email}")
        verb = "would send" if dry_run else "sent"
        self.stdout.write(
            f"{len(outcome)} organisations not confirmed within {days} days: {verb} {sent}, "
            f"{skipped} without a contact e-mail"
        )
