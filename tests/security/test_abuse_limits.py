"""Abuse resistance on a live service: a client over its request budget gets 429 with Retry-After
(others are unaffected), and an oversized body is refused with 413 before it is read whole."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from api_edge.auth import Role

from tests.conftest import Tokens
from tests.harness import ServiceProcess
from tests.intake.integration.opportunities_api import intake_process


@pytest.fixture(scope="module")
async def intake(base_env: dict[str, str]) -> AsyncIterator[ServiceProcess]:
    process = intake_process({**base_env, "REIMPIEGO_RATE_LIMIT_PER_MINUTE": "5",
                              "REIMPIEGO_MAX_BODY_BYTES": "2048"})
    process.start()
    try:
        await process.wait_ready()
        yield process
    finally:
        process.stop()


async def test_a_client_over_its_budget_waits_and_another_client_does_not(
    intake: ServiceProcess, tokens: Tokens
) -> None:
    greedy = tokens.headers(Role.SUPERVISOR, subject="greedy")
    async with httpx.AsyncClient(base_url=intake.url, headers=greedy) as client:
        answers = [await client.get("/offices") for _ in range(6)]
    assert [a.status_code for a in answers[:5]] == [200] * 5
    assert answers[5].status_code == 429
    assert int(answers[5].headers["Retry-After"]) >= 1
    assert answers[5].headers["content-type"] == "application/problem+json"
    polite = tokens.headers(Role.SUPERVISOR, subject="polite")
    async with httpx.AsyncClient(base_url=intake.url, headers=polite) as client:
        assert (await client.get("/offices")).status_code == 200


async def test_an_oversized_body_is_refused(intake: ServiceProcess, tokens: Tokens) -> None:
    headers = tokens.headers(Role.SUPERVISOR, subject="uploader")
    async with httpx.AsyncClient(base_url=intake.url, headers=headers) as client:
        response = await client.post("/offices", json={"name": "x" * 5000})
    assert response.status_code == 413
