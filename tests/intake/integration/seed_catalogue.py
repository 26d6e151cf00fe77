"""Imports scripts/seed_programmes.py and scripts/seed_demo.py (scripts, not a package) so tests
run the very code that seeds the demo of `scripts/platform up`."""

from __future__ import annotations

import sys
from pathlib import Path

SCRIPTS = str(Path(__file__).resolve().parents[3] / "scripts")
if SCRIPTS not in sys.path:
    sys.path.append(SCRIPTS)

import seed_demo as demo  # noqa: E402
import seed_programmes as catalogue  # noqa: E402

__all__ = ["catalogue", "demo"]
