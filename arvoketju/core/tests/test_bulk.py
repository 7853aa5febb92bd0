"""``insert_rows`` writes the same values ``bulk_create`` would, on every engine, and constraints hold."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone

from arvoketju.actors.models import Organisation
from arvoketju.core.bulk import insert_rows
from arvoketju.provenance.models import ChangeRecord
from arvoketju.search.models import SearchEntry, SearchTerm

pytestmark = pytest.mark.django_db


def test_json_and_times_are_stored_as_bulk_create_would():
    content_type = ContentType.objects.get_for_model(Organisation)
    when = timezone.now().replace(microsecond=123456)
    after = {"name": "Akku Oy", "founded": dt.date(2020, 5, 1).isoformat(), "nested": {"a": [1, 2, None]}}
    count = insert_rows(
        ChangeRecord,
        ["content_type", "object_id", "object_repr", "action", "before", "after", "actor", "request_id", "created_at"],
        [(content_type.pk, str(n), f"Akku {n}", "create", {}, after, "test", "", when) for n in range(7)],
        batch_size=3,
    )
    assert count == 7
    stored = ChangeRecord.objects.filter(actor="test").order_by("object_id")
    assert [r.object_id for r in stored] == [str(n) for n in range(7)]
    assert all(r.after == after and r.before == {} and r.created_at == when for r in stored)
    assert stored[0].user is None and stored[0].source is None


def test_constraints_still_apply_and_a_refused_batch_leaves_nothing():
    entry = SearchEntry.objects.create(kind="organisation", object_id=1, visibility="public", title="Akku")
    insert_rows(SearchTerm, ["entry", "term"], [(entry.pk, "akku"), (entry.pk, "kenno")])
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_rows(SearchTerm, ["entry", "term"], [(entry.pk, "uusi"), (entry.pk, "akku")])
    assert sorted(entry.terms.values_list("term", flat=True)) == ["akku", "kenno"]
    assert insert_rows(SearchTerm, ["entry", "term"], []) == 0
