"""One intake process per test module (own database and topics) and a supervisor's client."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from api_edge.auth import Role

from tests.conftest import Tokens
from tests.harness import ServiceProcess
from tests.intake.integration.opportunities_api import client, intake_process


@pytest.fixture(scope="module")
async def intake(base_env: dict[str, str]) -> AsyncIterator[ServiceProcess]:
    process = intake_process(base_env)
    process.start()
    try:
        await process.wait_ready()
        yield process
    finally:
        process.stop()


@pytest.fixture(scope="module")
async def api(intake: ServiceProcess, tokens: Tokens) -> AsyncIterator[httpx.AsyncClient]:
    async with client(intake, tokens, Role.SUPERVISOR) as http:
        yield http
