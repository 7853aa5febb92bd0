"""The assessment form: editors only, every row checked, all rows or none, no silent overwrite."""

import datetime as dt

import pytest
from django.urls import reverse

from arvoketju.industry.models import Assessment, PyramidElement
from arvoketju.provenance.models import ChangeRecord

pytestmark = pytest.mark.django_db
DAY = "2025-03-01"


@pytest.fixture
def url(kip):
    return reverse("industry:assess", args=[kip.key]) + f"?on={DAY}"


def other_aspect(energy):
    return PyramidElement.objects.filter(model=energy.model, kind="aspect").exclude(pk=energy.pk).order_by("pk").first()


def test_an_editor_scores_two_aspects_with_evidence_and_history(client, editor, kip, energy, url):
    second = other_aspect(energy)
    client.force_login(editor)
    page = client.get(url)
    assert page.status_code == 200 and f'name="score_{energy.pk}"' in page.content.decode()
    response = client.post(
        url,
        {
            f"score_{energy.pk}": "4",
            f"evidence_{energy.pk}": "Fingrid connection offer 2025",
            f"version_{energy.pk}": "0",
            f"score_{second.pk}": "2",
            f"evidence_{second.pk}": "workshop notes",
            f"version_{second.pk}": "0",
            "assessor": "Test Assessor",
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("industry:area", args=[kip.key])
    saved = {a.element_id: a for a in Assessment.objects.filter(area=kip, assessed_on=dt.date(2025, 3, 1))}
    assert saved[energy.pk].score == 4 and saved[second.pk].score == 2
    assert saved[energy.pk].source.key == "editor-editor" and saved[energy.pk].assessor == "Test Assessor"
    assert ChangeRecord.objects.filter(object_id=str(saved[energy.pk].pk), actor="editor").exists()
    assert "Saved 2 assessment(s)" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"score": "4", "evidence": "  "}, "a score needs its evidence"),
        ({"score": "", "evidence": "notes"}, "give a score for this evidence"),
        ({"score": "9", "evidence": "notes"}, "Select a valid choice"),
        ({"score": "", "evidence": ""}, "score at least one aspect"),
    ],
)
def test_a_bad_row_is_named_and_nothing_is_written(client, editor, kip, energy, url, fields, error):
    client.force_login(editor)
    second = other_aspect(energy)
    before = Assessment.objects.count()
    response = client.post(
        url,
        {
            f"score_{energy.pk}": fields["score"],
            f"evidence_{energy.pk}": fields["evidence"],
            f"version_{energy.pk}": "0",
            # a valid second row is not saved either when the first is wrong
            **(
                {f"score_{second.pk}": "3", f"evidence_{second.pk}": "ok", f"version_{second.pk}": "0"}
                if fields["score"] or fields["evidence"]
                else {}
            ),
        },
    )
    assert response.status_code == 400
    assert error in response.content.decode()
    assert Assessment.objects.count() == before


def test_a_second_editor_cannot_overwrite_the_first(client, editor, django_user_model, kip, energy, url):
    client.force_login(editor)
    row = {f"score_{energy.pk}": "4", f"evidence_{energy.pk}": "first editor", f"version_{energy.pk}": "0"}
    assert client.post(url, row).status_code == 302
    # the second editor loaded the form before the first one saved: they saw no assessment (version 0)
    other = django_user_model.objects.create_user("other", password="pw-other-123", is_staff=True)
    client.force_login(other)
    late = {f"score_{energy.pk}": "1", f"evidence_{energy.pk}": "second editor", f"version_{energy.pk}": "0"}
    response = client.post(url, late)
    assert response.status_code == 400 and "changed by someone else" in response.content.decode()
    stored = Assessment.objects.get(area=kip, element=energy, assessed_on=dt.date(2025, 3, 1))
    assert (stored.score, stored.evidence) == (4, "first editor")
    # reloaded, the form shows the stored row and its version, and a correction goes through
    page = client.get(url).content.decode()
    assert "first editor" in page and f'name="version_{energy.pk}" value="{stored.version}"' in page
    fixed = {**late, f"version_{energy.pk}": str(stored.version)}
    assert client.post(url, fixed).status_code == 302
    stored.refresh_from_db()
    assert (stored.score, stored.evidence) == (1, "second editor")


def test_only_editors_may_assess(client, member, kip, url):
    response = client.get(url)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.force_login(member)
    assert client.get(url).status_code == 403
    assert client.post(url, {}).status_code == 403
    area_page = client.get(reverse("industry:area", args=[kip.key])).content.decode()
    assert reverse("industry:assess", args=[kip.key]) not in area_page


@pytest.mark.parametrize("on", ["2999-01-01", "1.3.2025", "x" * 50, "0001-01-01"])
def test_a_future_or_malformed_date_is_refused_without_a_form(client, editor, kip, on):
    client.force_login(editor)
    response = client.get(reverse("industry:assess", args=[kip.key]), {"on": on})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error"' in html and "score_" not in html


def test_an_unknown_area_is_not_found(client, editor):
    client.force_login(editor)
    assert client.get(reverse("industry:assess", args=["no-such-area"])).status_code == 404


def test_a_tampered_version_is_named_on_the_page_and_nothing_is_written(client, editor, kip, energy, url):
    client.force_login(editor)
    before = Assessment.objects.count()
    response = client.post(
        url, {f"score_{energy.pk}": "4", f"evidence_{energy.pk}": "notes", f"version_{energy.pk}": "abc"}
    )
    assert response.status_code == 400
    assert f"The form for {energy.localised()} is out of date; reload it." in response.content.decode()
    assert Assessment.objects.count() == before


def test_clearing_a_recorded_score_is_refused_not_ignored(client, editor, kip, energy, url):
    client.force_login(editor)
    row = {f"score_{energy.pk}": "4", f"evidence_{energy.pk}": "first", f"version_{energy.pk}": "0"}
    assert client.post(url, row).status_code == 302
    stored = Assessment.objects.get(area=kip, element=energy, assessed_on=dt.date(2025, 3, 1))
    cleared = {f"score_{energy.pk}": "", f"evidence_{energy.pk}": "", f"version_{energy.pk}": str(stored.version)}
    response = client.post(url, cleared)
    assert response.status_code == 400 and "cannot be cleared here" in response.content.decode()
    assert Assessment.objects.filter(pk=stored.pk, score=4).exists()
