"""Regional specialisation: location quotient / revealed comparative advantage (Balassa), and the
declared-vs-evidenced comparison, as pure functions.

The quantity counted is the number of *holders* (organisations, or places stating a capability of
their own) in a place × stage cell, as the matrix counts them (a holder counts once per cell). Active
and potential holders are counted **separately** (two RCA tables); the combined table weighs an
active holder 1 and a potential-only holder ``POTENTIAL_WEIGHT`` (0.5) — a stated intention or
unused capacity is worth something, but less than a working activity (decision 26).

    RCA[c, s] = (x[c, s] / Σ_s x[c, s]) / (Σ_c x[c, s] / Σ_c Σ_s x[c, s])

RCA ≥ 1 means the place's share of its holders in the stage is at least the share nationally (over
all places counted). With the small counts of a regional registry a single organisation moves the
number a lot, so every RCA is shown with its counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

POTENTIAL_WEIGHT = 0.5
SPECIALISED = 1.0  # RCA at or above which a place counts as specialised


def rca(matrix, reference=None) -> np.ndarray:
    """Balassa RCA of a places × stages matrix of (weighted) counts; rows or columns without any
    count give 0, never a division by zero. ``reference`` (places × the same stages) gives the
    national shares when the rows shown are not the whole country (e.g. the partner cities against
    every municipality); by default the rows themselves are the reference."""
    x = np.asarray(matrix, dtype=float)
    if x.size == 0:
        return x.copy()
    base = x if reference is None else np.asarray(reference, dtype=float)
    total = base.sum()
    row = x.sum(axis=1, keepdims=True)
    column = base.sum(axis=0, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        share_in_place = np.where(row > 0, x / row, 0.0)
        share_nationally = np.where(column > 0, column / total, 0.0) if total > 0 else np.zeros_like(column)
        result = np.where(share_nationally > 0, share_in_place / share_nationally, 0.0)
    return result


def counts_from_codes(place_index, stage_index, n_places: int, n_stages: int, weights=None) -> np.ndarray:
    """A places × stages count matrix from parallel integer arrays (one entry per holder × cell);
    the fast route used at national scale (``bench/analytics_bench.py``)."""
    flat = np.asarray(place_index, dtype=np.int64) * n_stages + np.asarray(stage_index, dtype=np.int64)
    counts = np.bincount(flat, weights=weights, minlength=n_places * n_stages)
    return counts.reshape(n_places, n_stages).astype(float)


@dataclass
class SpecialisationTable:
    """Counts and RCA for columns (places) × rows (stages), active and potential apart."""

    columns: list
    stages: list
    active: np.ndarray
    potential: np.ndarray
    reference_active: np.ndarray | None = None  # the national counts, when the columns are a subset
    reference_potential: np.ndarray | None = None
    weighted: np.ndarray = field(init=False)
    rca_active: np.ndarray = field(init=False)
    rca_weighted: np.ndarray = field(init=False)

    def __post_init__(self):
        self.weighted = self.active + POTENTIAL_WEIGHT * self.potential
        if self.reference_active is None:
            self.reference_active, self.reference_potential = self.active, self.potential
        reference_weighted = self.reference_active + POTENTIAL_WEIGHT * self.reference_potential
        self.rca_active = rca(self.active, self.reference_active)
        self.rca_weighted = rca(self.weighted, reference_weighted)

    def entry(self, column, stage) -> dict:
        """The numbers of one cell, with the totals the RCA is computed from (for the explanation)."""
        c, s = self.columns.index(column), self.stages.index(stage)
        return {
            "active": int(self.active[c, s]),
            "potential": int(self.potential[c, s]),
            "weighted": float(self.weighted[c, s]),
            "place_active_total": int(self.active[c].sum()),
            "national_active": int(self.reference_active[:, s].sum()),
            "national_active_total": int(self.reference_active.sum()),
            "rca_active": float(self.rca_active[c, s]),
            "rca": float(self.rca_weighted[c, s]),
        }


def count_arrays(cells, columns: list, stages: list) -> tuple[np.ndarray, np.ndarray]:
    """Active and potential holder counts (columns × stages) from matrix cells
    (``{(stage, column): Cell}`` as ``matrix.build_matrix`` returns them)."""
    active = np.zeros((len(columns), len(stages)))
    potential = np.zeros((len(columns), len(stages)))
    column_index = {c: i for i, c in enumerate(columns)}
    stage_index = {s: i for i, s in enumerate(stages)}
    for (stage, column), cell in cells.items():
        if stage in stage_index and column in column_index:
            active[column_index[column], stage_index[stage]] = len(cell.active)
            potential[column_index[column], stage_index[stage]] = len(cell.potential)
    return active, potential


def specialisation_table(cells, columns: list, stages: list, *, reference=None) -> SpecialisationTable:
    """Build the table from matrix cells; ``reference``: (active, potential) national count arrays
    when ``columns`` are not the whole country."""
    active, potential = count_arrays(cells, columns, stages)
    reference_active, reference_potential = reference if reference is not None else (None, None)
    return SpecialisationTable(
        columns=list(columns),
        stages=list(stages),
        active=active,
        potential=potential,
        reference_active=reference_active,
        reference_potential=reference_potential,
    )


# verdicts of the declared-vs-evidenced table
BACKED = "backed"  # declared, and the place is specialised on active evidence (RCA ≥ 1)
PARTLY = "partly"  # declared, active evidence exists but below the national share
POTENTIAL_ONLY = "potential_only"  # declared, only potential capability recorded
UNBACKED = "unbacked"  # declared, no capability recorded at all
UNDECLARED = "undeclared_strength"  # not declared, but specialised on active evidence


def declared_vs_evidenced(table: SpecialisationTable, declared: set[tuple]) -> list[dict]:
    """One row per (column, stage) that is declared or an undeclared strength.

    ``declared``: the (column, stage) pairs a declared specialisation names. An undeclared strength
    needs RCA_active ≥ 1 **and** at least one active holder.
    """
    rows = []
    for c, column in enumerate(table.columns):
        for s, stage in enumerate(table.stages):
            active, potential = table.active[c, s], table.potential[c, s]
            value = table.rca_active[c, s]
            is_declared = (column, stage) in declared
            if is_declared:
                if active and value >= SPECIALISED:
                    verdict = BACKED
                elif active:
                    verdict = PARTLY
                elif potential:
                    verdict = POTENTIAL_ONLY
                else:
                    verdict = UNBACKED
            elif active and value >= SPECIALISED:
                verdict = UNDECLARED
            else:
                continue
            rows.append(
                {
                    "column": column,
                    "stage": stage,
                    "declared": is_declared,
                    "active": int(active),
                    "potential": int(potential),
                    "rca_active": round(float(value), 2),
                    "rca": round(float(table.rca_weighted[c, s]), 2),
                    "verdict": verdict,
                }
            )
    return rows
