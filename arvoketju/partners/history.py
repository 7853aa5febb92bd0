"""Project history as plain data: what the recommender, the baselines and the evaluation read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class OrgRecord:
    """An organisation: its id (PIC, key or database id), type, country, SME flag and the competences
    a registry states for it (valid before the date in question)."""

    id: str
    type: str = ""
    country: str = ""
    sme: bool | None = None
    declared: set[str] = field(default_factory=set)
    name: str = ""
    place: str = ""
    activity: str = ""


@dataclass
class ProjectRecord:
    """A past project: id, start date, members (organisation ids), call topics and competences."""

    id: str
    start: dt.date | None
    members: list[str]
    topics: list[str] = field(default_factory=list)
    competences: set[str] = field(default_factory=set)
    acronym: str = ""


@dataclass
class History:
    projects: list[ProjectRecord]
    orgs: dict[str, OrgRecord]
    labels: dict[str, str] = field(default_factory=dict)  # competence id → label for explanations
