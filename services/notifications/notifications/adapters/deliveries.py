"""The delivery log: one document per (event, recipient, channel), which is also the send queue.

A sender claims a due message with a lease (find_one_and_update, one document, atomic), so two
workers never hold the same one; a worker that dies leaves a lease that simply runs out. The
state is recorded before and after each send so a restart knows where a message stands."""

from __future__ import annotations

import contextlib
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from pymongo import ASCENDING, DESCENDING, ReturnDocument
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

FINAL_STATES = ("sent", "delivered", "suppressed", "failed")
WAITING_STATES = ("scheduled", "queued")
CLAIMABLE = ("scheduled", "queued", "sending")  # sending: only once its lease has run out


def now() -> datetime:
    return datetime.now(UTC)


class MongoDeliveryLog:
    def __init__(self, database: AsyncDatabase) -> None:
        self.collection = database["deliveries"]

    async def create_indexes(self) -> None:
        await self.collection.create_index([("channel", ASCENDING), ("due_at", ASCENDING)])
        await self.collection.create_index([("event_id", ASCENDING)])
        await self.collection.create_index(
            [("recipient_id", ASCENDING), ("created_at", DESCENDING)]
        )
        await self.collection.create_index([("group", ASCENDING)])
        await self.collection.create_index([("state", ASCENDING)])

    async def add(self, delivery_id: str, due_at: datetime | None, **fields: Any) -> bool:
        """Store a message once (a redelivered event finds it there); True if it is new."""
        moment = now()
        due = due_at or moment
        document = {
            "_id": delivery_id, "state": "scheduled" if due > moment else "queued",
            "attempts": 0, "errors": [], "due_at": due, "lease_until": moment,
            "lease_owner": None, "created_at": moment, "updated_at": moment, **fields,
        }
        try:
            await self.collection.insert_one(document)
        except DuplicateKeyError:
            return False
        return True

    async def claim(self, channel: str, lease_seconds: float) -> dict[str, Any] | None:
        """The next due message of `channel`, leased to this caller (its `lease_owner`)."""
        moment = now()
        return await self.collection.find_one_and_update(
            {"channel": channel, "state": {"$in": list(CLAIMABLE)},
             "due_at": {"$lte": moment}, "lease_until": {"$lte": moment}},
            {"$set": {"lease_until": moment + timedelta(seconds=lease_seconds),
                      "lease_owner": uuid.uuid4().hex, "updated_at": moment}},
            sort=[("due_at", ASCENDING)],
            return_document=ReturnDocument.AFTER,
        )

    async def _settle(self, held: dict[str, Any], update: dict[str, Any]) -> bool:
        """Apply `update` only while the caller still holds the lease it was given."""
        update.setdefault("$set", {})["updated_at"] = now()
        result = await self.collection.update_one(
            {"_id": held["_id"], "lease_owner": held["lease_owner"]}, update
        )
        return result.modified_count == 1

    async def start_sending(self, held: dict[str, Any], **fields: Any) -> bool:
        return await self._settle(
            held, {"$set": {"state": "sending", **fields}, "$inc": {"attempts": 1}}
        )

    async def finish(self, held: dict[str, Any], state: str, **fields: Any) -> bool:
        return await self._settle(held, {"$set": {"state": state, "lease_owner": None, **fields}})

    async def defer(self, held: dict[str, Any], until: datetime, reason: str) -> bool:
        """Wait (quiet hours, an endpoint asking to slow down) without counting an attempt."""
        return await self._settle(held, {"$set": {
            "state": "scheduled", "due_at": until, "lease_until": now(), "lease_owner": None,
            "reason": reason}})

    async def retry_later(self, held: dict[str, Any], error: str, at: datetime | None) -> bool:
        """Record the failure; come back at `at`, or give up (failed) when it is None."""
        state = {"state": "queued", "due_at": at} if at else {"state": "failed"}
        return await self._settle(held, {
            "$set": {**state, "lease_until": now(), "lease_owner": None},
            "$push": {"errors": {"at": now(), "error": error[:500]}},
        })

    async def supersede(self, group: str, keep_event_id: str, reason: str) -> int:
        """Waiting messages of `group` planned by earlier events are dropped (a moved or
        cancelled appointment's reminders); the current event's own are kept."""
        result = await self.collection.update_many(
            {"group": group, "event_id": {"$ne": keep_event_id},
             "state": {"$in": list(WAITING_STATES)}},
            {"$set": {"state": "suppressed", "reason": reason, "updated_at": now()}},
        )
        return result.modified_count

    async def suppress_waiting(self, filters: dict[str, Any], reason: str) -> int:
        result = await self.collection.update_many(
            {**filters, "state": {"$in": list(WAITING_STATES)}},
            {"$set": {"state": "suppressed", "reason": reason, "updated_at": now()}},
        )
        return result.modified_count

    async def add_to_digest(self, delivery_id: str, due_at: datetime, item: dict[str, Any],
                            **fields: Any) -> None:
        """A daily digest is one scheduled message collecting items until it is due."""
        moment = now()
        with contextlib.suppress(DuplicateKeyError):
            await self.collection.update_one(
                {"_id": delivery_id},
                {"$setOnInsert": {
                    "state": "scheduled", "attempts": 0, "errors": [], "due_at": due_at,
                    "lease_until": moment, "lease_owner": None, "created_at": moment,
                    "updated_at": moment, **fields},
                 "$addToSet": {"items": item}},
                upsert=True,
            )

    async def redeliver(self, delivery_id: str) -> dict[str, Any] | None:
        """Queue a settled message again (manual redelivery); its id, hence webhook-id and
        Message-ID, stay the same so receivers can recognise it."""
        return await self.collection.find_one_and_update(
            {"_id": delivery_id, "state": {"$in": ["failed", "sent", "delivered"]}},
            {"$set": {"state": "queued", "due_at": now(), "lease_until": now(),
                      "lease_owner": None, "updated_at": now()}},
            return_document=ReturnDocument.AFTER,
        )

    async def get(self, delivery_id: str) -> dict[str, Any] | None:
        return await self.collection.find_one({"_id": delivery_id})

    async def search(
        self, filters: dict[str, Any], limit: int, offset: int
    ) -> tuple[list[dict[str, Any]], int]:
        total = await self.collection.count_documents(filters)
        cursor = (
            self.collection.find(filters, {"payload": 0, "items": 0})
            .sort([("created_at", DESCENDING), ("_id", ASCENDING)])
            .skip(offset)
            .limit(limit)
        )
        return await cursor.to_list(limit), total
