"""The thin slice end to end, through public HTTP APIs only: person and vacancy into intake, a match
proposed by matching, an email at a real SMTP server, and the delivery shown by notifications."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.conftest import Tokens
from tests.e2e.platform import Platform, new_seeker, new_vacancy, post, unique_email
from tests.harness import SmtpSink, eventually


@pytest.fixture(scope="module")
async def platform(
    base_env: dict[str, str], smtp: SmtpSink, tokens: Tokens
) -> AsyncIterator[Platform]:
    platform = Platform.create(base_env, smtp, tokens)
    try:
        await platform.start()
        yield platform
    finally:
        platform.stop()


async def test_a_matching_person_and_vacancy_end_in_one_email_shown_as_sent(
    platform: Platform,
) -> None:
    email = unique_email()
    async with (
        platform.client("intake") as intake,
        platform.client("matching") as matching,
        platform.client("notifications") as notifications,
    ):
        vacancy = await post(intake, "/vacancies", new_vacancy())
        seeker = await post(intake, "/seekers", new_seeker(email))

        async def match() -> dict | None:  # type: ignore[type-arg]
            body = (await matching.get("/matches", params={"seeker_id": seeker["id"]})).json()
            return body["data"][0] if body["count"] else None

        proposed = await eventually(match, what="a proposed match")
        assert proposed["vacancy_id"] == vacancy["id"]
        assert proposed["score"] >= 0.5
        assert "possiede 2 su 2 competenze essenziali" in proposed["reasons"]

        async def delivery() -> dict | None:  # type: ignore[type-arg]
            body = (await notifications.get(
                "/deliveries", params={"recipient_id": seeker["id"], "state": "sent"})).json()
            return body["data"][0] if body["count"] else None

        sent = await eventually(delivery, what="a sent delivery")
        assert sent["channel"] == "email"
        assert sent["kind"] == "match_proposed"
        assert sent["attempts"] == 1

    messages = platform.smtp.to(email)
    assert len(messages) == 1
    message = messages[0]
    assert message["Message-ID"] == sent["message_id"]
    text = message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    assert "Gentile Maria" in text
    assert "Impiegato amministrativo — Modena" in text


async def test_a_person_who_fits_nothing_gets_no_message(platform: Platform) -> None:
    email = unique_email()
    async with (
        platform.client("intake") as intake,
        platform.client("matching") as matching,
    ):
        await post(intake, "/vacancies", new_vacancy(title="Saldatore", occupation="saldatore",
                                                      essential_skills=["saldatura TIG"]))
        fitting = await post(intake, "/vacancies", new_vacancy(title="Giardiniere",
                                                               occupation="giardiniere",
                                                               essential_skills=["potatura"]))
        seeker = await post(intake, "/seekers", new_seeker(
            email, occupation="giardiniere", skills=["potatura"]))

        async def matches() -> list | None:  # type: ignore[type-arg]
            body = (await matching.get("/matches", params={"seeker_id": seeker["id"]})).json()
            return body["data"] or None

        found = await eventually(matches, what="the gardener's match")
    assert [m["vacancy_id"] for m in found] == [fitting["id"]]


async def test_intake_rejects_a_bad_tax_code_with_a_problem_naming_the_field(
    platform: Platform,
) -> None:
    async with platform.client("intake") as intake:
        response = await intake.post(
            "/seekers", json=new_seeker(unique_email(), tax_code="RSSMRA80A41F257X"))
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["errors"][0]["field"] == "tax_code"


async def test_a_second_registration_of_the_same_tax_code_points_at_the_first(
    platform: Platform,
) -> None:
    body = new_seeker(unique_email())
    async with platform.client("intake") as intake:
        first = await post(intake, "/seekers", body)
        again = await intake.post("/seekers", json={**body, "email": unique_email()})
    assert again.status_code == 409
    assert again.json()["existing"] == f"/seekers/{first['id']}"
