"""Helpers for import tests: files in each format and counts of what the database holds."""

import csv
import io
import json

import openpyxl
import pytest

from arvoketju.provenance.models import ChangeRecord
from arvoketju.provenance.services import Actor


def as_csv(rows: list[dict], *, delimiter=",") -> bytes:
    columns = list(dict.fromkeys(k for row in rows for k in row))
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def as_xlsx(rows: list[dict]) -> bytes:
    columns = list(dict.fromkeys(k for row in rows for k in row))
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(columns)
    for row in rows:
        sheet.append([row.get(c) for c in columns])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def as_json(rows: list[dict]) -> bytes:
    return json.dumps(rows).encode()


WRITERS = {"csv": as_csv, "xlsx": as_xlsx, "json": as_json}


def database_state():
    """Row counts of every arvoketju model and the change records: what "unchanged" compares."""
    from django.apps import apps

    counts = {
        m._meta.label: m.objects.count()
        for m in apps.get_models()
        if m._meta.label.startswith(("actors.", "collaboration.", "capabilities.", "provenance."))
    }
    counts["changes"] = ChangeRecord.objects.count()
    return counts


@pytest.fixture
def importer():
    return Actor(label="import test")
