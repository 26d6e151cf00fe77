"""The matches matching proposed: one document per (vacancy, person), created with its event."""

from __future__ import annotations

from typing import Any

from event_backbone.outbox import envelopes, insert_with_events
from pymongo import ASCENDING, DESCENDING
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from matching.contracts import MATCH_PROPOSED, SOURCE, MatchProposed


class MongoMatchRepository:
    def __init__(self, database: AsyncDatabase) -> None:
        self.collection = database["matches"]

    async def create_indexes(self) -> None:
        await self.collection.create_index([("vacancy_id", ASCENDING), ("score", DESCENDING)])
        await self.collection.create_index([("seeker_id", ASCENDING), ("score", DESCENDING)])

    async def propose(self, proposal: MatchProposed, breakdown: dict[str, float]) -> bool:
        """Record a proposal and its event once; False if this match was already proposed."""
        document = {
            "_id": proposal.match_id,
            "version": 1,
            "status": "proposed",
            "breakdown": breakdown,
            **proposal.model_dump(exclude={"match_id"}),
        }
        events = envelopes(
            source=SOURCE, subject=proposal.match_id, first_version=1,
            events=[(MATCH_PROPOSED, proposal)],
        )
        try:
            await insert_with_events(self.collection, document, events)
        except DuplicateKeyError:
            return False
        return True

    async def exposure(self, field: str) -> dict[str, int]:
        """How often each person (or employer) was proposed: one accumulator per $group."""
        rows = await (await self.collection.aggregate(
            [{"$group": {"_id": f"${field}", "n": {"$sum": 1}}}])).to_list(None)
        return {row["_id"]: int(row["n"]) for row in rows if row["_id"]}

    async def forget(self, seeker_id: str, _token: str) -> None:
        """Erasure: proposals are about a person, so they go entirely."""
        await self.collection.delete_many({"seeker_id": seeker_id})

    async def get(self, match_id: str) -> dict[str, Any] | None:
        return await self.collection.find_one({"_id": match_id}, {"outbox": 0})

    async def search(
        self, filters: dict[str, str], limit: int, offset: int
    ) -> tuple[list[dict[str, Any]], int]:
        total = await self.collection.count_documents(filters)
        cursor = (
            self.collection.find(filters, {"outbox": 0})
            .sort([("score", DESCENDING), ("_id", ASCENDING)])
            .skip(offset)
            .limit(limit)
        )
        return await cursor.to_list(limit), total
