"""List pages: organisations (filtered, sortable, paginated), the projects pipeline and the events
timeline. Each page's table downloads as CSV or XLSX exactly as filtered (the same query string
plus ``format=csv|xlsx``); downloads hold every filtered row, not only the current page."""

from __future__ import annotations

from collections import Counter, OrderedDict, defaultdict

from django.db.models import Q
from django.shortcuts import render
from django.utils.dates import MONTHS
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from arvoketju.actors.models import Organisation, OrganisationType, Site
from arvoketju.actors.selectors import organisation_list
from arvoketju.capabilities.models import Capability
from arvoketju.collaboration.models import (
    Event,
    EventKind,
    EventSeries,
    Participation,
    ParticipationRole,
    Programme,
    Project,
    ProjectStatus,
    Scope,
)
from arvoketju.collaboration.selectors import UnknownReference, event_list
from arvoketju.places.models import Place, PlaceKind
from arvoketju.provenance.selectors import visible
from arvoketju.taxonomy.models import Stage

from .selectors_profiles import place_area
from .tables import Column, Row, download_response, paginate, sorted_table
from .templatetags.profiles import profile_url


def _choice(request, name, allowed) -> str:
    """A filter value from the query string, or "" when it is not one of ``allowed``."""
    value = request.GET.get(name, "").strip()
    return value if value in allowed else ""


def _stages(user):
    return visible(Stage.objects.select_related("value_chain"), user).order_by("kind", "order")


# --- organisations ------------------------------------------------------------------------------


def organisations(request):
    user = request.user
    regions = visible(Place.objects.filter(kind=PlaceKind.REGION), user).defer("boundary").order_by("name_fi")
    stages = list(_stages(user))
    filters = {
        "type": _choice(request, "type", OrganisationType.values),
        "region": _choice(request, "region", {p.key for p in regions}),
        "stage": _choice(request, "stage", {s.key for s in stages}),
        "q": request.GET.get("q", "").strip()[:200],
    }
    queryset = organisation_list(user=user, type=filters["type"] or None, q=filters["q"] or None)
    queryset = queryset.select_related("home_place__parent")
    if filters["region"]:
        area = place_area(next(p for p in regions if p.key == filters["region"]))
        sites = visible(Site.objects.filter(place__in=area), user)  # a restricted site does not place anyone
        queryset = queryset.filter(Q(home_place__in=area) | Q(sites__in=sites)).distinct()
    capabilities = visible(Capability.objects.filter(organisation__isnull=False, stage__isnull=False), user)
    if filters["stage"]:
        matching = capabilities.filter(Q(stage__key=filters["stage"]) | Q(stage__parent__key=filters["stage"]))
        queryset = queryset.filter(pk__in=matching.values("organisation_id"))
    organisations = list(queryset)
    stage_names = {s.pk: s for s in stages}
    by_organisation = defaultdict(set)
    for organisation_id, stage_id in capabilities.filter(organisation__in=[o.pk for o in organisations]).values_list(
        "organisation_id", "stage_id"
    ):
        by_organisation[organisation_id].add(stage_id)
    order = {s.pk: index for index, s in enumerate(stages)}
    columns = [
        Column("name", _("Organisation")),
        Column("type", _("Type")),
        Column("place", _("Home place")),
        Column("region", _("Region")),
        Column("stages", _("Value-chain stages"), sortable=False),
    ]
    rows = []
    for organisation in organisations:
        place = organisation.home_place
        region = place.region if place is not None else None
        stage_ids = sorted((pk for pk in by_organisation[organisation.pk] if pk in stage_names), key=order.get)
        cells = [
            organisation.name,
            capfirst(organisation.get_type_display()),
            place.localised() if place is not None else "",
            region.localised() if region is not None else "",
            "; ".join(stage_names[pk].localised() for pk in stage_ids),
        ]
        rows.append(Row(cells=cells, link=profile_url(organisation), obj=organisation))
    table = sorted_table(columns, rows, request.GET.get("sort"), "name")
    response = download_response(request, table, "arvoketju-organisations")
    if response is not None:
        return response
    paginate(table, request.GET.get("page"))
    return render(
        request,
        "web/organisations.html",
        {
            "nav": "organisations",
            "table": table,
            "filters": filters,
            "types": OrganisationType.choices,
            "regions": regions,
            "stages": stages,
        },
    )


# --- projects pipeline --------------------------------------------------------------------------

STATUS_ORDER = [
    ProjectStatus.IDEA,
    ProjectStatus.IN_PREPARATION,
    ProjectStatus.SUBMITTED,
    ProjectStatus.FUNDED,
    ProjectStatus.RUNNING,
    ProjectStatus.COMPLETED,
    ProjectStatus.REJECTED,
]
SCOPE_ORDER = [Scope.INTERNATIONAL, Scope.NATIONAL, Scope.REGIONAL]
NOT_STATED = gettext_lazy("not stated")


def effective_scope(project) -> str:
    """The project's own scope, else its programme's."""
    return project.scope or (project.programme.scope if project.programme_id else "") or ""


def projects(request):
    user = request.user
    programmes = visible(Programme.objects.all(), user).order_by("name")
    filters = {
        "status": _choice(request, "status", ProjectStatus.values),
        "programme": _choice(request, "programme", {p.key for p in programmes if p.key}),
        "scope": _choice(request, "scope", Scope.values),
        "q": request.GET.get("q", "").strip()[:200],
    }
    queryset = visible(Project.objects.select_related("programme"), user)
    queryset = queryset.filter(Q(programme__isnull=True) | Q(programme__in=programmes))
    if filters["status"]:
        queryset = queryset.filter(status=filters["status"])
    if filters["programme"]:
        queryset = queryset.filter(programme__key=filters["programme"])
    if filters["scope"]:
        queryset = queryset.filter(Q(scope=filters["scope"]) | Q(scope="", programme__scope=filters["scope"]))
    if filters["q"]:
        queryset = queryset.filter(Q(acronym__icontains=filters["q"]) | Q(title__icontains=filters["q"]))
    projects = list(queryset)
    participations = visible(
        Participation.objects.filter(project__in=[p.pk for p in projects]).select_related("organisation"), user
    ).filter(Q(organisation__isnull=True) | Q(organisation__in=visible(Organisation.objects.all(), user)))
    counts, coordinators = Counter(), defaultdict(list)
    for participation in participations:
        counts[participation.project_id] += 1
        if participation.role == ParticipationRole.COORDINATOR and participation.organisation_id:
            coordinators[participation.project_id].append(participation.organisation.name)
    scope_labels = dict(Scope.choices)
    columns = [
        Column("project", _("Project")),
        Column("title", _("Title")),
        Column("programme", _("Programme")),
        Column("scope", _("Scope")),
        Column("status", _("Status")),
        Column("start", _("Start")),
        Column("end", _("End")),
        Column("coordinator", _("Coordinator")),
        Column("participants", _("Participants"), numeric=True),
    ]
    rows = []
    for project in projects:
        scope = effective_scope(project)
        cells = [
            str(project),
            project.title,
            project.programme.name if project.programme_id else "",
            str(capfirst(scope_labels.get(scope, ""))),
            capfirst(project.get_status_display()) if project.status else "",
            project.start_display or "",
            project.end_display or "",
            "; ".join(sorted(coordinators[project.pk])),
            counts[project.pk],
        ]
        rows.append(Row(cells=cells, link=profile_url(project), obj=project, extra={"scope": scope}))
    table = sorted_table(columns, rows, request.GET.get("sort"), "project")
    response = download_response(request, table, "arvoketju-projects")
    if response is not None:
        return response
    return render(
        request,
        "web/projects.html",
        {
            "nav": "projects",
            "table": table,
            "filters": filters,
            "pipeline": _pipeline(table.rows),
            "statuses": ProjectStatus.choices,
            "scopes": Scope.choices,
            "programmes": programmes,
        },
    )


def _pipeline(rows) -> dict:
    """Sections by scope (international, national, regional, not stated), each with one column per
    status in pipeline order, and a count table of scope × status."""
    status_labels = dict(ProjectStatus.choices)
    scope_labels = dict(Scope.choices)
    statuses = [*STATUS_ORDER, ""]
    sections = []
    for scope in [*SCOPE_ORDER, ""]:
        in_scope = [r for r in rows if r.extra["scope"] == scope]
        if not in_scope:
            continue
        columns = []
        for status in statuses:
            items = [r for r in in_scope if (r.obj.status or "") == status]
            if items:
                columns.append({"status": status, "label": status_labels.get(status, NOT_STATED), "rows": items})
        sections.append(
            {
                "scope": scope or "none",
                "label": scope_labels.get(scope, NOT_STATED),
                "count": len(in_scope),
                "columns": columns,
            }
        )
    used = [s for s in statuses if any((r.obj.status or "") == s for r in rows)]
    summary = {
        "statuses": [{"status": s, "label": status_labels.get(s, NOT_STATED)} for s in used],
        "rows": [
            {
                "label": section["label"],
                "counts": [sum(len(c["rows"]) for c in section["columns"] if c["status"] == s) for s in used],
                "total": section["count"],
            }
            for section in sections
        ],
        "totals": [sum(1 for r in rows if (r.obj.status or "") == s) for s in used],
        "total": len(rows),
    }
    return {"sections": sections, "summary": summary}


# --- events timeline ----------------------------------------------------------------------------


def _participants(event):
    if event.participants_total is not None:
        return event.participants_total
    if event.participants_onsite is not None or event.participants_remote is not None:
        return (event.participants_onsite or 0) + (event.participants_remote or 0)
    return None


def events(request):
    user = request.user
    series = visible(EventSeries.objects.all(), user).order_by("name")
    filters = {
        "series": _choice(request, "series", {s.key for s in series if s.key}),
        "kind": _choice(request, "kind", EventKind.values),
        "year": request.GET.get("year", "").strip() if request.GET.get("year", "").strip().isdigit() else "",
        "place": request.GET.get("place", "").strip()[:200],
        "q": request.GET.get("q", "").strip()[:200],
    }
    try:
        queryset = event_list(
            user=user,
            place=filters["place"] or None,
            series=filters["series"] or None,
            kind=filters["kind"] or None,
            q=filters["q"] or None,
        )
    except UnknownReference:
        queryset = Event.objects.none()
    if filters["year"]:
        queryset = queryset.filter(start__year=int(filters["year"][:4]))
    events = list(queryset.select_related("series", "place"))
    visible_series = {s.pk for s in series}
    visible_places = set(
        visible(Place.objects.filter(pk__in={e.place_id for e in events if e.place_id}), user).values_list(
            "pk", flat=True
        )
    )
    columns = [
        Column("date", _("Date")),
        Column("end", _("End"), sortable=False),
        Column("event", _("Event"), sortable=False),
        Column("series", _("Series"), sortable=False),
        Column("kind", _("Kind"), sortable=False),
        Column("place", _("Place"), sortable=False),
        Column("venue", _("Venue"), sortable=False),
        Column("participants", _("Participants"), sortable=False, numeric=True),
    ]
    rows = []
    for event in events:
        place = event.place if event.place_id in visible_places else None
        end = event.end_display if event.end and event.end != event.start else ""
        cells = [
            event.start_display or "",
            end or "",
            event.name,
            event.series.name if event.series_id in visible_series else "",
            capfirst(event.get_kind_display()),
            place.localised() if place is not None else "",
            event.venue,
            _participants(event),
        ]
        rows.append(Row(cells=cells, link=profile_url(event), obj=event))
    sort = request.GET.get("sort") if request.GET.get("sort") in ("date", "-date") else "date"
    table = sorted_table(columns, rows, sort, "date")
    response = download_response(request, table, "arvoketju-events")
    if response is not None:
        return response
    all_years = sorted({d.year for d in visible(Event.objects.all(), user).exclude(start=None).dates("start", "year")})
    return render(
        request,
        "web/events.html",
        {
            "nav": "events",
            "table": table,
            "filters": filters,
            "timeline": _timeline(table.rows),
            "clock": _clock(table.rows),
            "series_choices": series,
            "kinds": EventKind.choices,
            "years": all_years,
        },
    )


def _timeline(rows) -> list[dict]:
    """Years, each with its months (in the order of the rows), each with its events; events dated
    only by year come under "month not stated", undated ones under "date not stated"."""
    years: OrderedDict = OrderedDict()
    for row in rows:
        event = row.obj
        year = event.start.year if event.start else None
        month = event.start.month if event.start and event.start_precision != "year" else None
        year_entry = years.setdefault(year, {"year": year, "months": OrderedDict(), "count": 0})
        year_entry["count"] += 1
        label = MONTHS[month] if month else _("month not stated")
        year_entry["months"].setdefault(month, {"month": month, "label": label, "rows": []})["rows"].append(row)
    return [{**entry, "months": list(entry["months"].values())} for entry in years.values()]


def _clock(rows) -> dict:
    """The "annual clock": events per year and month."""
    counts = Counter()
    for row in rows:
        event = row.obj
        if event.start and event.start_precision != "year":
            counts[(event.start.year, event.start.month)] += 1
    years = sorted({year for year, _month in counts})
    return {
        "months": [MONTHS[m] for m in range(1, 13)],
        "rows": [{"year": year, "counts": [counts[(year, m)] for m in range(1, 13)]} for year in years],
    }
