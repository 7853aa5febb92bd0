"""Reads about roles: who is an editor, which organisations a user represents, what they may edit."""

from __future__ import annotations

from django.db.models import Model

EDITORS_GROUP = "editors"


def is_editor(user) -> bool:
    """Editors review and edit everything: staff, superusers and members of the "editors" group."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if user.is_staff or user.is_superuser:
        return True
    cached = getattr(user, "_arvoketju_is_editor", None)
    if cached is None:
        cached = user.groups.filter(name=EDITORS_GROUP).exists()
        user._arvoketju_is_editor = cached
    return cached


def represented_organisation_ids(user) -> frozenset[int]:
    """Ids of the organisations a user represents, with all their units (cached on the user)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_arvoketju_represented", None)
    if cached is not None:
        return cached
    from arvoketju.actors.models import Organisation

    ids = set(user.representations.values_list("organisation_id", flat=True))
    frontier = set(ids)
    while frontier:
        frontier = set(Organisation.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - ids
        ids |= frontier
    user._arvoketju_represented = frozenset(ids)
    return user._arvoketju_represented


def role_of(user) -> str:
    """anonymous, member, representative, editor or administrator."""
    if user is None or not getattr(user, "is_authenticated", False):
        return "anonymous"
    if user.is_superuser:
        return "administrator"
    if is_editor(user):
        return "editor"
    if represented_organisation_ids(user):
        return "representative"
    return "member"


def concerned_organisation_id(obj: Model) -> int | None:
    """The organisation a fact belongs to, following the model's ``concerns_organisation`` path."""
    path = getattr(type(obj), "concerns_organisation", None)
    if path is None:
        return None
    if path == "pk":
        return obj.pk
    return getattr(obj, f"{path}_id", None)


def can_edit(user, obj: Model) -> bool:
    """Editors edit everything; a representative edits their organisations and what belongs to them."""
    if is_editor(user):
        return True
    organisation_id = concerned_organisation_id(obj)
    return organisation_id is not None and organisation_id in represented_organisation_ids(user)
