"""Server time of the main pages on a synthetic ecosystem of 20,000 organisations and 100,000 projects.

Builds a fresh database (SQLite in a temporary folder, or ``--database-url``), loads the battery
dataset for places and the taxonomy, adds the synthetic organisations, projects, participations and
capabilities in bulk, rebuilds the search index, then requests each page through Django's test
client (the whole request path: middleware, selectors, templates) and reports median and 95th
percentile. Targets (the web-interface issue): p95 under 200 ms, the network data under 1 s.

    python bench/web_bench.py [--organisations 20000] [--projects 100000] [--repeat 20]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

WORDS = (
    "akku kenno katodi anodi materiaali kierrätys litium nikkeli koboltti grafiitti elektrolyytti "
    "kemikaali tehdas palvelu laboratorio tutkimus koulutus energia varasto liikenne kaivos jalostus "
    "testaus simulointi turvallisuus kiertotalous moduuli järjestelmä teknologia innovaatio"
).split()


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=20_000)
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", default="", help="default: SQLite in a temporary folder")
    parser.add_argument("--reuse", action="store_true", help="the database already holds the synthetic data")
    return parser.parse_args()


def setup_django(database_url: str, data_dir: str):
    os.environ["DATABASE_URL"] = database_url
    os.environ["ARVOKETJU_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "arvoketju.settings")
    import django

    django.setup()


def build(organisations: int, projects: int, seed: int) -> dict:
    """The synthetic ecosystem on top of the battery dataset; returns timings of each step."""
    from django.core.management import call_command

    from arvoketju.actors.models import Organisation, OrganisationType
    from arvoketju.capabilities.models import Capability, CapabilityKind, CapabilityStatus
    from arvoketju.collaboration.models import Participation, Project, ProjectStatus
    from arvoketju.places.models import Place
    from arvoketju.provenance.models import Source
    from arvoketju.search.services import search_reindex
    from arvoketju.taxonomy.models import Stage

    rng = random.Random(seed)
    timings = {}
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("seed", "battery-fi", verbosity=0)
    timings["migrate and seed the battery dataset"] = time.perf_counter() - start

    start = time.perf_counter()
    source = Source.objects.create(key="bench-synthetic", kind="dataset", title="Synthetic benchmark data")
    municipalities = list(Place.objects.filter(kind="municipality").values_list("pk", flat=True))
    stages = list(Stage.objects.values_list("pk", flat=True))
    types = [t for t, _label in OrganisationType.choices]

    def name(n):
        return " ".join(rng.sample(WORDS, 2)).capitalize() + f" {n} Oy"

    Organisation.objects.bulk_create(
        [
            Organisation(
                key=f"bench-org-{n}",
                name=name(n),
                type=rng.choice(types),
                home_place_id=rng.choice(municipalities),
                source=source,
                locator=f"row {n + 2}",
                visibility=rng.choice(["public"] * 8 + ["network", "restricted"]),
            )
            for n in range(organisations)
        ],
        batch_size=2000,
    )
    org_ids = list(Organisation.objects.filter(source=source).values_list("pk", flat=True))
    statuses = [s for s, _label in ProjectStatus.choices]
    Project.objects.bulk_create(
        [
            Project(
                key=f"bench-project-{n}",
                acronym=f"P{n}",
                title=" ".join(rng.sample(WORDS, 4)),
                status=rng.choice(statuses),
                source=source,
                locator=f"row {n + 2}",
            )
            for n in range(projects)
        ],
        batch_size=5000,
    )
    project_ids = list(Project.objects.filter(source=source).values_list("pk", flat=True))
    hubs = rng.sample(org_ids, max(1, len(org_ids) // 100))
    participations = []
    for project_id in project_ids:
        members = {rng.choice(org_ids) for _ in range(rng.choice([2, 2, 3, 4]))}
        if rng.random() < 0.3:
            members.add(rng.choice(hubs))
        participations += [
            Participation(project_id=project_id, organisation_id=o, source=source, locator="bench") for o in members
        ]
    Participation.objects.bulk_create(participations, batch_size=5000)
    Capability.objects.bulk_create(
        [
            Capability(
                organisation_id=rng.choice(org_ids),
                stage_id=rng.choice(stages),
                kind=rng.choice(CapabilityKind.values),
                status=rng.choice([CapabilityStatus.ACTIVE, CapabilityStatus.POTENTIAL]),
                evidence=" ".join(rng.sample(WORDS, 5)),
                source=source,
                locator="bench",
            )
            for _ in range(organisations * 2)
        ],
        batch_size=5000,
    )
    timings["bulk-create the synthetic ecosystem"] = time.perf_counter() - start
    start = time.perf_counter()
    search_reindex()
    timings["rebuild the search index"] = time.perf_counter() - start
    timings["participations"] = len(participations)
    return timings


def measure(url: str, repeat: int, client) -> tuple[float, float, float, int]:
    """(cold ms, median ms, p95 ms, status): the first request with an empty cache (as after any
    change to the data), then ``repeat`` requests."""
    from django.core.cache import cache

    cache.clear()
    start = time.perf_counter()
    response = client.get(url)
    if hasattr(response, "streaming_content"):
        b"".join(response.streaming_content)
    cold = (time.perf_counter() - start) * 1000
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return cold, statistics.median(samples), p95, response.status_code


def main():
    args = parse_args()
    with tempfile.TemporaryDirectory() as folder:
        setup_django(args.database_url or f"sqlite:///{folder}/bench.sqlite3", folder)
        from django.contrib.auth import get_user_model
        from django.test import Client

        if not args.reuse:
            timings = build(args.organisations, args.projects, args.seed)
            for step, seconds in timings.items():
                print(f"{step}: {seconds:.1f} s" if isinstance(seconds, float) else f"{step}: {seconds}")
        editor, _created = get_user_model().objects.get_or_create(username="bench-editor", defaults={"is_staff": True})
        pages = [
            ("overview", "/en/", 200),
            ("matrix (regions)", "/en/matrix/", 200),
            ("matrix with an open cell", "/en/matrix/?cell=recycling@region-16", 200),
            ("search page", "/en/search/?q=akkukennojen", 200),
            ("search API", "/api/v1/search?q=kierrätys+litium", 200),
            ("organisation profile (hub)", "/en/organisations/{hub}/", 200),
            ("network data", "/en/network/data.json", 1000),
        ]
        from django.db.models import Count

        from arvoketju.collaboration.models import Participation

        hub = (
            Participation.objects.values("organisation__key")
            .annotate(n=Count("id"))
            .filter(organisation__visibility="public")
            .order_by("-n")
            .first()["organisation__key"]
        )
        print(f"\n{'page':32} {'cold ms':>9} {'median ms':>10} {'p95 ms':>8} {'target':>7}  status")
        for who, client in (("anonymous", Client(HTTP_HOST="127.0.0.1")), ("editor", Client(HTTP_HOST="127.0.0.1"))):
            if who == "editor":
                client.force_login(editor)
            print(f"-- {who}")
            for label, url, target in pages:
                cold, median, p95, status = measure(url.format(hub=hub), args.repeat, client)
                verdict = "ok" if p95 < target else "SLOW"
                print(f"{label:32} {cold:9.0f} {median:10.1f} {p95:8.1f} {target:7d}  {status} {verdict}")


if __name__ == "__main__":
    main()
