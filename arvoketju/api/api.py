"""The REST API (``/api/v1/``): one NinjaAPI, one router per domain app, read access for now.

Anonymous callers see public facts only; signed-in members also see network facts; editors see all.
"""

from django.core.exceptions import ValidationError
from django.db import DataError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import ValidationError as NinjaValidationError

from arvoketju.actors.api import router as actors_router
from arvoketju.capabilities.api import router as capabilities_router
from arvoketju.collaboration.api import router as collaboration_router
from arvoketju.industry.api import router as industry_router
from arvoketju.outcomes.api import router as outcomes_router
from arvoketju.partners.api import router as partners_router
from arvoketju.places.api import router as places_router
from arvoketju.provenance.api import router as provenance_router
from arvoketju.search.api import router as search_router
from arvoketju.taxonomy.api import router as taxonomy_router
from arvoketju.workforce.api import router as workforce_router

api = NinjaAPI(
    title="arvoketju API",
    version="1",
    description="Read access to the ecosystem registry. Every item carries its sources. "
    "Lists are paged with `limit` and `offset`.",
    urls_namespace="api",
)

api.add_router("", places_router, tags=["places"])
api.add_router("", actors_router, tags=["organisations"])
api.add_router("", taxonomy_router, tags=["taxonomy"])
api.add_router("", collaboration_router, tags=["collaboration"])
api.add_router("", capabilities_router, tags=["capabilities"])
api.add_router("", industry_router, tags=["industry"])
api.add_router("", workforce_router, tags=["workforce"])
api.add_router("", outcomes_router, tags=["goals and indicators"])
api.add_router("", provenance_router, tags=["provenance"])
api.add_router("", search_router, tags=["search"])
api.add_router("", partners_router, tags=["partners"])


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"ok": False, "errors": [str(exc) or "not found"]}, status=404)


@api.exception_handler(NinjaValidationError)
def invalid_request(request, exc):
    errors = []
    for error in exc.errors:
        where = ".".join(str(p) for p in error.get("loc", []) if p not in ("query", "path", "body"))
        errors.append(f"{where}: {error.get('msg')}" if where else str(error.get("msg")))
    return api.create_response(request, {"ok": False, "errors": errors}, status=422)


@api.exception_handler(ValidationError)
def invalid_value(request, exc):
    return api.create_response(request, {"ok": False, "errors": exc.messages}, status=400)


@api.exception_handler(DataError)
def unstorable_value(request, exc):
    """A value the database cannot store (e.g. a NUL character in a JSON string for PostgreSQL)."""
    return api.create_response(
        request, {"ok": False, "errors": [_("a value cannot be stored: %(reason)s") % {"reason": exc}]}, status=400
    )
