"""Matching's own database: projections of intake's aggregates and the matches it proposes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from event_backbone import Envelope
from event_backbone.outbox import envelopes, insert_with_events
from pymongo import ASCENDING, DESCENDING
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from matching.contracts import MATCH_PROPOSED, SOURCE, MatchProposed


class MongoProjection:
    """A read model of one intake aggregate type; applying an event twice or late changes nothing."""

    def __init__(self, database: AsyncDatabase, name: str) -> None:
        self.collection = database[name]

    async def apply(self, envelope: Envelope, fields: dict[str, Any]) -> bool:
        """Store `fields` at the event's aggregate version; False if that version (or a newer
        one) is already there."""
        try:
            result = await self.collection.update_one(
                {"_id": envelope.subject, "version": {"$lt": envelope.aggregateversion}},
                {"$set": {**fields, "version": envelope.aggregateversion}},
                upsert=True,
            )
        except DuplicateKeyError:
            return False  # the document exists at this version or a newer one
        return result.modified_count == 1 or result.upserted_id is not None

    def all(self) -> AsyncIterator[dict[str, Any]]:
        return self.collection.find({})


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
            source=SOURCE,
            subject=proposal.match_id,
            first_version=1,
            events=[(MATCH_PROPOSED, proposal)],
        )
        try:
            await insert_with_events(self.collection, document, events)
        except DuplicateKeyError:
            return False
        return True

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
