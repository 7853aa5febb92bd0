"""Table exports of every main model as CSV, XLSX or JSON, filtered by what the reader may see.

One small registry (``KINDS``: a name → a model) drives the command line (``arvoketju export KIND
FILE``), the web download (``/export/KIND.FORMAT``) and the admin action "Export selected". Columns
are generated from the model: ``id``, ``key``, the model's own fields (foreign keys written as the
related object's key, or its name when it has no key; many-to-many as keys joined with "; "), then the
provenance columns ``source``, ``locator``, ``quote``, ``valid_from``, ``valid_to``, ``visibility``
and ``note``.

Cells that a spreadsheet would run as a formula (text starting with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return) get a leading apostrophe in CSV and XLSX (the OWASP advice on CSV injection);
XLSX cells are always typed string or number, never formula. JSON keeps values as they are.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.apps import apps
from django.db import models

from .models import Visibility

FORMATS = ("csv", "xlsx", "json")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Kinds that other export commands will claim (``arvoketju export cards --format pptx``): never a table.
RESERVED = frozenset({"cards"})
PROVENANCE_COLUMNS = ("source", "locator", "quote", "valid_from", "valid_to", "visibility", "note")
SKIPPED = frozenset({"created_at", "updated_at", "field_sources", "normalised", "boundary"})
LIST_SEPARATOR = "; "

# kind → model label; the only per-model line an export needs
KINDS: dict[str, str] = {
    "organisations": "actors.Organisation",
    "aliases": "actors.Alias",
    "identifiers": "actors.Identifier",
    "sites": "actors.Site",
    "contacts": "actors.ContactPerson",
    "places": "places.Place",
    "place-memberships": "places.PlaceMembership",
    "value-chains": "taxonomy.ValueChain",
    "stages": "taxonomy.Stage",
    "competences": "taxonomy.Competence",
    "programmes": "collaboration.Programme",
    "projects": "collaboration.Project",
    "project-status-changes": "collaboration.ProjectStatusChange",
    "participations": "collaboration.Participation",
    "networks": "collaboration.Network",
    "memberships": "collaboration.Membership",
    "event-series": "collaboration.EventSeries",
    "events": "collaboration.Event",
    "event-attendances": "collaboration.EventAttendance",
    "capabilities": "capabilities.Capability",
    "declarations": "capabilities.SpecialisationDeclaration",
    "infrastructures": "capabilities.Infrastructure",
    "industrial-areas": "industry.IndustrialArea",
    "pyramid-models": "industry.PyramidModel",
    "pyramid-elements": "industry.PyramidElement",
    "viewpoints": "industry.Viewpoint",
    "best-practices": "industry.BestPractice",
    "investment-cards": "industry.InvestmentCard",
    "investment-status-changes": "industry.InvestmentStatusChange",
    "assessments": "industry.Assessment",
    "education-programmes": "workforce.EducationProgramme",
    "competence-needs": "workforce.CompetenceNeed",
    "competence-strengths": "workforce.CompetenceStrength",
    "goals": "outcomes.Goal",
    "indicators": "outcomes.Indicator",
    "sources": "provenance.Source",
}


class UnknownKind(LookupError):
    """No table export of that name."""


@dataclass
class Reader:
    """Who the export is for: which rows they may see, and whether they see confidential fields.

    ``scope(queryset)`` narrows any queryset of a model with a ``visibility`` field."""

    scope: Callable[[models.QuerySet], models.QuerySet]
    sees_restricted: bool

    @classmethod
    def for_user(cls, user) -> Reader:
        from arvoketju.accounts.selectors import is_editor

        from .selectors import visible

        return cls(scope=lambda queryset: visible(queryset, user), sees_restricted=is_editor(user))

    @classmethod
    def for_level(cls, level: str) -> Reader:
        """The operator's export at one level: public; network (public + network); restricted (all)."""
        order = [v.value for v in Visibility]
        if level not in order:
            raise ValueError(level)
        levels = order[: order.index(level) + 1]
        return cls(
            scope=lambda queryset: queryset.filter(visibility__in=levels),
            sees_restricted=level == Visibility.RESTRICTED,
        )

    def narrow(self, queryset):
        model = queryset.model
        if any(f.name == "visibility" for f in model._meta.concrete_fields):
            return self.scope(queryset)
        return queryset


def model_for(kind: str):
    if kind in RESERVED or kind not in KINDS:
        raise UnknownKind(kind)
    return apps.get_model(KINDS[kind])


def kind_for(model) -> str:
    """The export name of a model (its registry name, or its model name when unregistered)."""
    label = model._meta.label
    return next((kind for kind, value in KINDS.items() if value == label), model._meta.model_name)


def neutralise(value: str) -> str:
    """Prefix text a spreadsheet would evaluate with an apostrophe, so it shows as typed."""
    if value and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _fields(model):
    own, provenance = [], []
    names = {f.name: f for f in model._meta.concrete_fields}
    for name in PROVENANCE_COLUMNS:
        if name in names:
            provenance.append(names[name])
    for f in model._meta.concrete_fields:
        if f.name in SKIPPED or f.name in PROVENANCE_COLUMNS or f.name in ("id", "key", "version"):
            continue
        own.append(f)
    own += list(model._meta.many_to_many)
    head = [names[n] for n in ("id", "key") if n in names]
    return head + own + provenance


def columns(model) -> list[str]:
    return [f.name for f in _fields(model)]


def _label(obj) -> str:
    return getattr(obj, "key", None) or str(obj)


class _Labels:
    """Key or name of related objects the reader may see, loaded once per related model."""

    def __init__(self, reader: Reader):
        self.reader = reader
        self.cache: dict = {}

    def get(self, model, pk):
        if pk is None:
            return None
        if model not in self.cache:
            queryset = self.reader.narrow(model._default_manager.all())
            heavy = [f.name for f in model._meta.concrete_fields if isinstance(f, models.JSONField)]
            self.cache[model] = {obj.pk: _label(obj) for obj in queryset.defer(*heavy).iterator(chunk_size=2000)}
        return self.cache[model].get(pk, "")


def _redact(model, obj, row: dict, reader: Reader):
    if model._meta.label == "industry.InvestmentCard" and obj.investor_confidential and not reader.sees_restricted:
        row["investor"] = ""


def table_rows(model, reader: Reader, queryset=None) -> Iterator[list]:
    """The header, then one list of typed values per row the reader may see, streamed by primary key."""
    fields = _fields(model)
    yield [f.name for f in fields]
    labels = _Labels(reader)
    queryset = model._default_manager.all() if queryset is None else queryset
    queryset = reader.narrow(queryset).order_by("pk")
    m2m = [f for f in fields if f.many_to_many]
    if m2m:
        queryset = queryset.prefetch_related(*(f.name for f in m2m))
    if any(f.name == "boundary" for f in model._meta.concrete_fields):
        queryset = queryset.defer("boundary")
    for obj in queryset.iterator(chunk_size=1000):
        row = {}
        for f in fields:
            if f.many_to_many:
                pks = sorted(o.pk for o in getattr(obj, f.name).all())
                row[f.name] = LIST_SEPARATOR.join(x for x in (labels.get(f.related_model, pk) for pk in pks) if x)
            elif f.is_relation:
                row[f.name] = labels.get(f.related_model, getattr(obj, f.attname))
            else:
                row[f.name] = getattr(obj, f.attname)
        _redact(model, obj, row, reader)
        yield [row[f.name] for f in fields]


def _plain(value):
    """A value for CSV/XLSX: text (neutralised), a number, or empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | decimal.Decimal):
        return value  # a number, also when negative: a spreadsheet reads -5 as a number, not a formula
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return neutralise(str(value))


def _json_value(value):
    if isinstance(value, decimal.Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


class _Echo:
    def write(self, value):
        return value


def csv_chunks(rows: Iterable[list]) -> Iterator[str]:
    """CSV text line by line (for streaming responses); a BOM first so spreadsheets read UTF-8."""
    writer = csv.writer(_Echo(), lineterminator="\r\n")
    yield "\ufeff"
    for row in rows:
        yield writer.writerow([_plain(v) for v in row])


def json_chunks(rows: Iterable[list], *, kind: str) -> Iterator[str]:
    """``{"kind": …, "columns": […], "rows": [{column: value}, …]}`` written row by row."""
    rows = iter(rows)
    header = next(rows)
    yield json.dumps({"kind": kind, "columns": header}, ensure_ascii=False)[:-1] + ', "rows": ['
    for index, row in enumerate(rows):
        item = json.dumps(dict(zip(header, map(_json_value, row), strict=True)), ensure_ascii=False, sort_keys=True)
        yield ("\n" if index == 0 else ",\n") + item
    yield "\n]}\n"


def write_xlsx(rows: Iterable[list], target, *, title: str) -> None:
    """Write an XLSX workbook (write-only mode: rows are not kept in memory) to a path or binary file.
    Every cell is a string or a number cell; nothing is ever stored as a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for row in rows:
        cells = []
        for value in map(_plain, row):
            if isinstance(value, str):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters XLSX cannot hold
            if value == "":
                cell = WriteOnlyCell(sheet, value=None)  # an empty cell, not an empty string
            elif isinstance(value, str):
                cell = WriteOnlyCell(sheet, value=None)
                cell._value = neutralise(value)  # set directly: never parsed as a formula
                cell.data_type = "s"
            else:
                cell = WriteOnlyCell(sheet, value=value)
            cells.append(cell)
        sheet.append(cells)
    workbook.save(target)


def export_table(model, reader: Reader, fmt: str, target, *, queryset=None) -> int:
    """Write one table to ``target`` (a binary file or a path); returns the number of data rows."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    counted = _Counter(table_rows(model, reader, queryset))
    kind = kind_for(model)
    if fmt == "xlsx":
        write_xlsx(counted, target, title=kind)
        return counted.rows
    chunks = csv_chunks(counted) if fmt == "csv" else json_chunks(counted, kind=kind)
    if isinstance(target, str):
        with open(target, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk.encode("utf-8"))
    else:
        for chunk in chunks:
            target.write(chunk.encode("utf-8"))
    return counted.rows


class _Counter:
    def __init__(self, rows):
        self.inner = iter(rows)
        self.rows = -1  # the header is not a row

    def __iter__(self):
        for row in self.inner:
            self.rows += 1
            yield row
