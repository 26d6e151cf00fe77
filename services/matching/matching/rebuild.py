"""`python -m matching rebuild`: drop the read model and replay intake's topics from the beginning.

Uses the same projector as the live consumer, and per-aggregate versions make the order across
partitions irrelevant, so the rebuilt read model is exactly the one the consumer built. Matching's
own decisions (matches, shortlists, enrolments, placements) are not derived from intake's topics
and are left as they are. Restart the service afterwards so its in-memory index reloads."""

from __future__ import annotations

import logging

from aiokafka import AIOKafkaConsumer
from event_backbone import Envelope
from event_backbone.kafka import partitions_of, read_to_end
from pydantic import ValidationError
from pymongo import AsyncMongoClient

from matching.adapters.projections import ReadModel
from matching.config import Settings
from matching.contracts import CONSUMED_TOPICS
from matching.projector import Projector

log = logging.getLogger(__name__)


async def rebuild(settings: Settings) -> int:
    """Returns how many events were applied."""
    mongo: AsyncMongoClient = AsyncMongoClient(settings.mongo_uri, tz_aware=True)
    consumer = AIOKafkaConsumer(bootstrap_servers=settings.kafka_bootstrap,
                                enable_auto_commit=False, isolation_level="read_committed")
    await consumer.start()
    try:
        model = ReadModel(mongo[settings.matching_database])
        await model.drop()
        await model.create_indexes()
        projector = Projector(model)
        handlers = projector.by_type()
        applied = 0
        for topic in CONSUMED_TOPICS:
            partitions = await partitions_of(settings.kafka_bootstrap, settings.topic(topic))
            for record in await read_to_end(consumer, partitions):
                applied += await _apply(handlers, record.value or b"")
        return applied
    finally:
        await consumer.stop()
        await mongo.close()


async def _apply(handlers, raw: bytes) -> int:  # type: ignore[no-untyped-def]
    try:
        envelope = Envelope.from_bytes(raw)
        handler = handlers.get(envelope.type)
        if handler is None:
            return 0
        await handler(envelope)
    except ValidationError as error:  # the live consumer dead-lettered it too
        log.warning("event skipped in rebuild", extra={"error": repr(error)})
        return 0
    return 1
