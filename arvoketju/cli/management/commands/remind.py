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
        counts = {"sent": 0, "no-email": 0, "pending": 0}
        for organisation, email, _url, reason in outcome:
            counts[reason] += 1
            if reason == "sent":
                self.stdout.write(f"{'would send' if dry_run else 'sent'}: {organisation.name} -> {email}")
            elif options["verbosity"] > 1:
                why = "no contact e-mail" if reason == "no-email" else "a link sent earlier is still valid"
                self.stdout.write(f"{organisation.name}: {why}")
        verb = "would send" if dry_run else "sent"
        self.stdout.write(
            f"{len(outcome)} organisations not confirmed within {days} days: {verb} {counts['sent']}, "
            f"{counts['no-email']} without a contact e-mail, {counts['pending']} with a valid link sent earlier"
        )
