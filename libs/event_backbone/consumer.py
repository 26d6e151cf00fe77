"""At-least-once consumption: commit only after the handler's effects are durable, skip what was
already handled, and move poison events to a dead-letter topic so the partition keeps moving."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import traceback
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from aiokafka.errors import KafkaError
from pydantic import ValidationError
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.errors import DuplicateKeyError

from event_backbone.envelope import Envelope
from event_backbone.failpoints import crash_point
from event_backbone.observability import (
    CONSUMER_LAG,
    EVENTS_CONSUMED,
    EVENTS_DEAD_LETTERED,
    EVENTS_DUPLICATE,
    EVENTS_FAILED,
    correlation_id,
)

log = logging.getLogger(__name__)

Handler = Callable[[Envelope], Awaitable[None]]


class PoisonEvent(Exception):
    """An event that can never be handled (malformed, or breaking its contract): no retries."""


def dead_letter_topic(group_id: str, prefix: str = "") -> str:
    return f"{prefix}reimpiego.dlt.{group_id}"


def retry_topic(group_id: str, prefix: str = "") -> str:
    """Replayed dead letters come back here, so only the group that failed sees them again."""
    return f"{prefix}reimpiego.retry.{group_id}"


class ProcessedEvents:
    """The ids of events a consumer group has handled: the duplicate check."""

    def __init__(self, collection: AsyncCollection) -> None:
        self._collection = collection

    async def seen(self, event_id: str) -> bool:
        return await self._collection.find_one({"_id": event_id}, {"_id": 1}) is not None

    async def remember(self, envelope: Envelope) -> None:
        with contextlib.suppress(DuplicateKeyError):
            await self._collection.insert_one(
                {"_id": envelope.id, "type": envelope.type, "subject": envelope.subject}
            )


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 5
    base_seconds: float = 0.1
    cap_seconds: float = 5.0

    def delay(self, attempt: int) -> float:
        return min(self.base_seconds * 2 ** (attempt - 1), self.cap_seconds)


class EventConsumer:
    """Runs one consumer group over `topics`, dispatching each envelope by its type."""

    def __init__(
        self,
        *,
        bootstrap: str,
        group_id: str,
        topics: Sequence[str],
        handlers: Mapping[str, Handler],
        processed: ProcessedEvents,
        producer: AIOKafkaProducer,
        retry: RetryPolicy = RetryPolicy(),
        topic_prefix: str = "",
    ) -> None:
        self.group_id = group_id
        self._handlers = handlers
        self._processed = processed
        self._producer = producer
        self._retry = retry
        self.dead_letter_topic = dead_letter_topic(group_id, topic_prefix)
        self.topics = [*topics, retry_topic(group_id, topic_prefix)]
        self._consumer = AIOKafkaConsumer(
            *self.topics,
            bootstrap_servers=bootstrap,
            group_id=f"{topic_prefix}{group_id}",
            client_id=group_id,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            isolation_level="read_committed",
        )
        self._positions: dict[TopicPartition, int] = {}

    async def start(self) -> None:
        await self._consumer.start()

    async def stop(self) -> None:
        await self._consumer.stop()

    async def run(self) -> None:
        while True:
            batches = await self._consumer.getmany(timeout_ms=500, max_records=200)
            for tp, records in batches.items():
                for record in records:
                    await self._process(record)
                # Effects of every record up to here are durable: now, and only now, commit.
                try:
                    await self._consumer.commit({tp: records[-1].offset + 1})
                except KafkaError as error:
                    # A rebalance took the partition away: its new owner redelivers from the last
                    # commit and the duplicate check skips what was already handled here.
                    log.warning("commit failed", extra={"topic": tp.topic, "error": repr(error)})
                    continue
                self._positions[tp] = records[-1].offset + 1
            self._report_lag()

    async def _process(self, record: ConsumerRecord) -> None:
        attempt = 0
        while True:
            attempt += 1
            try:
                await self._handle(record)
                return
            except PoisonEvent as error:
                await self._dead_letter(record, error, attempt)
                return
            except asyncio.CancelledError:
                raise
            except Exception as error:
                EVENTS_FAILED.labels(record.topic).inc()
                log.warning(
                    "event handling failed",
                    extra={
                        "topic": record.topic,
                        "offset": record.offset,
                        "attempt": attempt,
                        "error": repr(error),
                    },
                )
                if attempt >= self._retry.max_attempts:
                    await self._dead_letter(record, error, attempt)
                    return
                await asyncio.sleep(self._retry.delay(attempt))

    async def _handle(self, record: ConsumerRecord) -> None:
        try:
            envelope = Envelope.from_bytes(record.value or b"")
        except ValidationError as error:
            raise PoisonEvent(f"not a valid event envelope: {error}") from error
        correlation_id.set(envelope.correlationid)
        handler = self._handlers.get(envelope.type)
        if handler is None:
            return  # a type this group does not read (or a newer version it does not know yet)
        if await self._processed.seen(envelope.id):
            EVENTS_DUPLICATE.labels(record.topic, envelope.type).inc()
            log.info(
                "duplicate event skipped", extra={"event_id": envelope.id, "topic": record.topic}
            )
            return
        try:
            await handler(envelope)
        except ValidationError as error:
            raise PoisonEvent(f"event data breaks the {envelope.type} contract: {error}") from error
        crash_point(f"{self.group_id}.after_effect")
        await self._processed.remember(envelope)
        EVENTS_CONSUMED.labels(record.topic, envelope.type).inc()
        log.info(
            "event handled",
            extra={"event_id": envelope.id, "event_type": envelope.type, "topic": record.topic},
        )

    async def _dead_letter(
        self, record: ConsumerRecord, error: BaseException, attempts: int
    ) -> None:
        headers = [
            *[(k, v) for k, v in (record.headers or ()) if not k.startswith("dlt-")],
            ("dlt-error", "".join(traceback.format_exception_only(error)).strip()[:2000].encode()),
            ("dlt-attempts", str(attempts).encode()),
            ("dlt-original-topic", record.topic.encode()),
            ("dlt-original-partition", str(record.partition).encode()),
            ("dlt-original-offset", str(record.offset).encode()),
            ("dlt-group", self.group_id.encode()),
        ]
        await self._producer.send_and_wait(
            self.dead_letter_topic, value=record.value, key=record.key, headers=headers
        )
        EVENTS_DEAD_LETTERED.labels(record.topic).inc()
        log.error(
            "event dead-lettered",
            extra={
                "topic": record.topic,
                "partition": record.partition,
                "offset": record.offset,
                "attempts": attempts,
                "error": repr(error),
            },
        )

    def _report_lag(self) -> None:
        for tp in self._consumer.assignment():
            highwater = self._consumer.highwater(tp)
            position = self._positions.get(tp)
            if highwater is not None and position is not None:
                CONSUMER_LAG.labels(self.group_id, tp.topic, str(tp.partition)).set(
                    max(highwater - position, 0)
                )
