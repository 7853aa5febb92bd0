"""Offline evaluation of the recommender against popularity, common neighbours and Adamic–Adar.

For every project that started on or after ``until``, one member is hidden (chosen with a fixed
seed); each method ranks the hidden member among *hard negatives* — organisations active in the
same call topic or in one of the project's competences before ``until`` (from earlier projects or
stated in the registry) — given the rest of the consortium and the project's topics and
competences. Only facts from before ``until`` are used, which is before every evaluated project
started. Reported: recall@10, recall@50 and MRR, overall and for newcomers (hidden members with no
project before ``until``).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field, replace

import numpy as np

from .history import History, OrgRecord, ProjectRecord
from .recommend import CallProfile, PartnerIndex, rank_of

__all__ = ["History", "OrgRecord", "ProjectRecord", "evaluate", "EvaluationReport"]
METHODS = ("recommender", "recommender_newcomers", "popularity", "common_neighbours", "adamic_adar")


@dataclass
class EvaluationReport:
    """Metrics per method, overall and for newcomers, and how many cases each rests on."""

    until: dt.date
    cases: int = 0
    newcomer_cases: int = 0
    mean_pool: float = 0.0
    metrics: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)

    def table(self) -> str:
        """The metrics as a fixed-width text table."""
        lines = [
            f"cases: {self.cases} (newcomers: {self.newcomer_cases}), mean candidates per case: {self.mean_pool:.1f}",
            "{:<22} {:>9} {:>9} {:>7} | {:>9} {:>9} {:>7}".format(
                "method", "R@10", "R@50", "MRR", "new R@10", "new R@50", "new MRR"
            ),
        ]
        for method in METHODS:
            a, b = self.metrics[method]["all"], self.metrics[method]["newcomers"]
            lines.append(
                "{:<22} {:>9.3f} {:>9.3f} {:>7.3f} | {:>9.3f} {:>9.3f} {:>7.3f}".format(
                    method, a["recall@10"], a["recall@50"], a["mrr"], b["recall@10"], b["recall@50"], b["mrr"]
                )
            )
        return "\n".join(lines)


def _summary(ranks: list[float]) -> dict[str, float]:
    if not ranks:
        return {"recall@10": 0.0, "recall@50": 0.0, "mrr": 0.0, "cases": 0}
    values = np.array(ranks)
    return {
        "recall@10": float((values <= 10).mean()),
        "recall@50": float((values <= 50).mean()),
        "mrr": float((1 / values).mean()),
        "cases": len(ranks),
    }


def evaluate(history: History, *, until: dt.date, seed: int = 7, limit: int | None = None) -> EvaluationReport:
    """Hide one member of each project starting on or after ``until`` and rank it with every method."""
    index = PartnerIndex(history, before=until)
    rng = random.Random(seed)
    report = EvaluationReport(until=until)
    ranks = {m: {"all": [], "newcomers": []} for m in METHODS}
    tests = [p for p in history.projects if p.start is not None and p.start >= until and len(p.members) >= 2]
    tests.sort(key=lambda p: (p.start, p.id))
    if limit is not None:
        tests = tests[:limit]
    topic_members = index.topic_counts.tocsc()
    profile_any = (index.past + index.declared).tocsc()
    pools = 0
    for project in tests:
        members = [m for m in project.members if m in index.pos]
        if len(members) < 2:
            continue
        hidden = rng.choice(members)
        rest = [m for m in members if m != hidden]
        comps = [index.comp_pos[c] for c in project.competences if c in index.comp_pos]
        topics = [index.topic_pos[t] for t in project.topics if t in index.topic_pos]
        active = np.zeros(len(index.org_ids), dtype=bool)
        if comps:
            active |= np.asarray(profile_any[:, comps].sum(axis=1)).ravel() > 0
        if topics:
            active |= np.asarray(topic_members[:, topics].sum(axis=1)).ravel() > 0
        target = index.pos[hidden]
        active[target] = True
        for member in rest:
            active[index.pos[member]] = False
        pool = np.flatnonzero(active)
        pools += len(pool)
        profile = CallProfile(competences=set(project.competences), topics=set(project.topics), members=rest)
        scores = {
            "recommender": index.score(profile)[0],
            "recommender_newcomers": index.score(replace(profile, favour="newcomers"))[0],
            "popularity": index.popularity(profile),
            "common_neighbours": np.asarray(index.common_neighbours(profile)).ravel(),
            "adamic_adar": np.asarray(index.adamic_adar(profile)).ravel(),
        }
        newcomer = index.project_count[target] == 0
        for method, values in scores.items():
            rank = rank_of(np.asarray(values, dtype=float), target, pool)
            ranks[method]["all"].append(rank)
            if newcomer:
                ranks[method]["newcomers"].append(rank)
        report.cases += 1
        report.newcomer_cases += int(newcomer)
    report.mean_pool = pools / report.cases if report.cases else 0.0
    report.metrics = {m: {group: _summary(values) for group, values in ranks[m].items()} for m in METHODS}
    return report
