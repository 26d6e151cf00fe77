"""SMS delivery receipts from the gateway: its message id leads to the delivery, which becomes
delivered or failed once; a repeat changes nothing, a contradiction or a stranger is refused, and
a receipt that overtakes our own record of the send still wins."""

from __future__ import annotations

import secrets
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from notifications.adapters.deliveries import MongoDeliveryLog
from notifications.adapters.sms_receipts import MongoSmsReceipts
from notifications.receipts import Receipt, apply_stored, record_receipt
from pymongo import AsyncMongoClient

from tests.harness import eventually
from tests.notifications.receivers import Received, signed_receipt
from tests.notifications.stack import Stack

APPOINTMENTS = "reimpiego.intake.appointments"


async def _sms_sent(stack: Stack) -> tuple[dict[str, Any], Received]:
    """A person who chose SMS books an appointment: the confirmation, as sent and as received."""
    seeker_id, _ = await stack.new_person(phone=f"+39333{secrets.randbelow(10**7):07d}")
    async with stack.client() as client:
        await client.put(f"/people/{seeker_id}/preferences", json={"channels": ["sms"]})
    starts = datetime.now(UTC) + timedelta(days=5)
    appointment_id = f"ap-{secrets.token_hex(4)}"
    await stack.publish(APPOINTMENTS, "appointment.scheduled.v1", appointment_id, {
        "appointment_id": appointment_id, "seeker_id": seeker_id, "office_id": "cpi-modena",
        "operator_id": "op-1", "kind": "colloquio", "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=1)).isoformat(), "status": "scheduled"})
    [sms] = await stack.settled(1, recipient_id=seeker_id, kind="appointment_confirmed",
                                state="sent")

    async def at_gateway() -> list[Received]:
        return [r for r in stack.gateway.to("/sms") if r.json()["reference"] == sms["id"]]

    [request] = await eventually(at_gateway, what="the SMS at the gateway")
    return sms, request


async def _receipt(stack: Stack, receipt: dict[str, Any], secret: str | None = None,
                   **signing: Any) -> httpx.Response:
    """Posted as the gateway posts it: signed, with no bearer token."""
    body, headers = signed_receipt(secret or stack.receipt_secret, receipt, **signing)
    async with httpx.AsyncClient(base_url=stack.notifications.url, timeout=15) as gateway:
        return await gateway.post("/sms-receipts", content=body, headers=headers)


async def _delivery(stack: Stack, delivery_id: str) -> dict[str, Any]:
    async with stack.client() as client:
        response = await client.get(f"/deliveries/{delivery_id}")
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


async def test_a_receipt_marks_the_sms_delivered_once_and_cannot_undo_it(stack: Stack) -> None:
    sms, request = await _sms_sent(stack)
    assert sms["message_id"] == request.answered_id  # the gateway's id, recorded at send time
    receipt = {"message_id": request.answered_id, "status": "delivered",
               "done_at": datetime.now(UTC).isoformat()}

    first = await _receipt(stack, receipt)
    assert first.status_code == 200, first.text
    assert first.json() == {"delivery_id": sms["id"], "message_id": request.answered_id,
                            "state": "delivered", "changed": True}
    delivered = await _delivery(stack, sms["id"])
    assert delivered["state"] == "delivered" and delivered["receipt_at"]

    again = await _receipt(stack, receipt)  # gateways retry: the same word changes nothing
    assert again.status_code == 200 and again.json()["changed"] is False
    backwards = await _receipt(stack, {**receipt, "status": "failed"})
    assert backwards.status_code == 409
    assert backwards.headers["content-type"] == "application/problem+json"
    assert await _delivery(stack, sms["id"]) == delivered


async def test_a_failure_receipt_records_the_gateway_error(stack: Stack) -> None:
    sms, request = await _sms_sent(stack)
    response = await _receipt(stack, {"message_id": request.answered_id, "status": "failed",
                                      "error_code": "27", "error": "absent subscriber"})
    assert response.status_code == 200, response.text
    failed = await _delivery(stack, sms["id"])
    assert failed["state"] == "failed" and failed["reason"] == "gateway: 27 absent subscriber"
    assert failed["errors"][-1]["error"] == "gateway: 27 absent subscriber"
    assert (await _receipt(stack, {"message_id": request.answered_id,
                                   "status": "delivered"})).status_code == 409
    assert (await stack.deliveries(recipient_id=sms["recipient_id"], state="failed"))


async def test_a_receipt_for_a_message_we_never_sent_is_not_found(stack: Stack) -> None:
    response = await _receipt(stack, {"message_id": "gw-nobody", "status": "delivered"})
    assert response.status_code == 404
    assert response.json()["errors"][0]["field"] == "message_id"


async def test_receipts_not_signed_by_the_gateway_are_refused(stack: Stack) -> None:
    receipt = {"message_id": "gw-nobody", "status": "delivered"}
    other_secret = "whsec_" + "A" * 43 + "="
    stale = time.time() - 3600
    body, headers = signed_receipt(stack.receipt_secret, receipt)
    async with httpx.AsyncClient(base_url=stack.notifications.url, timeout=15) as client:
        tampered = await client.post("/sms-receipts", headers=headers,
                                     content=body.replace(b"delivered", b"failed"))
        unsigned = await client.post("/sms-receipts", json=receipt, headers=stack.headers)
    for response in (await _receipt(stack, receipt, other_secret),
                     await _receipt(stack, receipt, at=stale), tampered, unsigned):
        assert response.status_code == 401, response.text
        assert response.json()["errors"][0]["field"] == "webhook-signature"


async def test_a_receipt_that_overtakes_our_record_of_the_send_still_wins(
    mongo: AsyncMongoClient, base_env: dict[str, str],
) -> None:
    """The gateway may send its receipt before we have written "sent": the sender, finishing
    later, must not put the message back to sent (real FerretDB, the adapters themselves)."""
    database = mongo[f"{base_env['REIMPIEGO_NOTIFICATIONS_DATABASE']}_r{secrets.token_hex(3)}"]
    log, sms = MongoDeliveryLog(database), MongoSmsReceipts(database)
    delivery_id = secrets.token_hex(8)
    await log.add(delivery_id, None, channel="sms", kind="appointment_confirmed",
                  recipient_type="seeker", recipient_id="s-1", event_id="e-1")
    held = await log.claim("sms", lease_seconds=0.001)  # its lease runs out at once
    assert held is not None and await log.start_sending(held)
    await sms.remember("gw-fast", delivery_id)

    recorded = await record_receipt(Receipt("gw-fast", "delivered"), sms, log)
    assert recorded.changed and recorded.state == "delivered"
    assert not await log.finish(held, "sent", message_id="gw-fast")  # its lease was taken
    stored = await sms.find("gw-fast")
    assert stored is not None and not await apply_stored(stored, log)  # applied already
    assert (await log.get(delivery_id) or {})["state"] == "delivered"
    assert await log.claim("sms", lease_seconds=30) is None  # nothing is sent again
    assert await database["send_queue"].find_one({"_id": delivery_id}) is None
