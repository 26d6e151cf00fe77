"""Loads scripts/seed_programmes.py (a script, not a package) so tests run the very code that
seeds the demo."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

PATH = Path(__file__).resolve().parents[3] / "scripts" / "seed_programmes.py"


def load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("seed_programmes", PATH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


catalogue = load()
