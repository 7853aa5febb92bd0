"""The main navigation: pages register here so the header lists them in one place."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# (key, url name, label) in the order the header shows them; a page not yet built is skipped
MAIN_NAVIGATION = [
    ("matrix", "web:matrix", _("Value chain × region")),
    ("map", "web:map", _("Map")),
    ("network", "web:network", _("Network")),
    ("organisations", "web:organisations", _("Organisations")),
    ("projects", "web:projects", _("Projects")),
    ("events", "web:events", _("Events")),
    ("partners", "partners:finder", _("Partner finder")),
    ("analyses", "reports:analyses", _("Analyses")),
    ("industry", "industry:areas", _("Industry")),
    ("skills", "workforce:skills", _("Skills")),
]


def main_navigation(request):
    """Context processor: the header's links and the search form's address."""
    items = []
    for key, url_name, label in MAIN_NAVIGATION:
        try:
            items.append({"key": key, "url": reverse(url_name), "label": label})
        except NoReverseMatch:
            continue
    try:
        search_url = reverse("web:search")
    except NoReverseMatch:
        search_url = "/api/v1/search"
    return {"main_navigation": items, "search_url": search_url, "search_query": request.GET.get("q", "")}
