"""Writes to the search index: refresh one object's entries, or rebuild everything."""

from __future__ import annotations

from django.db import transaction
from django.utils import translation

from arvoketju.core.bulk import insert_rows

from .analysis import fold, index_terms
from .documents import KINDS, indexed_model, prefetch
from .models import SearchEntry, SearchTerm


def _entries_for(label: str, obj) -> list[tuple[SearchEntry, set[str]]]:
    kind = KINDS[label]
    with translation.override("fi"):  # stored titles are Finnish; pages localise them when shown
        document = kind.build(obj)
    result = []
    for visibility, texts in document.texts.items():
        terms = index_terms(" ".join(texts))
        if terms:
            entry = SearchEntry(
                kind=label,
                object_id=obj.pk,
                visibility=visibility,
                organisation_id=document.organisation_id,
                title=(document.title or str(obj))[:300],
                names="\n".join(sorted({fold(n) for n in document.names.get(visibility, [])})),
                rank=kind.rank,
            )
            result.append((entry, terms))
    return result


def _write(pairs):
    entries = SearchEntry.objects.bulk_create([entry for entry, _terms in pairs], batch_size=2000)
    insert_rows(
        SearchTerm,
        ["entry", "term"],
        ((entry.pk, term) for entry, (_e, terms) in zip(entries, pairs, strict=True) for term in terms),
    )


def search_refresh(label: str, object_id: int) -> None:
    """Bring one object's entries up to date (removing them when the object is gone)."""
    with transaction.atomic():
        SearchEntry.objects.filter(kind=label, object_id=object_id).delete()
        model = indexed_model(label)
        obj = prefetch(label, model._default_manager.filter(pk=object_id)).first()
        if obj is not None:
            _write(_entries_for(label, obj))


def search_refresh_many(targets, *, batch_size: int = 1000) -> None:
    """Bring many objects' entries up to date at once: ``targets`` are ``(kind, object id)`` pairs."""
    by_kind: dict[str, list[int]] = {}
    for label, object_id in targets:
        by_kind.setdefault(label, []).append(object_id)
    with transaction.atomic():
        for label, ids in by_kind.items():
            model = indexed_model(label)
            for start in range(0, len(ids), batch_size):
                chunk = ids[start : start + batch_size]
                SearchEntry.objects.filter(kind=label, object_id__in=chunk).delete()
                pairs = []
                for obj in prefetch(label, model._default_manager.filter(pk__in=chunk)):
                    pairs += _entries_for(label, obj)
                _write(pairs)


def search_reindex(*, batch_size: int = 2000) -> dict[str, int]:
    """Rebuild the whole index from the registry; returns the number of objects indexed per kind."""
    counts = {}
    with transaction.atomic():
        SearchTerm.objects.all().delete()
        SearchEntry.objects.all().delete()
        for label in KINDS:
            queryset = prefetch(label, indexed_model(label)._default_manager.order_by("pk"))
            pairs = []
            counts[label] = 0
            for obj in queryset.iterator(chunk_size=batch_size):
                pairs += _entries_for(label, obj)
                counts[label] += 1
                if len(pairs) >= batch_size:
                    _write(pairs)
                    pairs = []
            _write(pairs)
    return counts
