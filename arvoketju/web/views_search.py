"""The search page: everything, Finnish-aware, with links to the profiles."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from arvoketju.actors.models import Organisation
from arvoketju.provenance.selectors import visible
from arvoketju.search.documents import indexed_model
from arvoketju.search.selectors import search

# kind → (profile url name, how to find the key of the object the profile shows)
PROFILES = {
    "actors.organisation": ("web:organisation", "key"),
    "places.place": ("web:place", "key"),
    "collaboration.project": ("web:project", "key"),
    "collaboration.event": ("web:event", "key"),
    "collaboration.network": ("web:network_profile", "key"),
    "capabilities.capability": ("web:organisation", "organisation__key"),
    "workforce.educationprogramme": ("web:organisation", "provider__key"),
    "industry.industrialarea": ("industry:area", "key"),
}
KIND_LABELS = {
    "actors.organisation": _("organisation"),
    "places.place": _("place"),
    "collaboration.project": _("project"),
    "collaboration.network": _("network"),
    "collaboration.programme": _("programme"),
    "collaboration.eventseries": _("event series"),
    "collaboration.event": _("event"),
    "taxonomy.stage": _("value-chain stage or theme"),
    "taxonomy.competence": _("competence"),
    "capabilities.capability": _("capability"),
    "workforce.educationprogramme": _("education programme"),
    "industry.industrialarea": _("industrial area"),
}
MAX_RESULTS = 50


def _profile_urls(hits, user) -> dict:
    """(kind, id) → the profile page to open; a profile reached through a link (a programme's
    provider) only when ``user`` may see the linked organisation."""
    urls = {}
    by_kind = {}
    for hit in hits:
        by_kind.setdefault(hit.kind, []).append(hit.object_id)
    for kind, ids in by_kind.items():
        if kind not in PROFILES:
            continue
        url_name, key_path = PROFILES[kind]
        rows = indexed_model(kind)._default_manager.filter(pk__in=ids)
        if "__" in key_path:
            rows = rows.filter(**{f"{key_path.split('__')[0]}__in": visible(Organisation.objects.all(), user)})
        for pk, key in rows.values_list("pk", key_path):
            if key:
                try:
                    urls[(kind, pk)] = reverse(url_name, args=[key])
                except NoReverseMatch:
                    pass
    return urls


def search_page(request):
    """Results for ``q`` (every word must match in some inflected form), optionally of one kind."""
    query = request.GET.get("q", "")[:200]
    kind = request.GET.get("kind", "")
    kinds = [kind] if kind in KIND_LABELS else None
    hits = search(query=query, user=request.user, kinds=kinds, limit=MAX_RESULTS) if query.strip() else []
    urls = _profile_urls(hits, request.user)
    results = [
        {"title": hit.title, "kind": KIND_LABELS.get(hit.kind, hit.kind), "url": urls.get((hit.kind, hit.object_id))}
        for hit in hits
    ]
    return render(
        request,
        "web/search.html",
        {
            "nav": "search",
            "query": query,
            "kind": kind if kinds else "",
            "kinds": sorted(KIND_LABELS.items(), key=lambda item: str(item[1])),
            "results": results,
        },
    )
