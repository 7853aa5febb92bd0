"""Reading a change as a diff, and reverting one change through the write services.

A revert applies the inverse of one ``ChangeRecord``: an update sets the "before" values back, a
create deletes the object, a delete re-creates it from what it held. It goes through ``fact_save`` /
``fact_delete``, so the revert is itself a recorded change (actor: the editor; source: the editor's
source). A revert is refused when the object no longer holds what the change wrote (a later change
touched the same fields, or the object was deleted or re-created since): nothing is overwritten
silently.
"""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models.deletion import ProtectedError, RestrictedError
from django.utils.translation import gettext as _

from .models import ChangeAction, ChangeRecord
from .services import Actor, fact_delete, fact_save, snapshot

MAX_LIST_NAMES = 20


class RevertConflict(Exception):
    """The change cannot be reverted as it stands; the message says why."""


def _field(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


class _Names:
    """Names of related objects by id, looked up once each (a deleted one shows as "#id")."""

    def __init__(self):
        self.cache = {}

    def name(self, model, pk):
        if pk is None:
            return None
        if (model, pk) not in self.cache:
            obj = model._default_manager.filter(pk=pk).first()
            self.cache[model, pk] = str(obj) if obj is not None else _("#%(id)s (deleted)") % {"id": pk}
        return self.cache[model, pk]

    def display(self, model_field, value):
        if model_field is None or value is None or value == "" or value == []:
            return value
        if model_field.many_to_many:
            names = [self.name(model_field.related_model, pk) for pk in value[:MAX_LIST_NAMES]]
            more = len(value) - MAX_LIST_NAMES
            return "; ".join(names) + (f"; … (+{more})" if more > 0 else "")
        if model_field.is_relation:
            return self.name(model_field.related_model, value)
        if model_field.choices:
            return dict(model_field.flatchoices).get(value, value)
        return value


def change_rows(record: ChangeRecord, names: _Names | None = None) -> list[dict]:
    """One row per changed field: ``field`` (label), ``name``, ``before``, ``after`` (readable values)."""
    names = names or _Names()
    model = record.content_type.model_class()
    rows = []
    for name in sorted(set(record.before) | set(record.after), key=lambda n: _order(model, n)):
        model_field = _field(model, name) if model else None
        label = str(getattr(model_field, "verbose_name", name)) if model_field is not None else name
        rows.append(
            {
                "name": name,
                "field": label,
                "before": names.display(model_field, record.before.get(name)),
                "after": names.display(model_field, record.after.get(name)),
                "had_before": name in record.before,
                "has_after": name in record.after,
            }
        )
    return rows


def _order(model, name):
    if model is None:
        return (1, name)
    order = [f.name for f in model._meta.concrete_fields] + [f.name for f in model._meta.many_to_many]
    return (0, order.index(name)) if name in order else (1, name)


def history_entries(records) -> list[dict]:
    """Change records with their diff rows, for the history page."""
    names = _Names()
    return [{"record": record, "rows": change_rows(record, names)} for record in records]


def _apply(instance, values: dict) -> dict:
    """Set snapshot ``values`` on ``instance``; return the many-to-many values to set after saving."""
    m2m = {}
    for name, value in values.items():
        model_field = _field(type(instance), name)
        if model_field is None:
            continue  # a field removed since the change was recorded
        if model_field.many_to_many:
            existing = model_field.related_model._default_manager.filter(pk__in=value or [])
            m2m[name] = list(existing.values_list("pk", flat=True))
        elif model_field.is_relation:
            setattr(instance, model_field.attname, value)
        elif value is None or isinstance(model_field, models.JSONField):
            setattr(instance, name, value)
        else:
            setattr(instance, name, model_field.to_python(value))
    return m2m


def _moved_on(current, expected: dict) -> list[str]:
    now = snapshot(current)
    model = type(current)
    return [
        str(getattr(_field(model, name), "verbose_name", name))
        for name, value in expected.items()
        if _field(model, name) is not None and now.get(name) != value
    ]


def _conflict_since(record, fields):
    return RevertConflict(
        _("%(object)s changed again after this change (%(fields)s); revert the later change first or edit it by hand")
        % {"object": record.object_repr, "fields": ", ".join(fields)}
    )


def _messages(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
    return " ".join(error.messages)


def revert_change(*, record: ChangeRecord, actor: Actor):
    """Apply the inverse of ``record`` through the services; return the object (None after a delete).

    Raises ``RevertConflict`` when the object moved on since the change or the inverse is not valid.
    """
    model = record.content_type.model_class()
    if model is None:
        raise RevertConflict(_("the kind of object this change concerns no longer exists"))
    try:
        with transaction.atomic():
            current = model._default_manager.select_for_update().filter(pk=record.object_id).first()
            if record.action == ChangeAction.UPDATE:
                if current is None:
                    raise RevertConflict(_("%(object)s no longer exists") % {"object": record.object_repr})
                moved = _moved_on(current, record.after)
                if moved:
                    raise _conflict_since(record, moved)
                m2m = _apply(current, record.before)
                return fact_save(instance=current, actor=actor, m2m=m2m)
            if record.action == ChangeAction.CREATE:
                if current is None:
                    raise RevertConflict(_("%(object)s was already deleted") % {"object": record.object_repr})
                moved = _moved_on(current, record.after)
                if moved:
                    raise _conflict_since(record, moved)
                fact_delete(instance=current, actor=actor)
                return None
            if record.action == ChangeAction.DELETE:
                if current is not None:
                    raise RevertConflict(_("%(object)s exists again") % {"object": record.object_repr})
                instance = model(pk=model._meta.pk.to_python(record.object_id))
                m2m = _apply(instance, record.before)
                return fact_save(instance=instance, actor=actor, m2m=m2m)
            raise RevertConflict(_("unknown change action %(action)s") % {"action": record.action})
    except ValidationError as exc:
        raise RevertConflict(
            _("the reverted values are not valid now: %(errors)s") % {"errors": _messages(exc)}
        ) from exc
    except (ProtectedError, RestrictedError) as exc:
        raise RevertConflict(
            _("%(object)s cannot be deleted: other facts refer to it") % {"object": record.object_repr}
        ) from exc
    except IntegrityError as exc:
        raise RevertConflict(_("the database refused the revert: %(error)s") % {"error": exc}) from exc


def revert_permission(record: ChangeRecord) -> str:
    """The model permission a revert of ``record`` needs (change, delete or add)."""
    model = record.content_type.model_class()
    verb = {ChangeAction.UPDATE: "change", ChangeAction.CREATE: "delete", ChangeAction.DELETE: "add"}[record.action]
    return f"{model._meta.app_label}.{verb}_{model._meta.model_name}"


def _has_visibility(model) -> bool:
    return any(f.name == "visibility" for f in model._meta.concrete_fields)


class _VisibleKeys:
    """Keys (or names) of related objects a user may see; ``None`` for the others."""

    def __init__(self, user):
        self.user = user
        self.cache = {}

    def key(self, model, pk):
        from .selectors import visible

        if pk is None:
            return None
        if (model, pk) not in self.cache:
            queryset = model._default_manager.filter(pk=pk)
            if _has_visibility(model):
                queryset = visible(queryset, self.user)
            obj = queryset.first()
            self.cache[model, pk] = None if obj is None else (getattr(obj, "key", None) or str(obj))
        return self.cache[model, pk]

    def value(self, model_field, value):
        if model_field is None or value is None:
            return value
        if model_field.many_to_many:
            return [k for k in (self.key(model_field.related_model, pk) for pk in value or []) if k is not None]
        if model_field.is_relation:
            return self.key(model_field.related_model, value)
        return value


def public_history(obj, user) -> list[dict]:
    """The history of an object the user may see, for the API: related objects by key when the user may
    see them (else null), the actor's name for editors only, editors' own sources as just "editor"."""
    from arvoketju.accounts.selectors import is_editor

    from .selectors import history_for

    editor = is_editor(user)
    model = type(obj)
    hidden = set()
    if model._meta.label == "industry.InvestmentCard" and obj.investor_confidential and not editor:
        hidden.add("investor")
    keys = _VisibleKeys(user)
    entries = []
    for record in history_for(obj).select_related("source"):
        names = sorted((set(record.before) | set(record.after)) - hidden, key=lambda n: _order(model, n))
        source = record.source
        if source is not None and not editor:
            source_key = "editor" if source.kind == "editor" else source.key
        else:
            source_key = source.key if source is not None else None
        entries.append(
            {
                "id": record.pk,
                "action": record.action,
                "time": record.created_at,
                "actor": record.actor if editor else None,
                "source": source_key,
                "changes": [
                    {
                        "field": name,
                        "before": keys.value(_field(model, name), record.before.get(name)),
                        "after": keys.value(_field(model, name), record.after.get(name)),
                    }
                    for name in names
                ],
            }
        )
    return entries
