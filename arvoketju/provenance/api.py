"""REST API for sources."""

from ninja import Router, Schema
from ninja.pagination import paginate

from arvoketju.api.common import Pagination

from .models import Source
from .selectors import visible

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
