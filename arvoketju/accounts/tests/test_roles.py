"""Roles, visibility per role, writes through the API with tokens, sessions and CSRF, conflicts."""

import json

import pytest
from django.core.management import call_command
from django.test import Client

from arvoketju.accounts.models import ApiToken, Scope
from arvoketju.accounts.selectors import can_edit, role_of
from arvoketju.actors.models import ContactPerson, Organisation
from arvoketju.industry.models import InvestmentCard
from arvoketju.provenance.models import ChangeRecord
from arvoketju.provenance.selectors import visible

pytestmark = pytest.mark.django_db


def test_roles_are_named(users):
    assert {name: role_of(user) for name, user in users.items()} == {
        "anonymous": "anonymous",
        "member": "member",
        "representative": "representative",
        "other_representative": "representative",
        "editor": "editor",
        "administrator": "administrator",
    }


@pytest.mark.parametrize(
    "role, sees",
    [
        ("anonymous", False),
        ("member", False),
        ("representative", False),
        ("other_representative", True),
        ("editor", True),
        ("administrator", True),
    ],
)
def test_restricted_facts_are_seen_by_editors_and_the_organisation_concerned(users, restricted_facts, role, sees):
    user = users[role]
    for model, fact in (
        (Organisation, restricted_facts["unit"]),
        (ContactPerson, restricted_facts["contact"]),
        (InvestmentCard, restricted_facts["card"]),
    ):
        assert visible(model.objects.filter(pk=fact.pk), user).exists() == sees, (role, model)


def test_representatives_edit_only_their_own_organisation_and_its_units(users, centria, uef):
    representative = users["representative"]
    assert can_edit(representative, centria)
    assert not can_edit(representative, uef)
    unit = Organisation.objects.filter(parent=centria).first()
    if unit:
        assert can_edit(representative, unit)
    assert can_edit(users["editor"], uef)
    assert not can_edit(users["member"], centria)


def patch(client, org, body, **headers):
    headers.setdefault("Accept-Language", "en")
    return client.patch(
        f"/api/v1/organisations/{org}", data=json.dumps(body), content_type="application/json", headers=headers
    )


@pytest.mark.parametrize(
    "role, target, status",
    [
        ("anonymous", "centria", 401),
        ("member", "centria", 403),
        ("representative", "centria", 200),
        ("representative", "uef", 403),
        ("other_representative", "centria", 403),
        ("editor", "uef", 200),
        ("administrator", "centria", 200),
    ],
)
def test_who_may_change_an_organisation(users, centria, uef, role, target, status):
    client = Client()
    if users[role]:
        client.force_login(users[role])
    organisation = {"centria": centria, "uef": uef}[target]
    response = patch(client, organisation.key, {"version": organisation.version, "website": "https://example.org/"})
    assert response.status_code == status, response.content
    organisation.refresh_from_db()
    assert (organisation.website == "https://example.org/") == (status == 200)
    if status != 200:
        assert response.json()["ok"] is False and response.json()["errors"]


def test_a_change_records_the_person_as_the_source_of_the_changed_field(users, centria):
    client = Client()
    client.force_login(users["representative"])
    response = patch(client, "centria", {"version": centria.version, "short_name": "Centria AMK"})
    assert response.status_code == 200
    body = response.json()
    field_source = next(s for s in body["sources"] if s["field"] == "short_name")
    assert field_source["source"] == "editor-rep-centria" and field_source["kind"] == "editor"
    record = ChangeRecord.objects.filter(object_id=str(centria.pk), content_type__model="organisation").first()
    assert record.user == users["representative"] and record.after["short_name"] == "Centria AMK"


def test_a_stale_version_is_a_409_conflict_and_nothing_is_overwritten(users, centria):
    client = Client()
    client.force_login(users["editor"])
    version = centria.version
    assert patch(client, "centria", {"version": version, "short_name": "Ensimmäinen"}).status_code == 200
    second = patch(client, "centria", {"version": version, "short_name": "Toinen"})
    assert second.status_code == 409
    assert "changed by someone else" in second.json()["errors"][0]
    centria.refresh_from_db()
    assert centria.short_name == "Ensimmäinen"


def test_invalid_values_are_a_400_naming_the_field(users, centria):
    client = Client()
    client.force_login(users["editor"])
    response = patch(client, "centria", {"version": centria.version, "website": "not a url"})
    assert response.status_code == 400
    assert response.json()["errors"][0].startswith("website:")
    assert patch(client, "centria", {"website": "https://x.fi"}).status_code == 422  # version is required


def test_session_writes_need_the_csrf_token(users, centria):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["editor"])
    refused = patch(client, "centria", {"version": centria.version, "short_name": "X"})
    assert refused.status_code == 403 and "CSRF" in refused.json()["errors"][0]
    client.get("/")  # the page sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    accepted = patch(client, "centria", {"version": centria.version, "short_name": "X"}, **{"X-CSRFToken": token})
    assert accepted.status_code == 200


def test_api_tokens_carry_scopes_and_are_refused_when_unknown_or_revoked(users, centria, capsys):
    call_command("token", "create", "editor1", "--scope", "read")
    read_only = capsys.readouterr().out.strip()
    call_command("token", "create", "editor1", "--scope", "read", "--scope", "write")
    writer = capsys.readouterr().out.strip()
    client = Client(enforce_csrf_checks=True)
    body = {"version": centria.version, "short_name": "Token"}
    assert patch(client, "centria", body, Authorization=f"Bearer {read_only}").status_code == 403
    assert patch(client, "centria", body, Authorization="Bearer ak_wrong").status_code == 401
    assert client.get("/api/v1/organisations", headers={"Authorization": "Bearer ak_wrong"}).status_code == 401
    assert patch(client, "centria", body, Authorization=f"Bearer {writer}").status_code == 200
    call_command("token", "revoke", ApiToken.objects.get(scopes=[Scope.READ, Scope.WRITE]).prefix)
    body["version"] += 1
    assert patch(client, "centria", body, Authorization=f"Bearer {writer}").status_code == 401


def test_tokens_are_stored_only_as_digests(users):
    token, secret = ApiToken.issue(user=users["member"], name="t", scopes=["read"])
    assert secret not in json.dumps(list(ApiToken.objects.values()), default=str)
    assert ApiToken.authenticate(secret) == token
