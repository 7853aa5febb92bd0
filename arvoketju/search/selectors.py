"""Reading the search index: ranked hits that the user may see."""

from __future__ import annotations

from dataclasses import dataclass, replace

from arvoketju.provenance.selectors import visible

from .analysis import fold, index_terms, query_terms
from .documents import indexed_model
from .models import SearchEntry, SearchTerm

CANDIDATES = 400


@dataclass(frozen=True)
class SearchHit:
    """One found object: its kind (model label), id, title and score (higher is better)."""

    kind: str
    object_id: int
    title: str
    score: float


def search(*, query: str, user, kinds: list[str] | None = None, limit: int = 20) -> list[SearchHit]:
    """Objects whose texts contain every word of ``query`` in some form, best first.

    Titles that contain the query, or words of it, rank first; then by kind (organisations before
    places before projects …) and shorter titles. Only entries the user may see are searched.
    """
    wanted = query_terms(query)
    if not wanted:
        return []
    entries = visible(SearchEntry.objects.all(), user)
    if kinds:
        entries = entries.filter(kind__in=kinds)
    for alternatives in wanted:
        entries = entries.filter(pk__in=SearchTerm.objects.filter(term__in=alternatives).values("entry_id"))
    rows = entries.order_by("rank", "id").values_list("kind", "object_id", "title", "names", "rank")[:CANDIDATES]
    folded_query = fold(query.strip())
    best: dict[tuple[str, int], SearchHit] = {}
    for kind, object_id, title, names, rank in rows:
        title_terms = index_terms(title)
        score = sum(1.0 for alternatives in wanted if alternatives & title_terms) / len(wanted)
        if folded_query in names.split("\n"):
            score += 3.0
        elif folded_query in fold(title):
            score += 1.0
        score -= rank / 1000 + len(title) / 100_000
        key = (kind, object_id)
        if key not in best or best[key].score < score:
            best[key] = SearchHit(kind=kind, object_id=object_id, title=title, score=round(score, 4))
    hits = sorted(best.values(), key=lambda hit: (-hit.score, hit.title))[:limit]
    return _localised(hits)


def _localised(hits: list[SearchHit]) -> list[SearchHit]:
    """Titles of places, stages and competences in the active language (the index keeps one)."""
    by_kind = {}
    for hit in hits:
        by_kind.setdefault(hit.kind, []).append(hit.object_id)
    titles = {}
    for kind, ids in by_kind.items():
        model = indexed_model(kind)
        if hasattr(model, "localised"):
            for obj in model._default_manager.filter(pk__in=ids):
                titles[(kind, obj.pk)] = obj.localised()
    return [replace(hit, title=titles.get((hit.kind, hit.object_id)) or hit.title) for hit in hits]
