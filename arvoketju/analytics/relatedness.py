"""Relatedness and opportunity: which stages a place is close to, given what it already has.

Proximity between two stages comes from co-occurrence across holders (the organisations and places
with a capability): φ[s, t] = C[s, t] / max(C[s, s], C[t, t]), where C[s, t] counts holders with a
capability in both stages — the conditional probability of holding one given the other, taking the
smaller of the two (Hidalgo et al. 2007, with holders in place of countries).

The relatedness density of place p around stage s is the share of s's proximity that p already
covers with its specialisations (RCA ≥ 1):

    density[p, s] = Σ_t M[p, t] φ[s, t] / Σ_t φ[s, t]        (t ≠ s)

An *opportunity* is a stage the place is not specialised in, ranked by density: the higher, the more
of what the stage goes with is already there.
"""

from __future__ import annotations

import numpy as np

from .specialisation import SPECIALISED


def proximity(holdings) -> np.ndarray:
    """Stage × stage proximity from a holders × stages 0/1 matrix (diagonal set to 0)."""
    m = (np.asarray(holdings, dtype=float) > 0).astype(float)
    if m.size == 0:
        return np.zeros((m.shape[1] if m.ndim == 2 else 0,) * 2)
    co = m.T @ m
    ubiquity = np.diag(co)
    denominator = np.maximum.outer(ubiquity, ubiquity)
    with np.errstate(divide="ignore", invalid="ignore"):
        phi = np.where(denominator > 0, co / denominator, 0.0)
    np.fill_diagonal(phi, 0.0)
    return phi


def density(rca_matrix, phi) -> np.ndarray:
    """Relatedness density (places × stages, 0–1) from an RCA matrix and a proximity matrix."""
    specialised = (np.asarray(rca_matrix, dtype=float) >= SPECIALISED).astype(float)
    phi = np.asarray(phi, dtype=float)
    weight = phi.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(weight > 0, (specialised @ phi) / weight, 0.0)


def opportunities(rca_matrix, phi, columns: list, stages: list, *, limit: int = 3) -> dict:
    """Per column: the stages it is not specialised in, with the highest density first (density > 0
    only), each with the related stages it already has (the inputs of the number)."""
    rca_matrix = np.asarray(rca_matrix, dtype=float)
    dens = density(rca_matrix, phi)
    result = {}
    for p, column in enumerate(columns):
        candidates = []
        for s, stage in enumerate(stages):
            if rca_matrix[p, s] >= SPECIALISED or dens[p, s] <= 0:
                continue
            because = [
                {"stage": stages[t], "proximity": round(float(phi[s, t]), 2)}
                for t in np.argsort(-phi[s])
                if phi[s, t] > 0 and rca_matrix[p, t] >= SPECIALISED
            ]
            candidates.append({"stage": stage, "density": round(float(dens[p, s]), 2), "because": because})
        candidates.sort(key=lambda row: -row["density"])
        result[column] = candidates[:limit]
    return result
