"""The collaboration network page, its JSON and its GEXF/GraphML exports."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.gzip import gzip_page

from arvoketju.actors.models import OrganisationType
from arvoketju.places.models import Place, PlaceKind
from arvoketju.provenance.selectors import visible

from .network import LAYERS, NetworkFilters, export_bytes, network_graph, network_json_bytes, top_nodes
from .views_map import stage_options


def _payload(request):
    filters = NetworkFilters.from_query(request.GET)
    return filters, network_graph(user=request.user, filters=filters, language=get_language() or "")


def network_page(request):
    """A canvas drawing of the network (the browser draws the positions computed here), a side
    panel for the clicked node, and the most central nodes as a table."""
    filters, payload = _payload(request)
    colour = "type" if request.GET.get("colour") == "type" else "region"
    size = "degree" if request.GET.get("size") == "degree" else "betweenness"
    regions = visible(Place.objects.filter(kind=PlaceKind.REGION).defer("boundary"), request.user)
    query = request.GET.copy()
    query.pop("node", None)
    return render(
        request,
        "web/network.html",
        {
            "nav": "network",
            "filters": filters,
            "colour": colour,
            "size": size,
            "node_count": len(payload["nodes"]),
            "edge_count": len(payload["edges"]),
            "top": top_nodes(payload, by=size),
            "stages": stage_options(request.user),
            "types": OrganisationType.choices,
            "regions": sorted(((r.key, r.localised()) for r in regions), key=lambda r: r[1]),
            "layers": LAYERS,
            "query": query.urlencode(),
            "selected_node": request.GET.get("node", ""),
            "network_text": {
                "neighbours": _("Neighbours"),
                "projects": _("Projects"),
                "events": _("Events"),
                "networks": _("Networks"),
                "degree": _("Degree"),
                "betweenness": _("Betweenness"),
                "profile": _("Profile"),
                "none": _("No connections with these filters."),
                "no_region": _("no region"),
                "loading": _("Loading the network…"),
                "failed": _("The network could not be loaded."),
            },
        },
    )


def network_json(request):
    """The payload the page draws, gzipped when the browser accepts it (both forms are cached)."""
    filters = NetworkFilters.from_query(request.GET)
    raw, packed = network_json_bytes(user=request.user, filters=filters, language=get_language() or "")
    if "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", ""):
        response = HttpResponse(packed, content_type="application/json")
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(raw, content_type="application/json")
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


def network_export(request, fmt: str):
    _filters, payload = _payload(request)
    content_type = "application/gexf+xml" if fmt == "gexf" else "application/graphml+xml"
    response = HttpResponse(export_bytes(payload, fmt), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="arvoketju-network.{fmt}"'
    return response


@gzip_page
def network_gexf(request):
    return network_export(request, "gexf")


@gzip_page
def network_graphml(request):
    return network_export(request, "graphml")
