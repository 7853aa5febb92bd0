"""Goals and indicators: targets against what the source states and what the data shows.

For each goal or indicator, ``computed`` is the number of evidence items (projects and networks
linked to it as evidence) that exist on the date looked at; ``stated`` is the number the source
gives. Both are shown: they differ when the source counts something the registry does not (yet)
record, and the difference is itself a finding. A target is met when the value used (computed if
there is evidence, else stated) reaches ``target_min`` (or ``target``).
"""

from __future__ import annotations

MET = "met"
NOT_MET = "not_met"
NO_TARGET = "no_target"
UNKNOWN = "unknown"


def assess(item: dict) -> dict:
    """One goal/indicator: ``target_min``, ``target_max``, ``stated`` (numbers or None) and
    ``evidence`` (a list) → the same with ``computed``, ``value``, ``basis`` and ``verdict``."""
    evidence = item.get("evidence") or []
    computed = len(evidence) if evidence else None
    value, basis = (computed, "computed") if computed is not None else (item.get("stated"), "stated")
    target = item.get("target_min")
    if target is None:
        verdict = NO_TARGET
    elif value is None:
        verdict = UNKNOWN
    else:
        verdict = MET if float(value) >= float(target) else NOT_MET
    agrees = None if computed is None or item.get("stated") is None else float(computed) == float(item["stated"])
    return {**item, "computed": computed, "value": value, "basis": basis, "verdict": verdict, "agrees": agrees}


def assess_all(items: list[dict]) -> list[dict]:
    """``assess`` for every item, in the order given."""
    return [assess(item) for item in items]
