"""Loads the committed reference data (reference/ at the repository root, or
REIMPIEGO_REFERENCE_DIR)."""

from __future__ import annotations

import csv
import os
from pathlib import Path

from intake.domain.municipalities import Municipalities, Municipality


def reference_dir() -> Path:
    configured = os.environ.get("REIMPIEGO_REFERENCE_DIR")
    return Path(configured) if configured else Path(__file__).resolve().parents[4] / "reference"


def load_municipalities(path: Path | None = None) -> Municipalities:
    path = path or reference_dir() / "comuni.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return Municipalities(
            {
                row["istat_code"]: Municipality(
                    row["istat_code"], row["name"], row["province_code"], row["region"]
                )
                for row in csv.DictReader(handle)
            }
        )
