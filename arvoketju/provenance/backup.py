"""Whole-database backup and restore: ``arvoketju export`` / ``arvoketju load``.

The export is deterministic (models in dependency order, rows by primary key, keys sorted), so
exporting, loading the file into an empty database and exporting again gives an identical file.
"""

from __future__ import annotations

import datetime as dt
import io
import json

from django.apps import apps
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction

FORMAT = "arvoketju-backup"
FORMAT_VERSION = 1
EXTRA_MODELS = ("auth.group", "auth.user")


def backup_models() -> list:
    """Every arvoketju model (but derived indexes) plus users and groups, in dependency order."""
    models = [
        m
        for m in apps.get_models()
        if m.__module__.startswith("arvoketju.") and not getattr(m, "backup_excluded", False)
    ]
    models += [apps.get_model(label) for label in EXTRA_MODELS]
    app_list = {}
    for model in models:
        app_list.setdefault(model._meta.app_config, []).append(model)
    return serializers.sort_dependencies(app_list.items(), allow_cycles=True)


class _FullPrecisionEncoder(DjangoJSONEncoder):
    """Keeps microseconds, so a timestamp survives export → load → export unchanged."""

    def default(self, o):
        if isinstance(o, dt.datetime):
            return o.isoformat().replace("+00:00", "Z")
        return super().default(o)


def export_database(stream) -> int:
    """Write the whole database as JSON to ``stream``; returns the number of rows written."""
    rows = 0
    stream.write(f'{{"format": "{FORMAT}", "version": {FORMAT_VERSION}, "objects": [\n')
    first = True
    for model in backup_models():
        queryset = model._default_manager.order_by("pk")
        for obj in queryset.iterator(chunk_size=2000):
            text = serializers.serialize(
                "json",
                [obj],
                use_natural_foreign_keys=True,
                sort_keys=True,
                ensure_ascii=False,
                cls=_FullPrecisionEncoder,
            )
            stream.write(("" if first else ",\n") + text[1:-1])
            first = False
            rows += 1
    stream.write("\n]}\n")
    return rows


class RestoreError(Exception):
    """The backup cannot be restored (not a backup, or the database is not empty)."""


def _system_groups():
    """Groups every migrate creates by itself; a restore replaces them with the backup's own."""
    from django.contrib.auth.models import Group

    from arvoketju.accounts.selectors import EDITORS_GROUP

    return Group.objects.filter(name=EDITORS_GROUP)


def non_empty_models() -> list[str]:
    """Labels of models that hold rows other than the ones ``migrate`` creates by itself."""
    occupied = []
    for model in backup_models():
        queryset = model._default_manager.all()
        if model._meta.label == "auth.Group":
            queryset = queryset.exclude(pk__in=_system_groups().values("pk"))
        if queryset.exists():
            occupied.append(model._meta.label)
    return occupied


def load_database(path) -> int:
    """Restore a backup into an empty database in one transaction; returns the rows loaded."""
    with open(path, encoding="utf-8") as handle:
        try:
            data = json.load(handle)
        except json.JSONDecodeError as exc:
            raise RestoreError(f"{path} is not JSON: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise RestoreError(f"{path} is not an arvoketju backup")
    if data.get("version") != FORMAT_VERSION:
        raise RestoreError(f"{path}: backup format version {data.get('version')} is not supported")
    occupied = non_empty_models()
    if occupied:
        raise RestoreError(
            "the database is not empty (holds " + ", ".join(occupied[:5]) + "); restore into a new database"
        )
    rows = 0
    with transaction.atomic():
        _system_groups().delete()
        objects = serializers.deserialize(
            "json", io.StringIO(json.dumps(data["objects"])), handle_forward_references=True
        )
        deferred = []
        for obj in objects:
            obj.save()
            if obj.deferred_fields:
                deferred.append(obj)
            rows += 1
        for obj in deferred:
            obj.save_deferred_fields()
        statements = connection.ops.sequence_reset_sql(no_style(), backup_models())
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
        from arvoketju.accounts.signals import ensure_editors_group

        ensure_editors_group()
    return rows
