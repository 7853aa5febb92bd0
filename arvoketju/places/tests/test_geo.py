"""Official boundary files: ``arvoketju geo load`` on made-up squares and, when present, on the
National Land Survey files kept beside the repository for development."""

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from arvoketju.places.geometry import centroid, contains
from arvoketju.places.models import Place, PlaceKind

pytestmark = pytest.mark.django_db
SHARED_GEO = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "geo"


def square(x, y, size=1.0):
    return {"type": "Polygon", "coordinates": [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]]}


def feature_collection(*features):
    return {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "properties": props, "geometry": geometry} for props, geometry in features],
    }


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_centroid_and_point_in_polygon():
    assert centroid(square(20, 60, 2)) == (61.0, 21.0)
    assert contains(square(20, 60, 2), 61, 21)
    assert not contains(square(20, 60, 2), 63, 21)


def test_regions_then_municipalities_are_loaded_and_placed_in_their_region(tmp_path):
    regions = write(
        tmp_path,
        "regions.geojson",
        feature_collection(
            ({"NATCODE": "98", "NAMEFIN": "Testimaakunta", "NAMESWE": "Testlandskap"}, square(10, 10, 4))
        ),
    )
    municipalities = write(
        tmp_path,
        "municipalities.geojson",
        feature_collection(({"NATCODE": "998", "NAMEFIN": "Testikunta", "NAMESWE": "Testkommun"}, square(11, 11))),
    )
    call_command("geo", "load", str(regions))
    call_command("geo", "load", str(municipalities))
    municipality = Place.objects.get(kind=PlaceKind.MUNICIPALITY, code="998")
    assert municipality.parent.code == "98"
    assert municipality.name_sv == "Testkommun"
    assert (municipality.latitude, municipality.longitude) == (11.5, 11.5)
    assert municipality.boundary["type"] == "Polygon"
    assert municipality.locator == "feature 1"


def test_existing_place_keeps_its_source_and_gets_the_boundary(tmp_path):
    kokkola = Place.objects.get(kind=PlaceKind.MUNICIPALITY, code="272")
    path = write(
        tmp_path, "k.geojson", feature_collection(({"NATCODE": "272", "NAMEFIN": "Kokkola"}, square(23, 63.8, 0.5)))
    )
    call_command("geo", "load", str(path))
    kokkola.refresh_from_db()
    assert kokkola.boundary is not None and kokkola.source.key != "geo-k"
    assert kokkola.latitude == Place.objects.get(pk=kokkola.pk).latitude  # coordinates already known are kept


@pytest.mark.parametrize(
    "content, reason",
    [
        ("not json", "Expecting value"),
        ('{"type": "Feature"}', "not a GeoJSON FeatureCollection"),
        (
            '{"type": "FeatureCollection", "features": [{"properties": {"NATCODE": "x"}, "geometry": null}]}',
            "is not a region or municipality code",
        ),
    ],
)
def test_bad_files_are_refused_and_change_nothing(tmp_path, content, reason):
    path = tmp_path / "bad.geojson"
    path.write_text(content)
    count = Place.objects.count()
    with pytest.raises(CommandError, match=reason):
        call_command("geo", "load", str(path))
    assert Place.objects.count() == count


@pytest.mark.skipif(not SHARED_GEO.exists(), reason="official boundary files not present beside the repository")
def test_official_boundary_files_load_all_regions_and_municipalities():
    call_command("geo", "load", str(SHARED_GEO / "maakuntarajat.2023.geojson"))
    call_command("geo", "load", str(SHARED_GEO / "kuntarajat.2023.geojson"))
    assert Place.objects.filter(kind=PlaceKind.REGION).exclude(boundary=None).count() == 19
    municipalities = Place.objects.filter(kind=PlaceKind.MUNICIPALITY).exclude(boundary=None)
    assert municipalities.count() == 309
    # the region of each municipality agrees with the official municipality → region table
    import csv

    with open(SHARED_GEO / "municipality_region_2023.csv", encoding="utf-8") as handle:
        official = {row["municipality_code"]: row["region_code"] for row in csv.DictReader(handle)}
    placed = {m.code: m.parent.code for m in municipalities.select_related("parent") if m.parent}
    agree = sum(placed.get(code) == region for code, region in official.items())
    assert agree >= 300, f"only {agree} of 309 municipalities placed in their official region"
