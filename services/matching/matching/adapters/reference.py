"""Loads the committed reference data (reference/ at the repository root, or
REIMPIEGO_REFERENCE_DIR)."""

from __future__ import annotations

import csv
import os
from functools import cache
from pathlib import Path

from matching.domain.territory import Place, Territory


def reference_dir() -> Path:
    configured = os.environ.get("REIMPIEGO_REFERENCE_DIR")
    return Path(configured) if configured else Path(__file__).resolve().parents[4] / "reference"


@cache
def load_territory(path: Path | None = None) -> Territory:
    path = path or reference_dir() / "comuni.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return Territory(
            {
                row["istat_code"]: Place(
                    row["istat_code"], row["name"], row["province_code"],
                    int(row["region_code"]), float(row["lat"]), float(row["lon"]),
                )
                for row in csv.DictReader(handle)
            }
        )
