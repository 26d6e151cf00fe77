"""A partner reads only the people it referred or who agreed to sharing, and sees less than an
operator; every read of a person, by whoever, is in the audit log an auditor reads."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from api_edge.auth import Role

from tests.conftest import Tokens
from tests.e2e.platform import new_seeker, unique_email
from tests.harness import ServiceProcess
from tests.intake.integration.opportunities_api import intake_process

OFFICE, UNION = "cpi-milano", "cdl-milano"


@pytest.fixture(scope="module")
async def intake(base_env: dict[str, str]) -> AsyncIterator[ServiceProcess]:
    process = intake_process(base_env)
    process.start()
    try:
        await process.wait_ready()
        yield process
    finally:
        process.stop()


async def _register(intake: ServiceProcess, tokens: Tokens, **overrides: object) -> str:
    headers = tokens.headers(Role.OPERATOR, office_id=OFFICE, subject="op-lucia")
    async with httpx.AsyncClient(base_url=intake.url, headers=headers) as client:
        response = await client.post("/seekers", json=new_seeker(unique_email(), **overrides))
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def _read_as(intake: ServiceProcess, headers: dict[str, str], seeker_id: str
                   ) -> httpx.Response:
    async with httpx.AsyncClient(base_url=intake.url, headers=headers) as client:
        return await client.get(f"/seekers/{seeker_id}", params={"purpose": "orientation"})


async def test_a_partner_sees_the_people_it_referred_without_identity_details(
    intake: ServiceProcess, tokens: Tokens
) -> None:
    referred = await _register(intake, tokens, referred_by=UNION)
    other = await _register(intake, tokens)
    union = tokens.headers(Role.PARTNER, organisation_id=UNION, subject="cdl-desk")
    seen = await _read_as(intake, union, referred)
    assert seen.status_code == 200
    assert "tax_code" not in seen.json() and "birth_date" not in seen.json()
    assert (await _read_as(intake, union, other)).status_code == 404
    stranger = tokens.headers(Role.PARTNER, organisation_id="another-union")
    assert (await _read_as(intake, stranger, referred)).status_code == 404


async def test_reads_by_an_operator_and_by_a_partner_are_in_the_audit_log(
    intake: ServiceProcess, tokens: Tokens
) -> None:
    seeker_id = await _register(intake, tokens, referred_by=UNION)
    operator = tokens.headers(Role.OPERATOR, office_id=OFFICE, subject="op-lucia")
    partner = tokens.headers(Role.PARTNER, organisation_id=UNION, subject="cdl-desk")
    assert (await _read_as(intake, operator, seeker_id)).status_code == 200
    assert (await _read_as(intake, partner, seeker_id)).status_code == 200
    auditor = tokens.headers(Role.AUDITOR, subject="dpo")
    async with httpx.AsyncClient(base_url=intake.url, headers=auditor) as client:
        entries = (await client.get("/audit", params={"resource_id": seeker_id,
                                                      "action": "read"})).json()["data"]
        refused = await client.get("/audit", headers=operator)
    readers = {(e["subject"], e["purpose"]) for e in entries}
    assert readers == {("op-lucia", "orientation"), ("cdl-desk", "orientation")}
    assert refused.status_code == 403
