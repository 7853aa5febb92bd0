"""Writes for industrial areas: assessments and the status history of investment cards.

Each function is one transaction and writes through ``provenance.services``, so validation, history
and provenance are recorded the same way from the admin, the CLI, the dataset loader and tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from arvoketju.provenance.models import Source
from arvoketju.provenance.services import Actor, ConflictError, fact_save, fact_upsert

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
    expected_version: int | None = None,
) -> Assessment:
    """Record (or correct) the score of ``area`` on one aspect on one date. The score must lie on the
    pyramid model's scale and the evidence must not be empty (``ValidationError`` otherwise).

    ``expected_version`` is the version of that day's assessment the editor saw (0: none yet); if
    the stored one differs, nothing is written and ``ConflictError`` is raised."""
    with transaction.atomic():
        if expected_version is not None:
            stored = (
                Assessment.objects.select_for_update()
                .filter(area=area, element=element, assessed_on=assessed_on)
                .first()
            )
            current = stored.version if stored else 0
            if current != expected_version:
                raise ConflictError(
                    stored or Assessment(area=area, element=element, assessed_on=assessed_on), expected_version, current
                )
        values = {
            "score": score,
            "evidence": evidence,
            "source": source,
            "locator": locator,
            "assessor": assessor,
        }
        if visibility:
            values["visibility"] = visibility
        try:
            with transaction.atomic():
                assessment, _state = fact_upsert(
                    model=Assessment,
                    lookup={"area": area, "element": element, "assessed_on": assessed_on},
                    values=values,
                    actor=actor,
                )
        except IntegrityError:
            if expected_version is None:
                raise
            # another editor's first save of the same day won the race after our check
            stored = Assessment.objects.filter(area=area, element=element, assessed_on=assessed_on).first()
            raise ConflictError(
                stored or Assessment(area=area, element=element, assessed_on=assessed_on),
                expected_version,
                stored.version if stored else 0,
            ) from None
        return assessment


@dataclass
class AspectScore:
    """One row of an assessment form: an aspect, its score and evidence, and the version seen."""

    element: PyramidElement
    score: int
    evidence: str
    expected_version: int = 0


def area_assess(
    *,
    area: IndustrialArea,
    assessed_on: dt.date,
    scores: list[AspectScore],
    source: Source,
    locator: str,
    actor: Actor,
    assessor: str = "",
) -> list[Assessment]:
    """Record an area's scores on several aspects on one date, all or nothing: a score off the scale,
    missing evidence or an assessment changed meanwhile by someone else writes none of them."""
    with transaction.atomic():
        return [
            assessment_record(
                area=area,
                element=row.element,
                score=row.score,
                assessed_on=assessed_on,
                evidence=row.evidence,
                source=source,
                locator=locator,
                actor=actor,
                assessor=assessor,
                expected_version=row.expected_version,
            )
            for row in scores
        ]


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
