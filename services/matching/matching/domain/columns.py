"""Building blocks of the in-memory ranking index: growable numpy columns keyed by id, inverted
postings (term → rows, with a value), vectorised great-circle distance, and the anti-herding order.

FerretDB is the durable store but far too slow to scan per request; the index is rebuilt from the
projection at start and kept current as events arrive."""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from matching.domain.territory import EARTH_RADIUS_KM

BANDS_PER_UNIT = 20  # score bands 0.05 wide: inside one band, less exposed first


class Columns:
    """Rows allocated by id; each column a numpy array grown by doubling."""

    def __init__(self, spec: dict[str, tuple[type, float]]) -> None:
        self.spec = spec
        self.rows: dict[str, int] = {}
        self.ids: list[str] = []
        self.size = 0
        self.data: dict[str, np.ndarray] = {
            name: np.full(1024, fill, dtype) for name, (dtype, fill) in spec.items()}

    def row(self, key: str) -> int:
        """The row of `key`, allocating (and resetting) a new one if needed."""
        if key in self.rows:
            return self.rows[key]
        if self.size == len(next(iter(self.data.values()))):
            for name, (dtype, fill) in self.spec.items():
                grown: np.ndarray = np.full(self.size * 2, fill, dtype)
                grown[: self.size] = self.data[name]
                self.data[name] = grown
        index = self.size
        self.size += 1
        self.rows[key] = index
        self.ids.append(key)
        return index

    def col(self, name: str) -> np.ndarray:
        return self.data[name][: self.size]

    def reset(self, row: int) -> None:
        for name, (_dtype, fill) in self.spec.items():
            if name != "hash":
                self.data[name][row] = fill


class Postings:
    """term → {row: value}; arrays cached per term until it changes."""

    def __init__(self) -> None:
        self.terms: dict[str, dict[int, float]] = {}
        self.by_row: dict[int, set[str]] = {}
        self._cache: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def set(self, row: int, values: dict[str, float]) -> None:
        for term in self.by_row.pop(row, set()):
            self.terms[term].pop(row, None)
            self._cache.pop(term, None)
        for term, value in values.items():
            self.terms.setdefault(term, {})[row] = value
            self._cache.pop(term, None)
        if values:
            self.by_row[row] = set(values)

    def get(self, term: str) -> tuple[np.ndarray, np.ndarray]:
        if term not in self._cache:
            entries = self.terms.get(term, {})
            self._cache[term] = (
                np.fromiter(entries.keys(), np.int64, len(entries)),
                np.fromiter(entries.values(), np.float64, len(entries)),
            )
        return self._cache[term]

    def count(self, terms: Iterable[str], size: int) -> np.ndarray:
        counts = np.zeros(size, np.float64)
        for term in terms:
            rows, _ = self.get(term)
            counts[rows] += 1
        return counts

    def values(self, term: str, size: int, default: float = 0.0) -> np.ndarray:
        out = np.full(size, default, np.float64)
        rows, values = self.get(term)
        out[rows] = values
        return out


def stable_hash(key: str) -> int:
    return zlib.crc32(key.encode())


def great_circle_np(lat: np.ndarray, lon: np.ndarray, lat0: float, lon0: float) -> np.ndarray:
    """Same haversine as territory.great_circle_km, over arrays (NaN where a place is unknown)."""
    p1, p2 = np.radians(lat0), np.radians(lat)
    dp, dl = p2 - p1, np.radians(lon - lon0)
    h = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(1.0, h)))


@dataclass(frozen=True)
class Ranked:
    row: int
    score: float
    band: int
    exposure: int


def bands(scores: np.ndarray) -> np.ndarray:
    return np.floor(scores * BANDS_PER_UNIT + 1e-9).astype(np.int64)


def anti_herding_order(scores: np.ndarray, eligible: np.ndarray, exposure: np.ndarray,
                       hashes: np.ndarray, salt: int, offset: int, limit: int) -> list[Ranked]:
    """Best first by score band (0.05 wide); inside a band the least exposed first, then a
    per-opportunity hash: deterministic, explainable, and no one always on top."""
    candidates = np.flatnonzero(eligible)
    if candidates.size == 0 or offset >= candidates.size:
        return []
    k = min(offset + limit, candidates.size)
    top = candidates[np.argpartition(-scores[candidates], k - 1)[:k]]
    floor_band = bands(scores[top]).min()
    pool = candidates[bands(scores[candidates]) >= floor_band]
    pool_bands = bands(scores[pool])
    order = np.lexsort((hashes[pool] ^ np.uint32(salt), exposure[pool], -pool_bands))
    chosen = order[offset: offset + limit]
    return [Ranked(int(pool[i]), float(scores[pool[i]]), int(pool_bands[i]),
                   int(exposure[pool[i]])) for i in chosen]
