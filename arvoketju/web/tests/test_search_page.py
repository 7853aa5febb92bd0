"""The search page: Finnish forms, acronyms, links to profiles, nothing restricted."""

import pytest

from arvoketju.provenance.models import Visibility
from arvoketju.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
SEARCH = "/en/search/"


def test_an_acronym_finds_the_organisation_with_a_link_to_its_profile(client):
    page = client.get(SEARCH, {"q": "jamk"}).content.decode()
    assert "Jyväskylän ammattikorkeakoulu" in page
    assert 'href="/en/organisations/' in page


def test_inflected_finnish_finds_the_stage(client):
    page = client.get(SEARCH, {"q": "katodimateriaaleja"}).content.decode()
    assert "Cathode materials" in page


def test_kind_filter_and_empty_or_odd_queries(client):
    page = client.get(SEARCH, {"q": "Kokkola", "kind": "places.place"}).content.decode()
    assert "Kokkola" in page and "Kokkolan kaupunki" not in page
    assert client.get(SEARCH).status_code == 200
    assert client.get(SEARCH, {"q": "x" * 5000, "kind": "nope"}).status_code == 200
    assert "Nothing found" in client.get(SEARCH, {"q": "qwxzv"}).content.decode()


def test_restricted_organisations_are_not_listed_for_visitors(client, editor):
    OrganisationFactory(name="Piilotettu Kennotehdas Oy", visibility=Visibility.RESTRICTED)
    assert "Piilotettu" not in client.get(SEARCH, {"q": "kennotehdas"}).content.decode()
    client.force_login(editor)
    assert "Piilotettu Kennotehdas Oy" in client.get(SEARCH, {"q": "kennotehdas"}).content.decode()
