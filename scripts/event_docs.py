"""Write every producer's event JSON Schemas and the AsyncAPI document to docs/events/.

Run `.venv/bin/python scripts/event_docs.py` after changing a contract; a test fails on drift.
"""

from __future__ import annotations

import sys
from pathlib import Path

from event_backbone.contracts import EventContract, write_documents

DOCS = Path(__file__).resolve().parents[1] / "docs" / "events"
TITLE = "reimpiego events"


def all_contracts() -> list[EventContract]:
    from intake.contracts import CONTRACTS as INTAKE
    from matching.contracts import CONTRACTS as MATCHING

    return [*INTAKE, *MATCHING]


if __name__ == "__main__":
    for path in write_documents(all_contracts(), DOCS, TITLE):
        sys.stdout.write(f"{path.relative_to(DOCS.parents[1])}\n")
