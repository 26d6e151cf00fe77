"""Retention: a closed case older than the configured period is erased by the scheduled job; an
open case is left alone."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from api_edge.auth import Role
from intake.domain.erasure import erasure_id_for

from tests.conftest import Tokens
from tests.e2e.platform import new_seeker, unique_email
from tests.harness import ServiceProcess, eventually
from tests.intake.integration.opportunities_api import intake_process


@pytest.fixture(scope="module")
async def intake(base_env: dict[str, str]) -> AsyncIterator[ServiceProcess]:
    process = intake_process({**base_env, "REIMPIEGO_RETENTION_DAYS": "0",
                              "REIMPIEGO_RETENTION_CHECK_SECONDS": "0.5"})
    process.start()
    try:
        await process.wait_ready()
        yield process
    finally:
        process.stop()


async def _person_with_pact(client: httpx.AsyncClient) -> tuple[str, str]:
    seeker = (await client.post("/seekers", json=new_seeker(unique_email()))).json()
    pact = await client.post("/pacts", json={"seeker_id": seeker["id"]})
    assert pact.status_code == 201, pact.text
    return str(seeker["id"]), str(pact.json()["id"])


async def test_a_closed_case_past_retention_is_erased_and_an_open_one_is_kept(
    intake: ServiceProcess, tokens: Tokens
) -> None:
    headers = tokens.headers(Role.SUPERVISOR, subject="supervisor")
    async with httpx.AsyncClient(base_url=intake.url, headers=headers, timeout=20) as client:
        closed_id, pact_id = await _person_with_pact(client)
        open_id, _ = await _person_with_pact(client)
        closing = await client.patch(f"/pacts/{pact_id}", json={"status": "closed"},
                                     headers={"If-Match": '"1"'})
        assert closing.status_code == 200, closing.text

        async def erased() -> bool:
            return (await client.get(f"/seekers/{closed_id}")).status_code == 404

        await eventually(erased, what="the retention job to erase the closed case")
        assert (await client.get(f"/seekers/{open_id}")).status_code == 200

        async def confirmed_by_intake() -> dict[str, object] | None:
            body = (await client.get(f"/erasures/{erasure_id_for(closed_id)}")).json()
            return body if "intake" in body["confirmations"] else None

        erasure = await eventually(confirmed_by_intake, what="intake's own confirmation")
        assert erasure["requested_by"] == "retention-job"
