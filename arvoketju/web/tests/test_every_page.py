"""Every public page, in every language, for an anonymous visitor: no server error, nothing restricted.

The pages and their sample objects come from the URL configuration (as in the authorisation matrix),
so a new page is covered without listing it here."""

import pytest
from django.conf import settings
from django.urls import get_resolver

from arvoketju.accounts.tests.test_authorisation_matrix import body_of, sample_url, walk
from arvoketju.capabilities.models import Capability, CapabilityKind
from arvoketju.provenance.models import Visibility
from arvoketju.taxonomy.models import Stage
from arvoketju.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
SECRET = "Salaisuus"


def public_pages():
    return sorted(
        {(route, name) for route, name in walk(get_resolver().url_patterns) if name and name.startswith("web:")}
    )


def test_every_public_page_answers_in_every_language_and_shows_nothing_restricted(client):
    hidden = OrganisationFactory(name=f"{SECRET} Akkutehdas Oy", visibility=Visibility.RESTRICTED)
    Capability.objects.create(
        organisation=hidden,
        stage=Stage.objects.order_by("pk").first(),
        kind=CapabilityKind.PRODUCTION,
        source=hidden.source,
        locator="x",
        evidence=f"{SECRET} kennolinja",
        visibility=Visibility.RESTRICTED,
    )
    pages = public_pages()
    assert len(pages) >= 10
    checked = 0
    for route, name in pages:
        url = sample_url(route, name)
        assert url is not None, f"no sample URL for {name}"
        for language, _label in settings.LANGUAGES:
            localised = url if language == settings.LANGUAGE_CODE else f"/{language}{url}"
            for query in ("", "?q=akku&format=csv", "?columns=municipality&type=company&view=actors&layers=events"):
                response = client.get(localised + query)
                assert response.status_code < 500, (localised + query, response.status_code)
                assert SECRET.encode() not in body_of(response), localised + query
                checked += 1
    assert checked >= 90
