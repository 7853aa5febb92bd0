"""List pages (English, under /en/): filters, sorting, paging, the projects pipeline, the events
timeline, and downloads whose rows equal the filtered table (parsed back with csv and openpyxl)."""

import csv
import io
import re
from html import unescape

import openpyxl
import pytest
from django.test import Client

from arvoketju.actors.models import Organisation
from arvoketju.collaboration.models import Event, Project
from arvoketju.provenance.models import Visibility
from arvoketju.testing.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    return Client()


def body_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def table_rows(html: str) -> list[list[str]]:
    """The body rows of the page's data table, as text cells."""
    table = html.split('<table class="data-table">', 1)[1].split("</table>", 1)[0]
    body = table.split("<tbody>", 1)[1]
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        rows.append([unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in cells])
    return rows


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body_of(response).decode("utf-8-sig"))))


def xlsx_rows(response) -> list[list[str]]:
    sheet = openpyxl.load_workbook(io.BytesIO(body_of(response)), read_only=True).active
    rows = [["" if value is None else str(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    width = len(rows[0])
    return [row + [""] * (width - len(row)) for row in rows]  # a trailing empty cell is not stored


def test_organisations_filter_by_type_and_sort(client):
    html = client.get("/en/organisations/", {"type": "uas", "sort": "-name"}).content.decode()
    rows = table_rows(html)
    expected = list(Organisation.objects.filter(type="uas").order_by("name").values_list("name", flat=True))
    assert [r[0] for r in rows] == sorted(expected, key=str.casefold, reverse=True)
    assert {r[1] for r in rows} == {"University of applied sciences"}
    assert 'aria-sort="descending"' in html


def test_organisations_filter_by_region_and_stage(client):
    rows = table_rows(client.get("/en/organisations/", {"region": "region-16"}).content.decode())
    names = [r[0] for r in rows]
    assert "Centria-ammattikorkeakoulu Oy" in names
    assert all(r[3] == "Central Ostrobothnia" or "Central Ostrobothnia" not in r[3] for r in rows)
    staged = table_rows(client.get("/en/organisations/", {"stage": "battery-chemicals"}).content.decode())
    assert staged and all("Battery chemicals" in r[4] for r in staged)


def test_a_restricted_site_does_not_place_an_organisation_in_a_region(client, editor):
    from arvoketju.actors.models import Site
    from arvoketju.places.models import Place

    elsewhere = OrganisationFactory(name="Muualla Oy", type="company")
    Site.objects.create(
        organisation=elsewhere,
        place=Place.objects.get(key="kokkola"),
        source=elsewhere.source,
        locator="t",
        visibility=Visibility.RESTRICTED,
    )
    names = [r[0] for r in table_rows(client.get("/en/organisations/", {"region": "region-16"}).content.decode())]
    assert "Muualla Oy" not in names
    client.force_login(editor)
    names = [r[0] for r in table_rows(client.get("/en/organisations/", {"region": "region-16"}).content.decode())]
    assert "Muualla Oy" in names


def test_unknown_filter_values_are_ignored_not_errors(client):
    response = client.get("/en/organisations/", {"type": "<script>", "region": "nowhere", "sort": "bogus", "page": "x"})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_organisations_are_paginated_and_the_page_is_in_the_url(client):
    total = Organisation.objects.filter(visibility="public").count()
    first = client.get("/en/organisations/").content.decode()
    second = client.get("/en/organisations/", {"page": 2}).content.decode()
    assert len(table_rows(first)) == 25
    assert table_rows(first)[0] != table_rows(second)[0]
    assert 'href="?page=2"' in first
    assert f'data-count="{total}"' in first


def test_restricted_organisations_are_absent_from_the_list_and_its_download(client, editor):
    OrganisationFactory(name="Salainen Oy", type="company", visibility=Visibility.RESTRICTED)
    assert table_rows(client.get("/en/organisations/", {"q": "Salainen"}).content.decode()) == [
        ["Nothing matches these filters."]
    ]
    assert b"Salainen" not in body_of(client.get("/en/organisations/", {"format": "csv"}))
    client.force_login(editor)
    assert "Salainen Oy" in client.get("/en/organisations/", {"q": "Salainen"}).content.decode()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_organisation_download_rows_equal_the_filtered_table(client, fmt):
    query = {"type": "uas", "sort": "place"}
    rows = table_rows(client.get("/en/organisations/", query).content.decode())
    response = client.get("/en/organisations/", {**query, "format": fmt})
    assert response.status_code == 200
    assert f'filename="arvoketju-organisations.{fmt}"' in response["Content-Disposition"]
    downloaded = csv_rows(response) if fmt == "csv" else xlsx_rows(response)
    assert downloaded[0] == ["Organisation", "Type", "Home place", "Region", "Value-chain stages"]
    assert downloaded[1:] == rows


def test_downloads_hold_every_filtered_row_not_only_the_page(client):
    downloaded = csv_rows(client.get("/en/organisations/", {"page": 2, "format": "csv"}))
    assert len(downloaded) - 1 == Organisation.objects.filter(visibility="public").count()


def test_downloads_neutralise_formulas(client):
    OrganisationFactory(name='=HYPERLINK("http://x")', type="company")
    downloaded = csv_rows(client.get("/en/organisations/", {"q": "HYPERLINK", "format": "csv"}))
    assert downloaded[1][0].startswith("'=")
    sheet_rows = xlsx_rows(client.get("/en/organisations/", {"q": "HYPERLINK", "format": "xlsx"}))
    assert sheet_rows[1][0].startswith("'=")


def test_projects_pipeline_groups_by_scope_and_status_with_counts(client):
    html = client.get("/en/projects/").content.decode()
    assert '<h2 id="scope-international">International' in html
    assert '<h2 id="scope-national">National' in html
    international = html.split('id="scope-international"', 1)[1].split("</section>", 1)[0]
    assert "BATTSi" in international and "Funded" in international
    total = Project.objects.count()
    assert f'data-count="{total}"' in html
    assert len(table_rows(html)) == total


def test_projects_filter_by_status_programme_and_scope(client):
    funded = table_rows(client.get("/en/projects/", {"status": "funded"}).content.decode())
    assert funded and {r[4] for r in funded} == {"Funded"}
    npa = table_rows(client.get("/en/projects/", {"programme": "interreg-npa"}).content.decode())
    assert "BATTSi" in [r[0] for r in npa] and {r[2] for r in npa} == {"Interreg NPA"}
    national = table_rows(client.get("/en/projects/", {"scope": "national"}).content.decode())
    assert national and {r[3] for r in national} == {"National"}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_project_download_rows_equal_the_filtered_table(client, fmt):
    query = {"scope": "international", "sort": "-status"}
    rows = table_rows(client.get("/en/projects/", query).content.decode())
    response = client.get("/en/projects/", {**query, "format": fmt})
    downloaded = csv_rows(response) if fmt == "csv" else xlsx_rows(response)
    assert downloaded[0][0] == "Project"
    assert downloaded[1:] == rows


def test_events_timeline_by_year_and_month_with_the_annual_clock(client):
    html = client.get("/en/events/").content.decode()
    assert '<h2 id="year-2024">2024' in html
    assert "<h3>February</h3>" in html
    assert "Events per month" in html
    workshop = Event.objects.get(key="tp-ws1-2024-02-08")
    assert f'href="/en/events/{workshop.key}/"' in html


def test_events_filter_by_series_and_year_and_download_equals_the_table(client):
    query = {"series": "teollisuusalueiden-tyopajat", "year": "2024"}
    html = client.get("/en/events/", query).content.decode()
    expected = Event.objects.filter(series__key=query["series"], start__year=2024).count()
    assert f'data-count="{expected}"' in html
    downloaded = csv_rows(client.get("/en/events/", {**query, "format": "csv"}))
    assert len(downloaded) - 1 == expected
    assert {row[3] for row in downloaded[1:]} == {"Teollisuusalueiden parhaat käytännöt -työpajasarja"}
    assert [row[0] for row in downloaded[1:]] == sorted(row[0] for row in downloaded[1:])
    assert "13" in [row[7] for row in downloaded[1:]]
    sheet = xlsx_rows(client.get("/en/events/", {**query, "sort": "-date", "format": "xlsx"}))
    assert [row[0] for row in sheet[1:]] == sorted((row[0] for row in downloaded[1:]), reverse=True)


def test_events_unknown_place_gives_an_empty_timeline(client):
    response = client.get("/en/events/", {"place": "Atlantis"})
    assert response.status_code == 200 and 'data-count="0"' in response.content.decode()


def test_list_pages_are_in_the_main_navigation(client):
    html = client.get("/en/").content.decode()
    for url in ("/en/organisations/", "/en/projects/", "/en/events/"):
        assert f'href="{url}"' in html
