"""Erasure requests and intake's own part of an erasure: the person's record, special-category data,
pacts and appointments are deleted; a statistical remainder without identity is kept."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime
from typing import Any

from event_backbone.erasure import confirm_erasure
from event_backbone.outbox import OUTBOX_FIELD, envelopes, insert_with_events
from pymongo import ReturnDocument
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from intake.contracts import SEEKER_ERASED, SOURCE, SeekerErased
from intake.domain.erasure import erasure_id_for, is_complete, statistical_remainder

PERSONAL_COLLECTIONS = {"special_category": "_id", "pacts": "seeker_id",
                        "appointments": "seeker_id", "referrals": "seeker_id"}


class MongoErasures:
    def __init__(self, database: AsyncDatabase) -> None:
        self.database = database
        self.collection = database["erasures"]
        self.confirmations = database["erasure_confirmations"]

    async def request(self, seeker_id: str, requested_by: str) -> dict[str, Any] | None:
        """Start (or find) the erasure of a person; None if intake does not know the person."""
        erasure_id = erasure_id_for(seeker_id)
        existing = await self.get(erasure_id)
        if existing is not None:
            await self._erase_locally(existing)  # finish a request a crash left half-done
            return await self.get(erasure_id)
        person = await self.database["seekers"].find_one({"_id": seeker_id}, {OUTBOX_FIELD: 0})
        if person is None:
            return None
        now = datetime.now(UTC)
        event = SeekerErased(seeker_id=seeker_id, erasure_id=erasure_id, requested_at=now)
        events = envelopes(source=SOURCE, subject=seeker_id,
                           first_version=int(person.get("version", 0)) + 1,
                           events=[(SEEKER_ERASED, event)])
        document = {"_id": erasure_id, "seeker_id": seeker_id, "status": "in_progress",
                    "requested_by": requested_by, "requested_at": now, "confirmations": {},
                    "remainder": statistical_remainder(person)}
        with contextlib.suppress(DuplicateKeyError):  # a concurrent request got there first
            await insert_with_events(self.collection, document, events)
        stored = await self.get(erasure_id)
        assert stored is not None
        await self._erase_locally(stored)
        return await self.get(erasure_id)

    async def _erase_locally(self, erasure: dict[str, Any]) -> None:
        seeker_id = erasure["seeker_id"]
        removed = {"seekers": (await self.database["seekers"].delete_one(
            {"_id": seeker_id})).deleted_count}
        appointments = await self.database["appointments"].find(
            {"seeker_id": seeker_id}, {"_id": 1}).to_list(None)
        slots = await self.database["appointment_slots"].delete_many(  # theirs and the operator's
            {"appointment_id": {"$in": [a["_id"] for a in appointments]}})
        removed["appointment_slots"] = slots.deleted_count
        for name, field in PERSONAL_COLLECTIONS.items():
            result = await self.database[name].delete_many({field: seeker_id})
            removed[name] = result.deleted_count
        await confirm_erasure(self.confirmations, erasure_id=erasure["_id"], service="intake",
                              removed=removed)

    async def confirmed(self, erasure_id: str, service: str, removed: dict[str, int],
                        at: datetime) -> None:
        """A service confirmed; the request is complete once every service has."""
        updated = await self.collection.find_one_and_update(
            {"_id": erasure_id},
            {"$set": {f"confirmations.{service}": {"at": at, "removed": removed}}},
            return_document=ReturnDocument.AFTER,
        )
        if updated is not None and is_complete(updated["confirmations"]):
            await self.collection.update_one(
                {"_id": erasure_id, "status": "in_progress"},
                {"$set": {"status": "complete", "completed_at": datetime.now(UTC)}})

    async def get(self, erasure_id: str) -> dict[str, Any] | None:
        return await self.collection.find_one({"_id": erasure_id}, {OUTBOX_FIELD: 0})
