"""Object-level authorisation: for every operation that takes the id of something personal, a
request without a token, as another office's operator, as another partner and as another employer
never succeeds. Ids are real (made by a supervisor and an operator of office A beforehand)."""

from __future__ import annotations

import re
import secrets
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from api_edge.auth import Role

from tests.conftest import Tokens
from tests.e2e.platform import Platform, new_seeker, new_vacancy, post, unique_email
from tests.harness import SmtpSink, eventually

# Operations on people and what is decided about them; catalogue data (vacancies, programmes,
# offices, employers, partners) is not personal and is left out.
PERSONAL = re.compile(
    r"^/(seekers|pacts|appointments|referrals|matches|enrolments|deliveries|people|contacts|"
    r"erasures|seeker-imports|shortlists|placements|exports)/|"
    r"^/(vacancies|programmes)/\{[a-z_]+\}/(candidates|enrolments|eligibility|shortlists)")


@pytest.fixture(scope="module")
async def platform(base_env: dict[str, str], smtp: SmtpSink, tokens: Tokens
                   ) -> AsyncIterator[Platform]:
    platform = Platform.create(base_env, smtp, tokens)
    try:
        await platform.start()
        yield platform
    finally:
        platform.stop()


@pytest.fixture(scope="module")
async def ids(platform: Platform, tokens: Tokens) -> dict[str, str]:
    """A person of office A with a match and a sent email, and the vacancy they match."""
    operator_a = tokens.headers(Role.OPERATOR, office_id="office-a", subject="operator-a")
    async with platform.client("intake") as intake:
        vacancy = await post(intake, "/vacancies", new_vacancy())
        seeker = (await intake.post("/seekers", json=new_seeker(unique_email()),
                                    headers=operator_a)).json()
    async with platform.client("matching") as matching, \
            platform.client("notifications") as notifications:

        async def matched() -> dict[str, Any] | None:
            body = (await matching.get("/matches", params={"seeker_id": seeker["id"]})).json()
            return body["data"][0] if body.get("data") else None

        match = await eventually(matched, what="a match for the person")

        async def delivered() -> dict[str, Any] | None:
            body = (await notifications.get("/deliveries",
                                            params={"recipient_id": seeker["id"]})).json()
            return body["data"][0] if body.get("data") else None

        delivery = await eventually(delivered, what="a delivery for the person")
    return {"seeker_id": seeker["id"], "vacancy_id": str(vacancy["id"]),
            "match_id": match["id"], "delivery_id": delivery["id"],
            "recipient_type": "seeker", "recipient_id": seeker["id"]}


def _outsiders(tokens: Tokens) -> dict[str, dict[str, str]]:
    return {
        "no token": {},
        "another office's operator": tokens.headers(Role.OPERATOR, office_id="office-b"),
        "another partner": tokens.headers(Role.PARTNER, organisation_id="partner-b"),
        "another employer": tokens.headers(Role.EMPLOYER, organisation_id="employer-b"),
    }


def _personal_operations(spec: dict[str, Any]) -> list[tuple[str, str]]:
    return [(method.upper(), path) for path, operations in spec["paths"].items()
            if "{" in path and PERSONAL.search(path) for method in operations]


def _url(path: str, ids: dict[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        return ids.get(match.group(1), ids["seeker_id"])  # unknown kinds: a real person's id
    return re.sub(r"\{([a-z_]+)\}", value, path)


def _breach(path: str, response: httpx.Response, seeker_id: str) -> bool:
    """Any success on a person's own resource; on a vacancy's or programme's lists (which are
    scoped, not refused), a success that shows the person."""
    if not response.is_success:
        return False
    if path.startswith(("/vacancies/", "/programmes/")):
        return seeker_id in response.text
    return True


@pytest.mark.parametrize("service", ["intake", "matching", "notifications"])
async def test_no_outsider_gets_a_2xx_on_anything_personal(
    platform: Platform, tokens: Tokens, ids: dict[str, str], service: str
) -> None:
    process = getattr(platform, service)
    async with httpx.AsyncClient(base_url=process.url, timeout=20) as client:
        spec = (await client.get("/openapi.json")).json()
        operations = _personal_operations(spec)
        assert operations, f"{service} exposes no personal operation with an id?"
        breaches = []
        for method, path in operations:
            for who, headers in _outsiders(tokens).items():
                response = await client.request(
                    method, _url(path, ids), json={},
                    headers={**headers, "If-Match": '"1"',
                             "Idempotency-Key": secrets.token_hex(8)})
                if _breach(path, response, ids["seeker_id"]):
                    breaches.append(f"{method} {path} as {who}: {response.status_code}")
                if who == "no token":
                    assert response.status_code == 401, (method, path, response.status_code)
    assert not breaches, "\n".join(breaches)


async def test_a_person_of_another_office_is_not_found_rather_than_forbidden(
    platform: Platform, tokens: Tokens, ids: dict[str, str]
) -> None:
    headers = tokens.headers(Role.OPERATOR, office_id="office-b")
    async with httpx.AsyncClient(base_url=platform.intake.url, headers=headers) as intake:
        response = await intake.get(f"/seekers/{ids['seeker_id']}")
    assert response.status_code == 404
