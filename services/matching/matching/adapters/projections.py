"""Matching's read model of intake's aggregates, in its own database.

Each document keeps one version per field group (a full profile, a labour status, an open/closed
status): an event changes a group only if its aggregate version is newer than that group's, so an
event applied twice or late changes nothing. Erasure replaces the document with a tombstone that
no later (replayed) event can bring back."""

from __future__ import annotations

from typing import Any

from event_backbone import Envelope
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

PROJECTIONS = ("seekers", "vacancies", "programmes", "pacts", "partnerships",
               "partner_referrals")


class MongoProjection:
    def __init__(self, database: AsyncDatabase, name: str) -> None:
        self.collection = database[name]

    async def apply(self, envelope: Envelope, key: str, groups: dict[str, dict[str, Any]]) -> bool:
        """Store each group of fields at the event's version; True if anything changed."""
        changed = False
        version = envelope.aggregateversion
        for group, fields in groups.items():
            stamp = f"{group}_version"
            query = {
                "_id": key,
                "erased": {"$ne": True},
                "$or": [{stamp: {"$lt": version}}, {stamp: {"$exists": False}}],
            }
            try:
                result = await self.collection.update_one(
                    query, {"$set": {**fields, stamp: version}}, upsert=True
                )
            except DuplicateKeyError:
                continue  # the group is at this version or a newer one, or the person was erased
            changed |= result.modified_count == 1 or result.upserted_id is not None
        return changed

    async def erase(self, key: str, version: int) -> None:
        """Irreversibly drop everything but the fact of erasure."""
        await self.collection.replace_one(
            {"_id": key}, {"erased": True, "erased_version": version}, upsert=True
        )

    async def get(self, key: str) -> dict[str, Any] | None:
        return await self.collection.find_one({"_id": key})

    async def all(self) -> list[dict[str, Any]]:
        return await self.collection.find({"erased": {"$ne": True}}).to_list(None)


class ReadModel:
    """The projections of one matching database."""

    def __init__(self, database: AsyncDatabase) -> None:
        self.database = database
        self.seekers = MongoProjection(database, "seekers")
        self.vacancies = MongoProjection(database, "vacancies")
        self.programmes = MongoProjection(database, "programmes")
        self.pacts = MongoProjection(database, "pacts")
        self.partnerships = MongoProjection(database, "partnerships")
        self.partner_referrals = MongoProjection(database, "partner_referrals")

    async def create_indexes(self) -> None:
        await self.pacts.collection.create_index("seeker_id")
        await self.partner_referrals.collection.create_index("seeker_id")

    async def plan_of(self, seeker_id: str) -> list[dict[str, Any]]:
        pacts = await self.pacts.collection.find({"seeker_id": seeker_id}).to_list(None)
        return [action for pact in pacts for action in pact.get("plan", [])]

    async def drop(self) -> None:
        for name in PROJECTIONS:
            await self.database.drop_collection(name)

    async def snapshot(self) -> dict[str, list[dict[str, Any]]]:
        """Every projection document, sorted: what a rebuild must reproduce exactly."""
        return {
            name: await self.database[name].find({}).sort("_id", 1).to_list(None)
            for name in PROJECTIONS
        }
