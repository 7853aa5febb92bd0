"""The map of Finland: actors at their places with regional aggregation, and its JSON."""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import ngettext
from django.views.decorators.gzip import gzip_page

from arvoketju.actors.models import OrganisationType
from arvoketju.capabilities.models import CapabilityStatus
from arvoketju.provenance.selectors import visible
from arvoketju.taxonomy.models import Stage

from .geomap import MapFilters, map_data


def stage_options(user) -> list[dict]:
    """Stages and themes for a filter, children indented under their parent."""
    stages = list(visible(Stage.objects.select_related("value_chain"), user).order_by("value_chain", "order"))
    by_parent: dict = {}
    for stage in stages:
        by_parent.setdefault(stage.parent_id, []).append(stage)
    out = []

    def walk(parent, depth):
        for stage in by_parent.get(parent, []):
            out.append({"key": stage.key, "label": stage.localised(), "depth": depth, "indent": "\u2003" * depth})
            walk(stage.pk, depth + 1)

    walk(None, 0)
    return out


def _selected(data: dict, key: str) -> dict | None:
    """The region or place the query string selects, with its actors."""
    if not key:
        return None
    for region in data["regions"]:
        if region["key"] == key:
            return {"key": key, "name": region["name"], "actors": region["actors"], "kind": "region"}
    for place in data["places"]:
        if place["key"] == key:
            return {"key": key, "name": place["name"], "actors": place["actors"], "kind": "place"}
    return None


def _public(data: dict) -> dict:
    return {
        "regions": [{k: v for k, v in r.items() if k != "path"} for r in data["regions"]],
        "places": data["places"],
        "elsewhere": data["elsewhere"],
        "total": data["total"],
    }


def map_page(request):
    """An SVG map: one circle per region sized by its actors when zoomed out, the actors themselves
    when zoomed in; a side panel lists the actors of what was clicked; a table gives the numbers."""
    filters = MapFilters.from_query(request.GET)
    data = map_data(user=request.user, filters=filters)
    view = "actors" if request.GET.get("view") == "actors" else "regions"
    query = request.GET.copy()
    query.pop("place", None)
    query.pop("view", None)
    return render(
        request,
        "web/map.html",
        {
            "nav": "map",
            "data": data,
            "map_json": _public(data),
            "filters": filters,
            "view": view,
            "selected": _selected(data, request.GET.get("place", "")),
            "stages": stage_options(request.user),
            "types": OrganisationType.choices,
            "statuses": CapabilityStatus.choices,
            "base_query": query.urlencode(),
            "map_text": {
                "one": ngettext("%(count)s actor", "%(count)s actors", 1),
                "many": ngettext("%(count)s actor", "%(count)s actors", 2),
            },
        },
    )


@gzip_page
def map_json(request):
    """The map's numbers as JSON, with the same filters as the page."""
    data = map_data(user=request.user, filters=MapFilters.from_query(request.GET))
    return JsonResponse(_public(data) | {"width": data["width"], "height": data["height"]})
