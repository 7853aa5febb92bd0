"""The battery dataset from the seed report: every fact sourced, loading is idempotent, and the
report's key facts are there as stated."""

import pytest
from django.apps import apps
from django.core.management import call_command

from arvoketju.actors.models import ContactPerson, Organisation
from arvoketju.capabilities.models import SpecialisationDeclaration
from arvoketju.collaboration.models import Event, Participation, Project
from arvoketju.places.models import Place, PlaceKind
from arvoketju.provenance.models import ChangeRecord, Fact, Visibility

pytestmark = pytest.mark.django_db

FACT_MODELS = [m for m in apps.get_models() if issubclass(m, Fact)]
PARTNER_CITIES = {"Kokkola", "Vaasa", "Pori", "Turku", "Lappeenranta", "Jyväskylä", "Kuopio"}


@pytest.mark.parametrize("model", FACT_MODELS, ids=lambda m: m._meta.label)
def test_every_loaded_fact_has_a_source_and_a_locator(model):
    unsourced = model.objects.filter(source__isnull=True) | model.objects.filter(locator="")
    assert not unsourced.exists(), f"{model.__name__} without source: {list(unsourced[:5])}"


def test_the_dataset_is_substantial():
    assert Organisation.objects.count() >= 60
    assert Project.objects.count() >= 14
    assert Event.objects.count() >= 60
    assert Place.objects.filter(kind=PlaceKind.REGION).count() == 19


def test_loading_twice_changes_nothing(capsys):
    records = ChangeRecord.objects.count()
    call_command("seed", "battery-fi")
    assert "changed 0 record(s)" in capsys.readouterr().out
    assert ChangeRecord.objects.count() == records


def participants(acronym):
    return {
        p.organisation.key for p in Participation.objects.filter(project__acronym=acronym).exclude(organisation=None)
    }


def org_key(name):
    from arvoketju.actors.selectors import organisation_resolve

    return organisation_resolve(ref=name, user=None).key


def test_ekoakku_and_battsi_partners_as_the_report_lists_them():
    assert {org_key(n) for n in ("Centria", "UEF", "Oulun yliopisto")} <= participants("EKOAKKU")
    assert {org_key(n) for n in ("Centria", "Itä-Suomen yliopisto", "MACON Oy")} <= participants("BATTSi")
    battsi = Project.objects.get(acronym="BATTSi")
    assert "NPA0800227" in battsi.register_numbers


def test_bbattedu_register_number_and_status():
    battedu = Project.objects.get(acronym="BattEdu")
    assert "EURA2021/206704/09" in battedu.register_numbers
    assert battedu.status in {"funded", "running"}


def test_vague_participants_are_counts_without_invented_names():
    vague = Participation.objects.filter(project__acronym__icontains="BATCircle", organisation=None)
    assert vague.exists()
    assert all(p.count or p.description or p.actor_type for p in vague)


def test_declared_specialisations_of_the_seven_partner_cities():
    declared = set(SpecialisationDeclaration.objects.values_list("place__name_fi", flat=True))
    assert PARTNER_CITIES <= declared
    kokkola = SpecialisationDeclaration.objects.filter(place__name_fi="Kokkola")
    assert {"cathode-materials", "battery-chemicals"} <= {d.stage.key for d in kokkola if d.stage}


def test_the_workshop_series_grew_from_13_to_37_participants():
    totals = [
        e.participants_total
        for e in Event.objects.filter(kind="workshop", series__isnull=False, start__year=2024).order_by("start")
        if e.participants_total
    ]
    assert totals[0] == 13 and 37 in totals


def test_contact_persons_are_restricted():
    assert ContactPerson.objects.exists()
    assert set(ContactPerson.objects.values_list("visibility", flat=True)) == {Visibility.RESTRICTED}
