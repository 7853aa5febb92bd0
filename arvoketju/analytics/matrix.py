"""The value chain × region matrix (the report's figure 14, made live), as pure functions.

Inputs are plain records read by the selectors; nothing here touches the database, so the rules
(what counts where) are tested on small hand-made examples.

* A capability counts in every row of its stage, or — for a competence — of the competence's stages.
* It counts in the columns of its place: the capability's own place, else its organisation's home
  place. A municipality belongs to its region; a grouping ("Kotka-Hamina") to its members' columns.
* A holder (an organisation, or a place stating a capability of its own) is *active* in a cell when
  one of its capabilities there is active, else *potential* when one is potential: a cell's counts
  never count one holder twice.
* Declared specialisations (a place's stated intention) are shown beside the evidence, not counted
  as capability.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ACTIVE = "active"
POTENTIAL = "potential"


@dataclass(frozen=True)
class PlaceNode:
    """What the matrix needs of a place: its kind, its parent and, for a grouping, its members."""

    id: int
    kind: str
    parent_id: int | None = None
    member_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class CapabilityRecord:
    """One capability as the matrix sees it."""

    id: int
    holder: tuple[str, int]  # ("organisation", id) or ("place", id)
    holder_name: str
    stage_ids: tuple[int, ...]
    place_id: int | None
    status: str
    kind: str
    basis: str


@dataclass(frozen=True)
class DeclarationRecord:
    """One declared specialisation of a place."""

    id: int
    place_id: int
    stage_ids: tuple[int, ...]
    statement: str
    source: str = ""


@dataclass
class Cell:
    """Who is active or potential in one stage × column cell, and the evidence behind it."""

    active: dict = field(default_factory=dict)  # holder → holder name
    potential: dict = field(default_factory=dict)
    capability_ids: list = field(default_factory=list)  # the evidence, read when a cell is opened
    declarations: list = field(default_factory=list)

    @property
    def active_count(self) -> int:
        return len(self.active)

    @property
    def potential_count(self) -> int:
        return len(self.potential)

    @property
    def is_empty(self) -> bool:
        return not (self.active or self.potential or self.declarations)


def columns_of_place(place_id: int | None, places: dict[int, PlaceNode], level: str, depth: int = 0) -> set[int]:
    """The columns (place ids of ``level``: "region" or "municipality") a place counts in."""
    node = places.get(place_id) if place_id is not None else None
    if node is None or depth > 8:
        return set()
    if node.kind == level:
        return {node.id}
    if node.kind == "grouping":
        found = set()
        for member in node.member_ids:
            found |= columns_of_place(member, places, level, depth + 1)
        return found
    if level == "municipality" and node.kind == "region":
        return set()  # a region-wide fact belongs to no single municipality
    return columns_of_place(node.parent_id, places, level, depth + 1)


def build_matrix(
    capabilities: list[CapabilityRecord],
    declarations: list[DeclarationRecord],
    places: dict[int, PlaceNode],
    *,
    level: str,
    column_ids: list[int] | None = None,
) -> dict[tuple[int, int], Cell]:
    """Cells keyed by ``(stage id, column place id)``; only non-empty cells are present.

    ``column_ids`` limits the columns (e.g. to the partner cities); ``None`` keeps every column a
    fact falls into.
    """
    allowed = set(column_ids) if column_ids is not None else None
    cells: dict[tuple[int, int], Cell] = {}

    def cells_for(stage_ids, place_id):
        for column in columns_of_place(place_id, places, level):
            if allowed is not None and column not in allowed:
                continue
            for stage in stage_ids:
                yield cells.setdefault((stage, column), Cell())

    for record in capabilities:
        for cell in cells_for(record.stage_ids, record.place_id):
            cell.capability_ids.append(record.id)
            if record.status == ACTIVE:
                cell.active[record.holder] = record.holder_name
                cell.potential.pop(record.holder, None)
            elif record.holder not in cell.active:
                cell.potential[record.holder] = record.holder_name
    for record in declarations:
        for cell in cells_for(record.stage_ids, record.place_id):
            cell.declarations.append(record)
    return cells


def column_totals(cells: dict[tuple[int, int], Cell]) -> dict[int, dict[str, int]]:
    """Per column: how many stages have an active holder, only potential ones, or a declaration."""
    totals: dict[int, dict[str, int]] = {}
    for (_stage, column), cell in cells.items():
        entry = totals.setdefault(column, {"active_stages": 0, "potential_stages": 0, "declared_stages": 0})
        if cell.active:
            entry["active_stages"] += 1
        elif cell.potential:
            entry["potential_stages"] += 1
        if cell.declarations:
            entry["declared_stages"] += 1
    return totals
