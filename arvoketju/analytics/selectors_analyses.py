"""Reads for the analyses page and the situational report: what ``user`` may see, as it stood on
``as_of``, turned into plain data for the pure functions and then into rows ready to show.

Time travel (decision 29): a fact counts on date D when it is valid on D (``valid_on``); an event
counts once it has started (start ≤ D; undated events count), a project once it has started (start
≤ D; undated projects count).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.urls import NoReverseMatch, reverse

from arvoketju.actors.models import Organisation
from arvoketju.capabilities.models import Infrastructure
from arvoketju.collaboration.models import (
    Event,
    EventAttendance,
    EventSeries,
    Membership,
    Participation,
    Project,
)
from arvoketju.outcomes.models import Goal, Indicator
from arvoketju.places.models import GroupingKind, Place, PlaceKind
from arvoketju.provenance.selectors import valid_condition, visible_on
from arvoketju.taxonomy.models import Stage
from arvoketju.workforce.models import CompetenceNeed, EducationProgramme

from . import gaps, goals, health, overlap, relatedness
from .matrix import Cell, build_matrix, columns_of_place
from .selectors import capability_records, declaration_records, place_nodes
from .specialisation import count_arrays, declared_vs_evidenced, specialisation_table

APPLICATION_STATUSES = ("idea", "in_preparation", "submitted", "rejected", "funded")


def _url(name: str, key) -> str:
    if not key:
        return ""
    try:
        return reverse(name, args=[key])
    except NoReverseMatch:
        return ""


def matrix_cell_url(stage, column, level: str = "region", as_of=None) -> str:
    """The matrix page with one cell opened (as of ``as_of`` when given): the holders and
    capabilities behind a number."""
    try:
        base = reverse("web:matrix")
    except NoReverseMatch:
        return ""
    day = f"&as_of={as_of.isoformat()}" if as_of else ""
    return f"{base}?columns={level}{day}&cell={stage.key}@{column.key}"


@dataclass
class Analyses:
    """Everything the analyses page and the report show, for one date (and a comparison date)."""

    as_of: date
    compare: date | None
    stages: list
    chain: list
    regions: list
    partner_cities: list
    specialisation: list = field(default_factory=list)
    declared: list = field(default_factory=list)
    opportunities: list = field(default_factory=list)
    duplicated_profiles: list = field(default_factory=list)
    duplicated_infrastructure: list = field(default_factory=list)
    competing_applications: list = field(default_factory=list)
    thin: list = field(default_factory=list)
    missing_links: list = field(default_factory=list)
    unmet_needs: list = field(default_factory=list)
    health: dict = field(default_factory=dict)
    layers: dict = field(default_factory=dict)
    growth: dict | None = None
    series: list = field(default_factory=list)
    goals: list = field(default_factory=list)
    indicators: list = field(default_factory=list)
    pipeline: list = field(default_factory=list)


def _started(queryset, as_of, field_name: str = "start"):
    return queryset.filter(Q(**{f"{field_name}__isnull": True}) | Q(**{f"{field_name}__lte": as_of}))


def _stages(user, as_of):
    stages = list(visible_on(Stage.objects.all(), user, as_of))
    stages.sort(key=lambda s: (s.kind != "stage", s.order, s.pk))
    return stages


def _merge(cells: dict, stage_ids, member_columns) -> Cell:
    merged = Cell()
    for column in member_columns:
        cell = cells.get((stage_ids, column))
        if cell is None:
            continue
        for holder, name in cell.active.items():
            merged.active[holder] = name
            merged.potential.pop(holder, None)
        for holder, name in cell.potential.items():
            if holder not in merged.active:
                merged.potential[holder] = name
        merged.capability_ids += cell.capability_ids
    return merged


def analyses(user, *, as_of: date, compare: date | None = None) -> Analyses:
    """All analyses as ``user`` may see them on ``as_of`` (and growth since ``compare``)."""
    places = place_nodes(user, as_of=as_of)
    place_objects = {p.pk: p for p in visible_on(Place.objects.defer("boundary"), user, as_of)}
    stages = _stages(user, as_of)
    stage_ids = [s.pk for s in stages]
    chain = [s for s in stages if s.kind == "stage"]
    regions = sorted(
        (p for p in place_objects.values() if p.kind == PlaceKind.REGION), key=lambda p: (p.code or "zzz", p.name_fi)
    )
    region_ids = [r.pk for r in regions]
    records = capability_records(user, as_of=as_of)
    declarations = declaration_records(user, as_of=as_of)

    # --- specialisation by region
    region_cells = build_matrix(records, declarations, places, level="region")
    table = specialisation_table(region_cells, region_ids, stage_ids)
    result = Analyses(as_of=as_of, compare=compare, stages=stages, chain=chain, regions=regions, partner_cities=[])
    for c, region in enumerate(regions):
        row = []
        for stage in stages:
            entry = table.entry(region.pk, stage.pk)
            entry["stage"] = stage
            entry["url"] = (
                matrix_cell_url(stage, region, as_of=as_of) if (entry["active"] or entry["potential"]) else ""
            )
            entry["declared"] = bool(
                region_cells.get((stage.pk, region.pk)) and region_cells[(stage.pk, region.pk)].declarations
            )
            row.append(entry)
        result.specialisation.append({"place": region, "cells": row, "holders": int(table.active[c].sum())})

    # --- declared vs evidenced for the partner cities (their municipalities against all municipalities)
    municipality_cells = build_matrix(records, [], places, level="municipality")
    municipalities = sorted({column for _stage, column in municipality_cells})
    reference = count_arrays(municipality_cells, municipalities, stage_ids)
    partner_ids = []
    for group in (p for p in place_objects.values() if p.grouping_kind == GroupingKind.PARTNER_CITIES):
        partner_ids += [m for m in places[group.pk].member_ids if m in place_objects and m not in partner_ids]
    partner_cells = {}
    for partner in partner_ids:
        members = columns_of_place(partner, places, "municipality")
        for stage in stage_ids:
            partner_cells[(stage, partner)] = _merge(municipality_cells, stage, members)
    partner_table = specialisation_table(partner_cells, partner_ids, stage_ids, reference=reference)
    declared_pairs = {(d.place_id, stage) for d in declarations for stage in d.stage_ids}
    statements = defaultdict(list)
    for d in declarations:
        for stage in d.stage_ids:
            statements[(d.place_id, stage)].append(d)
    stage_by_id = {s.pk: s for s in stages}
    result.partner_cities = [place_objects[p] for p in partner_ids]
    for row in declared_vs_evidenced(partner_table, declared_pairs):
        place = place_objects[row["column"]]
        row.update(
            place=place,
            stage=stage_by_id[row["stage"]],
            statements=statements.get((row["column"], row["stage"]), []),
            holders=sorted(partner_cells[(row["stage"], row["column"])].active.values()),
        )
        result.declared.append(row)

    # --- relatedness (proximity from holders' co-occurrence)
    holder_index: dict = {}
    holdings = []
    stage_index = {s: i for i, s in enumerate(stage_ids)}
    for record in records:
        i = holder_index.setdefault(record.holder, len(holder_index))
        if i == len(holdings):
            holdings.append([0] * len(stage_ids))
        for stage in record.stage_ids:
            if stage in stage_index:
                holdings[i][stage_index[stage]] = 1
    import numpy as np

    phi = relatedness.proximity(np.array(holdings) if holdings else np.zeros((0, len(stage_ids))))
    found = relatedness.opportunities(table.rca_active, phi, region_ids, stage_ids)
    place_by_id = {r.pk: r for r in regions}
    for region_id, rows in found.items():
        if rows:
            for row in rows:
                row["stage"] = stage_by_id[row["stage"]]
                for item in row["because"]:
                    item["stage"] = stage_by_id[item["stage"]]
            result.opportunities.append({"place": place_by_id[region_id], "rows": rows})

    # --- overlap
    def region_of(record):
        found_columns = sorted(columns_of_place(record.place_id, places, "region"))
        return found_columns[0] if len(found_columns) == 1 else None

    for stage_id, pairs in overlap.duplicated_profiles(records, region_of).items():
        for pair in pairs:
            result.duplicated_profiles.append(
                {
                    **pair,
                    "stage": stage_by_id.get(stage_id),
                    "a": place_objects[pair["a"]],
                    "b": place_objects[pair["b"]],
                }
            )
    result.duplicated_profiles = [row for row in result.duplicated_profiles if row["stage"] is not None]
    infrastructure = [
        {
            "id": item.pk,
            "name": item.name,
            "organisation": item.organisation.name,
            "kind": item.get_kind_display(),
            "stages": [s.pk for s in item.stages.all()],
        }
        for item in visible_on(Infrastructure.objects.select_related("organisation"), user, as_of).prefetch_related(
            "stages"
        )
    ]
    for row in overlap.duplicated_infrastructure(infrastructure):
        row["stage"] = stage_by_id.get(row["stage"])
        result.duplicated_infrastructure.append(row)
    projects = _started(visible_on(Project.objects.select_related("programme"), user, as_of), as_of)
    applications = [
        {
            "id": p.pk,
            "call": p.call,
            "name": str(p),
            "status": p.get_status_display(),
            "url": _url("web:project", p.key),
        }
        for p in projects.filter(status__in=APPLICATION_STATUSES)
    ]
    result.competing_applications = overlap.competing_applications(applications)
    result.pipeline = sorted(applications, key=lambda a: (a["status"], a["name"]))

    # --- gaps
    national_active = dict(zip(stage_ids, table.reference_active.sum(axis=0), strict=True))
    for row in gaps.thin_stages({k: int(v) for k, v in national_active.items()}, stage_ids):
        result.thin.append({**row, "stage": stage_by_id[row["stage"]]})
    for row in gaps.missing_links(table.active, region_ids, [s.pk for s in chain], stage_ids):
        result.missing_links.append(
            {
                **row,
                "column": place_by_id[row["column"]],
                "stage": stage_by_id[row["stage"]],
                "missing": stage_by_id[row["missing"]],
            }
        )
    result.unmet_needs = _unmet_needs(user, as_of, places, stage_by_id)

    # --- network health, growth, event series, goals
    result.health, result.layers, state_now = _health(user, as_of, places, place_objects)
    if compare is not None:
        _h, _l, state_then = _health(
            user, compare, place_nodes(user, as_of=compare), place_objects, layers=("projects",)
        )
        names = {**state_then["names"], **state_now["names"]}
        result.growth = _named_growth(health.growth(state_then, state_now), names, place_objects)
    result.series = _series(user, as_of, place_objects)
    result.goals, result.indicators = _goals(user, as_of)
    return result


def _region_lookup(places, node_id):
    found = sorted(columns_of_place(node_id, places, "region"))
    return found[0] if len(found) == 1 else None


def _unmet_needs(user, as_of, places, stage_by_id):
    needs = [
        {
            "id": n.pk,
            "need": n.need,
            "competence": n.competence_id,
            "competence_name": n.competence.localised() if n.competence_id else "",
            "stage": n.stage_id,
            "region": _region_lookup(places, n.place_id),
            "place": n.place.localised() if n.place_id else "",
        }
        for n in visible_on(CompetenceNeed.objects.select_related("competence", "place"), user, as_of)
    ]
    programmes = [
        {
            "id": p.pk,
            "competences": {c.pk for c in p.competences.all()},
            "stages": {s.pk for s in p.stages.all()},
            "region": _region_lookup(places, p.place_id or p.provider.home_place_id),
        }
        for p in visible_on(EducationProgramme.objects.select_related("provider"), user, as_of).prefetch_related(
            "competences", "stages"
        )
    ]
    rows = gaps.unmet_needs(needs, programmes)
    for row in rows:
        row["stage"] = stage_by_id.get(row["stage"])
    return rows


def _grouped(queryset, group_field: str) -> dict:
    """Group → the organisations in it, from rows that have ``group_field`` and an organisation."""
    grouped = defaultdict(list)
    for group, organisation in queryset.values_list(group_field, "organisation_id"):
        grouped[group].append(organisation)
    return grouped


def _health(user, as_of, places, place_objects, layers=("projects", "events", "memberships")):
    organisations = {
        pk: (short or name, key, home)
        for pk, name, short, key, home in visible_on(Organisation.objects.all(), user, as_of).values_list(
            "pk", "name", "short_name", "key", "home_place_id"
        )
    }
    node_ids = sorted(organisations)
    regions = {pk: _region_lookup(places, home) for pk, (_n, _k, home) in organisations.items()}
    groups: dict[str, dict] = {}
    if "projects" in layers:
        project_ids = _started(visible_on(Project.objects.all(), user, as_of), as_of).values_list("pk", flat=True)
        participations = Participation.objects.filter(organisation__isnull=False, project_id__in=list(project_ids))
        groups["projects"] = _grouped(visible_on(participations, user, as_of), "project_id")
    if "events" in layers:
        events = _started(visible_on(Event.objects.filter(cancelled=False), user, as_of), as_of)
        attendances = EventAttendance.objects.filter(
            organisation__isnull=False, event_id__in=list(events.values_list("pk", flat=True))
        )
        groups["events"] = _grouped(visible_on(attendances, user, as_of), "event_id")
    if "memberships" in layers:
        memberships = Membership.objects.filter(organisation__isnull=False)
        groups["memberships"] = _grouped(visible_on(memberships, user, as_of), "network_id")

    def name(pk):
        label, key, _home = organisations[pk]
        return {"id": pk, "name": label, "url": _url("web:organisation", key)}

    summaries = {}
    for layer, layer_groups in groups.items():
        measures = health.network_health(node_ids, regions, layer_groups)
        taking_part = {m for members in layer_groups.values() for m in members if m in organisations}
        top = sorted(taking_part, key=lambda pk: (-measures["betweenness"][pk], -measures["degree"][pk], pk))[:10]
        summaries[layer] = {
            "organisations": len(taking_part),
            "ties": measures["ties"],
            "groups": len(layer_groups),
            "communities": [[name(pk) for pk in members] for members in measures["communities"]],
            "inter_regional_ties": measures["inter_regional_ties"],
            "ties_with_regions": measures["ties_with_regions"],
            "inter_regional_share": measures["inter_regional_share"],
            "brokers": [
                {
                    **name(b["node"]),
                    **b,
                    "region": place_objects.get(b["region"]),
                    "other_regions": [place_objects.get(int(r)) for r in b["other_regions"]],
                }
                for b in measures["brokers"]
            ],
            "central": [
                {
                    **name(pk),
                    "degree": measures["degree"][pk],
                    "betweenness": round(float(measures["betweenness"][pk]), 4),
                }
                for pk in top
            ],
            "isolated": len(measures["isolated"]),
            "betweenness_estimated": measures["betweenness_estimated"],
        }
    project_groups = groups.get("projects", {})
    taking_part = {m for members in project_groups.values() for m in members if m in organisations}
    state = {
        "ties": set(
            health.co_membership_pairs({k: [m for m in v if m in organisations] for k, v in project_groups.items()})
        ),
        "organisations": taking_part,
        "places": {organisations[pk][2] for pk in taking_part if organisations[pk][2]},
    }
    main = summaries.get("projects", {})
    return main, summaries, {**state, "names": {pk: name(pk) for pk in organisations}}


def _named_growth(found, names, place_objects):
    """Growth with organisations and places as names and links instead of ids."""

    def organisation(pk):
        return names.get(pk, {"id": pk, "name": f"#{pk}", "url": ""})

    found["organisations"]["new"] = [organisation(pk) for pk in found["organisations"]["new"]]
    found["organisations"]["ended"] = [organisation(pk) for pk in found["organisations"]["ended"]]
    for key in ("new", "ended"):
        found["places"][key] = [place_objects[pk] for pk in found["places"][key] if pk in place_objects]
        found["ties"][key] = [(organisation(a), organisation(b)) for a, b in found["ties"][key]]
    return found


def _series(user, as_of, place_objects):
    rows = []
    for series in visible_on(EventSeries.objects.all(), user, as_of):
        events = list(_started(visible_on(Event.objects.filter(series=series), user, as_of), as_of))
        if len(events) < 2:
            continue
        attendance = defaultdict(lambda: {"organisations": set(), "places": set()})
        for event_id, organisation, place in visible_on(
            EventAttendance.objects.filter(event__in=events), user, as_of
        ).values_list("event_id", "organisation_id", "place_id"):
            if organisation:
                attendance[event_id]["organisations"].add(organisation)
            if place:
                attendance[event_id]["places"].add(place)
        plain = [
            {
                "id": e.pk,
                "start": e.start,
                "participants": e.participants_total,
                "organisations": attendance[e.pk]["organisations"],
                "places": attendance[e.pk]["places"],
            }
            for e in events
        ]
        by_id = {e.pk: e for e in events}
        organisation_names = dict(
            Organisation.objects.filter(pk__in={o for p in plain for o in p["organisations"]}).values_list("pk", "name")
        )
        walked = []
        for row in health.series_growth(plain):
            event = by_id[row["id"]]
            walked.append(
                {
                    "event": event,
                    "url": _url("web:event", event.key),
                    "participants": row["participants"],
                    "places": len(row["places"]),
                    "organisations": len(row["organisations"]),
                    "new_places": [place_objects[p] for p in row["new_places"] if p in place_objects],
                    "repeat_places": [place_objects[p] for p in row["repeat_places"] if p in place_objects],
                    "new_organisations": [organisation_names.get(o, "") for o in row["new_organisations"]],
                    "repeat_organisations": [organisation_names.get(o, "") for o in row["repeat_organisations"]],
                }
            )
        rows.append({"series": series, "events": walked})
    # series with stated head counts (the workshops) first, then the longest
    rows.sort(
        key=lambda row: (
            -sum(1 for e in row["events"] if e["participants"] is not None),
            -len(row["events"]),
            row["series"].name,
        )
    )
    return rows


def _evidence(obj, as_of):
    valid = valid_condition(as_of)
    items = [
        {"name": str(p), "url": _url("web:project", p.key), "kind": "project"}
        for p in obj.evidence_projects.filter(valid).filter(Q(start__isnull=True) | Q(start__lte=as_of))
    ]
    items += [
        {"name": n.name, "url": _url("web:network_profile", n.key), "kind": "network"}
        for n in obj.evidence_networks.filter(valid)
    ]
    return items


def _goals(user, as_of):
    goal_rows = [
        {
            "obj": g,
            "description": g.description,
            "target_min": g.target_min,
            "target_max": g.target_max,
            "stated": g.achieved,
            "evidence": _evidence(g, as_of),
            "source": f"{g.source.title}, {g.locator}",
        }
        for g in visible_on(Goal.objects.select_related("source"), user, as_of).order_by("pk")
    ]
    indicator_rows = [
        {
            "obj": i,
            "description": f"{i.code} {i.name}",
            "target_min": i.target,
            "target_max": i.target,
            "stated": i.achieved,
            "evidence": _evidence(i, as_of),
            "source": f"{i.source.title}, {i.locator}",
        }
        for i in visible_on(Indicator.objects.select_related("source"), user, as_of)
    ]
    return goals.assess_all(goal_rows), goals.assess_all(indicator_rows)
