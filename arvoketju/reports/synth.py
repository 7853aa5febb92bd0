"""A synthetic national registry for benchmarks: organisations in regions, their capabilities per
stage, and joint projects with their participations — as plain numpy arrays (``generate``), and,
saved by ``arvoketju synth`` as a ``.npz`` file that ``bench/analytics_bench.py --load`` reads.
Synthetic data never enters the registry database.

The shape imitates a real ecosystem: organisations sit in 19 regions; a project takes most of its
partners from one region and some from anywhere; a few organisations (universities, agencies) join
many projects; each region leans towards some stages, so specialisation is not uniform.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

REGIONS = 19
STAGES = 16
HOME_SHARE = 0.7  # share of a project's partners from the project's own region
MEAN_SIZE = 5  # mean partners per project
MAX_SIZE = 30


@dataclass
class Synthetic:
    """The generated registry as arrays (index = id)."""

    org_region: np.ndarray  # organisation → region index
    cap_org: np.ndarray  # capability → organisation
    cap_stage: np.ndarray  # capability → stage index
    cap_active: np.ndarray  # capability → active (True) or potential
    part_project: np.ndarray  # participation → project
    part_org: np.ndarray  # participation → organisation
    regions: int = REGIONS
    stages: int = STAGES

    @property
    def organisations(self) -> int:
        return len(self.org_region)


def generate(orgs: int, projects: int, *, seed: int = 1, mean_size: float = MEAN_SIZE) -> Synthetic:
    """Generate ``orgs`` organisations and ``projects`` projects (about ``mean_size`` partners each,
    2–``MAX_SIZE``); deterministic for a seed."""
    rng = np.random.default_rng(seed)
    # regions of unequal size, organisations numbered region by region (so a region is a slice)
    region_weights = rng.dirichlet(np.full(REGIONS, 2.0))
    sizes = np.maximum(1, np.round(region_weights * orgs).astype(int))
    sizes[-1] = max(1, orgs - sizes[:-1].sum())
    org_region = np.repeat(np.arange(REGIONS), sizes)[:orgs]
    region_start = np.concatenate([[0], np.cumsum(np.bincount(org_region, minlength=REGIONS))[:-1]])
    region_size = np.bincount(org_region, minlength=REGIONS)

    # capabilities: 1–3 per organisation, stages drawn from the region's own leaning
    per_org = rng.integers(1, 4, size=orgs)
    cap_org = np.repeat(np.arange(orgs), per_org)
    leanings = rng.dirichlet(np.full(STAGES, 0.6), size=REGIONS)
    cumulative = np.cumsum(leanings, axis=1)
    u = rng.random(len(cap_org))
    cap_stage = np.minimum(STAGES - 1, (u[:, None] > cumulative[org_region[cap_org]]).sum(axis=1))
    cap_active = rng.random(len(cap_org)) < 0.7

    # projects: sizes 2 + geometric, capped; partners skewed towards low indices (hubs) in a region
    project_size = np.minimum(MAX_SIZE, 2 + rng.geometric(1.0 / max(1.0, mean_size - 1), size=projects) - 1)
    part_project = np.repeat(np.arange(projects), project_size)
    home = rng.integers(0, REGIONS, size=projects)[part_project]
    local = rng.random(len(part_project)) < HOME_SHARE
    skew = rng.random(len(part_project)) ** 2
    part_org = np.where(
        local,
        region_start[home] + np.floor(skew * region_size[home]).astype(np.int64),
        np.floor(skew * orgs).astype(np.int64),
    )
    # one organisation once per project
    order = np.lexsort((part_org, part_project))
    part_project, part_org = part_project[order], part_org[order]
    keep = np.ones(len(part_org), dtype=bool)
    keep[1:] = (part_project[1:] != part_project[:-1]) | (part_org[1:] != part_org[:-1])
    return Synthetic(
        org_region=org_region,
        cap_org=cap_org,
        cap_stage=cap_stage,
        cap_active=cap_active,
        part_project=part_project[keep],
        part_org=part_org[keep],
    )


def save(data: Synthetic, path) -> None:
    """Write the arrays to a ``.npz`` file."""
    np.savez_compressed(
        path,
        org_region=data.org_region,
        cap_org=data.cap_org,
        cap_stage=data.cap_stage,
        cap_active=data.cap_active,
        part_project=data.part_project,
        part_org=data.part_org,
    )


def load(path) -> Synthetic:
    """Read arrays written by ``save``."""
    with np.load(path) as arrays:
        return Synthetic(**{name: arrays[name] for name in arrays.files})
