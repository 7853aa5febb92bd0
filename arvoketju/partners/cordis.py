"""Reading CORDIS open-data exports (Horizon 2020, Horizon Europe) and checking them row by row.

The files are CSV as published: semicolon-separated with quoted fields in some releases and
comma-separated in others (the separator is taken from the header line). Column names are compared
case-insensitively (``projectID`` = ``projectid``). ``project.csv`` and ``organization.csv`` are
required; ``topics.csv`` and ``euroSciVoc.csv`` are optional. Every problem names the file, the row
and the column; when there is any, nothing is written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from arvoketju.actors.models import OrganisationType
from arvoketju.collaboration.models import ParticipationRole, ProjectStatus
from arvoketju.core.identifiers import VALIDATORS
from arvoketju.imports.readers import ImportFileError, Problem, column_name, decode_text

ACTIVITY_TYPES = {
    "HES": OrganisationType.UNIVERSITY,
    "REC": OrganisationType.RESEARCH_INSTITUTE,
    "PRC": OrganisationType.COMPANY,
    "PUB": OrganisationType.AGENCY,
    "OTH": OrganisationType.ASSOCIATION,
}
ROLES = {
    "coordinator": ParticipationRole.COORDINATOR,
    "participant": ParticipationRole.PARTNER,
    "partner": ParticipationRole.PARTNER,
    "beneficiary": ParticipationRole.PARTNER,
    "associatedpartner": ParticipationRole.ASSOCIATED,
    "thirdparty": ParticipationRole.ASSOCIATED,
    "internationalpartner": ParticipationRole.ASSOCIATED,
}
STATUSES = {
    "signed": ProjectStatus.RUNNING,
    "closed": ProjectStatus.COMPLETED,
    "terminated": ProjectStatus.COMPLETED,
}
PROGRAMMES = {"H2020": "Horizon 2020", "HORIZON": "Horizon Europe", "FP7": "FP7"}
REQUIRED = {
    "project": ("id",),
    "organization": ("projectid", "organisationid", "name"),
    "topics": ("projectid", "topic"),
    "scivoc": ("projectid", "euroscivocpath"),
}
TRUE = {"true", "1", "yes", "y"}
FALSE = {"false", "0", "no", "n"}


@dataclass
class CordisTable:
    """One parsed file: its label (for messages), lower-case column names and rows as (number, cells)."""

    label: str
    columns: list[str]
    rows: list[tuple[int, dict[str, str]]]


@dataclass
class CordisProject:
    cordis_id: str
    row: int
    acronym: str
    title: str
    objective: str
    start: dt.date | None
    end: dt.date | None
    status: str
    programme: str
    topics: list[tuple[str, str]] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)


@dataclass
class CordisOrganisation:
    pic: str
    row: int
    name: str
    short_name: str
    vat: str
    type: str
    is_sme: bool | None
    country: str
    city: str


@dataclass
class CordisData:
    """What the files hold, checked: projects by CORDIS id, organisations by PIC, participations."""

    projects: dict[str, CordisProject] = field(default_factory=dict)
    organisations: dict[str, CordisOrganisation] = field(default_factory=dict)
    participations: list[tuple[str, str, str, int]] = field(default_factory=list)  # project, pic, role, row
    problems: list[Problem] = field(default_factory=list)
    rows: int = 0


def read_cordis_table(data: bytes, *, label: str) -> CordisTable:
    """Parse one CORDIS CSV file (either separator). Raises ``ImportFileError`` if it cannot be read."""
    text = decode_text(data)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, dict[str, str]]] = []
    columns: list[str] = []
    try:
        for number, values in enumerate(reader, start=1):
            if number == 1:
                columns = [column_name(v) for v in values]
                continue
            if not any(v.strip() for v in values):
                continue
            if len(values) > len(columns):
                raise ImportFileError(
                    [Problem(number, "", _("more values than columns"), label)],
                )
            rows.append((number, {c: v.strip() for c, v in zip(columns, values, strict=False) if c}))
    except csv.Error as exc:
        raise ImportFileError([Problem(None, "", _("broken CSV: %(reason)s") % {"reason": exc}, label)]) from None
    if not columns:
        raise ImportFileError([Problem(None, "", _("the file is empty"), label)])
    return CordisTable(label, columns, rows)


def _date(value: str, row: int, column: str, label: str, problems: list[Problem]) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        problems.append(Problem(row, column, _("'%(value)s' is not a date (YYYY-MM-DD)") % {"value": value}, label))
        return None


def _required_columns(table: CordisTable, kind: str) -> list[Problem]:
    return [
        Problem(1, column, _("the required column is missing"), table.label)
        for column in REQUIRED[kind]
        if column not in table.columns
    ]


def check_cordis(
    *,
    projects: CordisTable,
    organizations: CordisTable,
    topics: CordisTable | None = None,
    scivoc: CordisTable | None = None,
    stored_projects: set[str] = frozenset(),
) -> CordisData:
    """Check every row and collect the data; ``stored_projects`` are CORDIS ids already imported."""
    data = CordisData()
    problems = data.problems
    for table, kind in ((projects, "project"), (organizations, "organization"), (topics, "topics"), (scivoc, "scivoc")):
        if table is not None:
            problems.extend(_required_columns(table, kind))
    if problems:
        return data
    label = projects.label
    for row, cells in projects.rows:
        cordis_id = cells.get("id", "")
        if not cordis_id.isdigit():
            problems.append(
                Problem(row, "id", _("'%(value)s' is not a CORDIS project id") % {"value": cordis_id}, label)
            )
            continue
        if cordis_id in data.projects:
            problems.append(Problem(row, "id", _("the project appears twice in the file"), label))
            continue
        if not (cells.get("acronym") or cells.get("title")):
            problems.append(Problem(row, "acronym", _("a project needs an acronym or a title"), label))
        start = _date(cells.get("startdate", ""), row, "startDate", label, problems)
        end = _date(cells.get("enddate", ""), row, "endDate", label, problems)
        if start and end and end < start:
            problems.append(Problem(row, "endDate", _("must not be before the start"), label))
        project = CordisProject(
            cordis_id,
            row,
            cells.get("acronym", "")[:100],
            cells.get("title", "")[:500],
            cells.get("objective", ""),
            start,
            end,
            STATUSES.get(cells.get("status", "").lower(), ProjectStatus.FUNDED),
            cells.get("frameworkprogramme", ""),
        )
        for code in filter(None, (t.strip() for t in cells.get("topics", "").split(";"))):
            project.topics.append((code, ""))
        data.projects[cordis_id] = project
    known = set(data.projects) | set(stored_projects)
    _check_organizations(data, organizations, known)
    for table, kind in ((topics, "topics"), (scivoc, "scivoc")):
        if table is None:
            continue
        for row, cells in table.rows:
            project = data.projects.get(cells.get("projectid", ""))
            if project is None:
                problems.append(Problem(row, "projectID", _("no such project in the project file"), table.label))
            elif kind == "topics" and cells.get("topic"):
                project.topics = [t for t in project.topics if t[0] != cells["topic"]]
                project.topics.append((cells["topic"][:300], cells.get("title", "")[:500]))
            elif kind == "scivoc" and cells.get("euroscivocpath"):
                project.fields.append(cells["euroscivocpath"][:300])
    data.rows = sum(len(t.rows) for t in (projects, organizations, topics, scivoc) if t is not None)
    data.problems.sort(key=lambda p: (p.row_label, p.row or 0, p.column))
    return data


def _check_organizations(data: CordisData, table: CordisTable, known: set[str]):
    problems, label = data.problems, table.label
    seen: set[tuple[str, str]] = set()
    for row, cells in table.rows:
        project_id, pic = cells.get("projectid", ""), cells.get("organisationid", "")
        errors_before = len(problems)
        if project_id not in known:
            problems.append(Problem(row, "projectID", _("no such project in the project file"), label))
        try:
            pic = VALIDATORS["pic"](pic)
        except ValidationError as exc:
            problems.append(Problem(row, "organisationID", "; ".join(exc.messages), label))
        name = cells.get("name", "")
        if not name:
            problems.append(Problem(row, "name", _("is required"), label))
        activity = cells.get("activitytype", "").upper()
        if activity and activity not in ACTIVITY_TYPES:
            problems.append(
                Problem(
                    row,
                    "activityType",
                    _("'%(value)s' is not one of %(known)s") % {"value": activity, "known": ", ".join(ACTIVITY_TYPES)},
                    label,
                )
            )
        role_text = cells.get("role", "").replace(" ", "").lower()
        if role_text and role_text not in ROLES:
            problems.append(Problem(row, "role", _("'%(value)s' is not a CORDIS role") % {"value": role_text}, label))
        sme = cells.get("sme", "").lower()
        if sme and sme not in TRUE | FALSE:
            problems.append(Problem(row, "SME", _("'%(value)s' is not true or false") % {"value": sme}, label))
        country = cells.get("country", "").upper()
        if country and not (len(country) == 2 and country.isalpha()):
            problems.append(
                Problem(row, "country", _("'%(value)s' is not a two-letter code") % {"value": country}, label)
            )
        if len(problems) > errors_before:
            continue
        if pic not in data.organisations:
            data.organisations[pic] = CordisOrganisation(
                pic,
                row,
                name[:300],
                cells.get("shortname", "")[:100],
                cells.get("vatnumber", ""),
                ACTIVITY_TYPES.get(activity, OrganisationType.ASSOCIATION),
                True if sme in TRUE else False if sme in FALSE else None,
                country,
                cells.get("city", "")[:200],
            )
        if (project_id, pic) in seen:
            continue
        seen.add((project_id, pic))
        data.participations.append((project_id, pic, ROLES.get(role_text, ParticipationRole.UNKNOWN), row))


def read_cordis(
    *,
    projects: bytes,
    organizations: bytes,
    topics: bytes | None = None,
    scivoc: bytes | None = None,
    stored_projects: set[str] = frozenset(),
) -> CordisData:
    """Read and check the files (bytes); unreadable files become problems too."""
    tables, problems = {}, []
    for name, raw, label in (
        ("projects", projects, "project.csv row"),
        ("organizations", organizations, "organization.csv row"),
        ("topics", topics, "topics.csv row"),
        ("scivoc", scivoc, "euroSciVoc.csv row"),
    ):
        if raw is None:
            tables[name] = None
            continue
        try:
            tables[name] = read_cordis_table(raw, label=label)
        except ImportFileError as exc:
            problems.extend(Problem(p.row, p.column, p.message, label) for p in exc.problems)
    if problems:
        return CordisData(problems=problems)
    return check_cordis(stored_projects=stored_projects, **tables)
