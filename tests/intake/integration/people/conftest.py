"""One intake process (API only, relaying its outbox) shared by the people, pact and import tests,
with its own database and topic prefix; clients authenticate as an operator of one office."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
import pytest
from api_edge.auth import Role

from tests.conftest import Tokens
from tests.harness import ServiceProcess

OFFICE = "cpi-modena"
PURPOSES = ["targeted_placement", "eligibility_check"]


@dataclass
class Intake:
    process: ServiceProcess
    env: dict[str, str]
    tokens: Tokens

    @property
    def topic_prefix(self) -> str:
        return self.env["REIMPIEGO_TOPIC_PREFIX"]

    @property
    def database(self) -> str:
        return self.env["REIMPIEGO_INTAKE_DATABASE"]

    def client(self, *roles: Role, office_id: str | None = OFFICE,
               purposes: list[str] | None = None) -> httpx.AsyncClient:
        headers = self.tokens.headers(*(roles or (Role.OPERATOR,)), subject="op-test",
                                      office_id=office_id, purposes=purposes or [])
        return httpx.AsyncClient(base_url=self.process.url, headers=headers, timeout=60)


@pytest.fixture(scope="session")
async def intake(base_env: dict[str, str], tokens: Tokens) -> AsyncIterator[Intake]:
    suffix = secrets.token_hex(3)
    env = {**base_env,
           "REIMPIEGO_TOPIC_PREFIX": f"{base_env['REIMPIEGO_TOPIC_PREFIX']}people{suffix}.",
           "REIMPIEGO_INTAKE_DATABASE": f"{base_env['REIMPIEGO_INTAKE_DATABASE']}_people{suffix}",
           "REIMPIEGO_IMPORT_BATCH_SIZE": "50"}
    process = ServiceProcess("intake", env, args=["api"])
    process.start()
    try:
        await process.wait_ready()
        yield Intake(process, env, tokens)
    finally:
        process.stop()


@pytest.fixture
async def operator(intake: Intake) -> AsyncIterator[httpx.AsyncClient]:
    async with intake.client(Role.OPERATOR, purposes=PURPOSES) as client:
        yield client
