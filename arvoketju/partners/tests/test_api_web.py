"""The partner finder's API and page: answers, validation errors as 400/422 (never 500), the CLI."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from arvoketju.partners.synthetic import generate

pytestmark = pytest.mark.django_db


def test_api_recommends_with_explanations_and_assembles(client):
    response = client.get(
        "/api/v1/partners/recommend",
        {"text": "battery education", "member": "centria", "assemble": "true", "min_type": "university:1"},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["members"] == [{"id": "centria", "name": body["members"][0]["name"]}]
    assert body["partners"] and all(p["explanation"] and p["facts"] for p in body["partners"])
    assert "centria" not in [p["id"] for p in body["partners"]]
    consortium = body["consortium"]
    assert consortium["status"] == "optimal"
    for alternative in consortium["alternatives"]:
        assert "centria" in [m["id"] for m in alternative["members"]] and alternative["optimal"]


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ({"competence": "no-such"}, 400, "unknown competence"),
        ({"member": "no-such-org"}, 400, "no organisation"),
        ({"min_type": "company"}, 400, "TYPE:N"),
        ({"min_type": "company:²"}, 400, "TYPE:N"),  # a digit to str.isdigit, not to int()
        ({"min_type": "company:99999999999999999999"}, 400, "TYPE:N"),
        ({"min_type": "spaceship:1"}, 400, "unknown organisation type"),
        ({"min_size": "5", "max_size": "2"}, 400, "min_size"),
        ({"limit": "0"}, 422, "limit"),
        ({"favour": "everyone"}, 422, "favour"),
        ({"alternatives": "x"}, 422, "alternatives"),
    ],
)
def test_api_validation_errors_are_4xx(client, query, status, message):
    response = client.get("/api/v1/partners/recommend", query, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == status, response.content
    assert message in json.dumps(response.json())


def test_api_vocabulary(client):
    response = client.get("/api/v1/partners/vocabulary", {"text": "black mass processing and battery recycling"})
    assert response.json()["competences"] == ["black-mass-processing", "stage:recycling"]


def test_page_shows_errors_and_unmet_rules(client):
    page = client.get("/en/partners/", {"members": "centria", "min_size": "5", "max_size": "2", "find": "1"})
    assert page.status_code == 200 and "must not be below the minimum" in page.content.decode()
    page = client.get("/en/partners/", {"members": "centria", "min_companies": "30", "assemble": "1"})
    assert "at least 30 of type company" in page.content.decode()


def test_cli_import_recommend_and_evaluate(tmp_path, capsys):
    data = generate(projects=60, organisation_rows=360, seed=9, separator=",")
    for name, content in data.files.items():
        (tmp_path / name).write_bytes(content)
    call_command(
        "import",
        "cordis",
        "--projects",
        str(tmp_path / "project.csv"),
        "--organizations",
        str(tmp_path / "organization.csv"),
        "--scivoc",
        str(tmp_path / "euroSciVoc.csv"),
    )
    assert "imported" in capsys.readouterr().out
    call_command("evaluate", "recommend", "--until", "2021-01-01")
    table = capsys.readouterr().out
    assert "adamic_adar" in table and "recommender" in table
    call_command("recommend", "--member", "centria", "--text", "battery education", "--assemble", "--limit", "3")
    out = capsys.readouterr().out
    assert " 1. " in out and "consortium 1 (optimal" in out
    with pytest.raises(CommandError, match="needs --organizations"):
        call_command("import", "cordis", "--projects", str(tmp_path / "project.csv"))
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("evaluate", "recommend", "--until", "yesterday")
