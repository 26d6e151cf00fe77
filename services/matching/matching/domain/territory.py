"""Where places are: ISTAT municipalities with province, region and coordinates, and distances."""

from __future__ import annotations

import math
from dataclasses import dataclass

EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class Place:
    istat_code: str
    name: str
    province_code: str
    region_code: int
    lat: float
    lon: float


class Territory:
    """The reference municipalities (loaded by an adapter from reference/comuni.csv)."""

    def __init__(self, places: dict[str, Place]) -> None:
        self._places = places

    def get(self, istat_code: str | None) -> Place | None:
        return self._places.get(istat_code) if istat_code else None

    def distance_km(self, a: str | None, b: str | None) -> float | None:
        one, other = self.get(a), self.get(b)
        if one is None or other is None:
            return None
        return great_circle_km(one.lat, one.lon, other.lat, other.lon)

    def __len__(self) -> int:
        return len(self._places)


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance; the vectorised index uses the same formula so results agree."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, h)))
