"""Overlap: duplicated profiles, duplicated infrastructure and competing applications.

* **Profiles**: within one stage, each holder (or place) has a profile — how many capabilities of
  each kind (research, education, production, service, infrastructure) it has there. Two profiles
  whose cosine similarity is at least ``SIMILAR`` (0.9) duplicate each other: the same kind of work
  in the same stage.
* **Infrastructure**: two or more organisations running infrastructure of the same kind for the
  same stage.
* **Applications**: two or more applications (projects not yet or not funded) aimed at the same
  call, compared case- and space-insensitively.
"""

from __future__ import annotations

import math
from collections import defaultdict

SIMILAR = 0.9


def cosine(a: dict, b: dict) -> float:
    """Cosine similarity of two sparse vectors given as ``{dimension: weight}``."""
    dot = sum(weight * b.get(key, 0.0) for key, weight in a.items())
    norm = math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values()))
    return dot / norm if norm else 0.0


def similar_pairs(profiles: dict, *, threshold: float = SIMILAR) -> list[dict]:
    """Pairs of keys whose profiles have cosine ≥ ``threshold``, most similar first."""
    keys = sorted(profiles, key=str)
    pairs = []
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            value = cosine(profiles[a], profiles[b])
            if value >= threshold - 1e-12:
                shared = sorted(set(profiles[a]) & set(profiles[b]), key=str)
                pairs.append({"a": a, "b": b, "similarity": round(value, 3), "shared": shared})
    pairs.sort(key=lambda row: (-row["similarity"], str(row["a"]), str(row["b"])))
    return pairs


def profiles_by_stage(records, key) -> dict:
    """``{stage: {key(record): {kind: count}}}`` from capability records (``stage_ids``, ``kind``);
    ``key`` picks what is compared (the holder, or the holder's place)."""
    result: dict = defaultdict(lambda: defaultdict(lambda: defaultdict(float)))
    for record in records:
        who = key(record)
        if who is None:
            continue
        for stage in record.stage_ids:
            result[stage][who][record.kind] += 1.0
    return {stage: {who: dict(kinds) for who, kinds in by.items()} for stage, by in result.items()}


def duplicated_profiles(records, key, *, threshold: float = SIMILAR) -> dict:
    """Per stage, the pairs (of ``key``) with near-identical capability profiles."""
    found = {}
    for stage, profiles in profiles_by_stage(records, key).items():
        pairs = similar_pairs(profiles, threshold=threshold)
        if pairs:
            found[stage] = pairs
    return found


def duplicated_infrastructure(items) -> list[dict]:
    """Infrastructure of the same kind for the same stage at two or more organisations.

    ``items``: dicts with ``id``, ``organisation``, ``kind`` and ``stages`` (a list)."""
    groups: dict = defaultdict(list)
    for item in items:
        for stage in item["stages"]:
            groups[(item["kind"], stage)].append(item)
    rows = []
    for (kind, stage), members in groups.items():
        if len({m["organisation"] for m in members}) >= 2:
            rows.append({"kind": kind, "stage": stage, "items": sorted(members, key=lambda m: str(m["id"]))})
    rows.sort(key=lambda row: (-len(row["items"]), str(row["kind"]), str(row["stage"])))
    return rows


def normalise_call(call: str) -> str:
    return " ".join((call or "").lower().split())


def competing_applications(applications) -> list[dict]:
    """Two or more applications aimed at the same call. ``applications``: dicts with ``id`` and
    ``call``; those without a call are left out (nothing to compare)."""
    groups: dict = defaultdict(list)
    for application in applications:
        call = normalise_call(application.get("call", ""))
        if call:
            groups[call].append(application)
    rows = [{"call": members[0]["call"], "items": members} for members in groups.values() if len(members) >= 2]
    rows.sort(key=lambda row: (-len(row["items"]), row["call"]))
    return rows
