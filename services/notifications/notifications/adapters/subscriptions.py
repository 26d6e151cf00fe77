"""Webhook subscriptions of downstream organisations."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pymongo import ASCENDING, ReturnDocument
from pymongo.asynchronous.database import AsyncDatabase


class MongoSubscriptions:
    def __init__(self, database: AsyncDatabase) -> None:
        self.collection = database["subscriptions"]

    async def create_indexes(self) -> None:
        await self.collection.create_index([("event_types", ASCENDING)])
        await self.collection.create_index([("organisation_id", ASCENDING)])

    async def add(self, subscription: dict[str, Any]) -> None:
        await self.collection.insert_one(subscription)

    async def get(self, subscription_id: str) -> dict[str, Any] | None:
        return await self.collection.find_one({"_id": subscription_id})

    async def search(self, filters: dict[str, Any]) -> list[dict[str, Any]]:
        return await self.collection.find(filters).sort("created_at", ASCENDING).to_list(500)

    async def for_event(self, event_type: str) -> list[dict[str, Any]]:
        return await self.collection.find(
            {"event_types": event_type, "enabled": True}
        ).to_list(1000)

    async def update(self, subscription_id: str, fields: dict[str, Any]) -> dict[str, Any] | None:
        return await self.collection.find_one_and_update(
            {"_id": subscription_id},
            {"$set": {**fields, "updated_at": datetime.now(UTC)}},
            return_document=ReturnDocument.AFTER,
        )

    async def delete(self, subscription_id: str) -> bool:
        return (await self.collection.delete_one({"_id": subscription_id})).deleted_count == 1
