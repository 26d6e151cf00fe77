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


def write_lock() -> asyncio.Lock:
    """One lock per event loop around this process's updates of aggregate documents.

    FerretDB 1.x applies an update by reading the document and writing it back, not atomically:
    two concurrent updates of one document (an API write and the relay's $pullAll, or two
    version-guarded writes) can lose one of them. Serialising the process's updates closes that
    gap where the relay runs inside the API process; SQLite allows one writer at a time anyway.
    MongoDB needs none of this, and the lock costs it little."""
    loop = id(asyncio.get_running_loop())
    return _WRITE_LOCKS.setdefault(loop, asyncio.Lock())


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
    """Create an aggregate and its first events atomically (raises DuplicateKeyError if it exists)."""
    await collection.insert_one({**document, OUTBOX_FIELD: outbox_entries(events)})


async def update_with_events(
    collection: AsyncCollection,
    aggregate_id: Any,
    expected_version: int,
    changes: dict[str, Any],
    events: Sequence[tuple[str, Envelope]],
) -> None:
    """Apply `changes` and append `events` only if the stored version is still `expected_version`."""
    update: dict[str, Any] = {"$set": {**changes, "version": expected_version + 1}}
    if events:
        update["$push"] = {OUTBOX_FIELD: {"$each": outbox_entries(events)}}
    async with write_lock():
        result = await collection.update_one(
            {"_id": aggregate_id, "version": expected_version}, update)
    if result.matched_count == 0:
        raise ConcurrencyConflict(str(aggregate_id))


class OutboxRelay:
    """Publishes what the service's aggregates left in their outboxes, in order per aggregate."""

    def __init__(
        self,
        producer: AIOKafkaProducer,
        collections: Sequence[AsyncCollection],
        poll_seconds: float = 0.5,
        batch_size: int = 200,
        topic_prefix: str = "",
    ) -> None:
        self._producer = producer
        self._collections = collections
        self._poll_seconds = poll_seconds
        self._batch_size = batch_size
        self._topic_prefix = topic_prefix
        self._wakeup = asyncio.Event()

    def nudge(self) -> None:
        """Called after a write so the new events go out without waiting for the next poll."""
        self._wakeup.set()

    async def run(self) -> None:
        while True:
            try:
                published = await self.publish_pending()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("outbox relay pass failed; retrying")
                published = 0
            if published:
                continue  # there may be more behind this batch
            self._wakeup.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wakeup.wait(), timeout=self._poll_seconds)

    async def publish_pending(self) -> int:
        """One pass over every collection; returns how many events were published."""
        total = 0
        for collection in self._collections:
            # Closed explicitly: a cursor left open on FerretDB (more pending documents than
            # one batch) holds a SQLite read transaction that stalls every writer.
            cursor = collection.find(PENDING_FILTER, {OUTBOX_FIELD: 1}).limit(self._batch_size)
            try:
                documents = await cursor.to_list(None)
            finally:
                await cursor.close()
            if documents:
                total += await self._publish_batch(collection, documents)
        return total

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
