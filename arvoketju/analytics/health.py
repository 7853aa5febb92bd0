"""Network health and growth, as pure functions over plain rows, computed with igraph.

Nodes are organisations; two organisations are tied when they share a group (a joint project, or —
as separate layers — an event or a network membership). ``network_health`` gives degree,
betweenness (from a sample of ``BETWEENNESS_SAMPLE`` sources above ``EXACT_UP_TO`` nodes), PageRank,
Leiden communities (modularity; Leiden never returns a disconnected community, decision 27), the
brokers between regions, the share of inter-regional ties and the isolated organisations.

``growth`` compares two states (ties, organisations, places); ``series_growth`` walks an event
series in order and tells, per event, who came for the first time and from where.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping

import numpy as np

EXACT_UP_TO = 1500
BETWEENNESS_SAMPLE = 256
SAMPLE_BUDGET = 50_000_000  # sources × edges: on very large graphs fewer sources are sampled (at least 16)
LEIDEN_UNTIL_STABLE_UP_TO = 500_000  # edges; above, igraph's default two iterations
BROKERS = 10


def co_membership_pairs(groups: Mapping[Hashable, Iterable[int]]) -> dict[tuple[int, int], int]:
    """Every pair of members sharing a group → the number of groups they share (smaller id first)."""
    weights: dict[tuple[int, int], int] = defaultdict(int)
    for members in groups.values():
        people = sorted({m for m in members if m is not None})
        for i, a in enumerate(people):
            for b in people[i + 1 :]:
                weights[(a, b)] += 1
    return dict(weights)


def edges_from_memberships(group: np.ndarray, member: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Co-membership edges (a < b, as an (E, 2) array) and their weights (the number of groups the two
    share), vectorised: memberships are deduplicated and sorted by group, groups are taken by size,
    and each pair of columns of a size group gives its pairs at once."""
    group = np.asarray(group, dtype=np.int64)
    member = np.asarray(member, dtype=np.int64)
    if len(group):
        keys = np.unique(group * (1 << 32) + member)
        group, member = keys >> 32, keys & ((1 << 32) - 1)
    boundaries = np.flatnonzero(np.diff(group)) + 1
    starts = np.concatenate([[0], boundaries]).astype(np.int64)
    sizes = np.concatenate([boundaries, [len(group)]]) - starts
    chunks = []
    for size in np.unique(sizes):
        if size < 2:
            continue
        members = member[starts[sizes == size][:, None] + np.arange(size)]
        for i in range(size):
            for j in range(i + 1, size):
                chunks.append(members[:, i] * (1 << 32) + members[:, j])  # sorted: members[:, i] < members[:, j]
    if not chunks:
        return np.zeros((0, 2), dtype=np.int64), np.zeros(0, dtype=np.int64)
    keys, weights = np.unique(np.concatenate(chunks), return_counts=True)
    return np.stack([keys >> 32, keys & ((1 << 32) - 1)], axis=1), weights


def igraph_from_edges(nodes: int, edges: np.ndarray, weights: np.ndarray):
    """An undirected igraph graph of ``nodes`` vertices with a ``weight`` per edge."""
    import igraph

    graph = igraph.Graph(n=nodes, edges=list(zip(edges[:, 0].tolist(), edges[:, 1].tolist(), strict=True)))
    graph.es["weight"] = weights.tolist()
    return graph


def igraph_from_groups(node_ids: list, groups: Mapping[Hashable, Iterable[int]]):
    """An undirected weighted igraph graph over ``node_ids`` (members outside them are left out)."""
    index = {node: i for i, node in enumerate(node_ids)}
    group_codes, member_codes = [], []
    for code, members in enumerate(groups.values()):
        for m in members:
            if m in index:
                group_codes.append(code)
                member_codes.append(index[m])
    edges, weights = edges_from_memberships(
        np.array(group_codes, dtype=np.int64), np.array(member_codes, dtype=np.int64)
    )
    return igraph_from_edges(len(node_ids), edges, weights)


def sampled_betweenness(graph, *, seed: int = 1, exact_up_to: int = EXACT_UP_TO, sample: int = BETWEENNESS_SAMPLE):
    """Betweenness normalised to 0–1; estimated from ``sample`` random sources (scaled by n/sample)
    on graphs with more than ``exact_up_to`` nodes — fewer (``SAMPLE_BUDGET`` / edges, at least 16)
    on very large graphs. Returns (values, estimated?)."""
    n = graph.vcount()
    if n < 3:
        return [0.0] * n, False
    estimated = n > exact_up_to
    if estimated:
        sample = min(sample, max(16, SAMPLE_BUDGET // max(1, graph.ecount())))
        sources = random.Random(seed).sample(range(n), min(sample, n))
        raw = np.asarray(graph.betweenness(directed=False, sources=sources)) * (n / len(sources))
    else:
        raw = np.asarray(graph.betweenness(directed=False))
    scale = (n - 1) * (n - 2) / 2
    return list(np.minimum(1.0, raw / scale)), estimated


def leiden(graph, *, seed: int = 1) -> list[int]:
    """Leiden communities (modularity, weighted) as a membership list; isolated nodes stay alone.
    Iterated until stable up to ``LEIDEN_UNTIL_STABLE_UP_TO`` edges, else igraph's two iterations."""
    import igraph

    if graph.vcount() == 0:
        return []
    igraph.set_random_number_generator(random.Random(seed))
    try:
        weights = "weight" if graph.ecount() and "weight" in graph.es.attributes() else None
        iterations = -1 if graph.ecount() <= LEIDEN_UNTIL_STABLE_UP_TO else 2
        partition = graph.community_leiden(objective_function="modularity", weights=weights, n_iterations=iterations)
    finally:
        igraph.set_random_number_generator(random)
    return list(partition.membership)


def network_health(node_ids: list, regions: Mapping, groups: Mapping[Hashable, Iterable[int]], *, seed: int = 1):
    """The measures of one layer. ``regions``: node → region (or None when unknown)."""
    graph = igraph_from_groups(node_ids, groups)
    n = graph.vcount()
    degree = graph.degree()
    betweenness, estimated = sampled_betweenness(graph, seed=seed)
    pagerank = graph.pagerank(weights="weight" if graph.ecount() else None) if n else []
    membership = leiden(graph, seed=seed)
    edges = graph.get_edgelist()
    known = [(a, b) for a, b in edges if regions.get(node_ids[a]) and regions.get(node_ids[b])]
    inter = [(a, b) for a, b in known if regions[node_ids[a]] != regions[node_ids[b]]]
    other_regions: dict[int, set] = defaultdict(set)
    for a, b in inter:
        other_regions[a].add(regions[node_ids[b]])
        other_regions[b].add(regions[node_ids[a]])
    brokers = sorted(
        (
            {
                "node": node_ids[i],
                "region": regions.get(node_ids[i]),
                "other_regions": sorted(map(str, other_regions[i])),
                "betweenness": round(float(betweenness[i]), 4),
                "degree": degree[i],
            }
            for i in other_regions
        ),
        key=lambda row: (-row["betweenness"], -len(row["other_regions"]), str(row["node"])),
    )[:BROKERS]
    communities: dict[int, list] = defaultdict(list)
    for i, community in enumerate(membership):
        if degree[i]:
            communities[community].append(node_ids[i])
    return {
        "nodes": n,
        "ties": len(edges),
        "degree": dict(zip(node_ids, degree, strict=True)),
        "betweenness": dict(zip(node_ids, betweenness, strict=True)),
        "betweenness_estimated": estimated,
        "pagerank": dict(zip(node_ids, pagerank, strict=True)),
        "communities": sorted(communities.values(), key=lambda members: (-len(members), str(members[0]))),
        "ties_with_regions": len(known),
        "inter_regional_ties": len(inter),
        "inter_regional_share": (len(inter) / len(known)) if known else None,
        "brokers": brokers,
        "isolated": [node_ids[i] for i in range(n) if degree[i] == 0],
    }


def growth(before: dict, after: dict) -> dict:
    """What is new between two states, each ``{"ties": set of pairs, "organisations": set,
    "places": set}``: the new items and the items lost (facts that ended)."""
    result = {}
    for key in ("ties", "organisations", "places"):
        old, new = set(before.get(key, ())), set(after.get(key, ()))
        result[key] = {
            "before": len(old),
            "after": len(new),
            "new": sorted(new - old, key=str),
            "ended": sorted(old - new, key=str),
        }
    return result


def series_growth(events: list[dict]) -> list[dict]:
    """Walk an event series in date order. ``events``: dicts with ``id``, ``start`` (sortable or
    None), ``participants`` (the stated head count or None), ``organisations`` and ``places`` (sets
    of those recorded as present). Per event: the new and repeat organisations and places compared
    with every earlier event of the series."""
    seen_organisations: set = set()
    seen_places: set = set()
    rows = []
    ordered = sorted(events, key=lambda e: (e["start"] is None, e["start"] or 0, str(e["id"])))
    for event in ordered:
        organisations, places = set(event["organisations"]), set(event["places"])
        rows.append(
            {
                **event,
                "new_organisations": sorted(organisations - seen_organisations, key=str),
                "repeat_organisations": sorted(organisations & seen_organisations, key=str),
                "new_places": sorted(places - seen_places, key=str),
                "repeat_places": sorted(places & seen_places, key=str),
            }
        )
        seen_organisations |= organisations
        seen_places |= places
    return rows
