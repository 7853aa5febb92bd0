"""Cached aggregates are reused only while the data and the reader's view of it are the same."""

import pytest

from arvoketju.actors.models import Organisation
from arvoketju.core.caching import cached_for_reader, data_version
from arvoketju.provenance.models import Visibility
from arvoketju.provenance.services import fact_save
from arvoketju.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def count_organisations(user):
    from arvoketju.provenance.selectors import visible

    return cached_for_reader("test-count", user, lambda: visible(Organisation.objects.all(), user).count())


def test_a_change_through_the_services_makes_a_new_version(actor):
    before = count_organisations(None)
    organisation = Organisation.objects.order_by("pk").first()
    version = data_version()
    organisation.description = "uusi kuvaus"
    fact_save(instance=organisation, actor=actor)
    assert data_version() != version
    OrganisationFactory()
    assert count_organisations(None) == before + 1


def test_a_write_that_bypasses_the_services_also_makes_a_new_version():
    before = count_organisations(None)
    version = data_version()
    OrganisationFactory()  # a plain save: no change record
    assert data_version() != version
    assert count_organisations(None) == before + 1


def test_readers_who_see_different_facts_get_different_results(editor):
    OrganisationFactory(visibility=Visibility.RESTRICTED)
    assert count_organisations(editor) == count_organisations(None) + 1
