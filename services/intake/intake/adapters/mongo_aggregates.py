"""One MongoDB collection per aggregate type. Each document carries its own outbox, so a state
change and its events are one single-document write; `version` guards against lost updates."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Generic, TypeVar

from event_backbone import ConcurrencyConflict
from event_backbone.outbox import (
    OUTBOX_FIELD,
    envelopes,
    insert_with_events,
    update_with_events,
)
from pymongo import ASCENDING, DESCENDING
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError

from intake.contracts import SOURCE
from intake.domain.aggregate import Aggregate

A = TypeVar("A", bound=Aggregate)
CLAIM_GRACE = timedelta(seconds=30)  # a younger claim may belong to a write still in flight
SETTLE_POLLS = 100  # every 20 ms: about two seconds


@dataclass(frozen=True)
class ListQuery:
    """A page of a filtered, sorted list. `sort` is a field name, '-' first for descending."""

    filters: dict[str, Any]
    sort: str
    page: int
    per_page: int


class AlreadyExists(Exception):
    """The id is taken: a create replayed with the same Idempotency-Key finds its first result."""


class MongoAggregates(Generic[A]):
    def __init__(self, database: AsyncDatabase, name: str, model: type[A]) -> None:
        self.collection: AsyncCollection = database[name]
        self.claims: AsyncCollection = database[f"{name}_version_claims"]
        self.model = model

    async def create_indexes(self, *fields: str, unique: tuple[str, ...] = ()) -> None:
        for name in fields:
            await self.collection.create_index([(name, ASCENDING)])
        for name in unique:
            await self.collection.create_index([(name, ASCENDING)], unique=True)

    async def add(self, aggregate: A) -> None:
        """Insert with its first events; raises AlreadyExists if the id is taken."""
        events = envelopes(source=SOURCE, subject=aggregate.id, first_version=aggregate.version,
                           events=aggregate.pending_events)
        try:
            await insert_with_events(self.collection, self._document(aggregate), events)
        except DuplicateKeyError as error:
            if await self.collection.find_one({"_id": aggregate.id}, {"_id": 1}):
                raise AlreadyExists(aggregate.id) from None
            raise error

    async def save(self, aggregate: A, expected_version: int) -> A:
        """Write the changed aggregate if nobody else changed it (ConcurrencyConflict otherwise)."""
        events = envelopes(source=SOURCE, subject=aggregate.id, first_version=expected_version + 1,
                           events=aggregate.pending_events)
        changes = self._document(aggregate)
        changes.pop("_id")
        changes.pop("version")
        await self._settle(aggregate.id)
        claim = await self._claim_version(aggregate.id, expected_version)
        try:
            await update_with_events(self.collection, aggregate.id, expected_version, changes,
                                     events)
        except BaseException:
            await self.claims.delete_one({"_id": claim})
            raise
        await self.claims.delete_one({"_id": f"{aggregate.id}@{expected_version}"})
        return aggregate.evolve(version=expected_version + 1)

    async def _settle(self, aggregate_id: str) -> None:
        """Let the relay finish with this aggregate's pending events before writing again.

        FerretDB does not isolate concurrent updates of one document: the relay's removal of
        sent entries, overlapping this write, could write back the document it read and undo
        it. The relay is nudged by the previous write and is usually done in milliseconds; if it
        is not running (broker down), the write goes ahead after about two seconds.
        """
        for _ in range(SETTLE_POLLS):  # by _id alone: the one lookup FerretDB does by index
            document = await self.collection.find_one({"_id": aggregate_id}, {OUTBOX_FIELD: 1})
            if not document or not document.get(OUTBOX_FIELD):
                return
            await asyncio.sleep(0.02)

    async def _claim_version(self, aggregate_id: str, expected_version: int) -> str:
        """Let exactly one writer move an aggregate from version n to n+1.

        FerretDB 1.24 (SQLite) evaluates an update's filter and applies its change without
        isolation (FerretDB issue #3040), so two concurrent `version == n` updates can both
        succeed and one is lost. An insert with a unique `_id` is atomic there: the writer that
        inserts `<id>@<n+1>` first is the only one allowed to write version n+1. A claim left by
        a writer that crashed before its update is taken over once it is older than CLAIM_GRACE.
        """
        claim_id = f"{aggregate_id}@{expected_version + 1}"
        for _ in range(2):
            now = datetime.now(UTC)
            try:
                await self.claims.insert_one({"_id": claim_id, "claimed_at": now})
                return claim_id
            except DuplicateKeyError:
                holder = await self.claims.find_one({"_id": claim_id})
            if holder is None:
                continue  # released meanwhile
            current = await self.collection.find_one({"_id": aggregate_id}, {"version": 1})
            abandoned = now - holder["claimed_at"] > CLAIM_GRACE
            if not abandoned or current is None or current.get("version") != expected_version:
                break
            await self.claims.delete_one({"_id": claim_id, "claimed_at": holder["claimed_at"]})
        raise ConcurrencyConflict(aggregate_id)

    async def get(self, aggregate_id: str) -> A | None:
        document = await self.collection.find_one({"_id": aggregate_id}, {"outbox": 0})
        return self._aggregate(document) if document else None

    async def get_many(self, ids: list[str]) -> list[A]:
        documents = await self.collection.find({"_id": {"$in": ids}}, {"outbox": 0}).to_list(None)
        return [self._aggregate(d) for d in documents]

    async def exists(self, aggregate_id: str) -> bool:
        return await self.collection.find_one({"_id": aggregate_id}, {"_id": 1}) is not None

    async def list(self, query: ListQuery) -> tuple[list[A], int]:
        direction = DESCENDING if query.sort.startswith("-") else ASCENDING
        field = query.sort.lstrip("-")
        cursor = (
            self.collection.find(query.filters, {"outbox": 0})
            .sort([(field, direction), ("_id", ASCENDING)])
            .skip((query.page - 1) * query.per_page)
            .limit(query.per_page)
        )
        documents = await cursor.to_list(None)
        total = await self.collection.count_documents(query.filters)
        return [self._aggregate(d) for d in documents], total

    def _document(self, aggregate: A) -> dict[str, Any]:
        document = aggregate.model_dump(mode="json")
        document["_id"] = document.pop("id")
        return document

    def _aggregate(self, document: dict[str, Any]) -> A:
        return self.model.model_validate({**document, "id": document["_id"]})
