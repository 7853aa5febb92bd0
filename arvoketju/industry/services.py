"""Writes for industrial areas: assessments and the status history of investment cards.

Each function is one transaction and writes through ``provenance.services``, so validation, history
and provenance are recorded the same way from the admin, the CLI, the dataset loader and tests."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from arvoketju.provenance.models import Source
from arvoketju.provenance.services import Actor, fact_save, fact_upsert

from .models import Assessment, IndustrialArea, InvestmentCard, InvestmentStatusChange, PyramidElement


def assessment_record(
    *,
    area: IndustrialArea,
    element: PyramidElement,
    score: int,
    assessed_on: dt.date,
    evidence: str,
    source: Source,
    locator: str,
    actor: Actor,
    assessor: str = "",
    visibility: str | None = None,
) -> Assessment:
    """Record (or correct) the score of ``area`` on one aspect on one date. The score must lie on the
    pyramid model's scale and the evidence must not be empty (``ValidationError`` otherwise)."""
    values = {
        "score": score,
        "evidence": evidence,
        "source": source,
        "locator": locator,
        "assessor": assessor,
    }
    if visibility:
        values["visibility"] = visibility
    assessment, _state = fact_upsert(
        model=Assessment,
        lookup={"area": area, "element": element, "assessed_on": assessed_on},
        values=values,
        actor=actor,
    )
    return assessment


def investment_card_set_status(
    *,
    card: InvestmentCard,
    status: str,
    changed_on: dt.date,
    source: Source,
    locator: str,
    actor: Actor,
    note: str = "",
) -> InvestmentStatusChange:
    """Record that ``card`` reached ``status`` on ``changed_on`` (with its source) and set the card's
    current status to the latest recorded one. The change is as visible as the card."""
    with transaction.atomic():
        change, _state = fact_upsert(
            model=InvestmentStatusChange,
            lookup={"card": card, "status": status, "changed_on": changed_on},
            values={"source": source, "locator": locator, "note": note, "visibility": card.visibility},
            actor=actor,
        )
        investment_card_refresh_status(card=card, actor=actor)
    return change


def investment_card_refresh_status(*, card: InvestmentCard, actor: Actor) -> InvestmentCard:
    """Set a card's current status to the last step of its status history (no write when equal)."""
    last = card.status_changes.order_by("-changed_on", "-id").first()
    if last is not None and last.status != card.status:
        card.status = last.status
        card = fact_save(instance=card, actor=actor)
    return card
