"""The matrix page over the battery dataset: cells, filters, the open cell, downloads, visibility."""

import csv
import io

import openpyxl
import pytest

from arvoketju.actors.selectors import organisation_resolve
from arvoketju.capabilities.models import Capability, CapabilityKind, CapabilityStatus
from arvoketju.places.models import Place
from arvoketju.provenance.models import Visibility
from arvoketju.taxonomy.models import Stage

pytestmark = pytest.mark.django_db


MATRIX = "/en/matrix/"  # the English pages; unprefixed paths are Finnish


def region_key(name_fi):
    return Place.objects.get(kind="region", name_fi=name_fi).key


def csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_the_matrix_shows_regions_and_stages_with_active_and_potential_marks(client):
    page = client.get(MATRIX).content.decode()
    assert "Central Ostrobothnia" in page
    assert "Battery recycling" in page
    assert 'class="mark active"' in page and 'class="mark potential"' in page


def test_opening_a_cell_lists_its_actors_with_evidence_and_sources(client):
    rows = csv_rows(client.get(MATRIX, {"format": "csv"}))
    header, data = rows[0], rows[1:]
    row = next(r for r in data if r[1] == "Central Ostrobothnia" and int(r[2]) > 0)
    stage = Stage.objects.get(name_en=row[0]) if Stage.objects.filter(name_en=row[0]).exists() else None
    assert stage is not None, header
    page = client.get(MATRIX, {"cell": f"{stage.key}@{region_key('Keski-Pohjanmaa')}"}).content.decode()
    assert 'id="cell-detail"' in page
    for name in row[5].split("; "):
        assert name.replace("&", "&amp;") in page
    assert 'class="source"' in page


def test_filters_change_the_counts_and_the_download_matches_the_table(client):
    everything = csv_rows(client.get(MATRIX, {"format": "csv"}))[1:]
    research = csv_rows(client.get(MATRIX, {"format": "csv", "kind": "research", "type": "university"}))[1:]
    assert sum(int(r[2]) + int(r[3]) for r in research) < sum(int(r[2]) + int(r[3]) for r in everything)
    assert all(r[4] == "0" for r in research)  # declarations are not capabilities of a type
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(MATRIX, {"format": "xlsx"}).content), read_only=True)
    width = len(everything[0])
    xlsx = [
        [("" if v is None else str(v)) for v in row] + [""] * (width - len(row))
        for row in workbook.active.iter_rows(values_only=True)
    ]
    assert xlsx[1:] == everything


def test_other_column_choices_and_bad_parameters_still_answer(client):
    assert "Kokkola" in client.get(MATRIX, {"columns": "municipality"}).content.decode()
    assert client.get(MATRIX, {"columns": "partner_cities"}).status_code == 200
    assert (
        client.get(MATRIX, {"columns": "x", "type": "x", "kind": "x", "cell": "@@", "format": "x"}).status_code == 200
    )


def second_life_capability_of_centria(evidence: str, **extra) -> Capability:
    """An active production capability of Centria in second life (Central Ostrobothnia's column)."""
    organisation = organisation_resolve(ref="Centria", user=None)
    return Capability.objects.create(
        organisation=organisation,
        stage=Stage.objects.get(key="second-life"),
        kind=CapabilityKind.PRODUCTION,
        status=CapabilityStatus.ACTIVE,
        evidence=evidence,
        source=organisation.source,
        locator="test",
        **extra,
    )


def test_a_restricted_capability_is_counted_only_for_those_who_may_see_it(client, editor, actor):
    second_life_capability_of_centria("Salainen pilottilinja", visibility=Visibility.RESTRICTED)
    cell = {"cell": f"second-life@{region_key('Keski-Pohjanmaa')}"}
    assert "Salainen pilottilinja" not in client.get(MATRIX, cell).content.decode()
    client.force_login(editor)
    assert "Salainen pilottilinja" in client.get(MATRIX, cell).content.decode()


def test_the_matrix_as_of_a_date_leaves_out_facts_valid_only_later(client):
    import datetime as dt

    stage = second_life_capability_of_centria("Pilottilinja vuodesta 2024", valid_from=dt.date(2024, 1, 1)).stage
    cell = {"cell": f"second-life@{region_key('Keski-Pohjanmaa')}"}
    assert "Pilottilinja vuodesta 2024" in client.get(MATRIX, cell).content.decode()
    before = client.get(MATRIX, {**cell, "as_of": "2023-06-30"})
    assert before.status_code == 200
    html = before.content.decode()
    assert "Pilottilinja vuodesta 2024" not in html and 'value="2023-06-30"' in html
    assert "as_of=2023-06-30" in html  # the cell links and downloads keep the date

    def second_life(rows):
        return sum(int(r[2]) for r in rows if r[0] == stage.name_en and r[1] == "Central Ostrobothnia")

    then = second_life(csv_rows(client.get(MATRIX, {"format": "csv", "as_of": "2023-06-30"}))[1:])
    now = second_life(csv_rows(client.get(MATRIX, {"format": "csv"}))[1:])
    assert now == then + 1 or (then == 0 and now >= 1)


@pytest.mark.parametrize("as_of", ["30.6.2023", "2023-02-30", "1800-01-01"])
def test_a_bad_as_of_date_is_named_and_the_matrix_shows_today(client, as_of):
    response = client.get(MATRIX, {"as_of": as_of})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html and "Central Ostrobothnia" in html


def test_partner_cities_as_of_a_date_before_the_grouping_existed(client):
    import datetime as dt

    Place.objects.filter(grouping_kind="partner_cities").update(valid_from=dt.date(2020, 1, 1))
    before = client.get(MATRIX, {"columns": "partner_cities", "as_of": "2010-01-01"})
    assert before.status_code == 200
    assert "Kokkola" in client.get(MATRIX, {"columns": "partner_cities", "as_of": "2021-01-01"}).content.decode()
