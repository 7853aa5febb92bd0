"""Every measure on one small example worked out by hand: three regions A, B, C and four stages
s1–s4 (in value-chain order).

Holders and their capabilities (all active except h7):

    A: h1 {s1, s2}, h2 {s1}, h3 {s4}          → active counts A = [2, 1, 0, 1]   (row total 4)
    B: h4 {s2, s3}, h5 {s3, s4}               → active counts B = [0, 1, 2, 1]   (row total 4)
    C: h6 {s1, s4}, h7 {s2} (potential)       → active counts C = [1, 0, 0, 1]   (row total 2)
                                                 stage totals   [3, 2, 2, 3]   (total 10)

RCA[c, s] = (x[c, s] / row total) / (stage total / 10):
    A = [0.5/0.3, 0.25/0.2, 0, 0.25/0.3] = [1.667, 1.25, 0, 0.833]
    B = [0, 1.25, 0.5/0.2, 0.833]        = [0, 1.25, 2.5, 0.833]
    C = [0.5/0.3, 0, 0, 0.5/0.3]         = [1.667, 0, 0, 1.667]
Weighted (potential = 0.5): C's row total 2.5, s2's total 2.5, total 10.5:
    RCA_w[C, s2] = (0.5/2.5) / (2.5/10.5) = 0.2 / 0.2381 = 0.84
"""

import random

import numpy as np
import pytest

from arvoketju.analytics import gaps, goals, health, overlap, relatedness
from arvoketju.analytics.matrix import CapabilityRecord, PlaceNode, build_matrix
from arvoketju.analytics.specialisation import declared_vs_evidenced, rca, specialisation_table

A, B, C = 1, 2, 3
S1, S2, S3, S4 = 11, 12, 13, 14
STAGES = [S1, S2, S3, S4]
REGIONS = [A, B, C]
HOLDERS = {  # holder: (region, stages, status, kind)
    "h1": (A, (S1, S2), "active", "research"),
    "h2": (A, (S1,), "active", "research"),
    "h3": (A, (S4,), "active", "research"),
    "h4": (B, (S2, S3), "active", "production"),
    "h5": (B, (S3, S4), "active", "research"),
    "h6": (C, (S1, S4), "active", "production"),
    "h7": (C, (S2,), "potential", "service"),
}


def records():
    out = []
    for i, (holder, (region, stages, status, kind)) in enumerate(sorted(HOLDERS.items())):
        for stage in stages:
            out.append(
                CapabilityRecord(
                    id=len(out) + 1,
                    holder=("organisation", i),
                    holder_name=holder,
                    stage_ids=(stage,),
                    place_id=region,
                    status=status,
                    kind=kind,
                    basis="stated",
                )
            )
    return out


def table():
    places = {r: PlaceNode(id=r, kind="region") for r in REGIONS}
    cells = build_matrix(records(), [], places, level="region")
    return specialisation_table(cells, REGIONS, STAGES)


def test_counts_and_rca_by_hand():
    t = table()
    assert t.active.tolist() == [[2, 1, 0, 1], [0, 1, 2, 1], [1, 0, 0, 1]]
    assert t.potential.tolist() == [[0, 0, 0, 0], [0, 0, 0, 0], [0, 1, 0, 0]]
    expected = [[5 / 3, 1.25, 0, 5 / 6], [0, 1.25, 2.5, 5 / 6], [5 / 3, 0, 0, 5 / 3]]
    assert np.allclose(t.rca_active, expected)
    assert t.rca_weighted[2, 1] == pytest.approx((0.5 / 2.5) / (2.5 / 10.5))
    assert t.rca_weighted[2, 1] == pytest.approx(0.84)


@pytest.mark.filterwarnings("ignore")  # ecomplexity's own pandas deprecations and complexity warnings
def test_rca_matches_ecomplexity():
    pandas = pytest.importorskip("pandas")
    ecomplexity = pytest.importorskip("ecomplexity")
    t = table()
    rows = [
        {"year": 2024, "loc": str(region), "prod": str(stage), "val": float(t.active[r, s])}
        for r, region in enumerate(REGIONS)
        for s, stage in enumerate(STAGES)
    ]
    frame = ecomplexity.ecomplexity(
        pandas.DataFrame(rows), {"time": "year", "loc": "loc", "prod": "prod", "val": "val"}
    )
    theirs = {(int(row.loc), int(row.prod)): row.rca for row in frame.rename(columns={"loc": "loc"}).itertuples()}
    for r, region in enumerate(REGIONS):
        for s, stage in enumerate(STAGES):
            assert t.rca_active[r, s] == pytest.approx(theirs[(region, stage)], abs=1e-9)


def test_rca_with_a_national_reference_and_empty_rows():
    reference = np.array([[2, 1, 0, 1], [0, 1, 2, 1], [1, 0, 0, 1]])
    # region A alone, against the whole country: same numbers as in the full table
    assert np.allclose(rca(reference[:1], reference), [[5 / 3, 1.25, 0, 5 / 6]])
    assert rca(np.zeros((2, 3))).tolist() == [[0, 0, 0], [0, 0, 0]]


def test_declared_vs_evidenced_by_hand():
    t = table()
    declared = {(A, S1), (A, S3), (C, S2)}
    rows = {(r["column"], r["stage"]): r["verdict"] for r in declared_vs_evidenced(t, declared)}
    assert rows[(A, S1)] == "backed"  # RCA 1.67
    assert rows[(A, S3)] == "unbacked"  # nothing there
    assert rows[(C, S2)] == "potential_only"  # only h7, potential
    undeclared = {key for key, verdict in rows.items() if verdict == "undeclared_strength"}
    assert undeclared == {(A, S2), (B, S2), (B, S3), (C, S1), (C, S4)}  # RCA ≥ 1, not declared
    assert (A, S4) not in rows  # 0.83: neither declared nor a strength


def holdings():
    matrix = np.zeros((len(HOLDERS), 4))
    for h, (_region, stages, _status, _kind) in enumerate(v for _k, v in sorted(HOLDERS.items())):
        for stage in stages:
            matrix[h, STAGES.index(stage)] = 1
    return matrix


def test_proximity_and_density_by_hand():
    # ubiquity s1..s4 = 3, 3, 2, 3; co-occurrence: s1s2 h1, s1s4 h6, s2s3 h4, s3s4 h5 → each 1/3
    phi = relatedness.proximity(holdings())
    third = 1 / 3
    assert np.allclose(phi, [[0, third, 0, third], [third, 0, third, 0], [0, third, 0, third], [third, 0, third, 0]])
    t = table()
    dens = relatedness.density(t.rca_active, phi)
    # A specialised in s1, s2: density(A, s3) = (φ13 + φ23) / (φ13 + φ23 + φ43) = (1/3) / (2/3) = 0.5
    assert dens[0, 2] == pytest.approx(0.5)
    assert dens[0, 3] == pytest.approx(0.5)
    found = relatedness.opportunities(t.rca_active, phi, REGIONS, STAGES)
    assert [row["stage"] for row in found[A]] == [S3, S4]
    assert found[A][0]["because"] == [{"stage": S2, "proximity": 0.33}]
    assert {row["stage"] for row in found[C]} == {S2, S3}


def test_overlap_by_hand():
    assert overlap.cosine({"research": 2, "education": 1}, {"research": 4, "education": 2}) == pytest.approx(1.0)
    assert overlap.cosine({"research": 1, "education": 1}, {"research": 1}) == pytest.approx(2**-0.5)
    assert overlap.cosine({"research": 1}, {}) == 0.0
    # in s4 A (h3 research) and B (h5 research) have the same profile; C (h6 production) does not
    found = overlap.duplicated_profiles(records(), lambda r: r.place_id)
    assert [(p["a"], p["b"]) for p in found[S4]] == [(A, B)]
    assert S1 not in found  # A research×2 vs C production: cosine 0
    infrastructure = [
        {"id": 1, "organisation": "x", "kind": "laboratory", "stages": [S1]},
        {"id": 2, "organisation": "y", "kind": "laboratory", "stages": [S1, S2]},
        {"id": 3, "organisation": "y", "kind": "pilot_plant", "stages": [S2]},
    ]
    rows = overlap.duplicated_infrastructure(infrastructure)
    assert [(r["kind"], r["stage"], [i["id"] for i in r["items"]]) for r in rows] == [("laboratory", S1, [1, 2])]
    applications = [{"id": 1, "call": "EAKR  2024"}, {"id": 2, "call": "eakr 2024"}, {"id": 3, "call": ""}]
    assert [[i["id"] for i in r["items"]] for r in overlap.competing_applications(applications)] == [[1, 2]]


def test_gaps_by_hand():
    national = {S1: 3, S2: 2, S3: 2, S4: 3}
    assert gaps.thin_stages(national, STAGES + [15]) == [
        {"stage": S2, "active": 2, "level": "thin"},
        {"stage": S3, "active": 2, "level": "thin"},
        {"stage": 15, "active": 0, "level": "gap"},
    ]
    links = {
        (r["column"], r["stage"], r["direction"], r["missing"], r["national"])
        for r in gaps.missing_links(table().active, REGIONS, STAGES, STAGES)
    }
    assert links == {
        (A, S2, "downstream", S3, 2),
        (A, S4, "upstream", S3, 2),
        (B, S2, "upstream", S1, 3),
        (C, S1, "downstream", S2, 2),
        (C, S4, "upstream", S3, 2),
    }
    needs = [
        {"id": 1, "competence": 10, "stage": None, "region": A},
        {"id": 2, "competence": 11, "stage": None, "region": B},
        {"id": 3, "competence": None, "stage": S1, "region": None},
        {"id": 4, "competence": None, "stage": None, "region": A},
    ]
    programmes = [
        {"id": 1, "competences": {10}, "stages": set(), "region": A},
        {"id": 2, "competences": {11}, "stages": set(), "region": C},
    ]
    unmet = {(r["id"], r["national_supply"], r["regional_supply"]) for r in gaps.unmet_needs(needs, programmes)}
    assert unmet == {(2, 1, 0), (3, 0, 0)}


def test_network_health_by_hand():
    # P1 = {1, 2, 3} (all A), P2 = {3, 4} (A–B), P3 = {5, 6} (B–C); 7 takes part in nothing
    groups = {"P1": [1, 2, 3], "P2": [3, 4], "P3": [5, 6]}
    regions = {1: "A", 2: "A", 3: "A", 4: "B", 5: "B", 6: "C", 7: "C"}
    m = health.network_health([1, 2, 3, 4, 5, 6, 7], regions, groups)
    assert m["ties"] == 5
    assert m["degree"] == {1: 2, 2: 2, 3: 3, 4: 1, 5: 1, 6: 1, 7: 0}
    # 3 lies on the paths 1–4 and 2–4: 2 of (7-1)(7-2)/2 = 15 pairs
    assert m["betweenness"][3] == pytest.approx(2 / 15)
    assert m["inter_regional_ties"] == 2 and m["inter_regional_share"] == pytest.approx(0.4)
    assert m["brokers"][0]["node"] == 3 and m["brokers"][0]["other_regions"] == ["B"]
    assert {b["node"] for b in m["brokers"]} == {3, 4, 5, 6}
    assert m["isolated"] == [7]
    communities = [set(c) for c in m["communities"]]
    assert {5, 6} in communities and any({1, 2, 3} <= c for c in communities)
    assert sum(m["pagerank"].values()) == pytest.approx(1.0)


def test_co_membership_edges_by_hand_and_against_the_pairwise_count():
    # P0 = {1, 2, 2, 3} (2 recorded twice), P1 = {2, 3}, P2 = {4}: 1–2, 1–3 once, 2–3 twice
    edges, weights = health.edges_from_memberships(np.array([0, 0, 0, 0, 1, 1, 2]), np.array([1, 2, 2, 3, 3, 2, 4]))
    assert {(a, b): w for (a, b), w in zip(edges.tolist(), weights.tolist(), strict=True)} == {
        (1, 2): 1,
        (1, 3): 1,
        (2, 3): 2,
    }
    rng = random.Random(7)
    groups = {g: [rng.randrange(60) for _ in range(rng.randrange(1, 9))] for g in range(200)}
    flat = [(g, m) for g, members in groups.items() for m in members]
    rng.shuffle(flat)  # the order of the rows must not matter
    edges, weights = health.edges_from_memberships(np.array([g for g, _ in flat]), np.array([m for _, m in flat]))
    by_arrays = {(a, b): w for (a, b), w in zip(edges.tolist(), weights.tolist(), strict=True)}
    assert by_arrays == health.co_membership_pairs(groups)
    assert health.edges_from_memberships(np.array([], dtype=int), np.array([], dtype=int))[0].shape == (0, 2)


def test_leiden_communities_are_connected_on_a_larger_graph():
    import igraph

    random.seed(5)
    blocks = [range(0, 100), range(100, 200), range(200, 300)]
    edges = [(a, b) for block in blocks for a in block for b in block if a < b and random.random() < 0.1]
    edges += [(random.randrange(300), random.randrange(300)) for _ in range(30)]
    graph = igraph.Graph(n=300, edges=[(a, b) for a, b in edges if a != b])
    membership = health.leiden(graph)
    for community in set(membership):
        members = [i for i, c in enumerate(membership) if c == community]
        assert graph.induced_subgraph(members).is_connected()
    assert 2 <= len(set(membership)) <= 10


def test_sampled_betweenness_is_close_to_exact():
    import igraph

    graph = igraph.Graph.Barabasi(400, 2)
    exact, estimated_flag = health.sampled_betweenness(graph)
    sampled, estimated = health.sampled_betweenness(graph, exact_up_to=100, sample=200)
    assert not estimated_flag and estimated
    top_exact = set(np.argsort(exact)[-5:])
    assert len(top_exact & set(np.argsort(sampled)[-10:])) >= 4


def test_growth_and_event_series_by_hand():
    before = {"ties": {(1, 2)}, "organisations": {1, 2}, "places": {10}}
    after = {"ties": {(1, 2), (1, 3)}, "organisations": {1, 2, 3}, "places": {10, 11}}
    found = health.growth(before, after)
    assert found["ties"]["new"] == [(1, 3)] and found["organisations"]["new"] == [3]
    assert found["places"] == {"before": 1, "after": 2, "new": [11], "ended": []}
    events = [
        {"id": "e2", "start": 2, "participants": 20, "organisations": {"x", "y"}, "places": {"a", "c", "d"}},
        {"id": "e1", "start": 1, "participants": 13, "organisations": {"x"}, "places": {"a", "b"}},
        {"id": "e3", "start": None, "participants": None, "organisations": set(), "places": {"e"}},
    ]
    rows = health.series_growth(events)
    assert [r["id"] for r in rows] == ["e1", "e2", "e3"]
    assert rows[1]["new_places"] == ["c", "d"] and rows[1]["repeat_places"] == ["a"]
    assert rows[1]["new_organisations"] == ["y"] and rows[1]["repeat_organisations"] == ["x"]
    assert rows[2]["new_places"] == ["e"]


def test_goals_by_hand():
    met, unknown, below, none = goals.assess_all(
        [
            {"target_min": 1, "target_max": 2, "stated": 3, "evidence": ["p1", "p2", "p3"]},
            {"target_min": 1, "target_max": 1, "stated": None, "evidence": []},
            {"target_min": 2, "target_max": None, "stated": 5, "evidence": ["p1"]},
            {"target_min": None, "target_max": None, "stated": None, "evidence": ["n1"]},
        ]
    )
    assert (met["computed"], met["verdict"], met["agrees"]) == (3, "met", True)
    assert (unknown["computed"], unknown["verdict"]) == (None, "unknown")
    assert (below["value"], below["verdict"], below["agrees"]) == (1, "not_met", False)
    assert none["verdict"] == "no_target"
