"""Shared pieces of the REST API: source references, small object references, base schemas."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

from arvoketju.provenance.selectors import fact_sources, shown_if_visible

MAX_PAGE_SIZE = 1000
MAX_OFFSET = 1_000_000


class Pagination(LimitOffsetPagination):
    """``limit`` / ``offset`` paging with bounds, so a huge offset is a 422, not a database error."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=MAX_PAGE_SIZE)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)


class SourceRef(Schema):
    """Where a fact comes from: the source and the place in it."""

    source: str
    title: str
    kind: str
    url: str | None = None
    locator: str
    quote: str | None = None
    field: str | None = None


class Ref(Schema):
    """A reference to another object: its id, stable key and display name (in the active language)."""

    id: int
    key: str | None = None
    name: str

    @staticmethod
    def resolve_name(obj):
        return obj.localised() if hasattr(obj, "localised") else str(obj)


class Sourced(Schema):
    """Anything that carries its sources."""

    sources: list[SourceRef]

    @staticmethod
    def resolve_sources(obj):
        return fact_sources(obj)


class FactOut(Sourced):
    """Fields every fact carries in the API."""

    id: int
    key: str | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None


class ErrorOut(Schema):
    """An error answer: ``ok`` is false and ``errors`` says what was wrong."""

    ok: bool = False
    errors: list[str]


def visible_link(obj, context):
    """A linked object for a response, or None when the caller may not see it (remembered per request,
    so a list that links the same organisation many times asks once)."""
    if obj is None:
        return None
    request = context["request"]
    seen = request.__dict__.setdefault("_arvoketju_visible_links", {})
    key = (type(obj), obj.pk)
    if key not in seen:
        seen[key] = shown_if_visible(obj, request.user) is not None
    return obj if seen[key] else None
