"""People in care in MongoDB: one document per person with its outbox; the tax code is unique, so a
second registration (or a concurrent import row) cannot make a duplicate."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from event_backbone.outbox import (
    OUTBOX_FIELD,
    bulk_write_in_chunks,
    envelopes,
    note_pending,
    outbox_entries,
    write_lock,
)
from pymongo import ASCENDING, InsertOne, UpdateOne
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from intake.adapters.mongo_aggregates import AlreadyExists, MongoAggregates
from intake.contracts import SOURCE
from intake.domain.errors import AlreadyRegistered
from intake.domain.seekers import Seeker

INDEXED = ("municipality", "province", "target_groups", "labour_status.kind", "occupation",
           "desired_occupations", "office_id", "registered_at", "family_name",
           "target_groups_review_on")
REVIEW_BATCH = 500


class MongoSeekers(MongoAggregates[Seeker]):
    def __init__(self, database: AsyncDatabase) -> None:
        super().__init__(database, "seekers", Seeker)

    async def create_indexes(self) -> None:  # type: ignore[override]
        await super().create_indexes(*INDEXED, unique=("tax_code",))

    async def add(self, aggregate: Seeker) -> None:
        """Insert a new person; AlreadyRegistered names the person holding the tax code."""
        try:
            await super().add(aggregate)
        except DuplicateKeyError:
            raise AlreadyRegistered(await self._holder(aggregate.tax_code)) from None

    async def _holder(self, tax_code: str) -> str:
        existing = await self.collection.find_one({"tax_code": tax_code}, {"_id": 1})
        if existing is None:  # erased in between: let the caller retry
            raise AlreadyExists(tax_code)
        return str(existing["_id"])

    async def by_tax_codes(self, tax_codes: Sequence[str]) -> dict[str, Seeker]:
        documents = await self.collection.find(
            {"tax_code": {"$in": list(tax_codes)}}, {OUTBOX_FIELD: 0}).to_list(None)
        return {d["tax_code"]: self._aggregate(d) for d in documents}

    async def due_for_group_review(self, today: date) -> list[Seeker]:
        """People whose age-derived groups may have changed by `today` (or were never dated)."""
        documents = await self.collection.find(
            {"$or": [{"target_groups_review_on": {"$lte": today.isoformat()}},
                     {"target_groups_review_on": {"$exists": False}}]},
            {OUTBOX_FIELD: 0}).limit(REVIEW_BATCH).to_list(None)
        return [self._aggregate(d) for d in documents]

    async def find_page(self, filters: dict[str, Any], sort: str, skip: int, limit: int,
                        fields: Sequence[str] | None) -> tuple[list[dict[str, Any]], int]:
        """Raw documents (projected to `fields` when given) and the total matching."""
        projection: dict[str, Any] = {f: 1 for f in fields} if fields else {OUTBOX_FIELD: 0}
        direction = -1 if sort.startswith("-") else 1
        cursor = (self.collection.find(filters, projection)
                  .sort([(sort.lstrip("-"), direction), ("_id", ASCENDING)])
                  .skip(skip).limit(limit))
        documents = await cursor.to_list(None)
        return documents, await self.collection.count_documents(filters)

    async def write_batch(self, created: Sequence[Seeker],
                          updated: Sequence[tuple[Seeker, int]]) -> set[str]:
        """Insert and update many people in one round trip, each with its events in the same
        document write. Returns the ids that could not be written (taken tax code, changed
        concurrently); every other write happened."""
        operations: list[InsertOne[Any] | UpdateOne] = [
            InsertOne(self._with_outbox(seeker, seeker.version)) for seeker in created]
        for seeker, expected in updated:
            document = self._with_outbox(seeker, expected + 1)
            entries = document.pop(OUTBOX_FIELD)
            document.pop("_id")
            document["version"] = expected + 1
            operations.append(UpdateOne({"_id": seeker.id, "version": expected},
                                        {"$set": document,
                                         "$push": {OUTBOX_FIELD: {"$each": entries}}}))
        if not operations:
            return set()
        ids = [s.id for s in created] + [s.id for s, _ in updated]
        failed = await self._bulk(operations, ids, len(created))
        note_pending(self.collection, set(ids) - failed)
        return failed

    async def _bulk(self, operations: list[Any], ids: list[str], inserts: int) -> set[str]:
        if inserts == len(operations):  # inserts cannot clobber a concurrent write
            matched, errors = await bulk_write_in_chunks(self.collection, operations)
        else:
            async with write_lock():  # FerretDB updates are read-then-write: see write_lock
                matched, errors = await bulk_write_in_chunks(self.collection, operations)
        failed = {ids[index] for index in errors}
        updates = [(i, op) for i, op in zip(ids[inserts:], operations[inserts:], strict=True)
                   if i not in failed]
        if matched < len(updates):
            failed |= await self._unapplied(updates)
        return failed

    async def _unapplied(self, updates: list[tuple[str, UpdateOne]]) -> set[str]:
        """Updates whose version guard did not match: the stored record is not the one written
        (each batch stamps its own `updated_at`)."""
        wanted = {i: op._doc["$set"]["updated_at"] for i, op in updates}
        stored = await self.collection.find(
            {"_id": {"$in": list(wanted)}}, {"updated_at": 1}).to_list(None)
        applied = {d["_id"] for d in stored if d["updated_at"] == wanted[d["_id"]]}
        return set(wanted) - applied

    def _with_outbox(self, seeker: Seeker, first_version: int) -> dict[str, Any]:
        events = envelopes(source=SOURCE, subject=seeker.id, first_version=first_version,
                           events=seeker.pending_events)
        return {**self._document(seeker), OUTBOX_FIELD: outbox_entries(events)}

    async def save(self, aggregate: Seeker, expected_version: int) -> Seeker:
        """As for every aggregate, plus: a changed tax code must still be nobody else's."""
        try:
            return await super().save(aggregate, expected_version)
        except DuplicateKeyError:
            raise AlreadyRegistered(await self._holder(aggregate.tax_code)) from None
