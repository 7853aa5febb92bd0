"""Reads for projects, networks and events."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from arvoketju.actors.selectors import organisation_resolve
from arvoketju.core.identifiers import as_database_id
from arvoketju.places.selectors import place_resolve, place_with_members
from arvoketju.provenance.selectors import visible

from .models import Event, EventAttendance, EventSeries, Network, Participation, Programme, Project


class UnknownReference(LookupError):
    """A filter named an organisation or place that does not exist (or is not visible)."""


def _organisation(ref: str, user):
    found = organisation_resolve(ref=ref, user=user)
    if found is None:
        raise UnknownReference(f"no organisation '{ref}'")
    return found


def _place(ref: str, user):
    found = place_resolve(ref=ref, user=user)
    if found is None:
        raise UnknownReference(f"no place '{ref}'")
    return found


def project_list(
    *,
    user,
    participant: list[str] | None = None,
    status: str | None = None,
    scope: str | None = None,
    programme: str | None = None,
    stage: str | None = None,
    q: str | None = None,
) -> QuerySet:
    """Projects the user may see. With several ``participant`` values, only projects in which all of
    them take part (each given by id, key, name or alias)."""
    projects = visible(Project.objects.select_related("source", "programme", "prepared_by"), user)
    for ref in participant or []:
        organisation = _organisation(ref, user)
        taking_part = visible(Participation.objects.filter(organisation=organisation), user)
        projects = projects.filter(pk__in=taking_part.values("project_id"))
    if status:
        projects = projects.filter(status=status)
    if scope:
        projects = projects.filter(scope=scope)
    if programme:
        projects = projects.filter(Q(programme__key=programme) | Q(programme__name__iexact=programme))
    if stage:
        projects = projects.filter(Q(stages__key=stage) | Q(competences__key=stage)).distinct()
    if q:
        projects = projects.filter(Q(acronym__icontains=q) | Q(title__icontains=q) | Q(key=q))
    return projects


def project_resolve(*, ref: str, user) -> Project | None:
    projects = visible(Project.objects.all(), user)
    if as_database_id(ref) is not None:
        found = projects.filter(pk=as_database_id(ref)).first()
        if found:
            return found
    return projects.filter(Q(key=ref) | Q(acronym__iexact=ref)).first()


def programme_list(*, user) -> QuerySet:
    return visible(Programme.objects.select_related("source", "funder"), user)


def network_list(*, user, organisation: str | None = None, kind: str | None = None) -> QuerySet:
    networks = visible(Network.objects.select_related("source", "coordinator"), user)
    if organisation:
        org = _organisation(organisation, user)
        networks = networks.filter(memberships__organisation=org).distinct()
    if kind:
        networks = networks.filter(kind=kind)
    return networks


def network_resolve(*, ref: str, user) -> Network | None:
    networks = visible(Network.objects.all(), user)
    if as_database_id(ref) is not None and networks.filter(pk=as_database_id(ref)).exists():
        return networks.get(pk=as_database_id(ref))
    return networks.filter(Q(key=ref) | Q(name__iexact=ref)).first()


def event_list(
    *,
    user,
    place: str | None = None,
    organisation: str | None = None,
    series: str | None = None,
    kind: str | None = None,
    start_from: dt.date | None = None,
    start_to: dt.date | None = None,
    q: str | None = None,
) -> QuerySet:
    """Events the user may see. ``place`` lists events at which that place was represented (a grouping
    such as Kotka-Hamina counts for its members and the other way round) or which took place there."""
    events = visible(Event.objects.select_related("source", "series", "place"), user)
    if place:
        found = _place(place, user)
        places = place_with_members(found) + [m.group for m in found.groupings.select_related("group")]
        represented = visible(EventAttendance.objects.filter(place__in=places), user).values("event_id")
        events = events.filter(Q(pk__in=represented) | Q(place__in=places)).distinct()
    if organisation:
        org = _organisation(organisation, user)
        attended = visible(EventAttendance.objects.filter(organisation=org), user).values("event_id")
        events = events.filter(pk__in=attended)
    if series:
        events = events.filter(series__key=series)
    if kind:
        events = events.filter(kind=kind)
    if start_from:
        events = events.filter(start__gte=start_from)
    if start_to:
        events = events.filter(start__lte=start_to)
    if q:
        events = events.filter(Q(name__icontains=q) | Q(theme__icontains=q) | Q(key=q))
    return events


def event_series_list(*, user) -> QuerySet:
    return visible(EventSeries.objects.select_related("source"), user)


def event_resolve(*, ref: str, user) -> Event | None:
    events = visible(Event.objects.all(), user)
    if as_database_id(ref) is not None and events.filter(pk=as_database_id(ref)).exists():
        return events.get(pk=as_database_id(ref))
    return events.filter(key=ref).first()
