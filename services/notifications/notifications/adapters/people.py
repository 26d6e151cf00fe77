"""What notifications keeps about recipients: people's preferences (never their contact details,
which stay in intake), organisations' and staff's contact details, and the titles messages name."""

from __future__ import annotations

import contextlib
from typing import Any

from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError


class MongoPreferences:
    """One document per person: channels, quiet hours, opted-out kinds ("all" for everything)."""

    def __init__(self, database: AsyncDatabase) -> None:
        self.collection = database["preferences"]

    async def get(self, seeker_id: str) -> dict[str, Any] | None:
        return await self.collection.find_one({"_id": seeker_id})

    async def put(self, seeker_id: str, preferences: dict[str, Any]) -> None:
        await self.collection.replace_one({"_id": seeker_id}, preferences, upsert=True)

    async def opt_out(self, seeker_id: str, kind: str) -> None:
        await self.collection.update_one(
            {"_id": seeker_id}, {"$addToSet": {"opted_out": kind}}, upsert=True
        )

    async def forget(self, seeker_id: str) -> None:
        await self.collection.delete_one({"_id": seeker_id})


class MongoDirectory:
    """Contacts of operators, offices, employers and partners (work addresses, not people in
    care), managed through the API."""

    def __init__(self, database: AsyncDatabase) -> None:
        self.collection = database["directory"]

    async def get(self, recipient_type: str, recipient_id: str) -> dict[str, Any] | None:
        return await self.collection.find_one({"_id": f"{recipient_type}:{recipient_id}"})

    async def put(self, recipient_type: str, recipient_id: str, contact: dict[str, Any]) -> None:
        await self.collection.replace_one(
            {"_id": f"{recipient_type}:{recipient_id}"}, contact, upsert=True
        )


class MongoCatalogue:
    """Latest titles of vacancies and programmes and the office of each person, from events,
    so a message can name them. Guarded by the aggregate version: an older event never
    overwrites a newer one."""

    def __init__(self, database: AsyncDatabase) -> None:
        self.collection = database["catalogue"]

    async def save(self, key: str, version: int, fields: dict[str, Any]) -> None:
        with contextlib.suppress(DuplicateKeyError):  # a newer version is already there
            await self.collection.update_one(
                {"_id": key, "version": {"$lt": version}},
                {"$set": {"version": version, **fields}},
                upsert=True,
            )

    async def get(self, key: str) -> dict[str, Any] | None:
        return await self.collection.find_one({"_id": key})

    async def forget(self, key: str) -> None:
        await self.collection.delete_one({"_id": key})
