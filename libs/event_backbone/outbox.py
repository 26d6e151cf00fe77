"""Transactional outbox without multi-document transactions.

Each aggregate document carries its own `outbox` array: the state change and the events it causes
are one single-document write, so either both happen or neither does. The relay publishes pending
entries with an idempotent producer, waits for the broker's acknowledgement, and only then pulls
them from the document. A crash before the pull republishes (consumers deduplicate by event id);
an event whose write never happened cannot exist.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Iterable, Sequence
from typing import Any

from aiokafka import AIOKafkaProducer
from pydantic import BaseModel
from pymongo import UpdateOne
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.errors import BulkWriteError

from event_backbone.contracts import EventContract
from event_backbone.envelope import Envelope
from event_backbone.failpoints import crash_point
from event_backbone.observability import EVENTS_PRODUCED, correlation_id

log = logging.getLogger(__name__)

OUTBOX_FIELD = "outbox"
PENDING_FILTER = {f"{OUTBOX_FIELD}.0": {"$exists": True}}


class ConcurrencyConflict(Exception):
    """The aggregate changed since it was read (its version moved on)."""


_WRITE_LOCKS: dict[int, asyncio.Lock] = {}
_NOTED: dict[int, dict[str, set[Any]]] = {}


def write_lock() -> asyncio.Lock:
    """One lock per event loop around this process's updates of aggregate documents.

    FerretDB 1.x applies an update by reading the document and writing it back, not atomically:
    two concurrent updates of one document (an API write and the relay's $pullAll, or two
    version-guarded writes) can lose one of them. Serialising the process's updates closes that
    gap where the relay runs inside the API process; SQLite allows one writer at a time anyway.
    MongoDB needs none of this, and the lock costs it little."""
    loop = id(asyncio.get_running_loop())
    return _WRITE_LOCKS.setdefault(loop, asyncio.Lock())


def note_pending(collection: AsyncCollection, ids: Iterable[Any]) -> None:
    """Tell this process's relay which aggregates were just written with events, so that it
    reads them by id instead of scanning the collection: FerretDB uses an index only for a
    lookup by _id, and a scan of 100,000 people on every pass starves every other request."""
    noted = _NOTED.setdefault(id(asyncio.get_running_loop()), {})
    noted.setdefault(collection.full_name, set()).update(ids)


def _take_noted(collection: AsyncCollection) -> set[Any]:
    return _NOTED.get(id(asyncio.get_running_loop()), {}).pop(collection.full_name, set())


STATEMENTS_PER_COMMAND = 50


async def bulk_write_in_chunks(
    collection: AsyncCollection, operations: Sequence[Any]
) -> tuple[int, list[int]]:
    """Run `operations` unordered, at most STATEMENTS_PER_COMMAND to a command; returns the
    matched count and the indexes (into `operations`) of those that failed.

    FerretDB 1.24 keeps each update statement's SQLite connection until its whole command ends
    (msg_update.go closes every statement's iterator only when the command returns) and a
    database's pool holds 100 connections: an update command of more than 100 statements waits
    forever for the 101st, and every later request to that database waits behind it."""
    matched, failed = 0, []
    for start in range(0, len(operations), STATEMENTS_PER_COMMAND):
        chunk = list(operations[start:start + STATEMENTS_PER_COMMAND])
        try:
            matched += (await collection.bulk_write(chunk, ordered=False)).matched_count
        except BulkWriteError as error:
            failed += [start + e["index"] for e in error.details["writeErrors"]]
            matched += error.details.get("nMatched", 0)
    return matched, failed


def outbox_entries(events: Iterable[tuple[str, Envelope]]) -> list[dict[str, Any]]:
    """Outbox array items for (topic, envelope) pairs; the value is kept as the exact bytes sent."""
    return [
        {
            "id": env.id,
            "topic": topic,
            "key": env.subject,
            "type": env.type,
            "value": env.to_bytes(),
        }
        for topic, env in events
    ]


async def insert_with_events(
    collection: AsyncCollection, document: dict[str, Any], events: Sequence[tuple[str, Envelope]]
) -> None:
    """Create an aggregate and its first events atomically (DuplicateKeyError if it exists)."""
    await collection.insert_one({**document, OUTBOX_FIELD: outbox_entries(events)})
    if events:
        note_pending(collection, [document["_id"]])


async def update_with_events(
    collection: AsyncCollection,
    aggregate_id: Any,
    expected_version: int,
    changes: dict[str, Any],
    events: Sequence[tuple[str, Envelope]],
) -> None:
    """Apply `changes` and append `events` only if the stored version is `expected_version`."""
    update: dict[str, Any] = {"$set": {**changes, "version": expected_version + 1}}
    if events:
        update["$push"] = {OUTBOX_FIELD: {"$each": outbox_entries(events)}}
    async with write_lock():
        result = await collection.update_one(
            {"_id": aggregate_id, "version": expected_version}, update)
    if result.matched_count == 0:
        raise ConcurrencyConflict(str(aggregate_id))
    if events:
        note_pending(collection, [aggregate_id])


class OutboxRelay:
    """Publishes what the service's aggregates left in their outboxes, in order per aggregate.

    Between sweeps it reads only the aggregates this process noted as written with events
    (`note_pending`); a sweep of every collection, at start and every `sweep_seconds`, finds what
    other processes wrote or a crash left unnoted.
    """

    def __init__(
        self,
        producer: AIOKafkaProducer,
        collections: Sequence[AsyncCollection],
        poll_seconds: float = 0.5,
        batch_size: int = 200,
        topic_prefix: str = "",
        sweep_seconds: float = 300.0,
    ) -> None:
        self._producer = producer
        self._collections = collections
        self._poll_seconds = poll_seconds
        self._batch_size = batch_size
        self._topic_prefix = topic_prefix
        self._sweep_seconds = sweep_seconds
        self._wakeup = asyncio.Event()
        self._more_noted = False  # noted aggregates left for the next pass
        self._more_swept = False  # a sweep filled its batch: sweep again

    def nudge(self) -> None:
        """Called after a write so the new events go out without waiting for the next poll."""
        self._wakeup.set()

    async def run(self) -> None:
        next_sweep = 0.0
        while True:
            sweep = time.monotonic() >= next_sweep
            self._wakeup.clear()  # before the pass: a write during it brings the next one on
            try:
                await self.publish_pending(sweep=sweep)
            except asyncio.CancelledError:
                raise
            except Exception:
                # The ids noted for this pass are spent: sweep next time, after the usual wait.
                log.exception("outbox relay pass failed; retrying")
                self._more_noted = self._more_swept = False
                next_sweep = 0.0
            else:
                if sweep and not self._more_swept:
                    next_sweep = time.monotonic() + self._sweep_seconds
                if self._more_noted or self._more_swept:
                    continue
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wakeup.wait(), timeout=self._poll_seconds)

    async def publish_pending(self, sweep: bool = True) -> int:
        """One pass: the aggregates noted since the last pass, then, on a sweep, whatever else
        is pending in every collection; returns how many events were published."""
        total, self._more_noted, self._more_swept = 0, False, False
        for collection in self._collections:
            documents = await self._noted(collection, _take_noted(collection))
            if documents:
                total += await self._publish_batch(collection, documents)
            if sweep:
                documents = await self._scan(collection)
                if documents:
                    total += await self._publish_batch(collection, documents)
        return total

    async def _scan(self, collection: AsyncCollection) -> list[dict[str, Any]]:
        # Closed explicitly: a cursor left open on FerretDB (more pending documents than one
        # batch) holds a SQLite read transaction that stalls every writer.
        cursor = collection.find(PENDING_FILTER, {OUTBOX_FIELD: 1}).limit(self._batch_size)
        try:
            documents = await cursor.to_list(None)
        finally:
            await cursor.close()
        self._more_swept |= len(documents) == self._batch_size
        return documents

    async def _noted(self, collection: AsyncCollection, noted: set[Any]) -> list[dict[str, Any]]:
        ids = list(noted)
        if len(ids) > self._batch_size:
            note_pending(collection, ids[self._batch_size:])
            ids, self._more_noted = ids[:self._batch_size], True
        found = await asyncio.gather(
            *(collection.find_one({"_id": i}, {OUTBOX_FIELD: 1}) for i in ids))
        return [d for d in found if d is not None and d.get(OUTBOX_FIELD)]

    async def _publish_batch(
        self, collection: AsyncCollection, documents: list[dict[str, Any]]
    ) -> int:
        """Send every entry of the batch, wait for all acknowledgements, then mark them sent.

        The idempotent producer keeps each partition's order, so one aggregate's events (same key,
        same partition) arrive in the order they were written.
        """
        crash_point("relay.before_publish")
        acknowledgements = []
        for document in documents:
            for entry in document[OUTBOX_FIELD]:
                acknowledgements.append(
                    await self._producer.send(
                        self._topic_prefix + entry["topic"],
                        value=bytes(entry["value"]),
                        key=str(entry["key"]).encode(),
                        headers=[
                            ("content-type", b"application/cloudevents+json"),
                            ("ce_type", entry["type"].encode()),
                            ("ce_id", entry["id"].encode()),
                        ],
                    )
                )
        await asyncio.gather(*acknowledgements)
        crash_point("relay.after_publish")
        marks = []
        for document in documents:
            entries = document[OUTBOX_FIELD]
            for entry in entries:
                EVENTS_PRODUCED.labels(entry["topic"], entry["type"]).inc()
                log.info(
                    "event published",
                    extra={
                        "event_id": entry["id"],
                        "event_type": entry["type"],
                        "topic": entry["topic"],
                    },
                )
            # $pullAll of the exact entries read: FerretDB's $pull cannot match on a sub-field.
            marks.append(
                UpdateOne({"_id": document["_id"]}, {"$pullAll": {OUTBOX_FIELD: entries}})
            )
        async with write_lock():
            _, failed = await bulk_write_in_chunks(collection, marks)
        if failed:  # left pending: the next pass republishes them and consumers skip them
            log.warning("outbox entries not marked sent", extra={"count": len(failed)})
        return len(acknowledgements)


def envelopes(
    *,
    source: str,
    subject: str,
    first_version: int,
    events: Sequence[tuple[EventContract, BaseModel]],
) -> list[tuple[str, Envelope]]:
    """Wrap an aggregate's recorded events for its outbox, numbering aggregate versions from
    `first_version` and carrying the current correlation id."""
    return [
        (
            contract.topic,
            Envelope.build(
                event_type=contract.type,
                source=source,
                subject=subject,
                aggregate_version=first_version + index,
                data=payload.model_dump(mode="json"),
                correlation_id=correlation_id.get(),
            ),
        )
        for index, (contract, payload) in enumerate(events)
    ]
