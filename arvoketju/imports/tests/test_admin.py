"""The import pages in the admin, as an editor uses them through the test client."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from arvoketju.accounts.selectors import EDITORS_GROUP
from arvoketju.actors.models import Alias, Organisation
from arvoketju.imports import jobs
from arvoketju.imports.models import ImportedFile
from arvoketju.provenance.models import ChangeRecord

from .conftest import as_csv, as_xlsx, database_state

pytestmark = pytest.mark.django_db
ADD = "admin:imports_importedfile_add"


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_user("importer", password="pw-importer-123456", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    client.force_login(user)
    client.user = user
    return client


def upload(client, kind, name, data):
    return client.post(reverse(ADD), {"kind": kind, "file": SimpleUploadedFile(name, data)})


def test_the_page_is_for_editors_only(member, editor_client):
    assert editor_client.get(reverse(ADD)).status_code == 200
    assert b"import-upload" in editor_client.get(reverse(ADD)).content
    assert editor_client.get(reverse("admin:index")).content.count(b"/admin/imports/importedfile/") >= 1
    other = Client()
    assert other.get(reverse(ADD)).status_code == 302
    other.force_login(member)
    assert other.get(reverse(ADD)).status_code == 302


def test_check_then_apply(editor_client):
    rows = [{"name": "Verkkotesti Oy", "type": "company", "business_id": "0737546-2"}]
    before = database_state()
    preview = upload(editor_client, "organisations", "orgs.xlsx", as_xlsx(rows))
    assert preview.status_code == 200
    assert preview.context["result"].counts == {"created": 1}
    assert b"import-apply" in preview.content and b"Verkkotesti Oy" in preview.content
    assert database_state() == before  # the check is a dry run
    token = preview.context["token"]
    applied = editor_client.post(reverse(ADD), {"token": token})
    assert applied.status_code == 302 and applied.url == reverse("admin:imports_importedfile_changelist")
    org = Organisation.objects.get(name="Verkkotesti Oy")
    record = ChangeRecord.objects.filter(object_id=str(org.pk), content_type__model="organisation").get()
    assert record.user == editor_client.user and record.source.key.startswith("import-organisations-orgs-")
    assert ImportedFile.objects.filter(key=record.source.key).exists()
    listing = editor_client.get(reverse("admin:imports_importedfile_changelist"))
    assert b"orgs.xlsx (organisations import)" in listing.content
    again = editor_client.post(reverse(ADD), {"token": token})  # the stored file is gone once applied
    assert again.status_code == 302 and again.url == reverse(ADD)


def test_problems_are_shown_by_row_and_column_and_nothing_can_be_applied(editor_client):
    rows = [{"name": "A Oy", "type": "company"}, {"name": "B Oy", "type": "company", "business_id": "0737546-5"}]
    preview = upload(editor_client, "organisations", "bad.csv", as_csv(rows))
    assert b"import-problems" in preview.content and b"check digit should be 2, not 5" in preview.content
    assert [(p.row, p.column) for p in preview.context["problems"]] == [(3, "business_id")]
    assert not preview.context["token"] and b"import-apply" not in preview.content


def test_uncertain_matches_are_offered_as_choices(editor_client):
    rows = [{"name": "Centria ammattikorkeakoulu Oy", "description": "verkosta"}]
    preview = upload(editor_client, "organisations", "u.csv", as_csv(rows))
    assert b'name="decision-2" value="centria"' in preview.content
    assert b'name="decision-2" value="new"' in preview.content
    token = preview.context["token"]
    undecided = editor_client.post(reverse(ADD), {"token": token})
    assert undecided.status_code == 200 and undecided.context["uncertain"]
    decided = editor_client.post(reverse(ADD), {"token": token, "decision-2": "centria"})
    assert decided.status_code == 302
    assert Organisation.objects.get(key="centria").description == "verkosta"
    assert Alias.objects.filter(organisation__key="centria", name="Centria ammattikorkeakoulu Oy").exists()


def test_upload_errors(editor_client, settings):
    assert b"Choose a file" in editor_client.post(reverse(ADD), {"kind": "organisations"}).content
    assert b"Choose what the file holds" in upload(editor_client, "", "x.csv", b"name\nx\n").content
    settings.ARVOKETJU_IMPORT_MAX_BYTES = 10
    assert b"the limit is 10 bytes" in upload(editor_client, "organisations", "x.csv", b"name\nlong name\n").content
    settings.ARVOKETJU_IMPORT_MAX_BYTES = 10_000_000
    hostile = upload(editor_client, "organisations", "x.xlsx", b"PK\x03\x04not really")
    assert hostile.status_code == 200 and b"not a readable XLSX file" in hostile.content


def test_a_large_import_reports_progress_as_a_job(editor_client, settings, monkeypatch):
    settings.ARVOKETJU_IMPORT_BACKGROUND_ROWS = 5
    rows = [{"name": f"Taustatyö {i} Oy", "type": "company"} for i in range(12)]
    token = upload(editor_client, "organisations", "big.csv", as_csv(rows)).context["token"]
    started = {}

    def start_here(**kwargs):  # the thread's work is run below, inside this test's transaction
        started.update(kwargs)
        return "job-for-the-test-0001"

    monkeypatch.setattr(jobs, "job_start", start_here)
    response = editor_client.post(reverse(ADD), {"token": token})
    assert response.status_code == 302 and "job-for-the-test-0001" in response.url
    jobs.job_run(job="job-for-the-test-0001", **started)
    status = editor_client.get(reverse("admin:imports_importedfile_status", args=["job-for-the-test-0001"])).json()
    assert status["state"] == "done" and status["applied"] and status["counts"] == {"created": 12}, status
    page = editor_client.get(reverse("admin:imports_importedfile_job", args=["job-for-the-test-0001"]))
    assert b"imported 12 row(s)" in page.content
    assert Organisation.objects.filter(name__startswith="Taustatyö").count() == 12


def test_progress_of_a_running_job(editor_client):
    from django.core.cache import cache

    job = "running-job-for-test-01"
    cache.set(
        f"arvoketju-import-{job}",
        {"user": editor_client.user.pk, "state": "running", "phase": "writing", "done": 250, "total": 1000},
    )
    page = editor_client.get(reverse("admin:imports_importedfile_job", args=[job]))
    assert b'<progress id="import-progress" max="100" value="25">' in page.content
    assert b'http-equiv="refresh"' in page.content
    status = editor_client.get(reverse("admin:imports_importedfile_status", args=[job])).json()
    assert status == {"state": "running", "phase": "writing", "done": 250, "total": 1000}
    assert (
        editor_client.get(reverse("admin:imports_importedfile_status", args=["unknown-job-000001"])).status_code == 404
    )
