"""Gaps: where the chain is thin or broken, and needs nobody trains for.

* **Thin stages**: a stage with no active holder nationally is a *gap*; with fewer than ``THIN``
  (3) it is *thin*. Per place: stages without an active holder there.
* **Missing links**: value-chain stages in order (themes are not links). For a place active in a
  stage, the stage just upstream or downstream with no active holder in that place is a missing
  link; ``national`` says whether someone elsewhere in the country holds it.
* **Competence needs without education supply**: a need (for a competence, or a stage) that no
  education programme covers — neither nationally nor in the need's region.
"""

from __future__ import annotations

import numpy as np

THIN = 3


def thin_stages(active_counts: dict, stages: list, *, thin: int = THIN) -> list[dict]:
    """Stages (in order) with fewer than ``thin`` active holders nationally: ``gap`` when none."""
    rows = []
    for stage in stages:
        count = active_counts.get(stage, 0)
        if count < thin:
            rows.append({"stage": stage, "active": count, "level": "gap" if count == 0 else "thin"})
    return rows


def missing_links(active, columns: list, chain: list, stages: list) -> list[dict]:
    """For each column active in a chain stage: the upstream/downstream neighbour it lacks.

    ``active``: columns × stages counts of active holders; ``chain``: the value-chain stages in
    order (a subset of ``stages``)."""
    active = np.asarray(active, dtype=float)
    index = {s: i for i, s in enumerate(stages)}
    national = active.sum(axis=0) if active.size else np.zeros(len(stages))
    rows = []
    for c, column in enumerate(columns):
        for position, stage in enumerate(chain):
            if not active[c, index[stage]]:
                continue
            for direction, neighbour_position in (("upstream", position - 1), ("downstream", position + 1)):
                if not 0 <= neighbour_position < len(chain):
                    continue
                neighbour = chain[neighbour_position]
                if not active[c, index[neighbour]]:
                    rows.append(
                        {
                            "column": column,
                            "stage": stage,
                            "direction": direction,
                            "missing": neighbour,
                            "national": int(national[index[neighbour]]),
                        }
                    )
    return rows


def unmet_needs(needs: list[dict], programmes: list[dict]) -> list[dict]:
    """Needs no programme covers.

    ``needs``: dicts with ``id``, ``competence``, ``stage`` and ``region`` (any may be None);
    ``programmes``: dicts with ``id``, ``competences``, ``stages`` (sets) and ``region``. A need is
    covered nationally when a programme names its competence (or, for a need without a competence,
    its stage); locally when such a programme is in the need's region. Needs naming neither are
    left out: nothing to match."""
    rows = []
    for need in needs:
        if need.get("competence") is not None:
            matching = [p for p in programmes if need["competence"] in p["competences"]]
        elif need.get("stage") is not None:
            matching = [p for p in programmes if need["stage"] in p["stages"]]
        else:
            continue
        local = [p for p in matching if need.get("region") is not None and p.get("region") == need["region"]]
        if not matching or (need.get("region") is not None and not local):
            rows.append({**need, "national_supply": len(matching), "regional_supply": len(local)})
    return rows
