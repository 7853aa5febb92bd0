"""Section loader for ``industry.yaml``: industrial areas, the pyramid model, workshop viewpoints,
best practices, investment cards with their status history, and assessments."""

from __future__ import annotations

from arvoketju.industry.models import (
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

from .activity_sections import _event
from .context import LoadContext, RecordSkipped


def load_industry(ctx: LoadContext, data):
    if data is None:
        return
    for item in ctx.records(data.get("areas"), "area"):
        try:
            ctx.upsert(
                IndustrialArea,
                lookup={"key": item.get("key")},
                values={
                    **ctx.fact_fields(item),
                    "name": item.get("name") or "",
                    "operator": ctx.organisation(item.get("operator"), "operator"),
                    "place": ctx.place(item.get("place")),
                    **{f: ctx.number(item.get(f), f) for f in ("total_area_ha", "free_land_ha", "grid_capacity_mw")},
                    **{f: item.get(f) for f in ("port", "rail", "road")},
                    **{
                        f: item.get(f) or ""
                        for f in ("energy", "water", "permits", "services", "safety", "description")
                    },
                    "field_sources": _field_refs(ctx, item),
                },
            )
        except RecordSkipped:
            continue
    pyramid = data.get("pyramid")
    if pyramid:
        _load_pyramid(ctx, pyramid)
    for item in ctx.records(data.get("viewpoints"), "viewpoint"):
        try:
            element = _element(ctx, item.get("element"), "element")
            event = _event(ctx, item.get("event"))
            ctx.upsert(
                Viewpoint,
                lookup={"event": event, "text": item.get("text") or ""},
                values={**ctx.fact_fields(item), "element": element},
            )
        except RecordSkipped:
            continue
    for item in ctx.records(data.get("best_practices"), "best practice"):
        try:
            elements = [_element(ctx, key, "elements") for key in item.get("elements") or []]
            area = None
            if item.get("area"):
                area = IndustrialArea.objects.filter(key=item["area"]).first()
                if area is None:
                    ctx.fail("area", f"no industrial area '{item['area']}'")
            ctx.upsert(
                BestPractice,
                lookup={"key": item.get("key")},
                values={
                    **ctx.fact_fields(item),
                    "title": item.get("title") or "",
                    "description": item.get("description") or item.get("text") or "",
                    "event": _event(ctx, item.get("event")),
                    "area": area,
                },
                m2m={"elements": elements},
            )
        except RecordSkipped:
            continue
    for item in ctx.records(data.get("investment_cards"), "investment card"):
        try:
            _load_card(ctx, item)
        except RecordSkipped:
            continue
    for item in ctx.records(data.get("assessments"), "assessment"):
        try:
            area = _area(ctx, item.get("area"), required=True)
            element = _element(ctx, item.get("element"), "element")
            assessed_on = ctx.date(item.get("assessed_on"), "assessed_on")[0]
            ctx.upsert(
                Assessment,
                lookup={"area": area, "element": element, "assessed_on": assessed_on},
                values={
                    **ctx.fact_fields(item),
                    "score": ctx.number(item.get("score"), "score"),
                    "evidence": (item.get("evidence") or "").strip(),
                    "assessor": item.get("assessor") or "",
                },
            )
        except RecordSkipped:
            continue


def _field_refs(ctx: LoadContext, item: dict) -> dict:
    """``<field>_ref: LOCATOR`` in a record: that field comes from another place in the source."""
    return {
        name[: -len("_ref")]: {"source": item.get("source") or ctx.default_source, "locator": str(value)}
        for name, value in sorted(item.items())
        if name.endswith("_ref") and value
    }


def _area(ctx: LoadContext, key, *, required=False):
    if not key:
        if required:
            ctx.fail("area", "is required")
        return None
    area = IndustrialArea.objects.filter(key=key).first()
    if area is None:
        ctx.fail("area", f"no industrial area '{key}'")
    return area


CARD_NUMBERS = ("capex_meur", "need_electricity_mw", "need_land_ha")
CARD_TEXTS = ("need_grid_connection", "need_water", "need_logistics", "need_permits", "timeline")


def _load_card(ctx: LoadContext, item: dict):
    """An investment card (restricted unless it says otherwise) and its status history; the card's
    status is the last step of the history when there is one."""
    history = item.get("status_history") or []
    status = history[-1].get("status") if history else item.get("status")
    card = ctx.upsert(
        InvestmentCard,
        lookup={"key": item.get("key")},
        values={
            **ctx.fact_fields(item, visibility_default="restricted"),
            "name": item.get("name") or "",
            "area": _area(ctx, item.get("area")),
            "place": ctx.place(item.get("place")),
            "investor": ctx.organisation(item.get("investor"), "investor"),
            "stage": ctx.stage(item.get("stage")),
            "status": ctx.choice(status or "idea", InvestmentStatus, "status"),
            "investor_confidential": bool(item.get("investor_confidential")),
            "jobs": ctx.number(item.get("jobs"), "jobs"),
            **{f: ctx.number(item.get(f), f) for f in CARD_NUMBERS},
            **{f: item.get(f) or "" for f in CARD_TEXTS},
        },
    )
    for step in history:
        changed_on = ctx.date(step.get("date"), "status_history.date")[0]
        if changed_on is None:
            ctx.fail("status_history.date", "every status change needs its date")
        ctx.upsert(
            InvestmentStatusChange,
            lookup={
                "card": card,
                "status": ctx.choice(step.get("status"), InvestmentStatus, "status_history.status", allow_blank=False),
                "changed_on": changed_on,
            },
            values={**ctx.fact_fields({**item, **step}, visibility_default="restricted")},
        )


def _element(ctx: LoadContext, key, field_name):
    if not key:
        return None
    element = PyramidElement.objects.filter(key=key).first()
    if element is None:
        ctx.fail(field_name, f"no pyramid element '{key}'")
    return element


def _load_pyramid(ctx: LoadContext, pyramid: dict):
    ctx.record = "pyramid"
    try:
        scale = pyramid.get("scale") or {}
        model = ctx.upsert(
            PyramidModel,
            lookup={"key": pyramid.get("key")},
            values={
                **ctx.fact_fields(pyramid),
                "name": pyramid.get("name") or "",
                "scale_min": scale.get("min", 1),
                "scale_max": scale.get("max", 5),
                "scale_labels": scale.get("labels") or {},
            },
        )
    except RecordSkipped:
        return
    elements = sorted(pyramid.get("elements") or [], key=lambda e: (e.get("kind") != "level",))
    for item in ctx.records(elements, "pyramid element"):
        try:
            ctx.upsert(
                PyramidElement,
                lookup={"key": item.get("key")},
                values={
                    **ctx.fact_fields(item),
                    "model": model,
                    "kind": ctx.choice(item.get("kind"), ElementKind, "kind", allow_blank=False),
                    "level": _element(ctx, item.get("level"), "level"),
                    "order": item.get("order") or 0,
                    "name_fi": item.get("name_fi") or "",
                    "name_sv": item.get("name_sv") or "",
                    "name_en": item.get("name_en") or "",
                    "description": item.get("description") or item.get("definition") or "",
                },
            )
        except RecordSkipped:
            continue
