"""Synthetic CORDIS exports with planted structure, for tests and benchmarks (never real facts).

Organisations belong to one of ``clusters`` fields (each with its own call topic, EuroSciVoc path and
two or three battery terms used in titles and objectives) and to a country. A project draws most
members from its field, repeats earlier partners of its members more often than chance, and now and
then brings in a newcomer of the field. Some organisations *declare* their field's competences (as a
registry would hold them), which is the only trace a newcomer leaves before its first project.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from dataclasses import dataclass, field
from itertools import accumulate

from .history import History, OrgRecord, ProjectRecord

TERMS = [
    "Lithium-ion batteries", "Sodium-ion batteries", "Flow batteries", "Solid-state batteries", "Hydrometallurgy",
    "Pyrometallurgy", "Lithium production", "Cathode active materials", "Anode active materials", "Electrolytes",
    "Separators", "Electrode manufacturing", "Battery cell manufacturing", "Battery management systems",
    "Power electronics", "Battery testing", "Electric vehicles", "Energy storage systems", "Black mass processing",
    "Direct recycling", "Solvent extraction", "Materials characterisation", "Electrochemistry",
    "Process simulation", "Life cycle assessment", "Battery safety", "Critical raw materials",
    "Battery collection and sorting", "Grid connection", "Artificial intelligence",
]  # fmt: skip
COUNTRIES = ["FI", "FI", "FI", "SE", "DE", "FR", "ES", "IT", "NL", "BE", "NO", "PL", "AT", "PT", "EL", "DK", "IE"]
TYPES = ["PRC", "PRC", "PRC", "HES", "HES", "REC", "REC", "PUB", "OTH"]
ROLES = ["participant", "participant", "participant", "associatedPartner", "thirdParty"]


@dataclass
class SyntheticCordis:
    """The generated files (bytes by file name) and the same history as plain data."""

    files: dict[str, bytes]
    history: History
    fields: dict[int, list[str]] = field(default_factory=dict)


def _csv(header: list[str], rows: list[list], separator: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator, quoting=csv.QUOTE_ALL if separator == ";" else csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def generate(
    *,
    projects: int = 200,
    organisation_rows: int = 1500,
    organisations: int | None = None,
    clusters: int = 10,
    seed: int = 1,
    separator: str = ";",
    start_year: int = 2014,
    end_year: int = 2024,
    declared_share: float = 0.7,
    extra_size: float | None = None,
) -> SyntheticCordis:
    """Generate CORDIS ``project.csv``, ``organization.csv``, ``topics.csv`` and ``euroSciVoc.csv``."""
    rng = random.Random(seed)
    n_orgs = organisations or max(20, organisation_rows // 3)
    # sizes are 2 + an exponential draw; ``extra_size`` (its mean) sets the rows per project exactly
    mean_size = extra_size or max(1, organisation_rows // max(projects, 1) - 2)
    fields = {k: rng.sample(TERMS, 6) for k in range(clusters)}
    skills: dict[int, list[str]] = {}
    members_of: dict[int, list[int]] = {k: [] for k in range(clusters)}
    orgs: dict[str, OrgRecord] = {}
    weights: dict[int, float] = {}
    pics = []
    for i in range(n_orgs):
        pic = str(900000000 + i * 7 + 1)
        k = i % clusters
        members_of[k].append(i)
        weights[i] = 1.0 / (1 + (i // clusters) % 25) ** 0.8
        activity = rng.choice(TYPES)
        skills[i] = rng.sample(fields[k], 1)
        declared = set(skills[i]) if rng.random() < declared_share else set()
        orgs[pic] = OrgRecord(
            pic,
            {"PRC": "company", "HES": "university", "REC": "research_institute", "OTH": "association"}.get(
                activity, "agency"
            ),
            rng.choice(COUNTRIES),
            activity == "PRC" and rng.random() < 0.5,
            declared,
            "Synthetic {} {} {}".format(skills[i][0].split()[0], i, ["Oy", "Ab", "GmbH", "SA", "Ltd"][i % 5]),
            activity=activity,
        )
        pics.append(pic)
    partners: dict[int, dict[int, int]] = {i: {} for i in range(n_orgs)}
    project_rows, org_rows, topic_rows, scivoc_rows = [], [], [], []
    records = []
    span = (dt.date(end_year, 12, 31) - dt.date(start_year, 1, 1)).days
    # a fifth of the organisations enter the field later: their first project makes them newcomers
    entry = [
        dt.date(start_year, 1, 1) + dt.timedelta(days=rng.randrange(span) if rng.random() < 0.2 else 0)
        for _ in range(n_orgs)
    ]
    starts = sorted(dt.date(start_year, 1, 1) + dt.timedelta(days=rng.randrange(span)) for _ in range(projects))
    cum = {k: list(accumulate(weights[o] for o in members_of[k])) for k in range(clusters)}
    every, every_cum = list(range(n_orgs)), list(accumulate(weights[o] for o in range(n_orgs)))
    spec = {(k, t): [o for o in members_of[k] if t in skills[o]] for k in range(clusters) for t in fields[k]}
    spec_cum = {key: list(accumulate(weights[o] for o in items)) for key, items in spec.items()}
    for p, start in enumerate(starts):
        k = rng.randrange(clusters)
        size = max(2, min(40, int(rng.expovariate(1 / mean_size)) + 2))
        terms = rng.sample(fields[k], 3)
        chosen: list[int] = []
        for term in terms:  # one specialist for each needed competence first
            if spec[(k, term)] and rng.random() < 0.8:
                pick = rng.choices(spec[(k, term)], cum_weights=spec_cum[(k, term)])[0]
                if pick not in chosen and entry[pick] <= start:
                    chosen.append(pick)
        attempts = 0
        while len(chosen) < min(size, n_orgs) and attempts < 50 * size:
            attempts += 1
            roll = rng.random()
            if chosen and roll < 0.25:
                anchor = rng.choice(chosen)
                known = [o for o in partners[anchor] if o not in chosen]
                if known:
                    chosen.append(rng.choices(known, [partners[anchor][o] for o in known])[0])
                    continue
            if roll < 0.85:
                key = (k, rng.choice(terms))
                items, weights_cum = (spec[key], spec_cum[key]) if spec[key] else (members_of[k], cum[k])
            elif roll < 0.95:
                items, weights_cum = members_of[k], cum[k]
            else:
                items, weights_cum = every, every_cum
            pick = rng.choices(items, cum_weights=weights_cum)[0]
            if pick not in chosen and entry[pick] <= start:
                chosen.append(pick)
        for a in chosen:
            for b in chosen:
                if a != b:
                    partners[a][b] = partners[a].get(b, 0) + 1
        cordis_id = str(100000 + p)
        topic = f"HORIZON-CL5-{start.year}-D2-01-{k:02d}"
        title = f"{terms[0]} and {terms[1].lower()} for the battery value chain"
        objective = f"The project advances {terms[0].lower()}, {terms[1].lower()} and {terms[2].lower()}."
        end = start + dt.timedelta(days=3 * 365)
        programme = "HORIZON" if start.year >= 2021 else "H2020"
        project_rows.append([
            cordis_id, f"SYN{p}", "CLOSED" if end.year < 2025 else "SIGNED", title, start.isoformat(),
            end.isoformat(), topic, programme, objective,
        ])  # fmt: skip
        topic_rows.append([cordis_id, topic, f"Topic of field {k}"])
        scivoc_rows.append([cordis_id, f"/engineering and technology/{terms[2].lower()}"])
        members = []
        for position, o in enumerate(chosen):
            org = orgs[pics[o]]
            role = "coordinator" if position == 0 else rng.choice(ROLES)
            org_rows.append([
                cordis_id, f"SYN{p}", pics[o], "", org.name, "", "true" if org.sme else "false",
                org.activity, f"City {o % 50}", org.country, role,
            ])  # fmt: skip
            members.append(pics[o])
        records.append(ProjectRecord(cordis_id, start, members, [topic], set(terms), f"SYN{p}"))
    files = {
        "project.csv": _csv(
            ["id", "acronym", "status", "title", "startDate", "endDate", "topics", "frameworkProgramme", "objective"],
            project_rows,
            separator,
        ),
        "organization.csv": _csv(
            [
                "projectID",
                "projectAcronym",
                "organisationID",
                "vatNumber",
                "name",
                "shortName",
                "SME",
                "activityType",
                "city",
                "country",
                "role",
            ],
            org_rows,
            separator,
        ),  # fmt: skip
        "topics.csv": _csv(["projectID", "topic", "title"], topic_rows, separator),
        "euroSciVoc.csv": _csv(["projectID", "euroSciVocPath"], scivoc_rows, separator),
    }
    return SyntheticCordis(files, History(records, orgs), fields)
