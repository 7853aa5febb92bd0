"""Recommender explanations, consortium rules and optimality (against brute force), the evaluation."""

import datetime as dt
import itertools
import random

import pytest

from arvoketju.partners.consortium import Candidate, Rules, assemble, objective_value
from arvoketju.partners.evaluation import evaluate
from arvoketju.partners.history import History, OrgRecord, ProjectRecord
from arvoketju.partners.recommend import CallProfile, PartnerIndex
from arvoketju.partners.synthetic import generate

D = dt.date


def _small_history():
    orgs = {
        "centria": OrgRecord("centria", "uas", "FI", False, set(), "Centria", "Kokkola"),
        "umicore": OrgRecord("umicore", "company", "FI", False, {"cathode"}, "Umicore Finland", "Kokkola"),
        "jyu": OrgRecord("jyu", "university", "FI", False, set(), "JYU", "Jyväskylä"),
        "newco": OrgRecord("newco", "company", "SE", True, {"recycling"}, "Newco", ""),
        "other": OrgRecord("other", "company", "DE", False, set(), "Other", ""),
    }
    projects = [
        ProjectRecord("p1", D(2019, 1, 1), ["centria", "umicore"], ["T1"], {"cathode", "recycling"}, "EKOAKKU"),
        ProjectRecord("p2", D(2020, 1, 1), ["jyu", "other"], ["T2"], {"ai"}, "OTHER"),
        ProjectRecord("p3", D(2020, 6, 1), ["umicore", "jyu"], ["T1"], {"cathode"}, "CAT"),
    ]
    return History(projects, orgs, {"cathode": "cathode materials", "recycling": "recycling"})


def test_recommendations_are_explained_with_checkable_facts():
    index = PartnerIndex(_small_history())
    results = index.recommend(CallProfile(competences={"cathode", "recycling"}, topics={"T1"}, members=["centria"]))
    assert results[0].org == "umicore"
    assert results[0].explanation == "covers cathode materials, recycling; worked with Centria in EKOAKKU; in Kokkola"
    facts = results[0].facts
    assert {"kind": "collaboration", "with": "centria", "projects": ["p1"]} in facts
    assert {"kind": "competence", "competence": "cathode", "projects": 2, "stated": True} in facts
    assert "centria" not in [r.org for r in results]
    newcomers = index.recommend(CallProfile(competences={"recycling"}, members=["centria"], favour="newcomers"))
    newco = next(r for r in newcomers if r.org == "newco")
    assert "no earlier projects (newcomer)" in newco.explanation and newco.parts["newcomer"] > 0
    only_se = index.recommend(CallProfile(competences={"recycling"}, countries={"SE"}))
    assert [r.org for r in only_se] == ["newco"]


def test_facts_after_the_cutoff_are_not_used():
    index = PartnerIndex(_small_history(), before=D(2020, 3, 1))
    assert int(index.project_count[index.pos["umicore"]]) == 1
    results = index.recommend(CallProfile(competences={"cathode"}, members=["jyu"]))
    umicore = next(r for r in results if r.org == "umicore")
    assert "worked with" not in umicore.explanation


def _candidates(n, seed=3):
    rng = random.Random(seed)
    comps = [f"c{i}" for i in range(6)]
    return [
        Candidate(
            str(i),
            type=rng.choice(["company", "university"]),
            country=rng.choice(["FI", "SE", "DE"]),
            sme=rng.random() < 0.4,
            competences=set(rng.sample(comps, 2)),
            score=round(rng.random(), 2),
            proven=rng.random() < 0.3,
            newcomer=rng.random() < 0.3,
        )
        for i in range(n)
    ]


def _meets(members, rules):
    return (
        rules.min_size <= len(members) <= rules.max_size
        and all(any(c in m.competences for m in members) for c in rules.required)
        and all(sum(m.type == t for m in members) >= n for t, n in rules.min_types.items())
        and sum(m.sme for m in members) >= rules.min_sme
        and len({m.country for m in members}) >= rules.min_countries
        and (not rules.coordinator_country or any(m.country == rules.coordinator_country for m in members))
        and all(m in members for m in [] if m.fixed)
    )


@pytest.mark.parametrize("favour", ["balanced", "proven", "newcomers"])
def test_consortium_is_optimal_against_brute_force_and_meets_every_rule(favour):
    candidates = _candidates(11)
    candidates[4].fixed = True
    rules = Rules(
        required={"c0", "c3"},
        wanted={"c1", "c2", "c4", "c5"},
        min_size=3,
        max_size=5,
        min_types={"company": 1, "university": 1},
        min_sme=1,
        min_countries=2,
        coordinator_country="FI",
        favour=favour,
    )
    result = assemble(candidates, rules, alternatives=3)
    assert result.status == "optimal" and len(result.consortia) == 3
    by_id = {c.id: c for c in candidates}
    best = max(
        objective_value(list(group), rules)
        for size in range(rules.min_size, rules.max_size + 1)
        for group in itertools.combinations(candidates, size)
        if candidates[4] in group and _meets(group, rules)
    )
    assert result.consortia[0].objective == best
    seen = set()
    for consortium in result.consortia:
        members = [by_id[i] for i in consortium.members]
        assert _meets(members, rules) and "4" in consortium.members
        assert objective_value(members, rules) == consortium.objective <= best
        assert frozenset(consortium.members) not in seen
        seen.add(frozenset(consortium.members))


def test_an_impossible_rule_is_named():
    candidates = _candidates(8)
    candidates[0].competences.add("c0")
    rules = Rules(required={"c0"}, min_size=2, max_size=4, min_types={"company": 1}, coordinator_country="NO")
    result = assemble(candidates, rules)
    assert result.status == "infeasible" and result.unmet == ["a coordinator from NO"]
    together = Rules(min_size=2, max_size=2, min_types={"company": 2, "university": 1})
    result = assemble(candidates, together)
    assert result.status == "infeasible"
    assert set(result.unmet) == {
        "between 2 and 2 members",
        "at least 2 of type company",
        "at least 1 of type university",
    }


def test_evaluation_on_planted_structure_beats_the_baselines():
    data = generate(projects=500, organisation_rows=4000, clusters=10, seed=3)
    report = evaluate(data.history, until=D(2022, 1, 1))
    assert report.cases > 100 and report.newcomer_cases > 5
    ours, aa = report.metrics["recommender"]["all"], report.metrics["adamic_adar"]["all"]
    assert ours["recall@10"] >= aa["recall@10"] + 0.05, report.table()
    assert ours["mrr"] > max(
        report.metrics[m]["all"]["mrr"] for m in ("popularity", "common_neighbours", "adamic_adar")
    )
    new = report.metrics["recommender"]["newcomers"]["mrr"]
    assert new > 1.5 * max(report.metrics[m]["newcomers"]["mrr"] for m in ("popularity", "adamic_adar")), report.table()
    # asked for newcomers, it finds them: recall@50 for newcomers at least 20 points above every baseline
    asked = report.metrics["recommender_newcomers"]["newcomers"]["recall@50"]
    baselines = ("popularity", "common_neighbours", "adamic_adar")
    assert asked >= 0.2 + max(report.metrics[m]["newcomers"]["recall@50"] for m in baselines), report.table()
