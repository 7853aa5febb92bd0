"""Reads for the profile pages: everything the user may see about one organisation, place, project,
event or network. Every queryset goes through ``visible``; a fact that links to an object the user
may not see (e.g. a participation of a restricted unit) is left out too."""

from __future__ import annotations

from collections import OrderedDict

from django.db.models import Q

from arvoketju.actors.models import Organisation
from arvoketju.actors.selectors import organisation_resolve
from arvoketju.capabilities.models import Capability, Infrastructure
from arvoketju.capabilities.selectors import declaration_list
from arvoketju.collaboration.models import Event, EventAttendance, Membership, Network, Participation, Project
from arvoketju.collaboration.selectors import event_resolve, network_resolve, project_resolve
from arvoketju.core.identifiers import as_database_id
from arvoketju.places.models import Place, PlaceKind
from arvoketju.places.selectors import place_resolve
from arvoketju.provenance.selectors import visibility_condition, visible
from arvoketju.workforce.models import CompetenceNeed, CompetenceStrength


def linked_visible(queryset, user, **links):
    """Rows of ``queryset`` the user may see whose links (field name → model) point to visible objects
    or to nothing."""
    queryset = visible(queryset, user)
    for field, model in links.items():
        queryset = queryset.filter(
            Q(**{f"{field}__isnull": True}) | visibility_condition(model, user, prefix=f"{field}__")
        )
    return queryset


def shown(obj, user):
    """``obj`` if the user may see it, else None."""
    if obj is None:
        return None
    return obj if visible(type(obj).objects.filter(pk=obj.pk), user).exists() else None


# --- resolving a URL parameter ------------------------------------------------------------------


def resolve_organisation(ref: str, user):
    return organisation_resolve(ref=ref, user=user)


def resolve_place(ref: str, user):
    found = place_resolve(ref=ref, user=user)
    if found is None and as_database_id(ref) is not None:
        found = visible(Place.objects.filter(pk=as_database_id(ref)), user).first()
    return found


def resolve_project(ref: str, user):
    return project_resolve(ref=ref, user=user)


def resolve_event(ref: str, user):
    return event_resolve(ref=ref, user=user)


def resolve_network(ref: str, user):
    return network_resolve(ref=ref, user=user)


# --- capabilities by stage ----------------------------------------------------------------------


def _topic_order(capability):
    stage = capability.stage
    if stage is not None:
        return (0, stage.kind != "stage", stage.order, stage.pk)
    return (1, 0, 0, capability.competence.localised())


def capabilities_by_stage(capabilities) -> list[dict]:
    """[{"topic": stage or competence, "capabilities": [...]}] in value-chain order, themes and
    competences after the stages."""
    groups: OrderedDict = OrderedDict()
    for capability in sorted(capabilities, key=_topic_order):
        topic = capability.topic
        groups.setdefault((type(topic).__name__, topic.pk), {"topic": topic, "capabilities": []})[
            "capabilities"
        ].append(capability)
    return list(groups.values())


def stage_summary(capabilities) -> list[dict]:
    """Per stage or competence: active and potential counts and the organisations with a capability."""
    rows = []
    for group in capabilities_by_stage(capabilities):
        organisations = {c.organisation.pk: c.organisation for c in group["capabilities"] if c.organisation_id}
        rows.append(
            {
                "topic": group["topic"],
                "active": sum(c.status == "active" for c in group["capabilities"]),
                "potential": sum(c.status == "potential" for c in group["capabilities"]),
                "organisations": sorted(organisations.values(), key=lambda o: o.name),
            }
        )
    return rows


def _capabilities(user):
    return linked_visible(
        Capability.objects.select_related(
            "source", "organisation", "place", "stage", "competence", "derived_from_project"
        ),
        user,
        organisation=Organisation,
        place=Place,
        derived_from_project=Project,
    )


# --- organisation -------------------------------------------------------------------------------


PROFILE_ROWS = 60  # a hub takes part in hundreds of projects: the profile shows the latest ones


def organisation_profile(organisation: Organisation, *, user) -> dict:
    """Everything the user may see about one organisation, each item a fact with its source
    (projects and events: the latest ``PROFILE_ROWS``, with the total)."""
    participations = linked_visible(
        organisation.participations.select_related("source", "project", "project__programme"),
        user,
        project=Project,
    ).order_by("-project__start", "project__acronym")
    attendances = linked_visible(
        organisation.attendances.select_related("source", "event", "event__place"), user, event=Event
    ).order_by("-event__start", "event__name")
    return {
        "participations": list(participations[:PROFILE_ROWS]),
        "participation_count": participations.count(),
        "attendances": list(attendances[:PROFILE_ROWS]),
        "attendance_count": attendances.count(),
        "aliases": visible(organisation.aliases.select_related("source"), user),
        "identifiers": visible(organisation.identifiers.select_related("source"), user),
        "home_place": shown(organisation.home_place, user),
        "sites": linked_visible(organisation.sites.select_related("source", "place"), user, place=Place),
        "parent": shown(organisation.parent, user),
        "units": visible(organisation.units.select_related("source", "home_place"), user),
        "contacts": visible(organisation.contacts.select_related("source"), user),
        "capability_groups": capabilities_by_stage(_capabilities(user).filter(organisation=organisation)),
        "infrastructures": linked_visible(
            Infrastructure.objects.filter(organisation=organisation).select_related("source", "place"),
            user,
            place=Place,
        ).prefetch_related("stages"),
        "memberships": linked_visible(
            organisation.memberships.select_related("source", "network"), user, network=Network
        ).order_by("network__name", "valid_from"),
        "coordinated_networks": visible(organisation.coordinated_networks.select_related("source"), user),
        "education_programmes": linked_visible(
            organisation.education_programmes.select_related("source", "place"), user, place=Place
        ).prefetch_related("stages", "competences"),
        "industrial_areas": linked_visible(
            organisation.operated_areas.select_related("source", "place"), user, place=Place
        ),
    }


# --- place --------------------------------------------------------------------------------------


def place_area(place: Place) -> list[Place]:
    """The place and what it covers: a region's municipalities and their localities, a grouping's
    member places, a municipality's localities."""
    area = {place.pk: place}
    frontier = [place]
    while frontier:
        nxt = []
        for current in frontier:
            covered = list(current.children.all())
            if current.kind == PlaceKind.GROUPING:
                covered += [m.member for m in current.memberships.select_related("member")]
            for other in covered:
                if other.pk not in area:
                    area[other.pk] = other
                    nxt.append(other)
        frontier = nxt
    return list(area.values())


def place_profile(place: Place, *, user) -> dict:
    area = place_area(place)
    places = visible(Place.objects.filter(pk__in=[p.pk for p in area]), user)
    organisations = (
        visible(Organisation.objects.select_related("source", "home_place"), user)
        .filter(Q(home_place__in=places) | Q(sites__place__in=places, sites__in=visible(_sites(), user)))
        .distinct()
        .order_by("name")
    )
    capabilities = _capabilities(user).filter(Q(place__in=places) | Q(organisation__in=organisations))
    participations = linked_visible(Participation.objects.all(), user, organisation=Organisation).filter(
        Q(organisation__in=organisations) | Q(place__in=places)
    )
    projects = (
        visible(Project.objects.select_related("programme"), user)
        .filter(pk__in=participations.values("project_id"))
        .order_by("-start", "acronym")
    )
    groupings = [m.group for m in place.groupings.select_related("group")]
    attended = visible(EventAttendance.objects.filter(place__in=[*places, *groupings]), user).values("event_id")
    events = (
        visible(Event.objects.select_related("place", "series"), user)
        .filter(Q(place__in=places) | Q(pk__in=attended))
        .distinct()
        .order_by("start", "name")
    )
    members = []
    if place.kind == PlaceKind.GROUPING:
        members = linked_visible(place.memberships.select_related("source", "member"), user, member=Place)
    return {
        "parent": shown(place.parent, user),
        "region": shown(place.region, user) if place.region != place else None,
        "children": visible(place.children.all(), user).defer("boundary").order_by("name_fi"),
        "members": members,
        "groupings": linked_visible(place.groupings.select_related("source", "group"), user, group=Place),
        "organisations": organisations,
        "declarations": declaration_list(user=user, place=place),
        "stage_summary": stage_summary(capabilities),
        "projects": projects,
        "events": events,
    }


def _sites():
    from arvoketju.actors.models import Site

    return Site.objects.all()


# --- project ------------------------------------------------------------------------------------


def project_profile(project: Project, *, user) -> dict:
    return {
        "programme": shown(project.programme, user),
        "prepared_by": shown(project.prepared_by, user),
        "status_history": visible(project.status_history.select_related("source"), user).order_by("sequence"),
        "participations": linked_visible(
            project.participations.select_related("source", "organisation", "place"),
            user,
            organisation=Organisation,
            place=Place,
        ).order_by("role", "organisation__name"),
        "capability_groups": capabilities_by_stage(_capabilities(user).filter(derived_from_project=project)),
        "stages": visible(project.stages.all(), user),
        "competences": visible(project.competences.all(), user),
    }


# --- event --------------------------------------------------------------------------------------


def event_profile(event: Event, *, user) -> dict:
    series = shown(event.series, user)
    return {
        "series": series,
        "place": shown(event.place, user),
        "attendances": linked_visible(
            event.attendances.select_related("source", "organisation", "place"),
            user,
            organisation=Organisation,
            place=Place,
        ).order_by("role", "organisation__name", "place__name_fi"),
        "series_events": (
            visible(series.events.exclude(pk=event.pk), user).order_by("start", "name") if series else []
        ),
        "needs": linked_visible(CompetenceNeed.objects.filter(event=event).select_related("source"), user, place=Place),
        "strengths": linked_visible(
            CompetenceStrength.objects.filter(event=event).select_related("source"), user, place=Place
        ),
    }


# --- network ------------------------------------------------------------------------------------


def network_profile(network: Network, *, user) -> dict:
    memberships = linked_visible(
        Membership.objects.filter(network=network).select_related("source", "organisation", "place"),
        user,
        organisation=Organisation,
        place=Place,
    ).order_by("valid_from", "organisation__name", "place__name_fi")
    return {
        "coordinator": shown(network.coordinator, user),
        "memberships": memberships,
        "projects": visible(network.prepared_projects.select_related("programme"), user).order_by("-start"),
    }
