"""Reads for update links, change requests and freshness."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from arvoketju.actors.models import ContactPerson, Organisation

from .models import ChangeRequest, ChangeStatus, UpdateLink, token_digest


class LinkUnusable(Exception):
    """A token that opens nothing: ``status`` 404 (unknown) or 410 (expired or revoked)."""

    def __init__(self, status: int, reason: str):
        self.status = status
        self.reason = reason
        super().__init__(reason)


def link_for_token(token: str, *, kind: str | None = None) -> UpdateLink:
    """The live link for a token; raises ``LinkUnusable`` for unknown, expired and revoked tokens."""
    if not token or len(token) > 100:
        raise LinkUnusable(404, "unknown")
    link = UpdateLink.objects.select_related("organisation", "survey").filter(digest=token_digest(token)).first()
    if link is None or (kind is not None and link.kind != kind):
        raise LinkUnusable(404, "unknown")
    if link.revoked_at is not None:
        raise LinkUnusable(410, "revoked")
    if link.expires_at <= timezone.now():
        raise LinkUnusable(410, "expired")
    return link


def stale_after_days() -> int:
    return int(getattr(settings, "ARVOKETJU_STALE_AFTER_DAYS", 365))


def stale_cutoff(days: int | None = None) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=stale_after_days() if days is None else days)


def organisations_stale(*, days: int | None = None) -> QuerySet:
    """Organisations not confirmed within ``days`` (default ``ARVOKETJU_STALE_AFTER_DAYS``), never
    confirmed first."""
    cutoff = stale_cutoff(days)
    return Organisation.objects.filter(Q(last_confirmed__isnull=True) | Q(last_confirmed__lt=cutoff)).order_by(
        F("last_confirmed").asc(nulls_first=True), "name"
    )


def organisation_contact_email(organisation: Organisation) -> str:
    """Where to send an organisation's update link: a contact person's e-mail (restricted personal
    data, used only to send), otherwise the e-mail of the last person who answered a link."""
    today = timezone.localdate()
    contact = (
        ContactPerson.objects.filter(organisation=organisation)
        .exclude(email="")
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .order_by("pk")
        .first()
    )
    if contact:
        return contact.email
    last = (
        ChangeRequest.objects.filter(organisation=organisation)
        .exclude(submitted_email="")
        .order_by("-submitted_at")
        .first()
    )
    return last.submitted_email if last else ""


def change_requests_pending() -> QuerySet:
    return ChangeRequest.objects.filter(status=ChangeStatus.PENDING).select_related("organisation", "survey")


def organisation_summary(organisation: Organisation) -> dict:
    """What the registry records about one organisation, for its own link pages (its restricted facts
    included: the link is scoped to it; nothing about any other organisation)."""
    return {
        "capabilities": list(
            organisation.capabilities.select_related("stage", "competence").order_by("kind", "stage__order")
        ),
        "infrastructures": list(organisation.infrastructures.prefetch_related("stages").order_by("name")),
        "programmes": list(organisation.education_programmes.prefetch_related("stages").order_by("name")),
        "identifiers": list(organisation.identifiers.order_by("scheme")),
    }


def links_live_for(organisation: Organisation) -> QuerySet:
    return UpdateLink.objects.live().filter(organisation=organisation)
