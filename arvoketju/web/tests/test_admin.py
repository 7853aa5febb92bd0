"""The admin for data stewards: every model's list, add and change pages, in every language, and
edits through the admin recorded in the history like any other write."""

import pytest
from django.contrib import admin
from django.urls import reverse

from arvoketju.actors.models import Organisation
from arvoketju.provenance.models import ChangeRecord

pytestmark = pytest.mark.django_db
REGISTERED = sorted(admin.site._registry, key=lambda m: m._meta.label)


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.label)
def test_list_add_and_change_pages_open(client, editor, model):
    client.force_login(editor)
    opts = model._meta
    assert client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")).status_code == 200
    model_admin = admin.site._registry[model]
    if model_admin.has_add_permission(type("R", (), {"user": editor})()):
        assert client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add")).status_code == 200
    obj = model.objects.first()
    if obj is not None:
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "language, label", [("fi", "Organisaatiot"), ("sv", "Organisationer"), ("en", "Organisations")]
)
def test_admin_labels_are_translated(client, editor, language, label):
    client.force_login(editor)
    prefix = "" if language == "fi" else f"/{language}"
    response = client.get(f"{prefix}/admin/")
    assert response.status_code == 200
    assert label in response.content.decode()


def test_an_admin_edit_is_recorded_with_the_editor(client, editor):
    client.force_login(editor)
    org = Organisation.objects.get(short_name="Centria")
    url = reverse("admin:actors_organisation_change", args=[org.pk])
    form = client.get(url).context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items() if not isinstance(v, list | dict)}
    data.update(
        short_name="Centria AMK",
        source=org.source_id,
        type=org.type,
        home_place=org.home_place_id or "",
        parent=org.parent_id or "",
        is_sme="unknown",
    )
    data = {k: v for k, v in data.items() if v is not None}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    record = ChangeRecord.objects.filter(object_id=str(org.pk), content_type__model="organisation").first()
    assert record.user == editor and record.after == {"short_name": "Centria AMK"}
