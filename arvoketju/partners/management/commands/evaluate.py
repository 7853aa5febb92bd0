"""``arvoketju evaluate recommend --until DATE``: the recommender against baselines on past consortia."""

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError

from arvoketju.partners.evaluation import evaluate
from arvoketju.partners.selectors import history_load


class Command(BaseCommand):
    help = (
        "Hide one member of each project that started on or after --until, rank it among hard negatives "
        "with the recommender and with popularity, common neighbours and Adamic-Adar (facts before --until "
        "only), and report recall@10, recall@50 and MRR overall and for newcomers."
    )

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["recommend"])
        parser.add_argument("--until", required=True, help="YYYY-MM-DD: projects from this date on are tested")
        parser.add_argument("--limit", type=int, help="test at most this many projects")
        parser.add_argument("--seed", type=int, default=7, help="which member is hidden (fixed seed)")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, what, until, limit, seed, **options):
        try:
            cutoff = dt.date.fromisoformat(until)
        except ValueError:
            raise CommandError(f"--until {until}: write a date as YYYY-MM-DD") from None
        history = history_load(user=None, declared_before=cutoff)
        report = evaluate(history, until=cutoff, seed=seed, limit=limit)
        if not report.cases:
            raise CommandError(f"no project with at least two known members starts on or after {until}")
        if options["json"]:
            payload = {"until": until, "cases": report.cases, "newcomers": report.newcomer_cases}
            self.stdout.write(json.dumps({**payload, "metrics": report.metrics}, indent=2))
        else:
            self.stdout.write(report.table())
