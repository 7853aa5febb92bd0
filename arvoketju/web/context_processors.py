"""Template context shared by every page."""

from django.conf import settings


def language_neutral_path(request):
    """The current path without its language prefix, for the language switch's ``next`` field
    (Django can translate a URL only from the default language's form)."""
    path = request.path
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if path.startswith(prefix):
            path = "/" + path[len(prefix) :]
            break
    query = request.META.get("QUERY_STRING", "")
    return {"language_neutral_path": path + (f"?{query}" if query else "")}
