"""Benchmark of the collaboration network on a synthetic ecosystem: 5,000 organisations in 19
regions and joint projects until there are 50,000 distinct edges.

Times the steps the server runs for /network/data.json (building the graph from projects, degree,
betweenness, layout, the payload and its JSON) and reports the JSON size, raw and gzipped. The
database reads are not included (see docs/performance.md).

    python bench/network_bench.py [--nodes 5000] [--edges 50000] [--seed 1]
    python bench/network_bench.py --with-database   # also: the same rows in a fresh SQLite database,
                                                    # /network/data.json's work cold and cached
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TYPES = ["company", "university", "uas", "research_institute", "city", "association"]


def synthetic(nodes: int, edges: int, seed: int):
    """Organisations and projects: most partners come from the project's own region, some from
    anywhere, and a few organisations join many projects (as universities and agencies do)."""
    rng = random.Random(seed)
    regions = [f"region-{i:02d}" for i in range(1, 20)]
    organisations = [
        {
            "id": i,
            "key": f"org-{i}",
            "label": f"Org {i}",
            "name": f"Organisation {i} Oy",
            "type": rng.choice(TYPES),
            "type_label": "",
            "region": rng.choice(regions),
            "region_label": "",
            "url": f"/organisations/org-{i}/",
        }
        for i in range(nodes)
    ]
    by_region: dict[str, list[int]] = {}
    for organisation in organisations:
        by_region.setdefault(organisation["region"], []).append(organisation["id"])
    hubs = rng.sample(range(nodes), max(1, nodes // 50))
    projects: dict[int, list[int]] = {}
    seen: set[tuple[int, int]] = set()
    while len(seen) < edges:
        region = rng.choice(regions)
        size = rng.choice([2, 2, 3, 3, 4, 5, 6, 8])
        members = {rng.choice(by_region[region]) for _ in range(size)}
        if rng.random() < 0.5:
            members.add(rng.choice(hubs))
        if rng.random() < 0.3:
            members.add(rng.randrange(nodes))
        members = sorted(members)
        projects[len(projects)] = members
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                seen.add((a, b))
    labels = {pk: {"key": f"project-{pk}", "label": f"PRJ {pk}", "url": ""} for pk in projects}
    return organisations, projects, labels


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--edges", type=int, default=50000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--write-json", metavar="PATH", help="also write the payload (for a drawing test)")
    parser.add_argument("--with-database", action="store_true", help="also time the reads from a fresh SQLite file")
    args = parser.parse_args(argv)

    import os
    import tempfile

    import django

    workdir = tempfile.TemporaryDirectory(prefix="arvoketju-bench-")
    if args.with_database:
        os.environ["ARVOKETJU_DATA_DIR"] = workdir.name
        os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "arvoketju.settings")
    django.setup()
    from arvoketju.web import network

    organisations, projects, labels = synthetic(args.nodes, args.edges, args.seed)
    timings = {}
    cpu = {}
    clock = time.process_time()
    start = time.perf_counter()
    graph = network.build_graph(organisations, {"projects": projects})
    timings["build graph"] = time.perf_counter() - start
    cpu["build graph"] = time.process_time() - clock
    clock = time.process_time()
    start = time.perf_counter()
    metrics = network.graph_metrics(graph)
    timings["degree + betweenness + layout"] = time.perf_counter() - start
    cpu["degree + betweenness + layout"] = time.process_time() - clock
    clock = time.process_time()
    start = time.perf_counter()
    payload = network.graph_payload(graph, metrics, labels={"projects": labels})
    timings["payload"] = time.perf_counter() - start
    cpu["payload"] = time.process_time() - clock
    clock = time.process_time()
    start = time.perf_counter()
    body = json.dumps(payload, separators=(",", ":")).encode()
    timings["JSON"] = time.perf_counter() - start
    cpu["JSON"] = time.process_time() - clock
    clock = time.process_time()
    start = time.perf_counter()
    gexf = network.export_bytes(payload, "gexf")
    timings["GEXF export"] = time.perf_counter() - start
    cpu["GEXF export"] = time.process_time() - clock
    clock = time.process_time()
    total = sum(v for k, v in timings.items() if k != "GEXF export")
    print(f"synthetic network: {len(graph.nodes)} nodes, {len(graph.edges)} edges, {len(projects)} projects")
    print(f"betweenness estimated from a sample: {metrics['betweenness_estimated']}")
    for step, seconds in timings.items():
        print(f"  {step:32s} {seconds:7.2f} s wall {cpu[step]:7.2f} s CPU")
    total_cpu = sum(v for k, v in cpu.items() if k != "GEXF export")
    print(f"  {'total for data.json (uncached)':32s} {total:7.2f} s wall {total_cpu:7.2f} s CPU")
    if args.write_json:
        Path(args.write_json).write_bytes(body)
    zipped = len(gzip.compress(body))
    print(f"JSON: {len(body) / 1e6:.1f} MB, gzipped {zipped / 1e6:.1f} MB; GEXF {len(gexf) / 1e6:.1f} MB")
    if args.with_database:
        with_database(organisations, projects)
    workdir.cleanup()
    return 0


def with_database(organisations, projects) -> None:
    """Insert the synthetic rows into a fresh SQLite database and time ``network_graph`` as the
    JSON endpoint runs it: cold (reads, graph, metrics, payload) and then from the cache."""
    from django.core.cache import cache
    from django.core.management import call_command
    from django.http import QueryDict

    from arvoketju.actors.models import Organisation
    from arvoketju.collaboration.models import Participation, Project
    from arvoketju.provenance.models import Source
    from arvoketju.web import network

    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    source = Source.objects.create(key="bench", title="benchmark")
    Organisation.objects.bulk_create(
        [
            Organisation(key=o["key"], name=o["name"], type=o["type"], source=source, locator="bench")
            for o in organisations
        ],
        batch_size=1000,
    )
    org_ids = dict(Organisation.objects.values_list("key", "pk"))
    Project.objects.bulk_create(
        [Project(key=f"project-{pk}", acronym=f"PRJ {pk}", source=source, locator="bench") for pk in projects],
        batch_size=1000,
    )
    project_ids = dict(Project.objects.values_list("key", "pk"))
    Participation.objects.bulk_create(
        [
            Participation(
                project_id=project_ids[f"project-{pk}"], organisation_id=org_ids[f"org-{m}"], source=source, locator="b"
            )
            for pk, members in projects.items()
            for m in members
        ],
        batch_size=2000,
    )
    print(f"database: {Participation.objects.count()} participations loaded in {time.perf_counter() - start:.1f} s")
    cache.clear()
    filters = network.NetworkFilters.from_query(QueryDict(""))
    for label in ("cold (reads + graph + metrics + payload)", "cached (data version check)"):
        start, clock = time.perf_counter(), time.process_time()
        payload = network.network_graph(user=None, filters=filters)
        wall, used = time.perf_counter() - start, time.process_time() - clock
        print(f"  network_graph {label:40s} {wall:7.2f} s wall {used:7.2f} s CPU")
    print(f"  {len(payload['nodes'])} nodes, {len(payload['edges'])} edges")


if __name__ == "__main__":
    raise SystemExit(main())
