"""Search over the battery dataset: aliases, acronyms, Swedish names, Finnish inflection, visibility,
and an index that follows every change."""

import pytest
from django.contrib.auth.models import AnonymousUser

from arvoketju.actors.models import Alias
from arvoketju.provenance.models import Visibility
from arvoketju.provenance.services import fact_delete, fact_save
from arvoketju.search.models import SearchEntry
from arvoketju.search.selectors import search
from arvoketju.search.services import search_reindex
from arvoketju.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
ANONYMOUS = AnonymousUser()


def titles(query, user=ANONYMOUS, **kwargs):
    return [hit.title for hit in search(query=query, user=user, **kwargs)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("jamk", "Jyväskylän ammattikorkeakoulu"),
        ("UEF", "Itä-Suomen yliopisto"),
        ("Kpedu", "Keski-Pohjanmaan koulutusyhtymä"),
        ("Karleby stad", "Kokkolan kaupunki"),
        ("Centrian", "Centria-ammattikorkeakoulu Oy"),
    ],
)
def test_aliases_acronyms_and_swedish_names_find_the_organisation_first(query, expected):
    assert titles(query, kinds=["actors.organisation"])[0] == expected
    assert expected in titles(query)[:2]


def test_an_inflected_place_name_finds_the_place():
    assert "Kokkola" in titles("Kokkolassa", kinds=["places.place"])
    assert "Pietarsaari" in titles("Jakobstad", kinds=["places.place"])


def test_inflected_taxonomy_words_find_stages_and_competences():
    assert search(query="katodimateriaaleja", user=ANONYMOUS, kinds=["taxonomy.stage"])
    assert search(query="akkukennojen", user=ANONYMOUS, kinds=["taxonomy.stage"])


def test_a_query_without_words_finds_nothing():
    assert search(query="  -- ", user=ANONYMOUS) == []
    assert titles("zzzyyyxxx") == []


def test_restricted_objects_and_words_are_found_only_by_those_who_may_see_them(actor, editor):
    secret = OrganisationFactory(name="Salaperäinen Akkutehdas Oy", visibility=Visibility.RESTRICTED)
    assert titles("Salaperäinen") == []
    assert titles("Salaperäinen", user=editor) == [secret.name]
    public = OrganisationFactory(name="Julkinen Kennotehdas Oy")
    fact_save(
        instance=Alias(
            organisation=public,
            name="Koodinimi Kuutamo",
            source=public.source,
            locator="x",
            visibility=Visibility.RESTRICTED,
        ),
        actor=actor,
    )
    assert titles("Kuutamo") == []
    assert titles("Kennotehdas") == [public.name]
    assert titles("Kuutamo", user=editor) == [public.name]


def test_the_index_follows_saves_and_deletes_from_the_services(actor):
    organisation = OrganisationFactory(name="Vanhanimi Oy")
    assert titles("Vanhanimi") == ["Vanhanimi Oy"]
    organisation.name = "Uusinimi Oy"
    fact_save(instance=organisation, actor=actor)
    assert titles("Vanhanimi") == []
    assert titles("Uusinimi") == ["Uusinimi Oy"]
    fact_delete(instance=organisation, actor=actor)
    assert titles("Uusinimi") == []
    assert not SearchEntry.objects.filter(kind="actors.organisation", object_id=organisation.pk).exists()


def test_reindex_rebuilds_the_same_index():
    before = sorted(SearchEntry.objects.values_list("kind", "object_id", "visibility", "title"))
    counts = search_reindex()
    after = sorted(SearchEntry.objects.values_list("kind", "object_id", "visibility", "title"))
    assert before == after
    assert counts["actors.organisation"] >= 90


def test_the_api_searches_with_the_callers_visibility(client):
    found = client.get("/api/v1/search", {"q": "itä-suomen yliopiston"}).json()
    assert found["items"][0]["title"] == "Itä-Suomen yliopisto"
    assert found["items"][0]["kind"] == "actors.organisation"
    assert client.get("/api/v1/search", {"q": ""}).json()["items"] == []
    assert client.get("/api/v1/search", {"q": "x" * 201}).status_code == 422
    assert client.get("/api/v1/search", {"q": "akku", "kind": "no.such", "limit": 3}).status_code == 200


def test_titles_of_places_come_in_the_active_language(client):
    found = client.get("/api/v1/search", {"q": "Karleby", "kind": "places.place", "lang": "sv"}).json()
    assert found["items"][0]["title"] == "Karleby"


def test_bulk_writes_refresh_the_index_once_at_the_end(actor):
    from arvoketju.search.signals import deferred_indexing

    with deferred_indexing():
        organisation = OrganisationFactory(name="Lykätty Kennotehdas Oy")
        assert titles("Lykätty") == []  # not yet: refreshed when the block ends
        organisation.name = "Lykätty Akkutehdas Oy"
        fact_save(instance=organisation, actor=actor)
    assert titles("Lykätty") == ["Lykätty Akkutehdas Oy"]
    assert titles("Kennotehdas") == []
