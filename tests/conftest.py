"""Shared fixtures: the real Kafka and FerretDB started by scripts/servers, isolated per test run
by a random topic prefix and random database names (no teardown needed)."""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator, Iterator

import pytest
from pymongo import AsyncMongoClient

from tests.harness import SmtpSink

KAFKA = os.environ.get("REIMPIEGO_KAFKA_BOOTSTRAP", "127.0.0.1:9092")
MONGO = os.environ.get("REIMPIEGO_MONGO_URI", "mongodb://127.0.0.1:27017/")


@pytest.fixture(scope="session")
def run_id() -> str:
    return secrets.token_hex(4)


@pytest.fixture(scope="session")
def base_env(run_id: str) -> dict[str, str]:
    """Environment every service process of this test run shares."""
    return {
        "REIMPIEGO_ENVIRONMENT": "test",
        "REIMPIEGO_KAFKA_BOOTSTRAP": KAFKA,
        "REIMPIEGO_MONGO_URI": MONGO,
        "REIMPIEGO_TOPIC_PREFIX": f"t{run_id}.",
        "REIMPIEGO_SERVICE_TOKEN": secrets.token_urlsafe(24),
        "REIMPIEGO_INTAKE_DATABASE": f"t{run_id}_intake",
        "REIMPIEGO_MATCHING_DATABASE": f"t{run_id}_matching",
        "REIMPIEGO_NOTIFICATIONS_DATABASE": f"t{run_id}_notifications",
        "REIMPIEGO_RELAY_POLL_SECONDS": "0.2",
        "REIMPIEGO_CONSUMER_RETRY_BASE_SECONDS": "0.05",
        "REIMPIEGO_LOG_LEVEL": "INFO",
    }


@pytest.fixture
async def mongo() -> AsyncIterator[AsyncMongoClient]:
    client: AsyncMongoClient = AsyncMongoClient(MONGO, tz_aware=True)
    try:
        await client.admin.command("ping")
    except Exception as error:  # pragma: no cover - an environment problem, not a test result
        pytest.fail(f"MongoDB-compatible server not reachable at {MONGO}: {error}. "
                    "Start it with scripts/servers start.")
    yield client
    await client.close()


@pytest.fixture(scope="session")
def smtp() -> Iterator[SmtpSink]:
    sink = SmtpSink()
    sink.start()
    yield sink
    sink.stop()
