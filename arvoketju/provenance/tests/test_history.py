"""History as a diff in the admin, and reverting one change (update, create, delete) as an editor."""

import pytest
from django.test import Client

from arvoketju.accounts.tests.conftest import SECRET
from arvoketju.actors.models import Organisation
from arvoketju.places.models import Place
from arvoketju.provenance.models import ChangeAction, ChangeRecord
from arvoketju.provenance.revert import RevertConflict, revert_change
from arvoketju.provenance.selectors import history_for
from arvoketju.provenance.services import Actor, fact_delete, fact_save
from arvoketju.taxonomy.models import Competence
from arvoketju.testing.factories import SourceFactory

pytestmark = pytest.mark.django_db


def client_for(user, **options):
    client = Client(**options)
    if user is not None:
        client.force_login(user)
    return client


def revert_url(record):
    return f"/en/admin/provenance/changerecord/{record.pk}/revert/"


@pytest.fixture
def org(actor):
    return fact_save(
        instance=Organisation(key="uusi-oy", name="Uusi Oy", type="company", source=SourceFactory(), locator="row 2"),
        actor=actor,
    )


def rename(org, name, actor, **more):
    org = Organisation.objects.get(pk=org.pk)
    org.name = name
    for field, value in more.items():
        setattr(org, field, value)
    fact_save(instance=org, actor=actor)
    return history_for(org).first()


def test_history_page_shows_each_change_as_a_diff_with_names_for_foreign_keys(users, org, actor):
    kokkola = Place.objects.get(key="kokkola")
    rename(
        org,
        "Uudempi Oy",
        Actor(label="import: members.csv", source=SourceFactory(key="members-csv")),
        home_place=kokkola,
    )
    body = client_for(users["editor"]).get(f"/en/admin/actors/organisation/{org.pk}/history/").content.decode()
    assert body.count('class="arvoketju-change"') == 2
    assert "official name" in body and "Uusi Oy" in body and "Uudempi Oy" in body
    assert "import: members.csv" in body and "Test source" in body  # who and the source of the change
    assert str(kokkola) in body  # the foreign key as the place's name, not its id
    assert revert_url(history_for(org).first()) in body


def test_history_page_is_for_editors_only(users, org):
    for role in ("anonymous", "member", "representative"):
        response = client_for(users[role]).get(f"/en/admin/actors/organisation/{org.pk}/history/")
        assert response.status_code == 302 and "/login/" in response["Location"], role


def test_revert_of_an_update_sets_the_values_back_and_is_recorded(users, org, actor):
    change = rename(org, "Uudempi Oy", actor, short_name="UO")
    editor = client_for(users["editor"])
    page = editor.get(revert_url(change))
    assert page.status_code == 200 and b"Uudempi Oy" in page.content and b"Revert this change" in page.content
    assert Organisation.objects.get(pk=org.pk).name == "Uudempi Oy"  # looking changes nothing
    response = editor.post(revert_url(change))
    assert response.status_code == 302 and response["Location"].endswith(f"/organisation/{org.pk}/history/")
    reverted = Organisation.objects.get(pk=org.pk)
    assert (reverted.name, reverted.short_name, reverted.version) == ("Uusi Oy", "", 3)
    record = history_for(org).first()
    assert record.action == ChangeAction.UPDATE
    assert record.before == {"name": "Uudempi Oy", "short_name": "UO"}
    assert record.after == {"name": "Uusi Oy", "short_name": ""}
    assert record.actor == "editor1" and record.user == users["editor"]
    assert record.source.key == "editor-editor1" and record.source.kind == "editor"


def test_revert_of_a_create_deletes_and_revert_of_that_delete_re_creates(users, actor):
    competence = Competence.objects.filter(stages__isnull=False).first()
    stages = sorted(competence.stages.values_list("pk", flat=True))
    created = fact_save(
        instance=Competence(
            key="uusi-osaaminen",
            value_chain=competence.value_chain,
            term_fi="Uusi",
            source=SourceFactory(),
            locator="r",
        ),
        actor=actor,
        m2m={"stages": stages},
    )
    editor = client_for(users["editor"])
    create_record = history_for(created).get()
    assert create_record.action == ChangeAction.CREATE
    response = editor.post(revert_url(create_record))
    assert response.status_code == 302 and response["Location"].endswith("/admin/taxonomy/competence/")
    assert not Competence.objects.filter(pk=created.pk).exists()
    delete_record = ChangeRecord.objects.filter(object_id=str(created.pk), action=ChangeAction.DELETE).get()
    assert delete_record.actor == "editor1"
    assert editor.post(revert_url(delete_record)).status_code == 302
    again = Competence.objects.get(pk=created.pk)
    assert (again.key, again.term_fi) == ("uusi-osaaminen", "Uusi")
    assert sorted(again.stages.values_list("pk", flat=True)) == stages
    assert history_for(again).first().action == ChangeAction.CREATE
    # the create cannot be reverted twice over a re-created object that moved on
    again.term_fi = "Muutettu"
    fact_save(instance=again, actor=actor)
    refused = editor.post(revert_url(create_record))
    assert refused.status_code == 409 and b"changed again" in refused.content
    assert Competence.objects.filter(pk=created.pk).exists()


def test_revert_is_refused_when_the_fields_changed_again(users, org, actor):
    first = rename(org, "Toinen Oy", actor)
    second = rename(org, "Kolmas Oy", actor)
    editor = client_for(users["editor"])
    refused = editor.post(revert_url(first))
    assert refused.status_code == 409
    assert b"changed again after this change" in refused.content and b"official name" in refused.content
    assert Organisation.objects.get(pk=org.pk).name == "Kolmas Oy"
    # newest first works: revert the later change, then the earlier one
    assert editor.post(revert_url(second)).status_code == 302
    assert editor.post(revert_url(first)).status_code == 302
    assert Organisation.objects.get(pk=org.pk).name == "Uusi Oy"


def test_a_later_change_to_other_fields_does_not_block_a_revert(users, org, actor):
    change = rename(org, "Toinen Oy", actor)
    org.refresh_from_db()
    org.website = "https://example.org"
    fact_save(instance=org, actor=actor)
    assert client_for(users["editor"]).post(revert_url(change)).status_code == 302
    org.refresh_from_db()
    assert (org.name, org.website) == ("Uusi Oy", "https://example.org")


def test_revert_of_an_update_of_a_deleted_object_or_a_taken_key_is_refused(org, actor):
    change = rename(org, "Toinen Oy", actor)
    fact_delete(instance=Organisation.objects.get(pk=org.pk), actor=actor)
    with pytest.raises(RevertConflict, match="no longer exists"):
        revert_change(record=change, actor=actor)
    fact_save(
        instance=Organisation(key="uusi-oy", name="Toinen", type="company", source=SourceFactory(), locator="r"),
        actor=actor,
    )
    deletion = ChangeRecord.objects.get(object_id=str(org.pk), action=ChangeAction.DELETE)
    with pytest.raises(RevertConflict, match="not valid now"):
        revert_change(record=deletion, actor=actor)


def test_non_editors_cannot_revert(users, org, actor, django_user_model):
    change = rename(org, "Toinen Oy", actor)
    for role in ("anonymous", "member", "representative", "other_representative"):
        response = client_for(users[role]).post(revert_url(change))
        assert response.status_code == 302 and "/login/" in response["Location"], role
    # staff without the permission to change organisations sees the change but cannot revert it
    clerk = django_user_model.objects.create_user("clerk", password="pw-clerk-123456", is_staff=True)
    page = client_for(clerk).get(revert_url(change))
    assert page.status_code == 200 and b"Only editors may revert" in page.content
    assert client_for(clerk).post(revert_url(change)).status_code == 403
    assert Organisation.objects.get(pk=org.pk).name == "Toinen Oy"


def test_revert_needs_the_csrf_token(users, org, actor):
    change = rename(org, "Toinen Oy", actor)
    strict = client_for(users["editor"], enforce_csrf_checks=True)
    assert strict.post(revert_url(change)).status_code == 403
    page = strict.get(revert_url(change))
    token = page.cookies["csrftoken"].value
    assert strict.post(revert_url(change), {"csrfmiddlewaretoken": token}).status_code == 302
    assert Organisation.objects.get(pk=org.pk).name == "Uusi Oy"


def test_change_record_admin_shows_the_diff_and_links_to_revert(users, org, actor):
    change = rename(org, "Toinen Oy", actor)
    editor = client_for(users["editor"])
    listing = editor.get("/en/admin/provenance/changerecord/").content.decode()
    assert revert_url(change) in listing
    detail = editor.get(f"/en/admin/provenance/changerecord/{change.pk}/change/").content.decode()
    assert "Toinen Oy" in detail and "official name" in detail


def test_history_api_shows_changes_filtered_by_visibility(users, org, actor, restricted_facts):
    secret_unit = restricted_facts["unit"]
    rename(org, "Toinen Oy", Actor(label="editor1", source=SourceFactory(key="editor-editor1", kind="editor")))
    rename(org, "Kolmas Oy", actor, parent=secret_unit)
    anonymous = client_for(None).get(f"/api/v1/history/organisations/{org.key}").json()
    assert anonymous["count"] == 3
    newest, middle, created = anonymous["items"]
    assert [c["action"] for c in anonymous["items"]] == ["update", "update", "create"]
    assert {c["field"]: (c["before"], c["after"]) for c in middle["changes"]} == {"name": ("Uusi Oy", "Toinen Oy")}
    assert middle["actor"] is None and middle["source"] == "editor"  # no names of people for non-editors
    parent = next(c for c in newest["changes"] if c["field"] == "parent")
    assert parent["after"] is None  # a restricted organisation is not named
    assert SECRET not in str(anonymous)
    editor = client_for(users["editor"]).get(f"/api/v1/history/organisations/{org.pk}").json()
    assert editor["items"][1]["actor"] == "editor1" and editor["items"][1]["source"] == "editor-editor1"
    assert next(c for c in editor["items"][0]["changes"] if c["field"] == "parent")["after"] == secret_unit.key


def test_history_api_hides_what_the_caller_may_not_see(users, restricted_facts):
    unit = restricted_facts["unit"]
    assert client_for(users["member"]).get(f"/api/v1/history/organisations/{unit.key}").status_code == 404
    assert client_for(users["editor"]).get(f"/api/v1/history/organisations/{unit.key}").status_code == 200
    contact = restricted_facts["contact"]
    assert client_for(users["editor"]).get(f"/api/v1/history/contacts/{contact.pk}").status_code == 404
    response = client_for(None).get("/api/v1/history/no-such-kind/x")
    assert response.status_code == 404 and response.json()["ok"] is False
