"""Web pages. The full interface (matrix, map, network) comes with its own issue; this is the
landing page with the registry's key figures."""

from django.shortcuts import render

from . import selectors


def home(request):
    """Landing page: key figures, declared specialisations and projects, with their sources."""
    user = request.user
    return render(
        request,
        "web/home.html",
        {
            "figures": selectors.key_figures(user=user),
            "organisation_types": selectors.organisations_by_type(user=user),
            "declarations": selectors.declarations_by_place(user=user),
            "projects": selectors.recent_projects(user=user),
            "by_region": selectors.organisations_by_region(user=user),
            "by_stage": selectors.organisations_by_stage(user=user),
            "by_status": selectors.projects_by_status(user=user),
            "reach": selectors.event_reach(user=user),
            "changes": selectors.recent_changes(user=user),
            "nav": "home",
        },
    )
