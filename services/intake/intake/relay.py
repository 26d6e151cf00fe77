"""The outbox relay as a worker of its own, for deployments that scale the API separately."""

from __future__ import annotations

import asyncio

from event_backbone import EventRuntime
from event_backbone.erasure import ERASURES_TOPIC
from event_backbone.observability import configure_logging
from pymongo import AsyncMongoClient

from intake.adapters.mongo_opportunities import outbox_collections
from intake.config import Settings
from intake.contracts import TOPICS


async def run_relay(settings: Settings | None = None) -> None:
    settings = settings or Settings()
    configure_logging("intake-relay", settings.log_level)
    mongo: AsyncMongoClient = AsyncMongoClient(settings.mongo_uri, tz_aware=True)
    database = mongo[settings.intake_database]
    # No writes happen in this process, so none are noted: sweep on every poll.
    events = EventRuntime(settings.model_copy(update={
        "relay_enabled": True, "relay_sweep_seconds": settings.relay_poll_seconds}), "intake-relay")
    events.publish_from([database["seekers"], database["pacts"], *outbox_collections(database),
                         database["erasures"], database["erasure_confirmations"]],
                        [*TOPICS, ERASURES_TOPIC])
    await events.start()
    try:
        await asyncio.Event().wait()
    finally:
        await events.stop()
        await mongo.close()
