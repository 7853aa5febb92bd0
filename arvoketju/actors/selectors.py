"""Reads for organisations."""

from django.db.models import Q, QuerySet

from arvoketju.core.identifiers import as_database_id
from arvoketju.core.text import normalise_name
from arvoketju.places.selectors import place_resolve, place_with_members
from arvoketju.provenance.selectors import visible

from .models import Alias, Organisation


def organisation_list(
    *, user, q: str | None = None, type: str | None = None, place: str | None = None, parent: str | None = None
) -> QuerySet:
    """Organisations the user may see; ``q`` matches names and aliases case-insensitively."""
    organisations = visible(Organisation.objects.select_related("source", "home_place", "parent"), user)
    if q:
        needle = normalise_name(q)
        alias_hits = visible(Alias.objects.filter(normalised__contains=needle), user).values("organisation_id")
        organisations = organisations.filter(
            Q(name__icontains=q) | Q(short_name__icontains=q) | Q(key=q) | Q(pk__in=alias_hits)
        )
    if type:
        organisations = organisations.filter(type=type)
    if place:
        found = place_resolve(ref=place, user=user)
        if found is None:
            return organisations.none()
        places = place_with_members(found)
        organisations = organisations.filter(
            Q(home_place__in=places) | Q(home_place__parent__in=places) | Q(sites__place__in=places)
        ).distinct()
    if parent:
        found_parent = organisation_resolve(ref=parent, user=user)
        organisations = organisations.filter(parent=found_parent) if found_parent else organisations.none()
    return organisations


def organisation_resolve(*, ref: str, user) -> Organisation | None:
    """One organisation by id, key, official name, short name or alias (exact, case-insensitive)."""
    organisations = visible(Organisation.objects.all(), user)
    ref = (ref or "").strip()
    if as_database_id(ref) is not None:
        found = organisations.filter(pk=as_database_id(ref)).first()
        if found:
            return found
    for condition in (Q(key=ref), Q(name__iexact=ref), Q(short_name__iexact=ref)):
        found = organisations.filter(condition).first()
        if found:
            return found
    alias = (
        visible(Alias.objects.filter(normalised=normalise_name(ref)), user)
        .filter(organisation__in=organisations)
        .select_related("organisation")
        .first()
    )
    if alias:
        return alias.organisation
    # names differ from the stored ones only by case outside ASCII (SQLite's iexact is ASCII-only)
    needle = normalise_name(ref)
    for org in organisations.only("pk", "name", "short_name"):
        if needle in (normalise_name(org.name), normalise_name(org.short_name)):
            return organisations.get(pk=org.pk)
    return None
