"""REST API: the filters the issue names, sources on every item, visibility, errors as JSON."""

import pytest

from arvoketju.actors.models import Organisation
from arvoketju.provenance.models import Visibility
from arvoketju.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def get(client, path, **params):
    response = client.get("/api/v1" + path, params)
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return response


def items(client, path, **params):
    response = get(client, path, limit=1000, **params)
    assert response.status_code == 200, response.content
    return response.json()["items"]


QUERIES = {"/partners/recommend", "/partners/vocabulary"}  # answers to a question, not lists of records


def list_paths(client):
    schema = client.get("/api/v1/openapi.json").json()
    paths = (p.removeprefix("/api/v1") for p, ops in schema["paths"].items() if "get" in ops and "{" not in p)
    return sorted(set(paths) - QUERIES)


def test_openapi_document_and_interactive_docs_are_served(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "arvoketju API"
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    assert b"cdn." not in docs.content  # assets come from the installed package


def test_every_list_endpoint_answers_and_every_item_carries_its_sources(client):
    paths = list_paths(client)
    assert len(paths) >= 20
    for path in paths:
        response = get(client, path, limit=50)
        assert response.status_code == 200, (path, response.content[:300])
        body = response.json()
        rows = body["items"] if isinstance(body, dict) else body
        for row in rows:
            if path != "/sources":
                assert row["sources"], f"{path}: item {row.get('id')} has no sources"
                assert all(s["locator"] for s in row["sources"])


def test_organisation_search_matches_aliases_case_insensitively(client):
    found = items(client, "/organisations", q="jamk")
    assert any("Jyväskylän ammattikorkeakoulu" in o["name"] for o in found)
    assert items(client, "/organisations", q="JAMK") == found


def test_projects_in_which_all_given_participants_take_part(client):
    found = items(client, "/projects", participant=["Centria", "UEF"])
    assert {p["acronym"] for p in found} == {"EKOAKKU", "BATTSi"}
    for project in found:
        assert project["sources"][0]["locator"]


def test_unknown_participant_is_a_clear_404(client):
    response = get(client, "/projects", participant=["No Such Org"])
    assert response.status_code == 404
    assert response.json() == {"ok": False, "errors": ["no organisation 'No Such Org'"]}


def test_events_at_which_a_place_was_represented(client):
    found = items(client, "/events", place="Raahe")
    assert len(found) >= 3
    for event in found:
        detail = get(client, f"/events/{event['id']}").json()
        places = {a["place"]["name"] for a in detail["attendances"] if a["place"]}
        assert "Raahe" in places or (detail["place"] and detail["place"]["name"] == "Raahe")


def test_declared_specialisations_of_a_place(client):
    response = get(client, "/places/Kuopio/specialisations")
    assert response.status_code == 200
    declared = response.json()
    assert declared and all(d["place"]["name"] == "Kuopio" for d in declared)
    assert any("sulfaat" in d["statement"].lower() for d in declared)
    assert get(client, "/places/Atlantis/specialisations").status_code == 404


def test_places_resolve_by_swedish_name_and_code(client):
    assert get(client, "/places/Karleby").json()["code"] == "272"
    assert get(client, "/places/272").json()["name_fi"] == "Kokkola"


def test_invalid_parameters_get_422_with_the_reason(client):
    response = get(client, "/events", start_from="not-a-date")
    assert response.status_code == 422
    assert response.json()["ok"] is False and "start_from" in response.json()["errors"][0]
    assert get(client, "/organisations", limit=-1).status_code == 422


def test_paging_is_stable(client):
    first = get(client, "/organisations", limit=5, offset=0).json()
    second = get(client, "/organisations", limit=5, offset=5).json()
    assert first["count"] == second["count"] >= 10
    assert not {o["id"] for o in first["items"]} & {o["id"] for o in second["items"]}


@pytest.mark.parametrize("visibility", [Visibility.NETWORK, Visibility.RESTRICTED])
def test_anonymous_callers_never_see_non_public_facts(client, visibility):
    hidden = OrganisationFactory(name="Salainen Akku Oy", visibility=visibility)
    assert not items(client, "/organisations", q="Salainen")
    assert get(client, f"/organisations/{hidden.pk}").status_code == 404
    assert b"Salainen" not in get(client, f"/organisations/{hidden.pk}").content


def test_members_see_network_facts_and_editors_everything(client, member, editor):
    OrganisationFactory(name="Verkosto Oy", visibility=Visibility.NETWORK)
    OrganisationFactory(name="Rajattu Oy", visibility=Visibility.RESTRICTED)
    client.force_login(member)
    assert [o["name"] for o in items(client, "/organisations", q="Verkosto")] == ["Verkosto Oy"]
    assert not items(client, "/organisations", q="Rajattu")
    client.force_login(editor)
    assert [o["name"] for o in items(client, "/organisations", q="Rajattu")] == ["Rajattu Oy"]


def test_contact_persons_are_not_served_by_the_api(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert not [p for p in schema["paths"] if "contact" in p]
    assert Organisation.objects.filter(contacts__isnull=False).exists()


def test_references_carry_names_in_the_requested_language(client):
    battsi = get(client, "/projects/BATTSi").json()
    names = {p["organisation"]["name"] for p in battsi["participants"] if p["organisation"]}
    assert "Centria-ammattikorkeakoulu Oy" in names
    assert battsi["programme"]["name"]
    stages = client.get("/api/v1/stages", {"limit": 100}, headers={"accept-language": "en"}).json()["items"]
    child = next(s for s in stages if s["key"] == "cathode-materials")
    assert child["parent"] == {"id": child["parent"]["id"], "key": "active-materials", "name": "Active materials"}
    kuopio = get(client, "/places/Kuopio").json()
    assert kuopio["parent"]["name"] == "Pohjois-Savo"
