"""Special-category data in its own collection, sealed with the configured keys: a dump of the
people collection holds no disability details, and this one holds nothing readable."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from bson import Binary
from event_backbone import ConcurrencyConflict
from event_backbone.outbox import write_lock
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from intake.adapters.encryption import Cipher
from intake.domain.special_category import DisabilityRecord


class MongoDisabilityRecords:
    def __init__(self, database: AsyncDatabase, cipher: Cipher) -> None:
        self.collection = database["special_category"]
        self._cipher = cipher

    async def get(self, seeker_id: str) -> tuple[DisabilityRecord, int] | None:
        document = await self.collection.find_one({"_id": seeker_id})
        if document is None:
            return None
        record = DisabilityRecord.model_validate(self._cipher.open(document["sealed"]))
        return record, int(document["version"])

    async def put(self, seeker_id: str, record: DisabilityRecord, expected_version: int) -> int:
        """Write if the stored version is `expected_version` (0: none yet); the new version."""
        sealed: dict[str, Any] = {
            "sealed": Binary(self._cipher.seal(record.model_dump(mode="json"))),
            "updated_at": datetime.now(UTC), "version": expected_version + 1}
        if expected_version == 0:
            try:
                await self.collection.insert_one({"_id": seeker_id, **sealed})
            except DuplicateKeyError:
                raise ConcurrencyConflict(seeker_id) from None
        else:
            async with write_lock():
                result = await self.collection.update_one(
                    {"_id": seeker_id, "version": expected_version}, {"$set": sealed})
            if result.matched_count == 0:
                raise ConcurrencyConflict(seeker_id)
        return expected_version + 1
