"""Requests carrying NUL characters are refused before they reach a view.

PostgreSQL text cannot hold NUL (0x00), so such a value would fail deep in a query; a clear 400
here is better than a server error there (and SQLite would store what PostgreSQL refuses)."""

from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _

NUL = "\x00"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _has_nul(data) -> bool:
    return any(NUL in key or any(NUL in value for value in values) for key, values in data.lists())


class RejectNulCharactersMiddleware:
    """Answer 400 to a request whose path, query, form fields or JSON body contain a NUL character."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        suspicious = NUL in request.path or _has_nul(request.GET)
        if not suspicious and request.method == "POST" and request.content_type in FORM_TYPES:
            suspicious = _has_nul(request.POST)
        if not suspicious and request.content_type == "application/json":
            suspicious = b"\\u0000" in request.body or b"\x00" in request.body
        if suspicious:
            message = _("the request contains a NUL character, which no field may hold")
            if request.path.startswith("/api/"):
                return JsonResponse({"ok": False, "errors": [message]}, status=400)
            return HttpResponseBadRequest(message)
        return self.get_response(request)
