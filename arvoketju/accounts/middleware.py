"""API tokens (``Authorization: Bearer ak_…``) and a content security policy for pages."""

import datetime as dt

from django.conf import settings
from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ApiToken


class ApiTokenMiddleware:
    """Authenticate API calls that carry a token. A token is not a cookie, so CSRF does not apply to
    such calls; a bad token is a 401, never a silent fall-back to anonymous."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.api_token = None
        header = request.headers.get("Authorization", "")
        if header and request.path.startswith("/api/"):
            kind, _space, secret = header.partition(" ")
            if kind.lower() not in ("bearer", "token") or not secret.strip():
                return _unauthorised(_("use the header 'Authorization: Bearer <token>'"))
            token = ApiToken.authenticate(secret.strip())
            if token is None:
                return _unauthorised(_("the API token is unknown, revoked or expired"))
            request.user = token.user
            request.api_token = token
            request._dont_enforce_csrf_checks = True
            now = timezone.now()
            if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=1):
                ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return self.get_response(request)


def _unauthorised(message):
    response = JsonResponse({"ok": False, "errors": [message]}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="arvoketju"'
    return response


class ContentSecurityPolicyMiddleware:
    """Pages load scripts, styles and images from this site only and cannot be framed elsewhere —
    except the read-only public pages, which the sites named in ``ARVOKETJU_EMBED_ORIGINS`` may
    embed in an iframe when the operator allows it."""

    POLICY = (
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        "form-action 'self'; base-uri 'self'"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        ancestors = "'none'"
        if settings.ARVOKETJU_EMBED_ORIGINS and _embeddable(request):
            ancestors = " ".join(["'self'", *settings.ARVOKETJU_EMBED_ORIGINS])
            response.xframe_options_exempt = True
            if "X-Frame-Options" in response.headers:
                del response.headers["X-Frame-Options"]
        response.headers.setdefault("Content-Security-Policy", f"{self.POLICY}; frame-ancestors {ancestors}")
        return response


def _embeddable(request) -> bool:
    """Read-only public pages: GET requests to the web interface, not the admin, forms or the API."""
    match = getattr(request, "resolver_match", None)
    return request.method in ("GET", "HEAD") and match is not None and match.namespace == "web"
