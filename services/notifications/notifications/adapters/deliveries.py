"""The delivery log: one document per (event, recipient, channel), its state moved step by step so
a restart knows exactly where a message stands."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime
from typing import Any

from pymongo import ASCENDING, DESCENDING, ReturnDocument
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

FINAL_STATES = ("sent", "delivered", "suppressed")


class MongoDeliveryLog:
    def __init__(self, database: AsyncDatabase) -> None:
        self.collection = database["deliveries"]

    async def create_indexes(self) -> None:
        await self.collection.create_index([("event_id", ASCENDING)])
        await self.collection.create_index(
            [("recipient_id", ASCENDING), ("created_at", DESCENDING)]
        )
        await self.collection.create_index([("state", ASCENDING)])

    async def open(self, delivery_id: str, **fields: Any) -> dict[str, Any]:
        """The delivery as stored, creating it as `queued` the first time it is seen."""
        now = datetime.now(UTC)
        with contextlib.suppress(DuplicateKeyError):
            await self.collection.insert_one(
                {
                    "_id": delivery_id,
                    "state": "queued",
                    "attempts": 0,
                    "errors": [],
                    "created_at": now,
                    "updated_at": now,
                    **fields,
                }
            )
        document = await self.collection.find_one({"_id": delivery_id})
        assert document is not None
        return document

    async def mark(self, delivery_id: str, state: str, **fields: Any) -> dict[str, Any] | None:
        update: dict[str, Any] = {
            "$set": {"state": state, "updated_at": datetime.now(UTC), **fields}
        }
        if state == "sending":
            update["$inc"] = {"attempts": 1}
        return await self.collection.find_one_and_update(
            {"_id": delivery_id}, update, return_document=ReturnDocument.AFTER
        )

    async def record_error(self, delivery_id: str, error: str) -> None:
        await self.collection.update_one(
            {"_id": delivery_id},
            {
                "$set": {"state": "failed", "updated_at": datetime.now(UTC)},
                "$push": {"errors": {"at": datetime.now(UTC), "error": error[:500]}},
            },
        )

    async def get(self, delivery_id: str) -> dict[str, Any] | None:
        return await self.collection.find_one({"_id": delivery_id})

    async def search(
        self, filters: dict[str, Any], limit: int, offset: int
    ) -> tuple[list[dict[str, Any]], int]:
        total = await self.collection.count_documents(filters)
        cursor = (
            self.collection.find(filters)
            .sort([("created_at", DESCENDING), ("_id", ASCENDING)])
            .skip(offset)
            .limit(limit)
        )
        return await cursor.to_list(limit), total
