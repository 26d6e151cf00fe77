"""Shared fixtures: the real Kafka and FerretDB started by scripts/servers, isolated per test run
by a random topic prefix and random database names (no teardown needed)."""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator, Iterable, Iterator
from pathlib import Path

import pytest
from aiokafka.admin import AIOKafkaAdminClient
from api_edge.auth import Role
from api_edge.dev_tokens import DevIssuer
from cryptography.fernet import Fernet
from pymongo import AsyncMongoClient

from tests.harness import SmtpSink

KAFKA = os.environ.get("REIMPIEGO_KAFKA_BOOTSTRAP", "127.0.0.1:9092")
MONGO = os.environ.get("REIMPIEGO_MONGO_URI", "mongodb://127.0.0.1:27017/")


@pytest.fixture(scope="session")
def run_id() -> str:
    return secrets.token_hex(4)


@pytest.fixture(scope="session", autouse=True)
async def _drop_this_runs_topics_and_databases(run_id: str) -> AsyncIterator[None]:
    """Random names isolate runs; dropping them afterwards keeps a long-lived local broker and
    store small (a KRaft controller with thousands of stale topics starts slowly)."""
    yield
    admin = AIOKafkaAdminClient(bootstrap_servers=KAFKA)
    await admin.start()
    try:
        ours = [t for t in await admin.list_topics() if t.startswith(f"t{run_id}.")]
        if ours:
            await admin.delete_topics(ours)
    finally:
        await admin.close()
    client: AsyncMongoClient = AsyncMongoClient(MONGO)
    try:
        for name in await client.list_database_names():
            if name.startswith(f"t{run_id}_"):
                await client.drop_database(name)
    finally:
        await client.close()


class Tokens:
    """Bearer tokens for tests, signed with a key made for this test run."""

    def __init__(self, folder: Path) -> None:
        self.issuer = DevIssuer(folder)
        self.jwks_path = str(self.issuer.jwks_path)

    def token(self, *roles: Role, subject: str | None = None, office_id: str | None = None,
              organisation_id: str | None = None, purposes: Iterable[str] = ()) -> str:
        return self.issuer.issue([r.value for r in roles], subject=subject, office_id=office_id,
                                 organisation_id=organisation_id, purposes=purposes)

    def headers(self, *roles: Role, **claims: object) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token(*roles, **claims)}"}  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def tokens(tmp_path_factory: pytest.TempPathFactory) -> Tokens:
    return Tokens(tmp_path_factory.mktemp("auth"))


@pytest.fixture(scope="session")
def base_env(run_id: str, tokens: Tokens) -> dict[str, str]:
    """Environment every service process of this test run shares."""
    return {
        "REIMPIEGO_JWKS_PATH": tokens.jwks_path,
        "REIMPIEGO_ENVIRONMENT": "test",
        "REIMPIEGO_KAFKA_BOOTSTRAP": KAFKA,
        "REIMPIEGO_MONGO_URI": MONGO,
        "REIMPIEGO_TOPIC_PREFIX": f"t{run_id}.",
        "REIMPIEGO_SERVICE_TOKEN": tokens.token(Role.SYSTEM, subject="notifications"),
        "REIMPIEGO_INTAKE_DATABASE": f"t{run_id}_intake",
        "REIMPIEGO_MATCHING_DATABASE": f"t{run_id}_matching",
        "REIMPIEGO_NOTIFICATIONS_DATABASE": f"t{run_id}_notifications",
        "REIMPIEGO_RELAY_POLL_SECONDS": "0.2",
        "REIMPIEGO_CONSUMER_RETRY_BASE_SECONDS": "0.05",
        "REIMPIEGO_LOG_LEVEL": "INFO",
        "REIMPIEGO_SPECIAL_CATEGORY_KEYS": Fernet.generate_key().decode(),
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
