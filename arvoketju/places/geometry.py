"""Plain-Python geometry for GeoJSON polygons: area-weighted centroid and point-in-polygon."""

from __future__ import annotations


def _polygons(geometry: dict) -> list:
    if not geometry:
        return []
    if geometry.get("type") == "Polygon":
        return [geometry["coordinates"]]
    if geometry.get("type") == "MultiPolygon":
        return list(geometry["coordinates"])
    raise ValueError(f"unsupported geometry type {geometry.get('type')!r}")


def _ring_area_centroid(ring):
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2
    if area == 0:
        xs, ys = zip(*ring, strict=True)
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return area, cx / (6 * area), cy / (6 * area)


def centroid(geometry: dict) -> tuple[float, float]:
    """(latitude, longitude) of the area-weighted centroid of the outer rings (lon/lat input)."""
    total = sx = sy = 0.0
    fallback = None
    for polygon in _polygons(geometry):
        ring = [tuple(p[:2]) for p in polygon[0]]
        area, x, y = _ring_area_centroid(ring)
        fallback = fallback or (y, x)
        total += abs(area)
        sx += x * abs(area)
        sy += y * abs(area)
    if total == 0:
        if fallback is None:
            raise ValueError("geometry has no polygon")
        return round(fallback[0], 5), round(fallback[1], 5)
    return round(sy / total, 5), round(sx / total, 5)


def _in_ring(ring, x, y) -> bool:
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y0 > y) != (y1 > y) and x < (x1 - x0) * (y - y0) / (y1 - y0) + x0:
            inside = not inside
    return inside


def contains(geometry: dict, latitude: float, longitude: float) -> bool:
    """Whether the point lies inside the polygon(s), holes excluded."""
    for polygon in _polygons(geometry):
        rings = [[tuple(p[:2]) for p in ring] for ring in polygon]
        if _in_ring(rings[0], longitude, latitude) and not any(_in_ring(h, longitude, latitude) for h in rings[1:]):
            return True
    return False
