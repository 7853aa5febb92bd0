"""Every page and API operation × every role, generated from the URL configuration and the OpenAPI
schema. Each URL must have a rule here; a new URL without one fails the test. Restricted values
(the "Salainen" facts of UEF) must never appear in what a role may not see."""

import fnmatch
import json
import re

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import get_resolver

from arvoketju.collaboration.models import Event, Network

from .conftest import SECRET, walk

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "member", "representative", "other_representative", "editor", "administrator"]
STAFF = {"editor", "administrator"}
SEES_RESTRICTED = {"other_representative", "editor", "administrator"}  # UEF's representative and editors


def expect(allowed, ok, denied, staff_denied=None):
    """Expected status per role: ``ok`` for allowed roles, ``denied`` (or ``staff_denied`` for staff
    outside ``allowed``) for the others."""
    return {
        role: ok if role in allowed else (staff_denied if staff_denied and role in STAFF else denied) for role in ROLES
    }


NOBODY = expect(set(), None, 302, staff_denied=403)
ADMIN_ONLY = expect({"administrator"}, 200, 302, staff_denied=403)  # users, groups, login records
# url name (fnmatch pattern) → expected status per role
PAGE_RULES = [
    ("admin:login", expect(set(ROLES) - STAFF, 200, 302)),  # signed-in editors are sent on to the admin
    ("admin:logout", expect(STAFF, 405, 302)),  # POST only (GET: 405 for editors, the login redirect for others)
    ("admin:view_on_site", expect(STAFF, 404, 302)),  # organisations have no public page yet
    ("admin:provenance_changerecord_add", NOBODY),  # history is written by the services only
    ("admin:provenance_changerecord_delete", NOBODY),
    ("admin:accounts_apitoken_add", NOBODY),  # tokens are issued with `arvoketju token create`
    ("admin:axes_*_add", NOBODY),  # login records are written by django-axes only
    ("admin:stewardship_changerequest_add", NOBODY),  # change requests come from update links only
    ("admin:stewardship_updatelink_add", NOBODY),  # links are made by the organisation action or the CLI
    ("admin:stewardship_survey_add", NOBODY),  # surveys are loaded from YAML files
    ("admin:stewardship_reminderlog_add", NOBODY),  # reminders are recorded when sent
    ("admin:stewardship_reminderlog_delete", NOBODY),
    ("admin:axes_*_change", expect({"administrator"}, 200, 302, staff_denied=403)),
    ("admin:auth_*", ADMIN_ONLY),
    ("admin:axes_*", ADMIN_ONLY),
    ("admin:*", expect(STAFF, 200, 302)),  # editors; everyone else is sent to the login page
    ("web:*", expect(set(ROLES), 200, None)),  # public pages: everyone, filtered by visibility
    ("partners:*", expect(set(ROLES), 200, None)),  # the partner finder: everyone, filtered by visibility
    ("reports:*", expect(set(ROLES), 200, None)),  # analyses and the situational report: everyone, by visibility
    # the assessment form: editors; a visitor is sent to sign in, a signed-in non-editor refused
    ("industry:assess", {**expect(STAFF, 200, 403), "anonymous": 302}),
    ("industry:*", expect(set(ROLES), 200, None)),  # areas, pyramid, pipeline, card decks: everyone, by visibility
    ("workforce:*", expect(set(ROLES), 200, None)),  # the skills view: everyone, by visibility
    ("stewardship:*", expect(set(), None, 404)),  # token pages: an invalid token opens nothing, for anyone
    ("set_language", expect(set(ROLES), 302, None)),
    ("api:*", expect(set(ROLES), 200, None)),  # read API: everyone, filtered by visibility
    ("exports:*", expect(set(ROLES) - {"anonymous"}, 200, 302)),  # table downloads: signed-in, filtered by visibility
]
# unnamed routes (fnmatch on the route) → the same kind of rule
ROUTE_RULES = [
    ("*admin/(?P<url>.*)$", expect(STAFF, 404, 302)),  # the admin's catch-all: unknown admin URLs
    ("*admin/auth/*/<path:object_id>/", expect({"administrator"}, 302, 302)),
    ("*admin/axes/*/<path:object_id>/", expect({"administrator"}, 302, 302)),
    ("*admin/*/<path:object_id>/", expect(STAFF, 302, 302)),  # old-style object URLs redirect to the change page
]
# API operations that write: (method, path) → roles allowed and the denied status per role
WRITE_RULES = {
    ("PATCH", "/api/v1/organisations/{org}"): {
        "anonymous": 401,
        "member": 403,
        "representative": 200,
        "other_representative": 403,
        "editor": 200,
        "administrator": 200,
    },
}


def rule_for(name, route=""):
    for pattern, expected in PAGE_RULES:
        if name and fnmatch.fnmatch(name, pattern):
            return expected
    for pattern, expected in ROUTE_RULES:
        if not name and fnmatch.fnmatch(route, pattern):
            return expected
    return None


def sample_url(route, name):
    """A concrete URL for a route, with real objects for its parameters."""
    route = route.replace("(?P<url>.*)$", "no-such-page/")
    route = re.sub(r"\(\?P<app_label>[^)]*\)", "actors", route)
    url = "/" + route.replace("^", "").replace("$", "").lstrip("/")
    if name == "admin:autocomplete":
        return url + "?app_label=actors&model_name=organisation&field_name=parent&term=oy"
    if "<" not in url and "{" not in url:
        return url
    if "<path:content_type_id>" in url:
        from django.contrib.contenttypes.models import ContentType

        from arvoketju.actors.models import Organisation

        content_type = ContentType.objects.get_for_model(Organisation)
        url = url.replace("<path:content_type_id>", str(content_type.pk))
        return url.replace("<path:object_id>", str(Organisation.objects.order_by("pk").first().pk))
    if "admin/" in url and "<path:object_id>" in url:
        app_model = name.split(":", 1)[1].rsplit("_", 1)[0] if name else "_".join(url.split("/")[-4:-2])
        model = next(m for m in admin.site._registry if f"{m._meta.app_label}_{m._meta.model_name}" == app_model)
        obj = model.objects.order_by("pk").first()
        return None if obj is None else url.replace("<path:object_id>", str(obj.pk))
    values = {
        "<app_label>": "actors",
        "<int:content_type_id>": "1",
        "<path:object_id>": "1",
        "<str:token>": "not-a-valid-token",
        "<slug:kind>": "organisations",
        "<slug:fmt>": "csv",
        "<str:report_format>": "html",
        "{org}": "centria",
        "{kind}": "organisations",
        "{key}": "centria",
        "<str:organisation>": "centria",
        "<str:place>": "kokkola",
        "<str:key>": "kokkola-industrial-park",
        "<str:fmt>": "pptx",
        "<str:project>": "battsi",
        "<str:network>": Network.objects.order_by("pk").first().key,
        "<str:event>": Event.objects.order_by("pk").first().key,
        "{name}": "Kokkola",
        "{project}": "battsi",
        "{network}": Network.objects.order_by("pk").first().key,
        "{event}": Event.objects.order_by("pk").first().key,
    }
    for placeholder, value in values.items():
        url = url.replace(placeholder, value)
    return None if "<" in url or "{" in url else url


def body_of(response) -> bytes:
    """The body, also of streamed downloads (exports)."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_every_page_and_read_endpoint_for_every_role(users, restricted_facts):
    routes = [(route, name) for route, name in walk(get_resolver().url_patterns)]
    api_paths = json.loads(Client().get("/api/v1/openapi.json").content)["paths"]
    unruled = sorted({name or route for route, name in routes if rule_for(name, route) is None})
    assert not unruled, f"URLs without an authorisation rule: {unruled}"
    checked = 0
    for role in ROLES:
        client = client_for(users[role])
        for route, name in routes:
            expected = rule_for(name, route)[role]
            if name and name.startswith("api:"):
                continue  # the API is checked per operation below
            url = sample_url(route, name)
            if url is None:
                continue
            response = client.get(url)
            assert response.status_code == expected, (role, url, response.status_code)
            if role not in SEES_RESTRICTED:
                assert SECRET.encode() not in body_of(response), (role, url)
            checked += 1
        for path, operations in api_paths.items():
            if "get" not in operations:
                continue
            url = sample_url(path.removeprefix("/").replace("/api/v1/", "api/v1/", 1), None)
            response = client.get(url, {"limit": 1000})
            assert response.status_code == 200, (role, url, response.content[:200])
            if role not in SEES_RESTRICTED:
                assert SECRET.encode() not in response.content, (role, url)
            checked += 1
    assert checked > 6 * 150


def test_every_write_operation_has_a_rule_and_is_enforced_for_every_role(users, centria):
    api_paths = json.loads(Client().get("/api/v1/openapi.json").content)["paths"]
    writes = {(method.upper(), path) for path, ops in api_paths.items() for method in ops if method != "get"}
    assert writes == set(WRITE_RULES), f"write operations without a rule: {writes - set(WRITE_RULES)}"
    for (method, path), expected in WRITE_RULES.items():
        for role in ROLES:
            centria.refresh_from_db()
            url = path.replace("{org}", "centria")
            body = json.dumps({"version": centria.version, "description": f"edited by {role}"})
            response = client_for(users[role]).generic(method, url, body, content_type="application/json")
            assert response.status_code == expected[role], (role, method, url, response.content[:200])


def test_restricted_facts_are_visible_where_the_role_allows(users, restricted_facts):
    for role in ROLES:
        body = client_for(users[role]).get("/api/v1/organisations", {"q": SECRET}).content
        assert (SECRET.encode() in body) == (role in SEES_RESTRICTED), role
