"""Placements (hired: contract, start, employer, through which programme or referral) with their
3/6/12-month follow-ups; each created with its event in one write."""

from __future__ import annotations

import contextlib
from datetime import UTC, date, datetime
from typing import Any

from event_backbone.outbox import envelopes, insert_with_events
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from matching.contracts import PLACEMENT_RECORDED, SOURCE, PlacementRecorded


class MongoPlacements:
    def __init__(self, database: AsyncDatabase) -> None:
        self.placements = database["placements"]

    async def create_indexes(self) -> None:
        await self.placements.create_index("seeker_id")

    async def record(self, key: str, fields: dict[str, Any], snapshot: dict[str, Any]
                     ) -> dict[str, Any]:
        """`snapshot`: the person's territory, groups and partner when hired (kept on erasure)."""
        event = PlacementRecorded(placement_id=key, recorded_at=datetime.now(UTC), **fields)
        document = {"_id": key, **event.model_dump(mode="json", exclude={"placement_id"}),
                    "snapshot": snapshot, "follow_ups": {}, "version": 1}
        with contextlib.suppress(DuplicateKeyError):  # a retried request: the first one stands
            await insert_with_events(self.placements, document, envelopes(
                source=SOURCE, subject=key, first_version=1,
                events=[(PLACEMENT_RECORDED, event)]))
        return await self.get(key)  # type: ignore[return-value]

    async def get(self, key: str) -> dict[str, Any] | None:
        return await self.placements.find_one({"_id": key}, {"outbox": 0})

    async def follow_up(self, key: str, months: int, employed: bool, on: date) -> None:
        await self.placements.update_one({"_id": key}, {"$set": {
            f"follow_ups.{months}": {"employed": employed, "on": on.isoformat()}}})

    async def all(self) -> list[dict[str, Any]]:
        return await self.placements.find({}, {"outbox": 0}).to_list(None)

    async def anonymise(self, seeker_id: str, token: str) -> None:
        await self.placements.update_many({"seeker_id": seeker_id},
                                          {"$set": {"seeker_id": token, "erased": True}})
