"""Distances between municipalities, and which lie within a radius or a region:
pure functions over the municipalities' coordinates (``Points``, read once per
process by ``matching.reads.municipality_points``)."""

from __future__ import annotations

import math

from community.matching.score import Weights, geo_points

# Municipality id → (latitude, longitude, region).
Points = dict[int, tuple[float, float, str]]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    radius = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * radius * math.asin(math.sqrt(a))


def distances_from(points: Points, municipality_id: int | None) -> dict[int, float]:
    """Km from ``municipality_id``'s town hall to every municipality's (empty if
    it is unknown)."""
    if municipality_id not in points:
        return {}
    lat, lon, _region = points[municipality_id]
    return {
        pk: haversine_km(lat, lon, plat, plon)
        for pk, (plat, plon, _r) in points.items()
    }


def municipality_ids_in_region(points: Points, region: str) -> list[int]:
    return [pk for pk, (_lat, _lon, r) in points.items() if r == region]


def municipality_ids_within(
    points: Points, municipality_id: int, km: float
) -> list[int]:
    return [pk for pk, d in distances_from(points, municipality_id).items() if d <= km]


def same_region(points: Points, a: int | None, b: int | None) -> bool:
    """Whether municipalities ``a`` and ``b`` (both known) lie in one region."""
    return a in points and b in points and points[a][2] == points[b][2]


def geo_points_from(
    points: Points, municipality_id: int | None, weights: Weights
) -> dict[int, int]:
    """Geography points (``score.geo_points``) for a member in
    ``municipality_id`` and one in each municipality, zeros left out: the table
    the SQL score looks a candidate's municipality up in."""
    return {
        pk: p
        for pk, d in distances_from(points, municipality_id).items()
        if (
            p := geo_points(
                d, weights, same_region=same_region(points, municipality_id, pk)
            )
        )
    }
