"""``arvoketju recommend``: partners for a call profile, and optionally consortia that meet its rules."""

import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from arvoketju.partners.finder import FinderRequest, find_partners, parse_minimums


def _minimums(items: list[str]) -> dict[str, int]:
    try:
        return parse_minimums(items, "=")
    except ValueError as error:
        raise CommandError(f"--min-type {error}: write TYPE=N, e.g. --min-type company=1") from None


class Command(BaseCommand):
    help = (
        "Recommend partners for a call (competences, free text, organisations already in) with explanations; "
        "with --assemble, consortia that meet the call's rules (exact CP-SAT optimisation) or the rules that "
        "cannot be met."
    )

    def add_arguments(self, parser):
        parser.add_argument("--competence", action="append", default=[], help="competence or stage:KEY (repeatable)")
        parser.add_argument("--text", default="", help="free text matched to the vocabulary")
        parser.add_argument("--topic", action="append", default=[], help="call topic code (repeatable)")
        parser.add_argument("--member", action="append", default=[], help="an organisation already in (repeatable)")
        parser.add_argument("--type", action="append", default=[], help="only organisations of this type")
        parser.add_argument("--country", action="append", default=[], help="only organisations from this country")
        parser.add_argument("--favour", choices=["balanced", "proven", "newcomers"], default="balanced")
        parser.add_argument("--limit", type=int, default=20)
        parser.add_argument("--assemble", action="store_true", help="also assemble consortia")
        parser.add_argument("--min-size", type=int, default=3)
        parser.add_argument("--max-size", type=int, default=8)
        parser.add_argument("--min-type", action="append", default=[], metavar="TYPE=N")
        parser.add_argument("--min-sme", type=int, default=0)
        parser.add_argument("--min-countries", type=int, default=0)
        parser.add_argument("--coordinator-country", default="")
        parser.add_argument("--min-newcomers", type=int, default=0)
        parser.add_argument("--alternatives", type=int, default=3)
        parser.add_argument("--json", action="store_true", help="print the whole answer as JSON")

    def handle(self, *args, **o):
        request = FinderRequest(
            competences=o["competence"],
            text=o["text"],
            topics=o["topic"],
            members=o["member"],
            types=o["type"],
            countries=o["country"],
            favour=o["favour"],
            limit=o["limit"],
            assemble=o["assemble"],
            min_size=o["min_size"],
            max_size=o["max_size"],
            min_types=_minimums(o["min_type"]),
            min_sme=o["min_sme"],
            min_countries=o["min_countries"],
            coordinator_country=o["coordinator_country"],
            min_newcomers=o["min_newcomers"],
            alternatives=o["alternatives"],
        )
        try:
            answer = find_partners(user=None, request=request)
        except ValidationError as exc:
            raise CommandError("; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())) from None
        if o["json"]:
            self.stdout.write(json.dumps(answer, ensure_ascii=False, indent=2))
            return
        labels = ", ".join(c["label"] for c in answer["competences"]) or "-"
        self.stdout.write(f"competences: {labels}")
        for p in answer["partners"]:
            self.stdout.write(f"{p['rank']:>3}. {p['name']} ({p['id']}) score {p['score']:.3f}: {p['explanation']}")
        consortium = answer.get("consortium")
        if consortium:
            if consortium["status"] == "infeasible":
                self.stdout.write("no consortium meets the rules; cannot be met: " + "; ".join(consortium["unmet"]))
            for n, alt in enumerate(consortium["alternatives"], start=1):
                names = ", ".join(m["name"] for m in alt["members"])
                proof = "optimal" if alt["optimal"] else "best found"
                self.stdout.write(f"consortium {n} ({proof}, objective {alt['objective']}): {names}")
                if alt["missing"]:
                    self.stdout.write("    not covered: " + ", ".join(alt["missing"]))
        self.stdout.write(f"({answer['seconds']} s)")
