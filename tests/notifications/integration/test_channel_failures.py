"""A failing channel retries on its own schedule without holding up the others; rate limits space
sends; webhook targets on private networks are refused when the configuration says so."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from datetime import datetime

import pytest
from api_edge.auth import Role

from tests.conftest import Tokens
from tests.harness import SmtpSink
from tests.notifications.stack import Stack

MATCHES = "reimpiego.matching.matches"
APPOINTMENTS = "reimpiego.intake.appointments"


@pytest.fixture(scope="module")
async def down_smtp() -> SmtpSink:
    return SmtpSink()  # its port is known; it starts only when a test says so


@pytest.fixture(scope="module")
async def stack(base_env: dict[str, str], down_smtp: SmtpSink,
                tokens: Tokens) -> AsyncIterator[Stack]:
    stack = Stack.create(base_env, down_smtp, tokens,
                         REIMPIEGO_WEBHOOK_ALLOW_PRIVATE="false",
                         REIMPIEGO_RATE_PER_SECOND='{"email": 5, "sms": 5, "webhook": 5}')
    try:
        await stack.start()
        yield stack
    finally:
        await stack.stop()
        down_smtp.stop()


def _match(seeker_id: str) -> dict[str, object]:
    return {"match_id": secrets.token_hex(6), "seeker_id": seeker_id,
            "vacancy_title": "Magazziniere", "municipality_name": "Modena", "reasons": []}


async def test_email_down_retries_while_sms_goes_out_and_recovers_when_the_server_returns(
    stack: Stack, down_smtp: SmtpSink,
) -> None:
    by_email, email = await stack.new_person()
    by_sms, _ = await stack.new_person(phone="+393339876543")
    async with stack.client() as client:
        await client.put(f"/people/{by_sms}/preferences", json={"channels": ["sms"]})
    await stack.publish(MATCHES, "match.proposed.v1", "m", _match(by_email))
    await stack.settled(1, recipient_id=by_email, state="queued")  # failed once, will retry
    appointment = {"appointment_id": "ap-x", "seeker_id": by_sms, "office_id": "o",
                   "operator_id": "op", "kind": "colloquio", "starts_at": "2027-02-01T09:00:00Z",
                   "ends_at": "2027-02-01T10:00:00Z", "status": "scheduled"}
    await stack.publish(APPOINTMENTS, "appointment.scheduled.v1", "ap-x", appointment)
    await stack.settled(1, recipient_id=by_sms, state="sent", channel="sms")
    [waiting] = await stack.deliveries(recipient_id=by_email)
    assert waiting["state"] in ("queued", "sending") and waiting["errors"]

    down_smtp.start()
    [sent] = await stack.settled(1, recipient_id=by_email, state="sent")
    assert sent["attempts"] >= 2 and len(sent["errors"]) == sent["attempts"] - 1
    assert "Connect" in sent["errors"][0]["error"] or "refused" in sent["errors"][0]["error"]
    assert [m["Message-ID"] for m in down_smtp.to(email)] == [sent["message_id"]]


async def test_a_channel_rate_limit_spaces_its_sends(stack: Stack, down_smtp: SmtpSink) -> None:
    if not _running(down_smtp):  # when run on its own
        down_smtp.start()
    people = [await stack.new_person() for _ in range(8)]
    for seeker_id, _ in people:
        await stack.publish(MATCHES, "match.proposed.v1", "m", _match(seeker_id))
    sent = []
    for seeker_id, _ in people:
        sent += await stack.settled(1, recipient_id=seeker_id, state="sent")
    times = sorted(datetime.fromisoformat(d["sent_at"]) for d in sent)
    assert (times[-1] - times[0]).total_seconds() >= 7 / 5 * 0.9  # 5 a second at most


def _running(sink: SmtpSink) -> bool:
    return getattr(sink._controller, "server", None) is not None  # noqa: SLF001


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/hook", "http://localhost/hook",
                                 "http://10.1.2.3/hook", "http://[::1]/hook",
                                 "http://169.254.169.254/latest"])
async def test_webhook_targets_on_private_networks_are_refused(stack: Stack, url: str) -> None:
    async with stack.client(roles=[Role.DOWNSTREAM], organisation_id="org-p") as client:
        response = await client.post("/webhooks/subscriptions", json={
            "url": url, "event_types": ["placement.recorded.v1"]})
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"] == "url"
    assert "non-public" in response.json()["errors"][0]["reason"]
