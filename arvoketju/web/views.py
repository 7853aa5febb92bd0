"""The overview page."""

from django.shortcuts import render

from arvoketju.core.caching import cached_for_reader

from . import selectors


def home(request):
    """Overview: key figures by type, region, stage and status, event reach, what changed recently,
    declared specialisations and projects, with their sources (cached until the data changes)."""
    context = cached_for_reader("overview", request.user, lambda: selectors.overview(user=request.user))
    return render(request, "web/home.html", {**context, "nav": "home"})
