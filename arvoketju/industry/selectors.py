"""Reads for industrial areas, the pyramid, assessments and investment cards, with visibility applied.

Investment cards are restricted by default: ``visible`` leaves out every card (and status change) a
reader may not see, and ``investor_shown`` hides a confidential investor from readers who are not
editors. Plain summaries (pipeline totals, comparisons) are pure functions over the rows read here."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, Q

from arvoketju.accounts.selectors import is_editor
from arvoketju.actors.models import ContactPerson, Organisation
from arvoketju.places.models import Place, PlaceKind
from arvoketju.provenance.selectors import visible
from arvoketju.taxonomy.models import Stage

from .matching import Site
from .models import (
    Assessment,
    BestPractice,
    ElementKind,
    IndustrialArea,
    InvestmentCard,
    InvestmentStatus,
    InvestmentStatusChange,
    PyramidElement,
    PyramidModel,
    Viewpoint,
)

NEED_TOTALS = ("need_electricity_mw", "need_land_ha", "capex_meur", "jobs")


def area_list(*, user):
    """The industrial areas ``user`` may see, with operator and place (and its region)."""
    return visible(IndustrialArea.objects.select_related("operator", "place__parent", "source"), user).order_by("name")


def area_region(area: IndustrialArea) -> Place | None:
    return area.place.region if area.place_id else None


def area_contacts(*, area: IndustrialArea, user):
    """Contact persons of the area's operator that ``user`` may see (restricted by default)."""
    if area.operator_id is None:
        return ContactPerson.objects.none()
    return visible(ContactPerson.objects.filter(organisation_id=area.operator_id), user)


def pyramid_model(*, user) -> PyramidModel | None:
    """The first pyramid model ``user`` may see (the battery dataset has one)."""
    return visible(PyramidModel.objects.select_related("source"), user).order_by("pk").first()


def aspects(*, model: PyramidModel, user) -> list[PyramidElement]:
    """The model's aspects, bottom level first, in their order."""
    return list(
        visible(model.elements.filter(kind=ElementKind.ASPECT).select_related("level"), user).order_by(
            "level__order", "order", "name_fi"
        )
    )


@dataclass
class PyramidLevel:
    level: PyramidElement
    aspects: list[PyramidElement]


def pyramid_overview(*, model: PyramidModel, user) -> dict:
    """The pyramid as levels (top first, as drawn) with their aspects; each element carries
    ``viewpoint_list`` (workshop viewpoints placed on it) and ``practice_list`` (best practices);
    viewpoints that the sources do not place are returned apart as ``unplaced``."""
    viewpoints = visible(Viewpoint.objects.select_related("event", "source"), user).order_by("event__start", "pk")
    practices = visible(BestPractice.objects.select_related("area", "event", "source"), user).order_by("pk")
    elements = list(
        visible(model.elements.select_related("source"), user)
        .prefetch_related(
            Prefetch("viewpoints", queryset=viewpoints, to_attr="viewpoint_list"),
            Prefetch("best_practices", queryset=practices, to_attr="practice_list"),
        )
        .order_by("order", "name_fi")
    )
    levels = sorted((e for e in elements if e.kind == ElementKind.LEVEL), key=lambda e: e.order, reverse=True)
    by_level = defaultdict(list)
    for element in elements:
        if element.kind == ElementKind.ASPECT:
            by_level[element.level_id].append(element)
    return {
        "levels": [PyramidLevel(level=level, aspects=by_level[level.pk]) for level in levels],
        "drivers": [e for e in elements if e.kind == ElementKind.DRIVER],
        "megatrends": [e for e in elements if e.kind == ElementKind.MEGATREND],
        "unplaced": list(viewpoints.filter(element__isnull=True)),
        "practices_unlinked": list(practices.filter(elements__isnull=True)),
        "viewpoint_total": viewpoints.count(),
    }


def assessments_of(*, areas, user):
    """Every assessment of ``areas`` that ``user`` may see, oldest first."""
    return visible(
        Assessment.objects.filter(area__in=areas).select_related("element", "area", "source"), user
    ).order_by("assessed_on", "pk")


def latest_scores(assessments) -> dict[tuple[int, int], Assessment]:
    """(area id, aspect id) → the latest assessment (pure: over rows already read)."""
    latest = {}
    for assessment in assessments:
        key = (assessment.area_id, assessment.element_id)
        if key not in latest or assessment.assessed_on >= latest[key].assessed_on:
            latest[key] = assessment
    return latest


def score_history(assessments) -> dict[int, list[tuple]]:
    """area id → [(date, mean score over the aspects assessed by that date)] (pure)."""
    by_area = defaultdict(list)
    for assessment in assessments:
        by_area[assessment.area_id].append(assessment)
    history = {}
    for area_id, rows in by_area.items():
        current, points = {}, []
        for day in sorted({row.assessed_on for row in rows}):
            for row in rows:
                if row.assessed_on == day:
                    current[row.element_id] = row.score
            points.append((day, round(sum(current.values()) / len(current), 2)))
        history[area_id] = points
    return history


# --- investment cards ------------------------------------------------------------------------------


def card_list(
    *, user=None, scope=None, status: str = "", region: str = "", stage: str = "", area: str = "", q: str = ""
):
    """Investment cards ``user`` may see (or, for the command line, those ``scope`` lets through),
    narrowed by status, region key (of the card's place or its area's place), stage key, area key and a
    name search. Each card carries ``history``: its visible status changes, oldest first."""
    if scope is None:

        def scope(queryset):
            return visible(queryset, user)

    queryset = scope(
        InvestmentCard.objects.select_related(
            "area__place__parent", "place__parent", "investor", "stage", "source"
        ).prefetch_related(
            Prefetch(
                "status_changes",
                queryset=scope(InvestmentStatusChange.objects.select_related("source")).order_by("changed_on", "pk"),
                to_attr="history",
            )
        )
    )
    if status:
        queryset = queryset.filter(status=status)
    if stage:
        queryset = queryset.filter(Q(stage__key=stage) | Q(stage__parent__key=stage))
    if area:
        queryset = queryset.filter(area__key=area)
    if region:
        in_region = Q(place__key=region) | Q(place__parent__key=region)
        in_region |= Q(place__isnull=True) & (Q(area__place__key=region) | Q(area__place__parent__key=region))
        queryset = queryset.filter(in_region)
    if q:
        queryset = queryset.filter(name__icontains=q)
    return _without_hidden_links(list(queryset.order_by("name", "pk")), scope)


def _without_hidden_links(cards: list[InvestmentCard], scope) -> list[InvestmentCard]:
    """A card may be more visible than what it links to: an investor, area, place or stage the reader
    may not see is dropped from the card in memory (an investor reads as confidential, the others as
    unknown), so no page, deck or API answer names it. The cards are never saved from here."""
    linked = {
        "investor": Organisation,
        "area": IndustrialArea,
        "place": Place,
        "stage": Stage,
    }
    for field, model in linked.items():
        ids = {getattr(card, f"{field}_id") for card in cards} - {None}
        if field == "place":
            ids |= {card.area.place_id for card in cards if card.area_id and card.area.place_id}
        seen = set(scope(model.objects.filter(pk__in=ids)).values_list("pk", flat=True)) if ids else set()
        for card in cards:
            if getattr(card, f"{field}_id") is not None and getattr(card, f"{field}_id") not in seen:
                if field == "investor":
                    card.investor_confidential = True
                else:
                    setattr(card, field, None)
            if field == "place" and card.area_id and card.area.place_id and card.area.place_id not in seen:
                card.area.place = None
    return cards


def investor_shown(card: InvestmentCard, user):
    """The investor to show: ``None`` when confidential and the reader is not an editor."""
    if card.investor_confidential and not is_editor(user):
        return None
    return card.investor


def card_region(card: InvestmentCard) -> Place | None:
    place = card.place or (card.area.place if card.area_id else None)
    return place.region if place is not None else None


def pipeline_summary(cards) -> dict:
    """Counts by status and stage, and per region the totals of needs (MW, ha, M€, jobs) with how many
    cards left each figure unknown (pure over the cards given)."""
    by_status = Counter(card.status for card in cards)
    by_stage = Counter(card.stage.name_en or card.stage.name_fi if card.stage_id else "" for card in cards)
    regions: dict[str, dict] = {}
    for card in cards:
        region = card_region(card)
        label = region.name_fi if region is not None else ""
        row = regions.setdefault(
            label,
            {"region": region, "cards": 0, **{f: Decimal(0) for f in NEED_TOTALS}, "unknown": Counter()},
        )
        row["cards"] += 1
        for name in NEED_TOTALS:
            value = getattr(card, name)
            if value is None:
                row["unknown"][name] += 1
            else:
                row[name] += value
    statuses = [(value, label, by_status.get(value, 0)) for value, label in InvestmentStatus.choices]
    return {
        "statuses": statuses,
        "stages": sorted(by_stage.items(), key=lambda item: (-item[1], item[0])),
        "regions": sorted(
            regions.values(), key=lambda row: (row["region"] is None, row["region"] and row["region"].name_fi)
        ),
        "total": len(cards),
    }


def site_facts(*, user) -> list[Site]:
    """The areas ``user`` may see as plain ``Site`` records for matching."""
    sites = []
    for area in area_list(user=user):
        region = area_region(area)
        sites.append(
            Site(
                key=area.key or str(area.pk),
                name=area.name,
                region=region.key if region is not None and region.key else "",
                free_land_ha=area.free_land_ha,
                grid_capacity_mw=area.grid_capacity_mw,
                port=area.port,
                rail=area.rail,
                road=area.road,
            )
        )
    return sites


def regions(*, user):
    return visible(Place.objects.filter(kind=PlaceKind.REGION), user).defer("boundary").order_by("name_fi")
