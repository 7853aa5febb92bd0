"""Benchmark of the analyses at national scale: 100,000 organisations and about 1,000,000 project
participations (``arvoketju.reports.synth.generate``), one core.

Measured, each in its own forked process so its peak memory (max RSS) is its own:

* **igraph route** (what the analyses use): the collaboration graph from participations (numpy,
  vectorised), PageRank, Leiden communities (modularity) and betweenness from 256 sampled sources;
  target: under 10 s together.
* **specialisation** (numpy): RCA of every region × stage, active and weighted; target: under 1 s.
* **networkx baseline**, straightforward pure Python: the graph built pair by pair with
  ``itertools.combinations``, ``nx.pagerank``, ``nx.community.louvain_communities`` (networkx has
  no Leiden of its own) and ``nx.betweenness_centrality(k=...)``. Betweenness is run on
  ``--nx-sources`` sources (default 8) and extrapolated linearly to the number igraph samples —
  marked as such — because pure-Python traversals of a graph this size take long.

All times are CPU seconds of the measuring process (``time.process_time``), so a busy shared
machine does not inflate them; the wall-clock time of the whole run is printed at the end.
* **pure-Python specialisation**: the same RCA with dictionaries.

    python bench/analytics_bench.py                    # 100,000 organisations, ~1,000,000 participations
    python bench/analytics_bench.py --orgs 10000 --projects 20000 --skip-networkx
    python bench/analytics_bench.py --load synth.npz   # arrays written by `arvoketju synth --output`
"""

from __future__ import annotations

import argparse
import itertools
import multiprocessing
import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


from arvoketju.analytics import health, specialisation  # noqa: E402
from arvoketju.reports import synth  # noqa: E402

SOURCES = 256


def _clock() -> float:
    """CPU seconds of this process: the machine may be shared, and the target is one core."""
    return time.process_time()


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _in_child(function, data, *args):
    """Run ``function(data, *args)`` in a forked process; return its timings and peak RSS (MB)."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()

    def target():
        start_rss = _peak_mb()
        result = function(data, *args)
        result["peak_rss_mb"] = _peak_mb()
        result["rss_at_start_mb"] = start_rss
        queue.put(result)

    process = context.Process(target=target)
    process.start()
    result = queue.get()
    process.join()
    return result


def igraph_route(data, seed):
    timings = {}
    t = _clock()
    edges, weights = health.edges_from_memberships(data.part_project, data.part_org)
    graph = health.igraph_from_edges(data.organisations, edges, weights)
    timings["graph"] = _clock() - t
    t = _clock()
    graph.pagerank(weights="weight")
    timings["pagerank"] = _clock() - t
    t = _clock()
    membership = health.leiden(graph, seed=seed)
    timings["communities"] = _clock() - t
    t = _clock()
    health.sampled_betweenness(graph, seed=seed, sample=SOURCES)
    timings["betweenness"] = _clock() - t
    timings["total"] = sum(timings.values())
    timings["sources"] = min(SOURCES, max(16, health.SAMPLE_BUDGET // max(1, graph.ecount())))
    timings["edges"] = graph.ecount()
    timings["communities_found"] = len(set(membership))
    return timings


def networkx_route(data, seed, nx_sources):
    import networkx as nx

    timings = {}
    t = _clock()
    graph = nx.Graph()
    graph.add_nodes_from(range(data.organisations))
    members: dict[int, list[int]] = {}
    for project, organisation in zip(data.part_project.tolist(), data.part_org.tolist(), strict=True):
        members.setdefault(project, []).append(organisation)
    for people in members.values():
        for a, b in itertools.combinations(sorted(people), 2):
            if graph.has_edge(a, b):
                graph[a][b]["weight"] += 1
            else:
                graph.add_edge(a, b, weight=1)
    timings["graph"] = _clock() - t
    t = _clock()
    nx.pagerank(graph, weight="weight")
    timings["pagerank"] = _clock() - t
    t = _clock()
    nx.community.louvain_communities(graph, weight="weight", seed=seed)
    timings["communities"] = _clock() - t
    t = _clock()
    nx.betweenness_centrality(graph, k=nx_sources, seed=seed)
    measured = _clock() - t
    timings["betweenness_measured"] = measured
    sources = min(SOURCES, max(16, health.SAMPLE_BUDGET // max(1, graph.number_of_edges())))
    timings["betweenness"] = measured * sources / nx_sources  # the same number of sources as igraph
    timings["total"] = timings["graph"] + timings["pagerank"] + timings["communities"] + timings["betweenness"]
    timings["edges"] = graph.number_of_edges()
    return timings


def numpy_specialisation(data, repeat=5):
    best = float("inf")
    for _ in range(repeat):
        t = _clock()
        place = data.org_region[data.cap_org]
        active = specialisation.counts_from_codes(
            place[data.cap_active], data.cap_stage[data.cap_active], data.regions, data.stages
        )
        potential = specialisation.counts_from_codes(
            place[~data.cap_active], data.cap_stage[~data.cap_active], data.regions, data.stages
        )
        table = specialisation.SpecialisationTable(
            columns=list(range(data.regions)), stages=list(range(data.stages)), active=active, potential=potential
        )
        best = min(best, _clock() - t)
    return {"total": best, "rca_active": table.rca_active}


def python_specialisation(data):
    t = _clock()
    counts: dict = {}
    for organisation, stage, active in zip(
        data.cap_org.tolist(), data.cap_stage.tolist(), data.cap_active.tolist(), strict=True
    ):
        if active:
            key = (int(data.org_region[organisation]), stage)
            counts[key] = counts.get(key, 0) + 1
    place_total: dict = {}
    stage_total: dict = {}
    for (place, stage), count in counts.items():
        place_total[place] = place_total.get(place, 0) + count
        stage_total[stage] = stage_total.get(stage, 0) + count
    total = sum(counts.values())
    rca = {
        (place, stage): (count / place_total[place]) / (stage_total[stage] / total)
        for (place, stage), count in counts.items()
    }
    return {"total": _clock() - t, "rca": rca}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=100_000)
    parser.add_argument("--projects", type=int, default=201_000, help="about 1,000,000 participations at 100,000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--load", default="", help="read the arrays from `arvoketju synth --output FILE`")
    parser.add_argument("--nx-sources", type=int, default=8, help="sources for networkx betweenness (extrapolated)")
    parser.add_argument("--skip-networkx", action="store_true")
    args = parser.parse_args(argv)

    started = t = time.perf_counter()
    data = synth.load(args.load) if args.load else synth.generate(args.orgs, args.projects, seed=args.seed)
    print(
        f"data: {data.organisations:,} organisations, {len(data.cap_org):,} capabilities, "
        f"{len(data.part_org):,} participations; generated in {time.perf_counter() - t:.1f} s; "
        f"parent RSS {_peak_mb():.0f} MB"
    )
    fast = _in_child(igraph_route, data, args.seed)
    print(
        "igraph:   graph {graph:.2f} s · PageRank {pagerank:.2f} s · Leiden {communities:.2f} s · "
        "betweenness ({sources} sampled sources) {betweenness:.2f} s · total {total:.2f} s · {edges:,} edges · "
        "{communities_found:,} communities · peak RSS {peak_rss_mb:.0f} MB".format(**fast)
    )
    spec = _in_child(lambda d: {"total": numpy_specialisation(d)["total"]}, data)
    print("specialisation (numpy, {} regions × {} stages): {:.4f} s".format(data.regions, data.stages, spec["total"]))
    plain = _in_child(lambda d: {"total": python_specialisation(d)["total"]}, data)
    print(
        "specialisation (pure Python dicts): {:.3f} s · ratio {:.0f}×".format(
            plain["total"], plain["total"] / spec["total"]
        )
    )
    # the two RCA routes agree
    a = numpy_specialisation(data, repeat=1)["rca_active"]
    b = python_specialisation(data)["rca"]
    assert all(abs(a[p, s] - value) < 1e-9 for (p, s), value in b.items()), "RCA routes disagree"
    if args.skip_networkx:
        print(f"wall clock of the run: {time.perf_counter() - started:.0f} s")
        return
    slow = _in_child(networkx_route, data, args.seed, args.nx_sources)
    print(
        "networkx: graph {graph:.2f} s · PageRank {pagerank:.2f} s · Louvain {communities:.2f} s · "
        "betweenness {betweenness:.1f} s (extrapolated from {n} sources: {betweenness_measured:.1f} s) · "
        "total {total:.1f} s · {edges:,} edges · peak RSS {peak_rss_mb:.0f} MB".format(n=args.nx_sources, **slow)
    )
    for key in ("graph", "pagerank", "communities", "betweenness", "total"):
        print(f"ratio networkx/igraph {key:<12} {slow[key] / fast[key]:8.1f}×")
    print(f"wall clock of the run: {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
