"""REST API for programmes, projects, networks and events."""

import datetime as dt

from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from arvoketju.api.common import FactOut, Pagination, Ref, Sourced, visible_link
from arvoketju.provenance.selectors import visible

from . import selectors

router = Router()


class ProgrammeOut(FactOut):
    name: str
    funder: Ref | None = None
    scope: str

    @staticmethod
    def resolve_funder(obj, context):
        return visible_link(obj.funder, context)


class StatusChangeOut(Sourced):
    status: str
    date: str | None = None

    @staticmethod
    def resolve_date(obj):
        return obj.date_display


class ParticipationOut(Sourced):
    organisation: Ref | None = None
    role: str
    actor_type: str
    place: Ref | None = None
    count: int | None = None
    description: str


class ProjectOut(FactOut):
    acronym: str
    title: str
    programme: Ref | None = None
    call: str
    register_numbers: list[str]
    scope: str
    status: str
    start: str | None = None
    end: str | None = None
    budget_eur: float | None = None
    prepared_by: Ref | None = None
    stages: list[Ref]
    competences: list[Ref]
    participants: list[ParticipationOut]
    status_history: list[StatusChangeOut]

    @staticmethod
    def resolve_start(obj):
        return obj.start_display

    @staticmethod
    def resolve_end(obj):
        return obj.end_display

    @staticmethod
    def resolve_participants(obj, context):
        return visible(obj.participations.select_related("organisation", "place", "source"), context["request"].user)

    @staticmethod
    def resolve_status_history(obj, context):
        return visible(obj.status_history.select_related("source"), context["request"].user)


class ProjectFilters(Schema):
    participant: list[str] | None = Field(
        None,
        description="organisation (id, key, name or alias); repeat to require several: projects in which all take part",
    )
    status: str | None = None
    scope: str | None = Field(None, description="regional, national or international")
    programme: str | None = Field(None, description="programme key or name")
    stage: str | None = Field(None, description="stage, theme or competence key")
    q: str | None = Field(None, description="part of the acronym or title")


def _or_404(found, what, name):
    if found is None:
        raise Http404(f"no {what} '{name}'")
    return found


@router.get("/programmes", response=list[ProgrammeOut])
@paginate(Pagination)
def list_programmes(request):
    return selectors.programme_list(user=request.user)


@router.get("/projects", response=list[ProjectOut], summary="Projects and applications")
@paginate(Pagination)
def list_projects(request, filters: Query[ProjectFilters]):
    try:
        return selectors.project_list(user=request.user, **filters.dict()).prefetch_related("stages", "competences")
    except selectors.UnknownReference as exc:
        raise Http404(str(exc)) from None


@router.get("/projects/{project}", response=ProjectOut, summary="One project by id, key or acronym")
def get_project(request, project: str):
    return _or_404(selectors.project_resolve(ref=project, user=request.user), "project", project)


class MembershipOut(Sourced):
    organisation: Ref | None = None
    place: Ref | None = None
    status: str
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


class NetworkOut(FactOut):
    name: str
    kind: str
    coordinator: Ref | None = None
    description: str
    stated_counts: dict[str, int]
    members: list[MembershipOut]

    @staticmethod
    def resolve_coordinator(obj, context):
        return visible_link(obj.coordinator, context)

    @staticmethod
    def resolve_members(obj, context):
        return visible(obj.memberships.select_related("organisation", "place", "source"), context["request"].user)


@router.get("/networks", response=list[NetworkOut], summary="Networks and their members")
@paginate(Pagination)
def list_networks(request, organisation: str | None = None, kind: str | None = None):
    try:
        return selectors.network_list(user=request.user, organisation=organisation, kind=kind)
    except selectors.UnknownReference as exc:
        raise Http404(str(exc)) from None


@router.get("/networks/{network}", response=NetworkOut)
def get_network(request, network: str):
    return _or_404(selectors.network_resolve(ref=network, user=request.user), "network", network)


class AttendanceOut(Sourced):
    organisation: Ref | None = None
    place: Ref | None = None
    role: str
    topic: str


class EventOut(FactOut):
    name: str
    series: Ref | None = None
    kind: str
    start: str | None = None
    end: str | None = None
    venue: str
    place: Ref | None = None
    theme: str
    format: str
    participants_total: int | None = None
    participants_onsite: int | None = None
    participants_remote: int | None = None
    participants_registered: int | None = None
    cancelled: bool
    outputs: str
    attendances: list[AttendanceOut]

    @staticmethod
    def resolve_start(obj):
        return obj.start_display

    @staticmethod
    def resolve_end(obj):
        return obj.end_display

    @staticmethod
    def resolve_attendances(obj, context):
        return visible(obj.attendances.select_related("organisation", "place", "source"), context["request"].user)


class EventSeriesOut(FactOut):
    name: str
    description: str
    events: list[Ref]

    @staticmethod
    def resolve_events(obj, context):
        return list(visible(obj.events.order_by("start"), context["request"].user))


@router.get("/event-series", response=list[EventSeriesOut], summary="Event series with their events in order")
@paginate(Pagination)
def list_event_series(request):
    return selectors.event_series_list(user=request.user)


class EventFilters(Schema):
    place: str | None = Field(None, description="a place represented at the event or where it took place")
    organisation: str | None = Field(None, description="an organisation that attended, hosted or spoke")
    series: str | None = Field(None, description="event series key")
    kind: str | None = None
    start_from: dt.date | None = None
    start_to: dt.date | None = None
    q: str | None = None


@router.get("/events", response=list[EventOut], summary="Events, workshops, visits and trips")
@paginate(Pagination)
def list_events(request, filters: Query[EventFilters]):
    try:
        return selectors.event_list(user=request.user, **filters.dict())
    except selectors.UnknownReference as exc:
        raise Http404(str(exc)) from None


@router.get("/events/{event}", response=EventOut)
def get_event(request, event: str):
    return _or_404(selectors.event_resolve(ref=event, user=request.user), "event", event)
