"""Writes for organisations."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from arvoketju.provenance.services import Actor, editor_source, fact_save

from .models import Organisation

EDITABLE_FIELDS = ("short_name", "website", "description", "is_sme", "home_place")


def organisation_update(*, organisation: Organisation, actor: Actor, expected_version: int, changes: dict):
    """Change editable fields of an organisation as the version the editor saw.

    Each changed field records the person as its source (``field_sources``), so the rest of the
    row keeps its original provenance. Raises ``ConflictError`` when someone changed the row in
    between and ``ValidationError`` for unknown fields or invalid values.
    """
    unknown = sorted(set(changes) - set(EDITABLE_FIELDS))
    if unknown:
        raise ValidationError({name: _("this field cannot be edited here") for name in unknown})
    source = editor_source(user=actor.user, actor=actor) if actor.user else actor.source
    stamp = timezone.now().date().isoformat()
    field_sources = dict(organisation.field_sources or {})
    for name, value in changes.items():
        setattr(organisation, name, value)
        if source is not None:
            field_sources[name] = {"source": source.key, "locator": f"edit {stamp}"}
    organisation.field_sources = field_sources
    return fact_save(instance=organisation, actor=actor, expected_version=expected_version)
