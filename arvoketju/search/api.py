"""REST API for search over everything."""

from ninja import Field, Query, Router, Schema

from arvoketju.api.common import MAX_PAGE_SIZE

from .documents import KINDS
from .selectors import search

router = Router()


class SearchFilters(Schema):
    q: str = Field("", max_length=200, description="words in any inflected form; names, aliases, acronyms")
    kind: list[str] | None = Field(None, description="limit to kinds, e.g. actors.organisation (repeatable)")
    limit: int = Field(20, ge=1, le=MAX_PAGE_SIZE)


class SearchHitOut(Schema):
    kind: str
    id: int
    title: str
    score: float


class SearchOut(Schema):
    query: str
    items: list[SearchHitOut]


@router.get("/search", response=SearchOut, summary="Search everything (Finnish-aware: inflected and compound words)")
def search_everything(request, filters: Query[SearchFilters]):
    kinds = [k for k in (filters.kind or []) if k in KINDS] or None
    hits = search(query=filters.q, user=request.user, kinds=kinds, limit=filters.limit)
    return {
        "query": filters.q,
        "items": [{"kind": h.kind, "id": h.object_id, "title": h.title, "score": h.score} for h in hits],
    }
