"""The one write path for facts: validate, save, and record the change with who, when and source.

Every domain service (``organisation_create``, the dataset loader, the admin, imports) ends up in
``fact_save`` / ``fact_upsert`` / ``fact_delete``, so history and validation live in one place and
work outside web requests too.
"""

from __future__ import annotations

import datetime as dt
import decimal
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from arvoketju.core.bulk import insert_rows

from .models import ChangeAction, ChangeRecord, Source

SNAPSHOT_EXCLUDE = {"id", "created_at", "updated_at", "version"}


class ConflictError(Exception):
    """Raised when a record changed after the editor loaded it (optimistic concurrency)."""

    def __init__(self, instance, expected_version, current_version):
        self.instance = instance
        self.expected_version = expected_version
        self.current_version = current_version
        super().__init__(
            _(
                "%(object)s was changed by someone else (version %(current)s, you edited version "
                "%(expected)s); reload and apply your change again"
            )
            % {"object": instance, "current": current_version, "expected": expected_version}
        )


@dataclass
class Actor:
    """Who makes a change: a signed-in user, a command, an import; with the source it rests on."""

    label: str
    user: object | None = None
    source: Source | None = None
    request_id: str = ""
    extra: dict = field(default_factory=dict)

    @classmethod
    def for_user(cls, user, *, source=None, request_id=""):
        return cls(
            label=user.get_username() if user and user.is_authenticated else "anonymous",
            user=user if user and user.is_authenticated else None,
            source=source,
            request_id=request_id,
        )


def _json_value(model_field, instance):
    value = getattr(instance, model_field.attname)
    if isinstance(value, decimal.Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def snapshot(instance) -> dict:
    """The object's stored fields as JSON-ready values (foreign keys as ids, many-to-many as id lists)."""
    data = {f.name: _json_value(f, instance) for f in instance._meta.concrete_fields if f.name not in SNAPSHOT_EXCLUDE}
    if instance.pk:
        for m2m in instance._meta.many_to_many:
            data[m2m.name] = sorted(getattr(instance, m2m.name).values_list("pk", flat=True))
    return data


def _diff(before: dict, after: dict) -> tuple[dict, dict]:
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def _record(instance, action, before, after, actor: Actor):
    ChangeRecord.objects.create(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=True),
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        action=action,
        before=before,
        after=after,
        user=actor.user,
        actor=actor.label[:200],
        source=actor.source,
        request_id=actor.request_id,
    )


def _assign(instance, values: dict):
    for name, value in values.items():
        model_field = instance._meta.get_field(name)
        if not model_field.is_relation and value is not None and not isinstance(model_field, models.JSONField):
            value = model_field.to_python(value)
        setattr(instance, name, value)


def fact_save(*, instance, actor: Actor, m2m: dict | None = None, expected_version: int | None = None):
    """Validate and save ``instance`` (new or changed), set its many-to-many values, record the change.

    ``expected_version`` is the version the editor saw; if the stored row has moved on, nothing is
    written and ``ConflictError`` is raised.
    """
    model = type(instance)
    with transaction.atomic():
        before = {}
        if instance.pk is not None:
            stored = model.objects.select_for_update().filter(pk=instance.pk).first()
            if stored is not None:
                current_version = getattr(stored, "version", None)
                if expected_version is not None and current_version != expected_version:
                    raise ConflictError(instance, expected_version, current_version)
                before = snapshot(stored)
                if current_version is not None:
                    instance.version = current_version + 1
        instance.full_clean()
        instance.save()
        for name, values in (m2m or {}).items():
            getattr(instance, name).set(values)
        after = snapshot(instance)
        if before:
            old, new = _diff(before, after)
            if old or new:
                _record(instance, ChangeAction.UPDATE, old, new, actor)
        else:
            _record(instance, ChangeAction.CREATE, {}, after, actor)
    return instance


def fact_upsert(*, model, lookup: dict, values: dict, actor: Actor, m2m: dict | None = None):
    """Create or update the row found by ``lookup``; return ``(instance, "created"|"updated"|"unchanged")``.

    Nothing is written, and no history recorded, when the stored row already holds these values —
    which is what makes re-loading a dataset or re-importing a file a no-op.
    """
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        instance = model()
        _assign(instance, {**lookup, **values})
        fact_save(instance=instance, actor=actor, m2m=m2m)
        return instance, "created"
    before = snapshot(instance)
    _assign(instance, values)
    after = {k: v for k, v in snapshot(instance).items()}
    changed = any(before.get(k) != after.get(k) for k in after)
    if m2m:
        for name, targets in m2m.items():
            wanted = sorted(t.pk if hasattr(t, "pk") else t for t in targets)
            changed = changed or before.get(name) != wanted
    if not changed:
        return instance, "unchanged"
    fact_save(instance=instance, actor=actor, m2m=m2m)
    return instance, "updated"


def fact_delete(*, instance, actor: Actor, expected_version: int | None = None):
    """Delete ``instance`` and record what it held."""
    with transaction.atomic():
        stored = type(instance).objects.select_for_update().get(pk=instance.pk)
        if expected_version is not None and getattr(stored, "version", None) != expected_version:
            raise ConflictError(instance, expected_version, stored.version)
        before = snapshot(stored)
        _record(stored, ChangeAction.DELETE, before, {}, actor)
        stored.delete()


def source_upsert(*, key: str, actor: Actor, **values) -> Source:
    """Create or update a source by key (sources are referenced by every fact). Safe when several
    requests create the same source at once: one creates it, the others find it."""
    candidate = Source(key=key)
    _assign(candidate, values)
    candidate.full_clean(validate_unique=False)
    with transaction.atomic():
        try:
            with transaction.atomic():
                source, created = Source.objects.get_or_create(key=key, defaults=values)
        except IntegrityError:
            source, created = Source.objects.get(key=key), False
        if created:
            _record(source, ChangeAction.CREATE, {}, snapshot(source), actor)
            return source
        before = snapshot(source)
        _assign(source, values)
        old, new = _diff(before, snapshot(source))
        if old or new:
            source.save()
            _record(source, ChangeAction.UPDATE, old, new, actor)
    return source


def editor_source(*, user, actor: Actor) -> Source:
    """The source that stands for one person's edits ("edits by NAME")."""
    username = user.get_username()
    return source_upsert(
        key=f"editor-{username}"[:120].lower().replace("@", "-at-").replace(".", "-"),
        actor=actor,
        kind="editor",
        title=f"Edits by {username}",
    )


# Sent by ``facts_bulk_create`` with ``instances`` (bulk inserts send no ``post_save``), so derived
# data such as the search index can follow bulk writes as it follows single saves.
facts_bulk_created = Signal()

CHANGE_RECORD_FIELDS = [
    "content_type",
    "object_id",
    "object_repr",
    "action",
    "before",
    "after",
    "user",
    "actor",
    "source",
    "request_id",
    "created_at",
]


def facts_bulk_create(*, instances: list, actor: Actor, batch_size: int = 2000) -> list:
    """Insert many new facts of one model at once and record a creation for each (bulk importers).

    The caller has checked the values (``full_clean`` per row would cost more than the insert);
    database constraints still apply. Many-to-many values are not part of the snapshot.
    """
    if not instances:
        return []
    model = type(instances[0])
    created = model.objects.bulk_create(instances, batch_size=batch_size)
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=True)
    fields = [f for f in model._meta.concrete_fields if f.name not in SNAPSHOT_EXCLUDE]
    now = timezone.now()
    insert_rows(
        ChangeRecord,
        CHANGE_RECORD_FIELDS,
        (
            (
                content_type.pk,
                str(instance.pk),
                str(instance)[:300],
                ChangeAction.CREATE,
                {},
                {f.name: _json_value(f, instance) for f in fields},
                getattr(actor.user, "pk", None),
                actor.label[:200],
                getattr(actor.source, "pk", None),
                actor.request_id,
                now,
            )
            for instance in created
        ),
        batch_size=batch_size,
    )
    facts_bulk_created.send(sender=model, instances=created)
    return created
