"""REST API for sources and for the change history of one object."""

import datetime as dt
from typing import Any

from django.db.models import Q
from django.http import Http404
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from arvoketju.api.common import ErrorOut, Pagination

from . import exports
from .models import Source
from .revert import public_history
from .selectors import visible

HISTORY_HIDDEN = {"contacts"}  # personal data: no API at all (decision 9)

router = Router()


class SourceOut(Schema):
    id: int
    key: str
    kind: str
    title: str
    publisher: str
    published: str
    url: str
    citation: str
    description: str


@router.get("/sources", response=list[SourceOut], summary="Sources facts come from")
@paginate(Pagination)
def list_sources(request):
    return visible(Source.objects.all(), request.user)


class FieldChangeOut(Schema):
    field: str
    before: Any = None
    after: Any = None


class ChangeOut(Schema):
    id: int
    action: str
    time: dt.datetime
    actor: str | None = Field(None, description="who made the change; editors only")
    source: str | None = Field(None, description="key of the source the change rests on")
    changes: list[FieldChangeOut]


@router.get(
    "/history/{kind}/{key}",
    response={200: list[ChangeOut], 404: ErrorOut},
    summary="The change history of one object (kind as in table exports), newest first",
)
@paginate(Pagination)
def object_history(request, kind: str, key: str):
    if kind in HISTORY_HIDDEN:
        raise Http404(f"no history for '{kind}'")
    try:
        model = exports.model_for(kind)
    except exports.UnknownKind:
        raise Http404(f"no kind '{kind}'") from None
    if "\x00" in key or len(key) > 120:
        raise Http404(f"no {kind} with that key")
    lookup = Q(key=key)
    if key.isascii() and key.isdigit() and len(key) < 12:
        lookup |= Q(pk=int(key))
    obj = visible(model.objects.filter(lookup), request.user).order_by("pk").first()
    if obj is None:
        raise Http404(f"no {kind} '{key}'")
    return public_history(obj, request.user)
