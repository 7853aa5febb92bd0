"""The map of Finland: projection, regional aggregation, filters, visibility, page and JSON."""

import pytest
from django.http import QueryDict
from django.test import Client

from arvoketju.capabilities.models import Capability, CapabilityKind, CapabilityStatus
from arvoketju.places.models import PlaceKind
from arvoketju.provenance.models import Visibility
from arvoketju.testing.factories import OrganisationFactory, PlaceFactory, SourceFactory, StageFactory
from arvoketju.web.geomap import HEIGHT, WIDTH, MapFilters, geometry_path, map_data, project, spread


def test_projection_puts_finland_inside_the_drawing_north_up():
    helsinki, utsjoki = project(60.17, 24.94), project(69.9, 27.0)
    for x, y in (helsinki, utsjoki):
        assert 0 <= x <= WIDTH and 0 <= y <= HEIGHT
    assert utsjoki[1] < helsinki[1]  # north is up
    assert project(63.0, 22.0)[0] < project(63.0, 30.0)[0]  # east is right


def test_points_sharing_a_place_are_spread_apart():
    points = spread(100, 100, 5)
    assert len(set(points)) == 5
    assert all(abs(x - 100) < 15 and abs(y - 100) < 15 for x, y in points)
    assert spread(1, 2, 1) == [(1, 2)]


def test_boundaries_become_svg_paths():
    square = {"type": "Polygon", "coordinates": [[[24, 60], [25, 60], [25, 61], [24, 61], [24, 60]]]}
    assert geometry_path(square).startswith("M") and geometry_path(square).endswith("Z")
    assert geometry_path({"type": "MultiPolygon", "coordinates": [square["coordinates"]] * 2}).count("M") == 2


@pytest.fixture
def region(db):
    region = PlaceFactory(kind=PlaceKind.REGION, key="region-map", code="98", name_fi="Karttamaakunta")
    town = PlaceFactory(key="karttakunta", name_fi="Karttakunta", parent=region, latitude=62.0, longitude=26.0)
    other = PlaceFactory(key="toinenkunta", name_fi="Toinenkunta", parent=region, latitude=63.0, longitude=27.0)
    stage = StageFactory(key="map-stage")
    active = OrganisationFactory(key="map-a", name="Aktiivinen Oy", home_place=town)
    OrganisationFactory(key="map-b", name="Toinen Oy", home_place=town, type="university")
    OrganisationFactory(key="map-c", name="Kolmas Oy", home_place=other)
    OrganisationFactory(key="map-secret", name="Salainen kartta Oy", home_place=town, visibility=Visibility.RESTRICTED)
    Capability.objects.create(
        organisation=active, stage=stage, kind=CapabilityKind.PRODUCTION, status=CapabilityStatus.ACTIVE,
        source=SourceFactory(), locator="x",
    )  # fmt: skip
    return region


def _region(data, key):
    return next(r for r in data["regions"] if r["key"] == key)


def test_regions_count_their_visible_actors_at_the_mean_of_their_municipalities(region, editor):
    data = map_data(user=None, filters=MapFilters())
    bucket = _region(data, "region-map")
    assert bucket["count"] == 3
    assert (bucket["x"], bucket["y"]) == project(62.5, 26.5)
    assert "Salainen kartta Oy" not in str(data)
    place = next(p for p in data["places"] if p["key"] == "karttakunta")
    assert sorted(a["key"] for a in place["actors"]) == ["map-a", "map-b"]
    points = [p for p in data["points"] if p["place_key"] == "karttakunta"]
    assert len({(p["x"], p["y"]) for p in points}) == 2  # jittered apart
    assert _region(map_data(user=editor, filters=MapFilters()), "region-map")["count"] == 4


def test_filters_by_type_stage_and_status(region):
    def keys(query):
        data = map_data(user=None, filters=MapFilters.from_query(QueryDict(query)))
        return sorted(a["key"] for r in data["regions"] if r["key"] == "region-map" for a in r["actors"])

    assert keys("type=university") == ["map-b"]
    assert keys("stage=map-stage") == ["map-a"]
    assert keys("stage=map-stage&status=potential") == []
    assert keys("status=nonsense") == ["map-a", "map-b", "map-c"]


@pytest.mark.django_db
def test_the_battery_map_page_and_its_json():
    client = Client()
    response = client.get("/map/")
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="map-svg"' in content and 'class="bubble' in content and "map-table" in content
    data = client.get("/map/data.json").json()
    assert data["total"] >= 60
    keski = next(r for r in data["regions"] if r["name"] == "Keski-Pohjanmaa")
    assert keski["count"] >= 5
    assert any(a["key"] == "centria" for a in keski["actors"])
    panel = client.get(f"/map/?place={keski['key']}").content.decode()
    assert 'id="map-panel-title">Keski-Pohjanmaa' in panel and "/organisations/centria/" in panel
    universities = client.get("/map/data.json?type=university").json()
    assert 0 < universities["total"] < data["total"]


def test_loaded_boundaries_replace_the_outline_and_place_the_circle(region):
    region.boundary = {"type": "Polygon", "coordinates": [[[25, 61], [27, 61], [27, 63], [25, 63], [25, 61]]]}
    region.save()
    data = map_data(user=None, filters=MapFilters())
    assert data["outline"] == []
    assert [b["key"] for b in data["boundaries"]] == ["region-map"]
    bucket = _region(data, "region-map")
    assert (bucket["x"], bucket["y"]) == project(62.0, 26.0)
    assert bucket["path"].startswith("M")
