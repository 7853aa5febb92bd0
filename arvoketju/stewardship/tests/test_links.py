"""Update links: signed (random token, digest stored), expiring, revocable, scoped to one
organisation; the public form shows what the registry says and only creates change requests."""

import datetime as dt

import pytest
from django.utils import timezone

from arvoketju.actors.models import Organisation
from arvoketju.provenance.models import ChangeRecord
from arvoketju.stewardship.models import ChangeRequest, ChangeStatus, UpdateLink, token_digest
from arvoketju.stewardship.selectors import LinkUnusable, link_for_token
from arvoketju.stewardship.services import link_create, link_revoke, link_url

pytestmark = pytest.mark.django_db


def form_data(org, **changes):
    data = {
        "name": org.name,
        "short_name": org.short_name,
        "website": org.website,
        "description": org.description,
        "home_place": org.home_place.name_fi if org.home_place else "",
        "is_sme": {True: "yes", False: "no"}.get(org.is_sme, "unknown"),
        "business_id": getattr(org.identifiers.filter(scheme="business_id").first(), "value", ""),
        "submitted_name": "Rep Resentative",
        "submitted_email": "rep@centria.example",
    }
    data.update(changes)
    return data


def test_only_the_digest_of_the_token_is_stored(update_link):
    link, token = update_link
    assert len(token) >= 40
    assert link.digest == token_digest(token) and token not in link.digest
    assert not UpdateLink.objects.filter(digest=token).exists()
    assert link_url(link, token) == f"https://arvoketju.example.org/update/{token}/"


def test_unknown_expired_revoked_and_wrong_kind_tokens_open_nothing(update_link, centria):
    link, token = update_link
    assert link_for_token(token) == link
    with pytest.raises(LinkUnusable) as unknown:
        link_for_token("x" * 43)
    assert unknown.value.status == 404
    with pytest.raises(LinkUnusable) as wrong_kind:
        link_for_token(token, kind="survey")
    assert wrong_kind.value.status == 404
    expired, expired_token = link_create(organisation=centria, days=1)
    UpdateLink.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    with pytest.raises(LinkUnusable) as gone:
        link_for_token(expired_token)
    assert gone.value.status == 410 and gone.value.reason == "expired"
    link_revoke(link=link)
    with pytest.raises(LinkUnusable) as revoked:
        link_for_token(token)
    assert revoked.value.reason == "revoked"


@pytest.mark.parametrize("path", ["/en/update/nope/", "/en/survey/nope/", "/en/update/" + "a" * 300 + "/"])
def test_invalid_tokens_answer_a_clear_404_page(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert b"This link is not valid" in response.content


def test_expired_and_revoked_links_answer_410(client, update_link, centria):
    link, token = update_link
    link_revoke(link=link)
    response = client.get(f"/en/update/{token}/")
    assert response.status_code == 410 and b"withdrawn" in response.content
    other, other_token = link_create(organisation=centria)
    UpdateLink.objects.filter(pk=other.pk).update(expires_at=timezone.now() - dt.timedelta(days=1))
    response = client.post(f"/en/update/{other_token}/", form_data(centria, short_name="X"))
    assert response.status_code == 410 and b"expired" in response.content
    assert not ChangeRequest.objects.exists()


def test_form_shows_the_current_values_and_records_the_use(client, update_link, centria):
    link, token = update_link
    Organisation.objects.filter(pk=centria.pk).update(website="https://centria.example", description="Kuvaus")
    response = client.get(f"/update/{token}/")
    assert response.status_code == 200
    form = response.context["form"]
    assert form["name"].value() == centria.name
    assert form["short_name"].value() == "Centria"
    assert form["website"].value() == "https://centria.example"
    assert centria.name.encode() in response.content and b"csrfmiddlewaretoken" in response.content
    assert response["Cache-Control"].startswith("max-age=0")
    link.refresh_from_db()
    assert link.use_count == 1 and link.last_used_at is not None


def test_submission_creates_a_change_request_and_changes_nothing(client, update_link, centria):
    _link, token = update_link
    records, version = ChangeRecord.objects.count(), centria.version
    data = form_data(centria, short_name="Centria AMK", website="https://www.centria.fi", is_sme="no")
    response = client.post(f"/update/{token}/", data)
    assert response.status_code == 200, response.context["form"].errors
    assert b'data-outcome="submitted"' in response.content
    change = ChangeRequest.objects.get()
    assert change.status == ChangeStatus.PENDING and change.organisation == centria
    assert change.proposed["organisation"] == {
        "short_name": "Centria AMK",
        "website": "https://www.centria.fi",
        "is_sme": False,
    }
    assert change.proposed["seen"]["short_name"] == "Centria"
    assert change.base_versions["organisation"] == version
    assert change.submitted_name == "Rep Resentative"
    centria.refresh_from_db()
    assert centria.short_name == "Centria" and centria.version == version
    assert ChangeRecord.objects.count() == records


def test_every_field_is_validated_with_clear_messages(client, update_link, centria):
    _link, token = update_link
    data = form_data(
        centria, name="", website="not a url", home_place="Atlantis", business_id="1234567-8", submitted_name=""
    )
    response = client.post(f"/en/update/{token}/", data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) >= {"name", "website", "home_place", "submitted_name"}
    assert "no such place in the registry: Atlantis" in str(errors["home_place"])
    data = form_data(centria, business_id="1234567-8")
    errors = client.post(f"/en/update/{token}/", data).context["form"].errors
    assert "business_id" in errors
    assert not ChangeRequest.objects.exists()


def test_the_form_requires_csrf(update_link, centria):
    from django.test import Client

    _link, token = update_link
    response = Client(enforce_csrf_checks=True).post(f"/update/{token}/", form_data(centria, short_name="X"))
    assert response.status_code == 403
    assert not ChangeRequest.objects.exists()


def test_a_link_of_one_organisation_cannot_touch_another(client, update_link, centria, uef):
    _link, token = update_link
    data = form_data(centria, short_name="Changed", organisation=uef.pk, organisation_id=uef.pk)
    client.post(f"/update/{token}/", data)
    change = ChangeRequest.objects.get()
    assert change.organisation == centria
    response = client.get(f"/update/{token}/")
    assert uef.name.encode() not in response.content


def test_the_page_shows_the_organisations_own_restricted_facts_but_nothing_of_others(client, centria, uef):
    from arvoketju.capabilities.models import Infrastructure
    from arvoketju.provenance.models import Visibility

    Infrastructure.objects.create(
        organisation=centria,
        name="Oma salainen labra",
        visibility=Visibility.RESTRICTED,
        source=centria.source,
        locator="t",
    )
    Infrastructure.objects.create(
        organisation=uef,
        name="Toisen salainen labra",
        visibility=Visibility.RESTRICTED,
        source=centria.source,
        locator="t",
    )
    _link, token = link_create(organisation=centria)
    body = client.get(f"/update/{token}/").content
    assert b"Oma salainen labra" in body and b"Toisen salainen labra" not in body


def test_submitting_without_changes_confirms_the_record(client, update_link, centria):
    _link, token = update_link
    Organisation.objects.filter(pk=centria.pk).update(description="Rivi 1\nRivi 2")
    centria.refresh_from_db()
    response = client.post(f"/update/{token}/", form_data(centria, description="Rivi 1\r\nRivi 2\r\n"))
    assert b'data-outcome="confirmed"' in response.content
    change = ChangeRequest.objects.get()
    assert change.confirmed_unchanged and change.status == ChangeStatus.APPLIED
    centria.refresh_from_db()
    assert centria.last_confirmed == timezone.localdate()
    record = ChangeRecord.objects.filter(object_id=str(centria.pk), content_type__model="organisation").first()
    assert record.after == {"last_confirmed": timezone.localdate().isoformat()}
    assert record.source.key == f"update-{centria.key}-{change.pk}"


def test_a_link_accepts_a_limited_number_of_submissions(client, update_link, centria, settings):
    settings.ARVOKETJU_LINK_MAX_SUBMISSIONS = 2
    _link, token = update_link
    for i in range(2):
        assert client.post(f"/update/{token}/", form_data(centria, short_name=f"C{i}")).status_code == 200
    response = client.post(f"/update/{token}/", form_data(centria, short_name="C3"))
    assert response.status_code == 429
    assert ChangeRequest.objects.count() == 2
