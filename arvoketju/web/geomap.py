"""The map of Finland: actors at their places, aggregated by region, drawn as SVG without tiles.

Coordinates are projected with an equirectangular projection corrected for Finland's mid latitude
(64.5°N), which is close enough for a country of Finland's size. Region boundaries are drawn when
``arvoketju geo load`` has loaded them; otherwise a simplified outline of Finland (drawn for
orientation, not an official boundary) and one circle per region, at the mean position of the
region's municipalities, sized by the number of actors.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from arvoketju.actors.models import Organisation
from arvoketju.places.geometry import centroid
from arvoketju.places.models import Place, PlaceKind
from arvoketju.provenance.selectors import visible

from .network import organisation_url, organisations_with_capability

# Finland's bounding box (with Åland), degrees
WEST, EAST, SOUTH, NORTH = 19.0, 31.8, 59.6, 70.2
MID_LATITUDE = 64.5
SCALE = 100.0  # SVG units per degree of latitude
PAD = 10.0
WIDTH = round((EAST - WEST) * math.cos(math.radians(MID_LATITUDE)) * SCALE + 2 * PAD)
HEIGHT = round((NORTH - SOUTH) * SCALE + 2 * PAD)

# A simplified outline of Finland (longitude, latitude), for orientation only.
OUTLINE = [
    (22.95, 59.82),
    (23.9, 60.0),
    (24.95, 60.15),
    (26.0, 60.4),
    (26.9, 60.45),
    (27.8, 60.55),
    (28.7, 60.95),
    (29.4, 61.3),
    (30.4, 61.9),
    (31.2, 62.4),
    (31.58, 62.91),
    (31.0, 63.3),
    (30.0, 63.8),
    (30.5, 64.25),
    (29.6, 64.8),
    (29.9, 65.2),
    (29.7, 65.6),
    (30.1, 66.0),
    (29.3, 66.8),
    (29.05, 67.2),
    (29.9, 67.7),
    (29.2, 68.1),
    (28.5, 68.5),
    (28.8, 68.9),
    (28.4, 69.05),
    (29.3, 69.3),
    (28.9, 69.7),
    (28.3, 69.9),
    (27.9, 70.09),
    (27.0, 69.95),
    (26.0, 69.7),
    (25.8, 69.4),
    (25.2, 69.0),
    (24.7, 68.65),
    (23.9, 68.8),
    (22.4, 68.7),
    (21.6, 69.1),
    (20.55, 69.06),
    (21.0, 68.8),
    (22.3, 68.45),
    (23.3, 68.1),
    (23.65, 67.95),
    (23.55, 67.2),
    (23.75, 66.8),
    (23.9, 66.2),
    (24.15, 65.85),
    (24.6, 65.7),
    (25.2, 65.5),
    (25.45, 65.0),
    (24.6, 64.75),
    (24.2, 64.45),
    (23.1, 63.85),
    (22.4, 63.5),
    (21.6, 63.1),
    (21.2, 62.6),
    (21.35, 62.27),
    (21.45, 61.6),
    (21.45, 61.13),
    (21.35, 60.8),
    (21.5, 60.5),
    (22.2, 60.35),
    (22.5, 60.0),
]
ALAND = [(19.5, 60.05), (20.3, 59.95), (20.6, 60.2), (20.2, 60.45), (19.6, 60.4)]


def project(latitude: float, longitude: float) -> tuple[float, float]:
    """(x, y) in the map's SVG units."""
    x = (longitude - WEST) * math.cos(math.radians(MID_LATITUDE)) * SCALE + PAD
    y = (NORTH - latitude) * SCALE + PAD
    return round(x, 1), round(y, 1)


def in_finland_box(latitude, longitude) -> bool:
    return latitude is not None and longitude is not None and SOUTH <= latitude <= NORTH and WEST <= longitude <= EAST


def ring_path(ring) -> str:
    """An SVG path for a ring of (longitude, latitude) points."""
    points = [project(lat, lon) for lon, lat, *_ in ring]
    return "M" + "L".join(f"{x},{y}" for x, y in points) + "Z"


def geometry_path(geometry: dict) -> str:
    """An SVG path for a GeoJSON Polygon or MultiPolygon (lon/lat), holes included (even-odd)."""
    if not geometry:
        return ""
    polygons = [geometry["coordinates"]] if geometry.get("type") == "Polygon" else geometry.get("coordinates", [])
    return "".join(ring_path(ring) for polygon in polygons for ring in polygon)


def outline_paths() -> list[str]:
    return [ring_path(OUTLINE), ring_path(ALAND)]


def spread(x: float, y: float, count: int, *, step: float = 5.0) -> list[tuple[float, float]]:
    """Positions for ``count`` points that share one place: a sunflower spiral around it."""
    if count <= 1:
        return [(x, y)] * count
    golden = math.pi * (3 - math.sqrt(5))
    return [
        (
            round(x + step * math.sqrt(i + 0.5) * math.cos(i * golden), 1),
            round(y + step * math.sqrt(i + 0.5) * math.sin(i * golden), 1),
        )
        for i in range(count)
    ]


def bubble_radius(count: int, largest: int) -> float:
    return round(8 + 28 * math.sqrt(count / largest), 1) if largest else 8.0


@dataclass(frozen=True)
class MapFilters:
    stages: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    status: str = ""

    @classmethod
    def from_query(cls, query) -> MapFilters:
        status = query.get("status", "")
        return cls(
            stages=tuple(sorted({v for v in query.getlist("stage") if v})),
            types=tuple(sorted({v for v in query.getlist("type") if v})),
            status=status if status in ("active", "potential") else "",
        )


def map_data(*, user, filters: MapFilters) -> dict:
    """Regions with their actors, actors as points, and those that cannot be placed in Finland."""
    places = {p.pk: p for p in visible(Place.objects.all(), user)}
    organisations = visible(Organisation.objects.all(), user)
    if filters.types:
        organisations = organisations.filter(type__in=filters.types)
    if filters.stages or filters.status:
        organisations = organisations.filter(
            pk__in=organisations_with_capability(user=user, stages=filters.stages, status=filters.status or None)
        )
    type_labels = dict(Organisation._meta.get_field("type").choices)

    def region_of(place):
        if place is None:
            return None
        if place.kind == PlaceKind.REGION:
            return place
        parent = places.get(place.parent_id)
        return parent if parent is not None and parent.kind == PlaceKind.REGION else None

    def position_of(place):
        if place is None:
            return None
        if in_finland_box(place.latitude, place.longitude):
            return place.latitude, place.longitude
        if place.boundary:
            return centroid(place.boundary)
        if place.kind == PlaceKind.REGION:
            return region_position(place)
        return None

    members = defaultdict(list)
    for place in places.values():
        if place.parent_id and in_finland_box(place.latitude, place.longitude):
            members[place.parent_id].append((place.latitude, place.longitude))

    def region_position(region):
        if region.boundary:
            return centroid(region.boundary)
        found = members.get(region.pk)
        if not found:
            return None
        return sum(p[0] for p in found) / len(found), sum(p[1] for p in found) / len(found)

    regions: dict[int, dict] = {}
    at_place: dict[int, list] = defaultdict(list)
    elsewhere = []
    for organisation in organisations.order_by("name"):
        home = places.get(organisation.home_place_id)
        entry = {
            "key": organisation.key or str(organisation.pk),
            "name": organisation.name,
            "type": organisation.type,
            "type_label": str(type_labels.get(organisation.type, organisation.type)),
            "url": organisation_url(organisation.key or str(organisation.pk)),
            "place": home.localised() if home else "",
        }
        region = region_of(home)
        position = position_of(home)
        if region is not None:
            bucket = regions.setdefault(
                region.pk, {"key": region.key, "name": region.localised(), "region": region, "actors": []}
            )
            bucket["actors"].append(entry)
        if position is None or not in_finland_box(*position):
            elsewhere.append(entry)
            continue
        at_place[home.pk].append(entry)

    largest = max((len(r["actors"]) for r in regions.values()), default=0)
    region_list = []
    for bucket in sorted(regions.values(), key=lambda r: r["name"]):
        position = region_position(bucket["region"])
        x, y = project(*position) if position else (None, None)
        region_list.append(
            {
                "key": bucket["key"],
                "name": bucket["name"],
                "count": len(bucket["actors"]),
                "x": x,
                "y": y,
                "r": bubble_radius(len(bucket["actors"]), largest),
                "path": geometry_path(bucket["region"].boundary) if bucket["region"].boundary else "",
                "actors": bucket["actors"],
            }
        )
    point_places = []
    points = []
    for place_id, actors in sorted(at_place.items(), key=lambda item: places[item[0]].localised()):
        place = places[place_id]
        x, y = project(*position_of(place))
        point_places.append(
            {"key": place.key or str(place.pk), "name": place.localised(), "x": x, "y": y, "actors": actors}
        )
        for (px, py), actor in zip(spread(x, y, len(actors)), actors, strict=True):
            points.append({**actor, "x": px, "y": py, "place_key": place.key or str(place.pk)})
    boundaries = [
        {"key": p.key, "name": p.localised(), "path": geometry_path(p.boundary)}
        for p in places.values()
        if p.kind == PlaceKind.REGION and p.boundary
    ]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "outline": [] if boundaries else outline_paths(),
        "boundaries": sorted(boundaries, key=lambda b: b["name"]),
        "regions": region_list,
        "places": point_places,
        "points": points,
        "elsewhere": elsewhere,
        "total": sum(len(a) for a in at_place.values()) + len(elsewhere),
    }
