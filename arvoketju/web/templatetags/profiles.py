"""Template helpers for profiles and lists: profile links, the sources of a fact (with its history
for editors) and links that keep a page's query string."""

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.urls import NoReverseMatch, reverse
from django.utils.text import capfirst

from arvoketju.accounts.selectors import is_editor
from arvoketju.provenance.selectors import fact_sources, visible_levels

register = template.Library()

# model label → the profile page's url name
PROFILE_ROUTES = {
    "actors.Organisation": "web:organisation",
    "places.Place": "web:place",
    "collaboration.Project": "web:project",
    "collaboration.Event": "web:event",
    "collaboration.Network": "web:network_profile",
}


@register.filter
def profile_url(obj) -> str:
    """The profile page of an organisation, place, project, event or network ("" for anything else)."""
    if obj is None:
        return ""
    name = PROFILE_ROUTES.get(obj._meta.label)
    if name is None:
        return ""
    try:
        return reverse(name, args=[obj.key or str(obj.pk)])
    except NoReverseMatch:
        return ""


def history_url(obj) -> str:
    """The admin's history diff of one object."""
    try:
        return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_history", args=[obj.pk])
    except NoReverseMatch:
        return ""


def visible_sources(fact, user) -> list[dict]:
    """``fact_sources`` without the sources the user may not read (a source can itself be restricted)."""
    levels = set(visible_levels(user))
    entries = []
    for entry in fact_sources(fact):
        source = fact.source if entry["field"] is None else None
        visibility = source.visibility if source is not None else _source_visibility(entry["source"])
        if visibility in levels:
            entries.append({**entry, "field_label": _field_label(fact, entry["field"])})
    return entries


def _field_label(fact, name):
    """The translated label of a field that has its own source ("home place" for ``home_place``)."""
    if not name:
        return ""
    try:
        return capfirst(fact._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def _source_visibility(key: str) -> str:
    from arvoketju.provenance.models import Source

    return Source.objects.filter(key=key).values_list("visibility", flat=True).first() or "restricted"


@register.inclusion_tag("web/includes/sources.html", takes_context=True)
def sources(context, fact):
    """The compact source note of one fact: source title and locator, the quote in a details element,
    and for editors a link to the fact's change history."""
    request = context.get("request")
    user = getattr(request, "user", None)
    editor = is_editor(user)
    return {"entries": visible_sources(fact, user), "history": history_url(fact) if editor else ""}


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters changed (``None`` or "" removes one); ``page``
    is reset whenever a filter or the sort changes."""
    request = context["request"]
    query = request.GET.copy()
    if "page" not in changes:
        query.pop("page", None)
    for name, value in changes.items():
        if value is None or value == "":
            query.pop(name, None)
        else:
            query[name] = str(value)
    encoded = query.urlencode()
    return "?" + encoded if encoded else "?"


@register.simple_tag(takes_context=True)
def download_query(context, fmt: str) -> str:
    """The page's query string (filters, sort) with ``format`` set: the download of what is shown."""
    query = context["request"].GET.copy()
    query.pop("page", None)
    query["format"] = fmt
    return "?" + query.urlencode()
