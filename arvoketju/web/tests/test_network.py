"""The collaboration network: graph building (edges, weights, layers, filters, visibility), its
JSON and the GEXF/GraphML exports read back with networkx."""

import io
from datetime import date

import networkx as nx
import pytest
from django.core.cache import cache
from django.http import QueryDict
from django.test import Client

from arvoketju.capabilities.models import Capability, CapabilityKind, CapabilityStatus
from arvoketju.collaboration.models import Membership, Network
from arvoketju.places.models import PlaceKind
from arvoketju.provenance.models import Visibility
from arvoketju.testing.factories import (
    EventAttendanceFactory,
    EventFactory,
    OrganisationFactory,
    ParticipationFactory,
    PlaceFactory,
    ProjectFactory,
    SourceFactory,
    StageFactory,
)
from arvoketju.web.network import (
    Graph,
    NetworkFilters,
    build_graph,
    co_membership_edges,
    export_bytes,
    graph_metrics,
    graph_payload,
    network_graph,
    top_nodes,
)


def filters(query: str) -> NetworkFilters:
    return NetworkFilters.from_query(QueryDict(query))


# ------------------------------------------------------------------ pure functions


def test_co_membership_edges_pair_every_member_of_a_group_and_list_the_groups():
    edges = co_membership_edges({"p1": [1, 2, 3], "p2": [2, 1], "p3": [4]})
    assert edges == {(1, 2): ["p1", "p2"], (1, 3): ["p1"], (2, 3): ["p1"]}
    assert co_membership_edges({"p1": [1, 2, 3]}, allowed={1, 3}) == {(1, 3): ["p1"]}
    assert co_membership_edges({"p1": [1, 1, None]}) == {}


def test_build_graph_weights_count_shared_groups_across_layers():
    nodes = [{"id": i, "key": f"o{i}", "label": f"O{i}"} for i in (1, 2, 3)]
    graph = build_graph(nodes, {"projects": {"a": [1, 2], "b": [1, 2]}, "events": {"e": [1, 2, 3]}})
    assert graph.edges[(1, 2)] == {"projects": ["a", "b"], "events": ["e"]}
    assert graph.weight((1, 2)) == 3
    assert graph.weight((2, 3)) == 1


def test_metrics_and_payload_of_a_star():
    nodes = [{"id": i, "key": f"o{i}", "label": f"O{i}"} for i in range(5)]
    graph = build_graph(nodes, {"projects": {f"p{i}": [0, i] for i in range(1, 5)}})
    metrics = graph_metrics(graph)
    assert metrics["degree"] == [4, 1, 1, 1, 1]
    assert metrics["betweenness"][0] == pytest.approx(1.0)
    assert all(0 <= x <= 1000 and 0 <= y <= 1000 for x, y in metrics["layout"])
    assert graph_metrics(graph)["layout"] == metrics["layout"]  # deterministic, so cacheable
    payload = graph_payload(graph, metrics, labels={"projects": {"p1": {"key": "p1", "label": "P1"}}})
    assert len(payload["edges"]) == 4
    source, target, weight, projects, events, networks = payload["edges"][0]
    assert (source, target, weight, events, networks) == (0, 1, 1, [], [])
    assert payload["projects"][projects[0]]["label"] == "P1"
    assert top_nodes(payload, limit=1)[0]["key"] == "o0"


def test_an_empty_graph_has_an_empty_payload():
    graph = Graph(nodes=[])
    assert graph_payload(graph, graph_metrics(graph)) == {
        "nodes": [],
        "edges": [],
        "projects": [],
        "events": [],
        "networks": [],
        "betweenness_estimated": False,
    }


def test_filters_read_from_the_query_string():
    f = filters("stage=b&stage=a&type=company&from=2020&to=bad&layer=projects&layer=events")
    assert f.stages == ("a", "b") and f.types == ("company",)
    assert (f.year_from, f.year_to) == (2020, None)
    assert f.layers == ("projects", "events")
    assert filters("").layers == ("projects",)
    assert filters("layer=").layers == ()


# ------------------------------------------------------------------ from the database


@pytest.fixture
def world(db):
    """A region of its own with four organisations: A–B share two projects, B–C a restricted one,
    A–C an event, B–D a network."""
    cache.clear()
    region = PlaceFactory(kind=PlaceKind.REGION, key="region-test", code="99", name_fi="Testimaakunta")
    town = PlaceFactory(key="testikunta", name_fi="Testikunta", parent=region, latitude=63.0, longitude=25.0)
    a, b, c, d = (
        OrganisationFactory(key=k, name=f"{k.upper()} Oy", home_place=town, type=t)
        for k, t in [("aa", "company"), ("bb", "university"), ("cc", "company"), ("dd", "company")]
    )
    p1 = ProjectFactory(key="p-one", acronym="ONE", start=date(2019, 1, 1), end=date(2020, 12, 31))
    p2 = ProjectFactory(key="p-two", acronym="TWO", start=date(2023, 1, 1))
    secret = ProjectFactory(key="p-secret", acronym="SECRETPRJ", visibility=Visibility.RESTRICTED)
    for project, members in [(p1, [a, b]), (p2, [a, b]), (secret, [b, c])]:
        for organisation in members:
            ParticipationFactory(project=project, organisation=organisation)
    event = EventFactory(key="e-one", name="Workshop", start=date(2022, 5, 5))
    for organisation in (a, c):
        EventAttendanceFactory(event=event, organisation=organisation)
    network = Network.objects.create(key="n-one", name="Cluster", source=SourceFactory(), locator="x")
    for organisation in (b, d):
        Membership.objects.create(network=network, organisation=organisation, source=SourceFactory(), locator="x")
    stage = StageFactory(key="test-stage")
    Capability.objects.create(
        organisation=a, stage=stage, kind=CapabilityKind.RESEARCH, status=CapabilityStatus.ACTIVE,
        source=SourceFactory(), locator="x",
    )  # fmt: skip
    return {"a": a, "b": b, "c": c, "d": d}


def edge_keys(payload) -> dict[tuple[str, str], list[str]]:
    keys = [n["key"] for n in payload["nodes"]]
    return {
        tuple(sorted((keys[s], keys[t]))): [payload["projects"][i]["key"] for i in p]
        + [payload["events"][i]["key"] for i in e]
        + [payload["networks"][i]["key"] for i in n]
        for s, t, _w, p, e, n in payload["edges"]
    }


def test_joint_projects_make_weighted_edges_and_a_restricted_project_none_for_anonymous(world):
    payload = network_graph(user=None, filters=filters("region=region-test"))
    assert sorted(n["key"] for n in payload["nodes"]) == ["aa", "bb", "cc", "dd"]
    assert edge_keys(payload) == {("aa", "bb"): ["p-one", "p-two"]}
    assert payload["edges"][0][2] == 2
    assert "SECRETPRJ" not in str(payload)


def test_editors_see_the_edge_of_a_restricted_project(world, editor):
    payload = network_graph(user=editor, filters=filters("region=region-test"))
    assert edge_keys(payload)[("bb", "cc")] == ["p-secret"]


def test_events_and_memberships_are_layers_that_can_be_switched_on(world):
    payload = network_graph(
        user=None, filters=filters("region=region-test&layer=projects&layer=events&layer=memberships")
    )
    assert edge_keys(payload) == {("aa", "bb"): ["p-one", "p-two"], ("aa", "cc"): ["e-one"], ("bb", "dd"): ["n-one"]}
    only_events = network_graph(user=None, filters=filters("region=region-test&layer=events"))
    assert edge_keys(only_events) == {("aa", "cc"): ["e-one"]}
    # an event without an end date took place on its start day only
    assert network_graph(user=None, filters=filters("region=region-test&layer=events&from=2022"))["edges"]
    assert not network_graph(user=None, filters=filters("region=region-test&layer=events&from=2023"))["edges"]
    # a membership without dates holds in any period
    later = network_graph(user=None, filters=filters("region=region-test&layer=memberships&from=2030"))
    assert edge_keys(later) == {("bb", "dd"): ["n-one"]}


def test_period_type_and_stage_filters(world):
    assert edge_keys(network_graph(user=None, filters=filters("region=region-test&from=2022"))) == {
        ("aa", "bb"): ["p-two"]
    }
    assert edge_keys(network_graph(user=None, filters=filters("region=region-test&to=2020"))) == {
        ("aa", "bb"): ["p-one"]
    }
    typed = network_graph(user=None, filters=filters("region=region-test&type=company"))
    assert sorted(n["key"] for n in typed["nodes"]) == ["aa", "cc", "dd"]
    assert typed["edges"] == []
    staged = network_graph(user=None, filters=filters("stage=test-stage"))
    assert [n["key"] for n in staged["nodes"]] == ["aa"]


def test_the_cache_notices_new_facts(world):
    first = network_graph(user=None, filters=filters("region=region-test"))
    ParticipationFactory(project=world["a"].participations.first().project, organisation=world["d"])
    second = network_graph(user=None, filters=filters("region=region-test"))
    assert first["version"] != second["version"]
    assert ("aa", "dd") in edge_keys(second)


def test_the_battery_network_page_json_and_exports(db):
    cache.clear()
    client = Client()
    page = client.get("/network/?colour=type&size=degree")
    assert page.status_code == 200
    assert b'id="network-canvas"' in page.content and b"network-table" in page.content
    payload = client.get("/network/data.json").json()
    assert client.get("/network/data.json", HTTP_ACCEPT_ENCODING="gzip")["Content-Encoding"] == "gzip"
    assert len(payload["nodes"]) >= 60 and len(payload["edges"]) >= 20
    assert {"key", "label", "x", "y", "degree", "betweenness", "region", "type", "url"} <= set(payload["nodes"][0])
    for fmt, reader in [("gexf", nx.read_gexf), ("graphml", nx.read_graphml)]:
        response = client.get(f"/network/graph.{fmt}?layer=projects&layer=events")
        assert response.status_code == 200
        assert f"arvoketju-network.{fmt}" in response["Content-Disposition"]
        graph = reader(io.BytesIO(response.content))
        assert graph.number_of_nodes() == len(payload["nodes"])
        assert graph.number_of_edges() >= len(payload["edges"])
        node = next(iter(graph.nodes(data=True)))[1]
        assert {"label", "degree", "betweenness"} <= set(node)
        assert any(data.get("projects") for _a, _b, data in graph.edges(data=True))


def test_export_writes_both_formats_for_a_tiny_graph():
    nodes = [{"id": i, "key": f"o{i}", "label": f"O{i}"} for i in range(3)]
    graph = build_graph(nodes, {"projects": {"p": [0, 1, 2]}})
    payload = graph_payload(graph, graph_metrics(graph))
    back = nx.read_graphml(io.BytesIO(export_bytes(payload, "graphml")))
    assert back.number_of_edges() == 3 and back.edges["o0", "o1"]["projects"] == "p"
    assert nx.read_gexf(io.BytesIO(export_bytes(payload, "gexf"))).number_of_nodes() == 3
    with pytest.raises(ValueError):
        export_bytes(payload, "dot")
