"""ISTAT municipality codes: residence and workplaces must name a real municipality."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Municipality:
    istat_code: str
    name: str
    province_code: str
    region: str


class Municipalities:
    def __init__(self, rows: dict[str, Municipality]) -> None:
        self._rows = rows

    def get(self, istat_code: str) -> Municipality | None:
        return self._rows.get(istat_code)

    def has_province(self, abbreviation: str) -> bool:
        return any(row.province_code == abbreviation for row in self._rows.values())

    def __len__(self) -> int:
        return len(self._rows)
