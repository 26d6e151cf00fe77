"""Retention: people whose case closed longer ago than the configured period are erased by a
scheduled job, through the same erasure protocol as a person's own request."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pymongo.asynchronous.database import AsyncDatabase

from intake.adapters.mongo_erasures import MongoErasures

REQUESTER = "retention-job"


async def erase_expired_cases(database: AsyncDatabase, erasures: MongoErasures,
                              cutoff: datetime) -> list[str]:
    """Erase everyone whose pact closed before `cutoff` and who has no open pact since."""
    # FerretDB has no $elemMatch on fields, and the history keeps times as ISO text: filter here.
    closed = await database["pacts"].find(
        {"status": "closed"}, {"seeker_id": 1, "status_history": 1}).to_list(None)
    expired = {pact["seeker_id"] for pact in closed if _closed_at(pact) < cutoff}
    erased = []
    for seeker_id in sorted(expired):
        if await database["pacts"].find_one({"open_for": seeker_id}, {"_id": 1}):
            continue  # in care again
        if await erasures.request(seeker_id, REQUESTER) is not None:
            erased.append(seeker_id)
    return erased


def _closed_at(pact: dict[str, Any]) -> datetime:
    closings = [entry["at"] for entry in pact.get("status_history", [])
                if entry.get("status") == "closed"]
    if not closings:
        return datetime.max.replace(tzinfo=UTC)
    last = closings[-1]
    moment = last if isinstance(last, datetime) else datetime.fromisoformat(str(last))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
