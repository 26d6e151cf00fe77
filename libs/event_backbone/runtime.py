"""The event side of one service: producer, outbox relay and consumers, started and stopped together
from the FastAPI lifespan (no import-time side effects)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence

from aiokafka import AIOKafkaProducer
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.database import AsyncDatabase

from event_backbone.consumer import (
    EventConsumer,
    Handler,
    ProcessedEvents,
    RetryPolicy,
    dead_letter_topic,
    retry_topic,
)
from event_backbone.kafka import ensure_topics, idempotent_producer
from event_backbone.outbox import OutboxRelay
from event_backbone.settings import BackboneSettings

log = logging.getLogger(__name__)


class EventRuntime:
    def __init__(self, settings: BackboneSettings, service: str) -> None:
        self.settings = settings
        self.service = service
        self.producer: AIOKafkaProducer = idempotent_producer(settings.kafka_bootstrap, service)
        self.relay: OutboxRelay | None = None
        self.consumers: list[EventConsumer] = []
        self._topics: list[str] = []
        self._tasks: list[asyncio.Task[None]] = []

    def publish_from(self, collections: Sequence[AsyncCollection], topics: Sequence[str]) -> None:
        """Relay the outboxes of these aggregate collections (to these topics)."""
        self._topics.extend(self.settings.topic(t) for t in topics)
        if self.settings.relay_enabled:
            self.relay = OutboxRelay(
                self.producer,
                collections,
                self.settings.relay_poll_seconds,
                topic_prefix=self.settings.topic_prefix,
                sweep_seconds=self.settings.relay_sweep_seconds,
            )

    def consume(
        self,
        database: AsyncDatabase,
        group_id: str,
        topics: Sequence[str],
        handlers: Mapping[str, Handler],
    ) -> None:
        prefix = self.settings.topic_prefix
        physical = [self.settings.topic(t) for t in topics]
        self._topics.extend(
            [*physical, dead_letter_topic(group_id, prefix), retry_topic(group_id, prefix)]
        )
        self.consumers.append(
            EventConsumer(
                bootstrap=self.settings.kafka_bootstrap,
                group_id=group_id,
                topics=physical,
                handlers=handlers,
                processed=ProcessedEvents(database["processed_events"]),
                producer=self.producer,
                retry=RetryPolicy(
                    self.settings.consumer_max_attempts, self.settings.consumer_retry_base_seconds
                ),
                topic_prefix=prefix,
            )
        )

    def nudge(self) -> None:
        if self.relay is not None:
            self.relay.nudge()

    async def start(self) -> None:
        await ensure_topics(self.settings.kafka_bootstrap, self._topics)
        await self.producer.start()
        if self.relay is not None:
            self._spawn(self.relay.run(), "outbox-relay")
        for consumer in self.consumers:
            await consumer.start()
            self._spawn(consumer.run(), f"consumer-{consumer.group_id}")

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        for consumer in self.consumers:
            await consumer.stop()
        await self.producer.stop()

    def failed_tasks(self) -> list[str]:
        return [t.get_name() for t in self._tasks if t.done() and not t.cancelled()]

    async def kafka_reachable(self) -> bool:
        try:
            await asyncio.wait_for(self.producer.client.fetch_all_metadata(), timeout=3)
        except Exception:
            return False
        return True

    def _spawn(self, coroutine: object, name: str) -> None:
        task = asyncio.create_task(coroutine, name=name)  # type: ignore[arg-type]
        task.add_done_callback(_log_crash)
        self._tasks.append(task)


def _log_crash(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error(
            "background task stopped", extra={"task": task.get_name()}, exc_info=task.exception()
        )
