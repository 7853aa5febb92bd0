import pytest
from django.core.exceptions import ValidationError

from arvoketju.actors.models import Identifier, Organisation
from arvoketju.provenance.models import ChangeAction, ChangeRecord
from arvoketju.provenance.selectors import history_for
from arvoketju.provenance.services import ConflictError, fact_delete, fact_save, fact_upsert
from arvoketju.testing.factories import OrganisationFactory, SourceFactory

pytestmark = pytest.mark.django_db


def new_org(**fields):
    return Organisation(
        key="uusi-oy", name="Uusi Oy", type="company", source=SourceFactory(), locator="row 2", **fields
    )


def test_create_is_recorded_with_actor_source_and_values(actor):
    org = fact_save(instance=new_org(), actor=actor)
    record = history_for(org).get()
    assert record.action == ChangeAction.CREATE
    assert record.actor == "test"
    assert record.after["name"] == "Uusi Oy" and record.before == {}


def test_update_records_only_changed_fields_before_and_after(actor):
    org = fact_save(instance=new_org(), actor=actor)
    org.short_name = "Uusi"
    fact_save(instance=org, actor=actor)
    update = history_for(org).filter(action=ChangeAction.UPDATE).get()
    assert update.before == {"short_name": ""}
    assert update.after == {"short_name": "Uusi"}
    assert Organisation.objects.get(pk=org.pk).version == 2


def test_stale_version_is_a_conflict_and_writes_nothing(actor):
    org = fact_save(instance=new_org(), actor=actor)
    first, second = Organisation.objects.get(pk=org.pk), Organisation.objects.get(pk=org.pk)
    first.short_name = "Ensimmäinen"
    fact_save(instance=first, actor=actor, expected_version=1)
    second.short_name = "Toinen"
    with pytest.raises(ConflictError, match="changed by someone else"):
        fact_save(instance=second, actor=actor, expected_version=1)
    assert Organisation.objects.get(pk=org.pk).short_name == "Ensimmäinen"


def test_upsert_of_identical_values_changes_nothing(actor):
    values = {"name": "Uusi Oy", "type": "company", "source": SourceFactory(), "locator": "row 2"}
    _, status = fact_upsert(model=Organisation, lookup={"key": "uusi-oy"}, values=values, actor=actor)
    count = ChangeRecord.objects.count()
    _, again = fact_upsert(model=Organisation, lookup={"key": "uusi-oy"}, values=values, actor=actor)
    assert (status, again) == ("created", "unchanged")
    assert ChangeRecord.objects.count() == count


def test_invalid_fact_is_not_saved(actor):
    org = new_org()
    org.locator = " "
    with pytest.raises(ValidationError) as exc:
        fact_save(instance=org, actor=actor)
    assert "locator" in exc.value.message_dict
    assert not Organisation.objects.filter(key="uusi-oy").exists()


def test_identifier_with_wrong_check_digit_is_rejected_with_a_clear_message(actor):
    org = OrganisationFactory()
    identifier = Identifier(
        organisation=org, scheme="business_id", value="0737546-3", source=org.source, locator="row 3"
    )
    with pytest.raises(ValidationError) as exc:
        fact_save(instance=identifier, actor=actor)
    assert exc.value.message_dict["value"] == ["check digit should be 2, not 3"]


def test_delete_keeps_what_the_object_held(actor):
    org = fact_save(instance=new_org(), actor=actor)
    pk = org.pk
    fact_delete(instance=org, actor=actor)
    record = ChangeRecord.objects.filter(object_id=str(pk), action=ChangeAction.DELETE).get()
    assert record.before["name"] == "Uusi Oy"
    assert not Organisation.objects.filter(pk=pk).exists()


def test_parent_cycle_is_rejected(actor):
    parent = OrganisationFactory()
    child = OrganisationFactory(parent=parent)
    parent.parent = child
    with pytest.raises(ValidationError, match="own parent"):
        fact_save(instance=parent, actor=actor)
