"""Signed webhooks for downstream systems: Standard Webhooks headers checked by an independent
implementation, retries with growing delays, 410 disabling, manual redelivery, ownership."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest
from api_edge.auth import Role

from tests.harness import eventually
from tests.notifications.receivers import HttpRecorder, Received
from tests.notifications.stack import Stack, now_iso

OUTCOMES = "reimpiego.matching.outcomes"


def verify_standard_webhook(secret: str, request: Received, tolerance: int = 300) -> bool:
    """The spec, written again here: base64 HMAC-SHA256 keyed with the secret's base64 part, over
    "{webhook-id}.{webhook-timestamp}.{body}", compared with each "v1," signature given."""
    key = base64.b64decode(secret.split("_", 1)[1])
    stamp = request.headers["webhook-timestamp"]
    if abs(time.time() - int(stamp)) > tolerance:
        return False
    content = f"{request.headers['webhook-id']}.{stamp}.".encode() + request.body
    expected = base64.b64encode(hmac.new(key, content, hashlib.sha256).digest()).decode()
    given = [s.split(",", 1)[1] for s in request.headers["webhook-signature"].split()
             if s.startswith("v1,")]
    return any(hmac.compare_digest(expected, g) for g in given)


@pytest.fixture(scope="module")
def receiver() -> Iterator[HttpRecorder]:
    recorder = HttpRecorder()
    recorder.start()
    yield recorder
    recorder.stop()


@pytest.fixture
async def subscription(stack: Stack, receiver: HttpRecorder) -> AsyncIterator[dict[str, Any]]:
    path = f"/hooks/{secrets.token_hex(4)}"
    organisation = f"org-{secrets.token_hex(3)}"
    async with stack.client(roles=[Role.DOWNSTREAM], organisation_id=organisation) as client:
        response = await client.post("/webhooks/subscriptions", json={
            "url": receiver.url + path, "event_types": ["placement.recorded.v1"]})
    assert response.status_code == 201, response.text
    yield {**response.json(), "path": path}


async def _placement(stack: Stack, subject: str | None = None) -> Any:
    placement_id = secrets.token_hex(6)
    return await stack.publish(OUTCOMES, "placement.recorded.v1", subject or placement_id, {
        "placement_id": placement_id, "seeker_id": "s-pseudo", "employer_id": "e-1",
        "start_date": "2027-01-07", "recorded_at": now_iso()})


async def _requests(receiver: HttpRecorder, path: str, count: int) -> list[Received]:
    async def probe() -> list[Received] | None:
        found = receiver.to(path)
        return found if len(found) >= count else None

    return await eventually(probe, what=f"{count} requests at {path}")


async def test_an_event_arrives_signed_once_even_when_published_twice(
    stack: Stack, receiver: HttpRecorder, subscription: dict[str, Any]
) -> None:
    envelope = await _placement(stack)
    await stack.send(OUTCOMES, envelope)
    [delivery] = await stack.settled(1, event_id=envelope.id, state="delivered",
                                     recipient_id=subscription["id"])
    [request] = await _requests(receiver, subscription["path"], 1)
    assert verify_standard_webhook(subscription["secret"], request)
    assert not verify_standard_webhook("whsec_" + base64.b64encode(b"x" * 32).decode(), request)
    assert request.headers["webhook-id"] == delivery["id"]
    assert json.loads(request.body)["id"] == envelope.id
    assert json.loads(request.body)["data"]["placement_id"] == envelope.data["placement_id"]
    marker = await _placement(stack, subject=envelope.subject)  # after the duplicate, in order
    await stack.settled(1, event_id=marker.id, state="delivered",
                        recipient_id=subscription["id"])
    assert [json.loads(r.body)["id"] for r in receiver.to(subscription["path"])] == [
        envelope.id, marker.id]


async def test_a_failing_receiver_is_retried_with_growing_delays_until_it_recovers(
    stack: Stack, receiver: HttpRecorder, subscription: dict[str, Any]
) -> None:
    receiver.script(subscription["path"], [500, 503, 200])
    envelope = await _placement(stack)
    [delivery] = await stack.settled(1, event_id=envelope.id, state="delivered",
                                     recipient_id=subscription["id"])
    first, second, third = await _requests(receiver, subscription["path"], 3)
    assert [r.status for r in (first, second, third)] == [500, 503, 200]
    assert len({r.headers["webhook-id"] for r in (first, second, third)}) == 1
    assert all(verify_standard_webhook(subscription["secret"], r) for r in (first, third))
    assert delivery["attempts"] == 3
    assert [e["error"] for e in delivery["errors"]] == ["HTTP 500", "HTTP 503"]


async def test_a_429_slows_the_endpoint_down_more_than_an_ordinary_failure(
    stack: Stack, receiver: HttpRecorder, subscription: dict[str, Any]
) -> None:
    receiver.script(subscription["path"], [500, 429, 200])
    envelope = await _placement(stack)
    await stack.settled(1, event_id=envelope.id, state="delivered",
                        recipient_id=subscription["id"])
    first, second, third = receiver.to(subscription["path"])
    # base 0.3 s: a 500 waits ~0.3 s (±20 %), a 429 four times the doubled backoff (~2.4 s)
    assert second.at - first.at < 1.0 < 1.8 < third.at - second.at


async def test_a_410_disables_the_endpoint_and_a_manual_redelivery_goes_out_again(
    stack: Stack, receiver: HttpRecorder, subscription: dict[str, Any]
) -> None:
    receiver.script(subscription["path"], [410])
    envelope = await _placement(stack)
    [failed] = await stack.settled(1, event_id=envelope.id, state="failed",
                                   recipient_id=subscription["id"])
    assert failed["reason"] == "the endpoint answered 410 Gone: subscription disabled"
    owner = {"roles": [Role.DOWNSTREAM], "organisation_id": subscription["organisation_id"]}
    async with stack.client(**owner) as client:
        read = (await client.get(f"/webhooks/subscriptions/{subscription['id']}")).json()
        assert read["enabled"] is False
        witness = (await client.post("/webhooks/subscriptions", json={
            "url": receiver.url + "/witness", "event_types": ["placement.recorded.v1"]})).json()
        later = await _placement(stack)  # handled (the witness gets it), yet not sent to 410's
        await stack.settled(1, event_id=later.id, recipient_id=witness["id"])
        assert await stack.deliveries(event_id=later.id, recipient_id=subscription["id"]) == []
        enabled = await client.patch(f"/webhooks/subscriptions/{subscription['id']}",
                                     json={"enabled": True})
        assert enabled.json()["enabled"] is True
        redelivered = await client.post(f"/deliveries/{failed['id']}/redeliver")
        assert redelivered.status_code == 202, redelivered.text
    await stack.settled(1, event_id=envelope.id, state="delivered",
                        recipient_id=subscription["id"])
    assert [r.status for r in receiver.to(subscription["path"])] == [410, 200]


async def test_an_organisation_sees_only_its_own_subscriptions_and_deliveries(
    stack: Stack, subscription: dict[str, Any]
) -> None:
    envelope = await _placement(stack)
    await stack.settled(1, event_id=envelope.id, state="delivered",
                        recipient_id=subscription["id"])
    async with stack.client(roles=[Role.DOWNSTREAM], organisation_id="org-other") as other:
        assert (await other.get(f"/webhooks/subscriptions/{subscription['id']}")).status_code \
            == 404
        assert (await other.get("/deliveries", params={"event_id": envelope.id})).json()[
            "count"] == 0
    owner = {"roles": [Role.DOWNSTREAM], "organisation_id": subscription["organisation_id"]}
    async with stack.client(**owner) as client:
        mine = (await client.get("/deliveries", params={"event_id": envelope.id})).json()
        assert mine["count"] == 1
        assert "secret" not in (await client.get("/webhooks/subscriptions")).json()[0]
    async with stack.client(roles=[Role.PARTNER], organisation_id="p") as partner:
        assert (await partner.get("/webhooks/subscriptions")).status_code == 403


async def test_unknown_event_types_are_refused_with_a_problem(stack: Stack) -> None:
    async with stack.client(roles=[Role.DOWNSTREAM], organisation_id="org-x") as client:
        response = await client.post("/webhooks/subscriptions", json={
            "url": "https://example.org/hook", "event_types": ["seeker.married.v1"]})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == "event_types"
