"""NUL characters are refused with a clear 400 on every engine (PostgreSQL cannot store them)."""

import json

import pytest

from arvoketju.actors.selectors import organisation_resolve

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/capabilities?organisation=%C2%9C%0B%00",
        "/api/v1/organisations/a%00b",
        "/en/search/?q=akku%00",
        "/en/matrix/?type=%00",
    ],
)
def test_a_nul_character_in_the_address_is_a_bad_request(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert b"NUL" in response.content


def test_a_nul_character_in_a_form_is_a_bad_request(client):
    assert client.post("/en/update/nope/", {"name": "a\x00b"}).status_code == 400


def test_a_nul_character_in_json_is_a_bad_request_not_a_server_error(client, editor):
    client.force_login(editor)
    centria = organisation_resolve(ref="Centria", user=None)
    response = client.patch(
        "/api/v1/organisations/centria",
        json.dumps({"version": centria.version, "description": "a\u0000b"}),
        content_type="application/json",
        HTTP_X_CSRFTOKEN="x",
    )
    assert response.status_code == 400
    assert b"NUL" in response.content
