"""The collaboration network: organisations as nodes; joint projects (and, as layers that can be
switched on, co-attendance at events and memberships of the same network) as edges.

Pure functions build the graph from plain rows (``co_membership_edges``, ``build_graph``,
``graph_metrics``, ``graph_payload``, ``to_networkx``); ``network_graph`` reads the rows the user may
see (every read through ``visible``) and caches the finished payload keyed by the filter, the
user's visibility and a data version, so the browser only draws.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import random
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse

from arvoketju.actors.models import Organisation
from arvoketju.capabilities.models import Capability
from arvoketju.collaboration.models import Event, EventAttendance, Membership, Network, Participation, Project
from arvoketju.core import caching
from arvoketju.places.models import Place, PlaceKind
from arvoketju.provenance.selectors import visible, visible_levels
from arvoketju.taxonomy.models import Stage

LAYERS = ("projects", "events", "memberships")
CACHE_SECONDS = 24 * 3600
EXACT_BETWEENNESS_UP_TO = 1500  # nodes; above this betweenness is estimated from a sample of sources
BETWEENNESS_SAMPLE = 256
LAYOUT_SIZE = 1000.0


# --------------------------------------------------------------------------- filters


def _years(value) -> int | None:
    try:
        year = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return year if 1900 <= year <= 2100 else None


@dataclass(frozen=True)
class NetworkFilters:
    """What the network shows; read from and written to the query string."""

    stages: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    layers: tuple[str, ...] = ("projects",)

    @classmethod
    def from_query(cls, query) -> NetworkFilters:
        def values(name):
            return tuple(sorted({v for v in query.getlist(name) if v}))

        layers = tuple(layer for layer in LAYERS if layer in query.getlist("layer"))
        if "layer" not in query:
            layers = ("projects",)
        return cls(
            stages=values("stage"),
            regions=values("region"),
            types=values("type"),
            year_from=_years(query.get("from")),
            year_to=_years(query.get("to")),
            layers=layers,
        )

    def signature(self) -> str:
        return json.dumps(self.__dict__, sort_keys=True, default=list)

    @property
    def period_start(self) -> date | None:
        return date(self.year_from, 1, 1) if self.year_from else None

    @property
    def period_end(self) -> date | None:
        return date(self.year_to, 12, 31) if self.year_to else None


# --------------------------------------------------------------------------- pure graph functions


def co_membership_edges(
    groups: Mapping[Hashable, Iterable[int]], allowed: set[int] | None = None
) -> dict[tuple[int, int], list]:
    """Every pair of members of the same group (project, event, network) → the groups they share.
    Pairs are ordered (smaller id first); members outside ``allowed`` are left out."""
    edges: dict[tuple[int, int], list] = defaultdict(list)
    for group, members in groups.items():
        people = sorted({m for m in members if m is not None and (allowed is None or m in allowed)})
        for i, a in enumerate(people):
            for b in people[i + 1 :]:
                edges[(a, b)].append(group)
    return dict(edges)


@dataclass
class Graph:
    """Nodes (dicts with at least ``id``) and edges keyed by (id, id) with the groups behind each edge
    per layer."""

    nodes: list[dict]
    edges: dict[tuple[int, int], dict[str, list]] = field(default_factory=dict)

    def weight(self, pair) -> int:
        return sum(len(groups) for groups in self.edges[pair].values())


def build_graph(nodes: list[dict], layers: Mapping[str, Mapping[Hashable, Iterable[int]]]) -> Graph:
    """Join the layers' co-membership pairs among ``nodes`` into one graph."""
    allowed = {node["id"] for node in nodes}
    edges: dict[tuple[int, int], dict[str, list]] = {}
    for layer, groups in layers.items():
        for pair, shared in co_membership_edges(groups, allowed).items():
            edges.setdefault(pair, {})[layer] = sorted(shared, key=str)
    return Graph(nodes=nodes, edges=edges)


def graph_metrics(graph: Graph, *, seed: int = 1) -> dict:
    """Degree, betweenness (normalised 0–1; estimated from a sample of sources on large graphs) and
    a Fruchterman–Reingold layout scaled to 0–1000, all computed by igraph."""
    import igraph

    n = len(graph.nodes)
    if n == 0:
        return {"degree": [], "betweenness": [], "layout": [], "betweenness_estimated": False}
    index = {node["id"]: i for i, node in enumerate(graph.nodes)}
    pairs = list(graph.edges)
    g = igraph.Graph(n=n, edges=[(index[a], index[b]) for a, b in pairs], directed=False)
    g.es["weight"] = [graph.weight(p) for p in pairs]
    degree = g.degree()
    estimated = n > EXACT_BETWEENNESS_UP_TO
    rng = random.Random(seed)
    if estimated:
        sources = rng.sample(range(n), BETWEENNESS_SAMPLE)
        raw = g.betweenness(directed=False, sources=sources)
        raw = [value * n / BETWEENNESS_SAMPLE for value in raw]
    else:
        raw = g.betweenness(directed=False)
    scale = (n - 1) * (n - 2) / 2 if n > 2 else 1
    betweenness = [min(1.0, value / scale) for value in raw]
    connected = [i for i in range(n) if degree[i] > 0]
    isolated = [i for i in range(n) if degree[i] == 0]
    positions: list = [None] * n
    if connected:
        sub = g.induced_subgraph(connected)
        igraph.set_random_number_generator(rng)
        try:
            half = math.sqrt(len(connected)) / 2  # igraph's own start area; a smaller one defeats its grid
            seed_positions = [(rng.uniform(-half, half), rng.uniform(-half, half)) for _ in connected]
            layout = sub.layout_fruchterman_reingold(
                seed=seed_positions, niter=300 if len(connected) <= 1000 else 150, grid="auto"
            )
        finally:
            igraph.set_random_number_generator(random)
        height = LAYOUT_SIZE if not isolated else LAYOUT_SIZE * 0.82
        for i, xy in zip(connected, _fit(layout.coords, height=height), strict=True):
            positions[i] = xy
    top = LAYOUT_SIZE * 0.86 if connected else 20.0
    for i, xy in zip(isolated, _rows(len(isolated), top=top), strict=True):
        positions[i] = xy  # organisations without connections in rows below the drawing
    return {
        "degree": degree,
        "betweenness": betweenness,
        "layout": positions,
        "betweenness_estimated": estimated,
    }


def _fit(coords, *, height: float = LAYOUT_SIZE) -> list[tuple[float, float]]:
    """Scale positions into a 0–1000 wide, ``height`` high box, keeping the aspect ratio."""
    if not coords:
        return []
    xs = [c[0] for c in coords]
    ys = [c[1] for c in coords]
    margin = 20.0
    scale = min(
        (LAYOUT_SIZE - 2 * margin) / ((max(xs) - min(xs)) or 1.0), (height - 2 * margin) / ((max(ys) - min(ys)) or 1.0)
    )
    return [
        (round(margin + (x - min(xs)) * scale, 1), round(margin + (y - min(ys)) * scale, 1))
        for x, y in zip(xs, ys, strict=True)
    ]


def _rows(count: int, *, top: float) -> list[tuple[float, float]]:
    """``count`` positions in evenly spaced rows from ``top`` down to the bottom of the drawing."""
    if not count:
        return []
    margin = 20.0
    width, height = LAYOUT_SIZE - 2 * margin, max(LAYOUT_SIZE - margin - top, 1.0)
    per_row = max(1, math.ceil(math.sqrt(count * width / height)))
    rows = math.ceil(count / per_row)
    dx, dy = width / per_row, height / max(rows, 1)
    return [
        (round(margin + dx * (i % per_row + 0.5), 1), round(top + dy * (i // per_row + 0.5), 1)) for i in range(count)
    ]


def graph_payload(graph: Graph, metrics: dict, *, labels: Mapping[str, Mapping] | None = None) -> dict:
    """The JSON the page draws: nodes with positions and centrality; edges as compact arrays
    ``[source index, target index, weight, [project idx], [event idx], [network idx]]`` pointing into
    the ``projects``, ``events`` and ``networks`` lists."""
    labels = labels or {}
    index = {node["id"]: i for i, node in enumerate(graph.nodes)}
    group_lists: dict[str, list] = {layer: [] for layer in LAYERS}
    group_index: dict[str, dict] = {layer: {} for layer in LAYERS}

    def refs(layer, groups):
        out = []
        for group in groups:
            where = group_index[layer]
            if group not in where:
                where[group] = len(group_lists[layer])
                group_lists[layer].append(labels.get(layer, {}).get(group, {"key": str(group), "label": str(group)}))
            out.append(where[group])
        return out

    edges = []
    for pair in sorted(graph.edges, key=lambda p: (index[p[0]], index[p[1]])):
        layers = graph.edges[pair]
        edges.append(
            [
                index[pair[0]],
                index[pair[1]],
                graph.weight(pair),
                refs("projects", layers.get("projects", [])),
                refs("events", layers.get("events", [])),
                refs("memberships", layers.get("memberships", [])),
            ]
        )
    nodes = []
    for i, node in enumerate(graph.nodes):
        x, y = metrics["layout"][i]
        entry = {k: v for k, v in node.items() if k != "id"}
        entry.update(x=x, y=y, degree=metrics["degree"][i], betweenness=round(metrics["betweenness"][i], 5), index=i)
        nodes.append(entry)
    return {
        "nodes": nodes,
        "edges": edges,
        "projects": group_lists["projects"],
        "events": group_lists["events"],
        "networks": group_lists["memberships"],
        "betweenness_estimated": metrics.get("betweenness_estimated", False),
    }


def to_networkx(payload: dict):
    """The payload as a networkx graph with attributes, for the GEXF and GraphML writers."""
    import networkx as nx

    graph = nx.Graph()
    for node in payload["nodes"]:
        graph.add_node(
            node["key"],
            label=node["label"],
            name=node.get("name", node["label"]),
            type=node.get("type") or "",
            region=node.get("region") or "",
            degree=int(node["degree"]),
            betweenness=float(node["betweenness"]),
            x=float(node["x"]),
            y=float(node["y"]),
        )
    keys = [node["key"] for node in payload["nodes"]]
    for source, target, weight, projects, events, networks in payload["edges"]:
        graph.add_edge(
            keys[source],
            keys[target],
            weight=int(weight),
            projects=" ".join(payload["projects"][i]["key"] for i in projects),
            events=" ".join(payload["events"][i]["key"] for i in events),
            networks=" ".join(payload["networks"][i]["key"] for i in networks),
        )
    return graph


def export_bytes(payload: dict, fmt: str) -> bytes:
    """GEXF or GraphML bytes of the payload."""
    import io

    import networkx as nx

    graph = to_networkx(payload)
    buffer = io.BytesIO()
    if fmt == "gexf":
        nx.write_gexf(graph, buffer)
    elif fmt == "graphml":
        nx.write_graphml(graph, buffer)
    else:
        raise ValueError(fmt)
    return buffer.getvalue()


def top_nodes(payload: dict, *, by: str = "betweenness", limit: int = 25) -> list[dict]:
    """The most central nodes, for the text alternative."""
    return sorted(payload["nodes"], key=lambda n: (-n[by], -n["degree"], n["label"]))[:limit]


# --------------------------------------------------------------------------- reads (visibility applied)


def stage_with_descendants(keys: Iterable[str], *, user) -> set[int]:
    """The ids of the stages named and all stages below them."""
    stages = list(visible(Stage.objects.all(), user).values_list("id", "key", "parent_id"))
    chosen = {pk for pk, key, _parent in stages if key in set(keys)}
    changed = True
    while changed:
        changed = False
        for pk, _key, parent in stages:
            if parent in chosen and pk not in chosen:
                chosen.add(pk)
                changed = True
    return chosen


def organisations_with_capability(*, user, stages: Iterable[str] = (), status: str | None = None) -> set[int]:
    """Organisations with a visible capability in one of the stages (or their sub-stages, directly
    or through a competence mapped to them) and, if given, of that status."""
    capabilities = visible(Capability.objects.filter(organisation__isnull=False), user)
    stages = list(stages)
    if stages:
        stage_ids = stage_with_descendants(stages, user=user)
        capabilities = capabilities.filter(Q(stage_id__in=stage_ids) | Q(competence__stages__in=stage_ids))
    if status:
        capabilities = capabilities.filter(status=status)
    return set(capabilities.values_list("organisation_id", flat=True))


def place_regions(*, user) -> dict[int, Place]:
    """Visible place id → its visible region (a region maps to itself)."""
    places = visible(Place.objects.defer("boundary"), user)
    regions = {p.pk: p for p in places.filter(kind=PlaceKind.REGION)}
    out = dict(regions)
    for pk, parent in places.filter(parent_id__in=list(regions)).values_list("pk", "parent_id"):
        out[pk] = regions[parent]
    return out


def organisation_url(key: str) -> str:
    try:
        return reverse("web:organisation", kwargs={"organisation": key})
    except NoReverseMatch:
        return f"/organisations/{key}/"


def network_nodes(*, user, filters: NetworkFilters) -> list[dict]:
    regions = place_regions(user=user)
    organisations = visible(Organisation.objects.all(), user)
    if filters.types:
        organisations = organisations.filter(type__in=filters.types)
    if filters.stages:
        organisations = organisations.filter(pk__in=organisations_with_capability(user=user, stages=filters.stages))
    type_labels = dict(Organisation._meta.get_field("type").choices)
    nodes = []
    for pk, key, name, short, kind, home in organisations.order_by("name").values_list(
        "pk", "key", "name", "short_name", "type", "home_place_id"
    ):
        region = regions.get(home)
        if filters.regions and (region is None or region.key not in filters.regions):
            continue
        nodes.append(
            {
                "id": pk,
                "key": key or str(pk),
                "label": short or name,
                "name": name,
                "type": kind,
                "type_label": str(type_labels.get(kind, kind)),
                "region": region.key if region else "",
                "region_label": region.localised() if region else "",
                "url": organisation_url(key or str(pk)),
            }
        )
    return nodes


def _overlaps(queryset, filters: NetworkFilters, start: str, end: str):
    """Rows whose [start, end] overlaps the filter's period (undated rows are left out then)."""
    if filters.period_start is None and filters.period_end is None:
        return queryset
    queryset = queryset.filter(Q(**{f"{start}__isnull": False}) | Q(**{f"{end}__isnull": False}))
    if filters.period_end:
        queryset = queryset.filter(Q(**{f"{start}__isnull": True}) | Q(**{f"{start}__lte": filters.period_end}))
    if filters.period_start:
        queryset = queryset.filter(Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": filters.period_start}))
    return queryset


def network_layers(*, user, filters: NetworkFilters) -> tuple[dict, dict]:
    """The groups of each switched-on layer (group id → member organisation ids) and their labels."""
    layers: dict[str, dict] = {}
    labels: dict[str, dict] = {}
    if "projects" in filters.layers:
        projects = _overlaps(visible(Project.objects.select_related("programme"), user), filters, "start", "end")
        labels["projects"] = {
            p.pk: {"key": p.key or str(p.pk), "label": str(p), "url": _url("web:project", "project", p.key)}
            for p in projects
        }
        groups = defaultdict(list)
        rows = visible(Participation.objects.filter(organisation__isnull=False), user).filter(
            project_id__in=list(labels["projects"])
        )
        for project, organisation in rows.values_list("project_id", "organisation_id"):
            groups[project].append(organisation)
        layers["projects"] = groups
    if "events" in filters.layers:
        # an event without an end date lasted its start day (a project without one is still running)
        events = visible(Event.objects.filter(cancelled=False), user).annotate(until=Coalesce("end", "start"))
        events = _overlaps(events, filters, "start", "until")
        labels["events"] = {
            e.pk: {"key": e.key or str(e.pk), "label": e.name, "url": _url("web:event", "event", e.key)} for e in events
        }
        groups = defaultdict(list)
        rows = visible(EventAttendance.objects.filter(organisation__isnull=False), user).filter(
            event_id__in=list(labels["events"])
        )
        for event, organisation in rows.values_list("event_id", "organisation_id"):
            groups[event].append(organisation)
        layers["events"] = groups
    if "memberships" in filters.layers:
        networks = visible(Network.objects.all(), user)
        labels["memberships"] = {
            n.pk: {"key": n.key or str(n.pk), "label": n.name, "url": _url("web:network_profile", "network", n.key)}
            for n in networks
        }
        groups = defaultdict(list)
        rows = _overlaps(
            visible(Membership.objects.filter(organisation__isnull=False), user), filters, "valid_from", "valid_to"
        ).filter(network_id__in=list(labels["memberships"]))
        if filters.period_start or filters.period_end:
            undated = visible(Membership.objects.filter(organisation__isnull=False), user).filter(
                valid_from__isnull=True, valid_to__isnull=True, network_id__in=list(labels["memberships"])
            )
            rows = rows | undated  # a membership without dates counts as valid throughout
        for network, organisation in rows.values_list("network_id", "organisation_id"):
            groups[network].append(organisation)
        layers["memberships"] = groups
    return layers, labels


def _url(name: str, kwarg: str, key: str | None) -> str:
    if not key:
        return ""
    try:
        return reverse(name, kwargs={kwarg: key})
    except NoReverseMatch:
        return ""


def data_version() -> str:
    """Changes whenever the data changes (see ``core.caching``: the newest change record and this
    process's write generation, so rows written outside the services are seen too)."""
    return caching.data_version()


def _viewer_signature(user) -> str:
    from arvoketju.accounts.selectors import represented_organisation_ids

    levels = sorted(str(level) for level in visible_levels(user))
    represented = sorted(represented_organisation_ids(user) or []) if user is not None else []
    return f"{levels}{represented}"


def _cache_key(kind: str, user, filters: NetworkFilters, language: str, version: str) -> str:
    signature = f"{filters.signature()}|{_viewer_signature(user)}|{version}|{language}"
    return f"{kind}:" + hashlib.sha1(signature.encode()).hexdigest()


def network_json_bytes(*, user, filters: NetworkFilters, language: str = "") -> tuple[bytes, bytes]:
    """The payload as JSON and gzipped JSON, cached: at 20,000 organisations serialising and
    compressing it takes longer than everything else in a cached request."""
    key = _cache_key("network-json", user, filters, language, data_version())
    found = cache.get(key)
    if found is None:
        payload = network_graph(user=user, filters=filters, language=language)
        raw = json.dumps(payload, separators=(",", ":"), ensure_ascii=False, cls=DjangoJSONEncoder).encode()
        found = (raw, gzip.compress(raw, compresslevel=6))
        cache.set(key, found, CACHE_SECONDS)
    return found


def network_graph(*, user, filters: NetworkFilters, language: str = "") -> dict:
    """The network payload for this user and filter, from the cache when the data has not changed."""
    version = data_version()
    key = _cache_key("network", user, filters, language, version)
    payload = cache.get(key)
    if payload is None:
        nodes = network_nodes(user=user, filters=filters)
        layers, labels = network_layers(user=user, filters=filters)
        graph = build_graph(nodes, layers)
        payload = graph_payload(graph, graph_metrics(graph), labels=labels)
        payload["version"] = version
        cache.set(key, payload, CACHE_SECONDS)
    return payload


def scaled_size(value: float, maximum: float) -> float:
    """A node radius from a centrality value (area proportional to the value)."""
    return round(3 + 12 * math.sqrt(value / maximum), 2) if maximum else 3.0
