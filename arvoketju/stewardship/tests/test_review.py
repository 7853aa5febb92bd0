"""Editors review change requests: the diff, approve (applied through the services with the
representative as the source), edit then approve, reject, and a clear conflict when the record
changed after the representative saw it."""

import pytest
from django.urls import reverse
from django.utils import timezone

from arvoketju.actors.models import Identifier, Organisation
from arvoketju.provenance.models import ChangeRecord, Source
from arvoketju.provenance.services import Actor, ConflictError, fact_save
from arvoketju.stewardship.models import ChangeRequest, ChangeStatus
from arvoketju.stewardship.services import (
    ReviewError,
    change_request_apply,
    change_request_reject,
    change_request_submit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def change(update_link, centria):
    link, _token = update_link
    return change_request_submit(
        link=link,
        name="Rep Resentative",
        email="rep@centria.example",
        organisation_changes={"short_name": "Centria AMK", "website": "https://www.centria.fi"},
        seen={"short_name": "Centria", "website": centria.website},
    )


def history(org):
    return ChangeRecord.objects.filter(content_type__model="organisation", object_id=str(org.pk))


def test_approve_applies_with_the_representative_as_source(change, centria, editor):
    change_request_apply(request=change, reviewer=editor)
    centria.refresh_from_db()
    assert centria.short_name == "Centria AMK" and centria.website == "https://www.centria.fi"
    assert centria.last_confirmed == timezone.localdate()
    source = Source.objects.get(key=f"update-{centria.key}-{change.pk}")
    assert source.kind == "editor" and source.title.startswith("Update from Rep Resentative via update link")
    assert centria.field_sources["short_name"] == {"source": source.key, "locator": f"change request {change.pk}"}
    record = history(centria).first()
    assert record.user == editor and record.source == source
    assert record.after["short_name"] == "Centria AMK" and record.before["short_name"] == "Centria"
    change.refresh_from_db()
    assert change.status == ChangeStatus.APPLIED and change.reviewer == editor and change.reviewed_at
    with pytest.raises(ReviewError):
        change_request_apply(request=change, reviewer=editor)


def test_reject_changes_nothing(change, centria, editor):
    version = centria.version
    change_request_reject(request=change, reviewer=editor, comment="not official")
    centria.refresh_from_db()
    assert centria.short_name == "Centria" and centria.version == version
    change.refresh_from_db()
    assert change.status == ChangeStatus.REJECTED and change.comment == "not official"


def test_approving_after_the_record_changed_is_a_conflict_not_an_overwrite(change, centria, editor):
    centria.description = "Edited by someone else meanwhile"
    fact_save(instance=centria, actor=Actor(label="other editor"))
    with pytest.raises(ConflictError) as conflict:
        change_request_apply(request=change, reviewer=editor)
    assert "changed by someone else" in str(conflict.value)
    centria.refresh_from_db()
    assert centria.short_name == "Centria" and centria.description == "Edited by someone else meanwhile"
    assert centria.last_confirmed is None
    change.refresh_from_db()
    assert change.status == ChangeStatus.PENDING


def test_identifier_changes_are_validated_and_applied(update_link, centria, editor):
    link, _token = update_link
    existing = centria.identifiers.filter(scheme="business_id").first()
    change = change_request_submit(link=link, name="Rep", identifier_changes={"business_id": "0737546-2"})
    if existing is not None and existing.value == "0737546-2":
        pytest.skip("the seed already holds this business id")
    change_request_apply(request=change, reviewer=editor)
    identifier = Identifier.objects.get(organisation=centria, scheme="business_id")
    assert identifier.value == "0737546-2"


def review_url(change):
    return reverse("admin:stewardship_changerequest_change", args=[change.pk])


def test_the_admin_shows_the_diff_and_approves(client, change, centria, editor):
    client.force_login(editor)
    response = client.get(review_url(change))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-field="short_name"' in body and "Centria AMK" in body and "Registry now" in body
    response = client.post(
        review_url(change),
        {"action": "approve", "org-short_name": "Centria AMK", "org-website": "https://www.centria.fi"},
    )
    assert response.status_code == 302
    centria.refresh_from_db()
    assert centria.short_name == "Centria AMK"


def test_the_editor_edits_then_approves(client, change, centria, editor):
    client.force_login(editor)
    data = {"action": "save", "org-short_name": "Centria", "org-website": "https://centria.fi"}
    assert client.post(review_url(change), data).status_code == 302
    change.refresh_from_db()
    assert change.proposed["organisation"]["website"] == "https://centria.fi"
    assert change.proposed["submitted"]["organisation"]["website"] == "https://www.centria.fi"
    data["action"] = "approve"
    client.post(review_url(change), data)
    centria.refresh_from_db()
    assert centria.website == "https://centria.fi" and centria.short_name == "Centria"


def test_the_admin_rejects_with_a_comment(client, change, editor):
    client.force_login(editor)
    client.post(review_url(change), {"action": "reject", "comment": "duplicate"})
    change.refresh_from_db()
    assert change.status == ChangeStatus.REJECTED and change.comment == "duplicate"


def test_the_admin_shows_a_conflict_clearly_and_can_build_on_the_current_record(client, change, centria, editor):
    centria.description = "Meanwhile"
    fact_save(instance=centria, actor=Actor(label="other editor"))
    client.force_login(editor)
    data = {"action": "approve", "org-short_name": "Centria AMK", "org-website": "https://www.centria.fi"}
    response = client.post(review_url(change), data, follow=True)
    assert response.status_code == 200
    assert "Conflict" in response.content.decode() and "Nothing was written" in response.content.decode()
    assert Organisation.objects.get(pk=centria.pk).short_name == "Centria"
    client.post(review_url(change), {"action": "rebase"})
    client.post(review_url(change), data)
    centria.refresh_from_db()
    assert centria.short_name == "Centria AMK" and centria.description == "Meanwhile"


def test_the_pending_list_and_the_stale_page_open(client, change, editor, centria):
    client.force_login(editor)
    response = client.get(reverse("admin:stewardship_changerequest_changelist"), follow=True)
    assert response.status_code == 200 and "Rep Resentative" in response.content.decode()
    assert reverse("admin:stewardship_stale") in response.content.decode()
    applied = client.get(reverse("admin:stewardship_changerequest_changelist") + "?status=applied")
    assert "Rep Resentative" not in applied.content.decode()
    response = client.get(reverse("admin:stewardship_stale") + "?days=30")
    assert response.status_code == 200 and centria.name in response.content.decode()


def test_non_editors_cannot_review(client, change, member):
    client.force_login(member)
    response = client.post(review_url(change), {"action": "approve"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    change.refresh_from_db()
    assert change.status == ChangeStatus.PENDING
    assert ChangeRequest.objects.filter(status=ChangeStatus.APPLIED).count() == 0


def test_members_of_the_editors_group_review_without_being_superusers(client, change, django_user_model):
    from django.contrib.auth.models import Group

    from arvoketju.accounts.selectors import EDITORS_GROUP

    steward = django_user_model.objects.create_user("steward", password="pw-steward-123456", is_staff=True)
    steward.groups.add(Group.objects.get(name=EDITORS_GROUP))
    client.force_login(steward)
    assert client.get(reverse("admin:stewardship_changerequest_changelist")).status_code == 200
    assert client.get(review_url(change)).status_code == 200
    client.post(review_url(change), {"action": "reject", "comment": "checked"})
    change.refresh_from_db()
    assert change.status == ChangeStatus.REJECTED and change.reviewer == steward
