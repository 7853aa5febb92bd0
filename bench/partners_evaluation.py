"""The recommender's evaluation on the largest synthetic history generated here (planted structure,
``arvoketju.partners.synthetic``): recall@10, recall@50 and MRR against popularity, common
neighbours and Adamic–Adar, overall and for newcomers. The figures in docs/recommendation.md come
from this script.

    python bench/partners_evaluation.py             # 25,000 organisations, ~1,000,000 participations
    python bench/partners_evaluation.py --orgs 5000 --participations 100000 --limit 500
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "arvoketju.settings")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--orgs", type=int, default=25000)
    parser.add_argument("--participations", type=int, default=1_000_000)
    parser.add_argument("--clusters", type=int, default=60)
    parser.add_argument("--until", default="2023-01-01")
    parser.add_argument("--limit", type=int, default=2000, help="test at most this many projects")
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    import django

    django.setup()
    from arvoketju.partners.evaluation import evaluate
    from arvoketju.partners.synthetic import generate

    started = time.perf_counter()
    data = generate(
        projects=args.participations // 7,
        organisation_rows=args.participations,
        organisations=args.orgs,
        clusters=args.clusters,
        seed=args.seed,
    )
    count = sum(len(p.members) for p in data.history.projects)
    print(f"history: {args.orgs} organisations, {len(data.history.projects)} projects, {count} participations "
          f"(generated in {time.perf_counter() - started:.0f} s)")  # fmt: skip
    started = time.perf_counter()
    report = evaluate(data.history, until=dt.date.fromisoformat(args.until), limit=args.limit)
    print(f"evaluated until {args.until} in {time.perf_counter() - started:.0f} s")
    print(report.table())


if __name__ == "__main__":
    main()
