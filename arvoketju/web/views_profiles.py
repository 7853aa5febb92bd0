"""Profile pages: one organisation, place, project, event or network with everything the reader may
see about it, each fact with its sources. An unknown object and one the reader may not see give the
same 404 page, so a restricted object's existence is never revealed."""

from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from arvoketju.accounts.selectors import is_editor

from . import selectors_profiles as profiles
from .templatetags.profiles import history_url


def not_found(request, what: str):
    return render(request, "web/not_found.html", {"what": what}, status=404)


def _render(request, template, obj, extra, nav):
    context = {"object": obj, "nav": nav, "history_url": history_url(obj) if is_editor(request.user) else "", **extra}
    return render(request, template, context)


def organisation(request, organisation):
    found = profiles.resolve_organisation(organisation, request.user)
    if found is None:
        return not_found(request, _("organisation"))
    data = profiles.organisation_profile(found, user=request.user)
    language = (get_language() or "fi")[:2]
    data["local_name"] = next((a.name for a in data["aliases"] if a.kind == language and a.name != found.name), "")
    data["language"] = language
    return _render(request, "web/organisation.html", found, data, "organisations")


def place(request, place):
    found = profiles.resolve_place(place, request.user)
    if found is None:
        return not_found(request, _("place"))
    data = profiles.place_profile(found, user=request.user)
    return _render(request, "web/place.html", found, data, "")


def project(request, project):
    found = profiles.resolve_project(project, request.user)
    if found is None:
        return not_found(request, _("project"))
    data = profiles.project_profile(found, user=request.user)
    return _render(request, "web/project.html", found, data, "projects")


def event(request, event):
    found = profiles.resolve_event(event, request.user)
    if found is None:
        return not_found(request, _("event"))
    data = profiles.event_profile(found, user=request.user)
    return _render(request, "web/event.html", found, data, "events")


def network_profile(request, network):
    found = profiles.resolve_network(network, request.user)
    if found is None:
        return not_found(request, _("network"))
    data = profiles.network_profile(found, user=request.user)
    return _render(request, "web/network_profile.html", found, data, "network")
