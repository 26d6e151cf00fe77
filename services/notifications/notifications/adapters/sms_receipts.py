"""Which delivery an SMS gateway's message id stands for, and the gateway's final receipt per
message. Both are keyed by the gateway's id (`_id`), so a receipt finds its message with one
lookup however long the log grows, and a receipt is stored once: a unique insert decides which
of two concurrent receipts is the gateway's word (FerretDB does not isolate updates)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError


class MongoSmsReceipts:
    def __init__(self, database: AsyncDatabase) -> None:
        self.messages = database["sms_messages"]
        self.receipts = database["sms_receipts"]

    async def remember(self, gateway_id: str, delivery_id: str) -> None:
        """Idempotent: a resend the gateway recognises answers the same id."""
        await self.messages.update_one(
            {"_id": gateway_id},
            {"$setOnInsert": {"delivery_id": delivery_id, "at": datetime.now(UTC)}},
            upsert=True,
        )

    async def delivery_for(self, gateway_id: str) -> str | None:
        found = await self.messages.find_one({"_id": gateway_id})
        return found["delivery_id"] if found else None

    async def store(self, gateway_id: str, delivery_id: str,
                    receipt: dict[str, Any]) -> dict[str, Any]:
        """The receipt stored for this message: this one, or the one that came first."""
        document = {"_id": gateway_id, "delivery_id": delivery_id, **receipt,
                    "received_at": datetime.now(UTC)}
        try:
            await self.receipts.insert_one(document)
        except DuplicateKeyError:
            stored = await self.receipts.find_one({"_id": gateway_id})
            return stored or document
        return document

    async def find(self, gateway_id: str) -> dict[str, Any] | None:
        return await self.receipts.find_one({"_id": gateway_id})
