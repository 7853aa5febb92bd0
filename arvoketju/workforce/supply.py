"""Skills supply against need as a pure function over plain records.

A need is met nearby when some education (a programme, or an education capability an organisation
states) teaches its competence — or, for a need named only by a stage, that stage — in the need's
region. A need whose source names no place is national: education anywhere counts. Needs with no
nearby education are the gaps the skills page highlights."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class NeedRecord:
    """A competence need as the view needs it; ``region`` is a region key ("" when not stated)."""

    key: str
    label: str
    competence: str = ""
    competence_label: str = ""
    stages: frozenset[str] = frozenset()
    stage_label: str = ""
    region: str = ""
    region_label: str = ""
    horizon: str = ""
    sources: tuple = ()


@dataclass(frozen=True)
class SupplyRecord:
    """Education on offer: a programme or an education capability, with what it teaches and where."""

    label: str
    provider: str = ""
    level: str = ""
    competences: frozenset[str] = frozenset()
    stages: frozenset[str] = frozenset()
    region: str = ""
    region_label: str = ""


@dataclass
class NeedRow:
    need: NeedRecord
    nearby: list[SupplyRecord] = field(default_factory=list)
    elsewhere: list[SupplyRecord] = field(default_factory=list)

    @property
    def gap(self) -> bool:
        """No education nearby (for a national need: none anywhere)."""
        return not self.nearby


def teaches(supply: SupplyRecord, need: NeedRecord) -> bool:
    """Whether ``supply`` teaches what ``need`` asks: the same competence; for a need without a
    competence, one of its stages."""
    if need.competence:
        return need.competence in supply.competences
    return bool(need.stages & supply.stages)


def supply_vs_need(needs, supply) -> list[NeedRow]:
    """One row per need with the matching education nearby (same region; anywhere for a national
    need) and elsewhere (other regions), gaps first, then by region and need."""
    rows = []
    for need in needs:
        row = NeedRow(need=need)
        for offer in supply:
            if not teaches(offer, need):
                continue
            if not need.region or offer.region == need.region:
                row.nearby.append(offer)
            else:
                row.elsewhere.append(offer)
        rows.append(row)
    rows.sort(key=lambda r: (not r.gap, r.need.region == "", r.need.region_label, r.need.label.casefold()))
    return rows


def by_region(rows: list[NeedRow]) -> list[dict]:
    """Rows grouped per region (national needs last) with the count of gaps in each."""
    groups: dict[str, dict] = {}
    for row in rows:
        group = groups.setdefault(
            row.need.region, {"region": row.need.region, "label": row.need.region_label, "rows": [], "gaps": 0}
        )
        group["rows"].append(row)
        group["gaps"] += row.gap
    return sorted(groups.values(), key=lambda g: (g["region"] == "", g["label"] or g["region"]))
