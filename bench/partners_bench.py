"""Benchmark of partners and consortia at the sizes issue 6 names, on synthetic data only.

* **import**: CORDIS files with 13,000 projects and 80,000 organisation rows
  (``arvoketju.partners.synthetic``) into a fresh SQLite database (in a temporary folder, with the
  battery taxonomy loaded; ``--postgres URL`` for a fresh PostgreSQL database instead), with
  progress; then the same files again (must write nothing). Target: under 2 minutes.
* **recommendation**: a plain-data history of 25,000 organisations and about 1,000,000
  participations; the index is built once, then requests with random call profiles are timed.
  Target: under 1 s per request.
* **consortium**: 300 candidates × 50 competences, CP-SAT, three alternatives; each solve must be
  proven optimal. Target: under 1 s.

    python bench/partners_bench.py                     # everything at the issue's sizes
    python bench/partners_bench.py --skip-import       # only the in-memory parts
    python bench/partners_bench.py --postgres postgres://postgres@127.0.0.1:5432/arvoketju_bench
    python bench/partners_bench.py --projects 2000 --rows 12000 --orgs 5000 --participations 100000
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _fresh_postgres(url: str) -> None:
    """Drop and create the database named in ``url`` (benchmarks start from an empty registry)."""
    from urllib.parse import urlsplit

    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    server = parts._replace(path="/postgres").geturl()
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def _setup(data_dir: str, database_url: str = ""):
    os.environ["ARVOKETJU_DATA_DIR"] = data_dir
    os.environ.pop("DATABASE_URL", None)
    if database_url:
        _fresh_postgres(database_url)
        os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "arvoketju.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def bench_import(projects: int, rows: int):
    from django.core.management import call_command

    from arvoketju.partners.services import cordis_import
    from arvoketju.partners.synthetic import generate
    from arvoketju.provenance.services import Actor

    call_command("migrate", verbosity=0)
    call_command("taxonomy", "load", str(ROOT / "datasets" / "taxonomy" / "battery.yaml"), verbosity=0)
    started = time.perf_counter()
    # project sizes are 2 + an exponential draw truncated to an integer (about half a row less than its mean)
    extra = rows / projects - 1.5
    data = generate(
        projects=projects, organisation_rows=rows, organisations=rows // 4, clusters=40, seed=11, extra_size=extra
    )
    org_rows = data.files["organization.csv"].count(b"\n") - 1
    print(
        f"import: generated {projects} projects, {org_rows} organisation rows in {time.perf_counter() - started:.1f} s"
    )

    def progress(phase, done, total):
        print(f"    {phase}: {done}/{total}", flush=True)

    files = {
        "projects": data.files["project.csv"],
        "organizations": data.files["organization.csv"],
        "topics": data.files["topics.csv"],
        "scivoc": data.files["euroSciVoc.csv"],
    }
    result = cordis_import(**files, actor=Actor(label="bench"), progress=progress)
    assert result.applied, result.problems[:5] or result.uncertain[:5]
    print(f"import: first import {result.seconds:.1f} s ({result.counts})")
    again = cordis_import(**files, actor=Actor(label="bench"))
    assert again.applied and not again.counts, again.counts
    print(f"import: re-import {again.seconds:.1f} s, nothing written")


def bench_recommend(orgs: int, participations: int, requests: int):
    from arvoketju.partners.recommend import CallProfile, PartnerIndex
    from arvoketju.partners.synthetic import generate

    projects = participations // 7
    started = time.perf_counter()
    data = generate(projects=projects, organisation_rows=participations, organisations=orgs, clusters=60, seed=5)
    count = sum(len(p.members) for p in data.history.projects)
    print(f"recommend: generated {orgs} organisations, {projects} projects, {count} participations "
          f"in {time.perf_counter() - started:.1f} s")  # fmt: skip
    started = time.perf_counter()
    index = PartnerIndex(data.history)
    print(f"recommend: index built in {time.perf_counter() - started:.1f} s (once; cached between requests)")
    rng = random.Random(3)
    times = []
    for _ in range(requests):
        project = rng.choice(data.history.projects)
        profile = CallProfile(
            competences=set(project.competences), topics=set(project.topics), members=project.members[:3], limit=20
        )
        started = time.perf_counter()
        results = index.recommend(profile)
        times.append(time.perf_counter() - started)
        assert results
    times.sort()
    print(
        f"recommend: {requests} requests, median {times[len(times) // 2] * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms"
    )


def bench_consortium(candidates: int, competences: int, max_size: int):
    from arvoketju.partners.consortium import Candidate, Rules, assemble

    rng = random.Random(1)
    comps = [f"c{i}" for i in range(competences)]
    pool = [
        Candidate(
            str(i),
            type=rng.choice(["company", "university", "research_institute"]),
            country=rng.choice(["FI", "SE", "DE", "FR", "ES"]),
            sme=rng.random() < 0.3,
            competences=set(rng.sample(comps, 3)),
            score=rng.random(),
            proven=rng.random() < 0.2,
            newcomer=rng.random() < 0.2,
        )
        for i in range(candidates)
    ]
    rules = Rules(
        required=set(comps[:10]),
        wanted=set(comps[10:]),
        min_size=5,
        max_size=max_size,
        min_types={"company": 2, "university": 1},
        min_sme=1,
        min_countries=3,
        coordinator_country="FI",
    )
    for favour in ("balanced", "proven", "newcomers"):
        rules.favour = favour
        result = assemble(pool, rules, alternatives=3)
        proven = all(c.optimal for c in result.consortia)
        print(f"consortium: {candidates} candidates × {competences} competences, max {max_size} members, {favour}: "
              f"3 alternatives in {result.seconds:.2f} s ({result.seconds / 3:.2f} s each), "
              f"status {result.status}, all proven optimal: {proven}")  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--projects", type=int, default=13000)
    parser.add_argument("--rows", type=int, default=80000)
    parser.add_argument("--orgs", type=int, default=25000)
    parser.add_argument("--participations", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--candidates", type=int, default=300)
    parser.add_argument("--competences", type=int, default=50)
    parser.add_argument("--max-size", type=int, default=8)
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument(
        "--postgres",
        default="",
        metavar="URL",
        help="import into this PostgreSQL database instead of SQLite (dropped and created first), "
        "e.g. postgres://postgres@127.0.0.1:5432/arvoketju_bench",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        _setup(folder, args.postgres)
        if not args.skip_import:
            bench_import(args.projects, args.rows)
        bench_recommend(args.orgs, args.participations, args.requests)
        bench_consortium(args.candidates, args.competences, args.max_size)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
