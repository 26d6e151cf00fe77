"""One real matching process per test module, fed by real envelopes on its own Kafka topics."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest
from api_edge.auth import Role
from matching.contracts import CONSUMED_TOPICS
from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase

from tests.conftest import MONGO, Tokens
from tests.harness import ServiceProcess, eventually
from tests.matching.events import Publisher


@dataclass
class Running:
    service: ServiceProcess
    publisher: Publisher
    database: AsyncDatabase
    http: httpx.AsyncClient
    env: dict[str, str]


@pytest.fixture(scope="module")
async def matching(base_env: dict[str, str], tokens: Tokens) -> AsyncIterator[Running]:
    suffix = secrets.token_hex(3)
    env = {**base_env,
           "REIMPIEGO_TOPIC_PREFIX": f"{base_env['REIMPIEGO_TOPIC_PREFIX']}m{suffix}.",
           "REIMPIEGO_MATCHING_DATABASE": f"{base_env['REIMPIEGO_MATCHING_DATABASE']}_{suffix}"}
    service = ServiceProcess("matching", env)
    service.start()
    publisher = Publisher(env["REIMPIEGO_TOPIC_PREFIX"])
    mongo: AsyncMongoClient = AsyncMongoClient(MONGO, tz_aware=True)
    try:
        await service.wait_ready()
        await publisher.start()
        await publisher.warm_up(CONSUMED_TOPICS)
        headers = tokens.headers(Role.SUPERVISOR, subject="test-supervisor")
        async with httpx.AsyncClient(base_url=service.url, timeout=15, headers=headers) as http:
            running = Running(service, publisher, mongo[env["REIMPIEGO_MATCHING_DATABASE"]],
                              http, env)
            await caught_up(running, patience=120)
            yield running
    finally:
        await publisher.stop()
        service.stop()
        await mongo.close()


async def caught_up(matching: Running, patience: float = 30) -> None:
    """Wait until the service handled every event published so far (its processed-event ids)."""

    async def handled() -> bool:
        count = await matching.database["processed_events"].count_documents({})
        return count == len(matching.publisher.sent_ids)

    await eventually(handled, timeout=patience, what="the consumer to catch up")
