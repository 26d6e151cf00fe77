"""Delivery receipts from the SMS gateway, signed by it (Standard Webhooks), not a bearer token:
the gateway is a partner's server calling back, and the signature also covers the body."""

from __future__ import annotations

import time
from datetime import datetime
from typing import Annotated, Literal

from api_edge import Problem
from fastapi import APIRouter, Depends, Header, Request
from pydantic import BaseModel, Field

from notifications.api.deps import DeliveryLog, SettingsDep, SmsReceipts
from notifications.domain.webhooks import verify
from notifications.receipts import Receipt, ReceiptConflict, UnknownMessage, record_receipt

router = APIRouter(tags=["sms"])

DESCRIPTION = """The SMS gateway's delivery receipt (DLR) for a message we handed to it.

**Authentication**: no bearer token. The gateway signs each receipt as
[Standard Webhooks](https://www.standardwebhooks.com/) prescribe, with the secret shared with it
(`REIMPIEGO_SMS_RECEIPT_SECRET`, `whsec_` + base64): `webhook-signature` is
`v1,` + base64(HMAC-SHA256(secret, `{webhook-id}.{webhook-timestamp}.{raw body}`)), several
space-separated while the secret is rotated. A missing or wrong signature, or a timestamp more
than five minutes (`REIMPIEGO_SMS_RECEIPT_TOLERANCE_SECONDS`) away, is refused with 401.

`message_id` is the id the gateway answered with when it accepted the message. A receipt moves
the delivery from `sent` to `delivered` or `failed` (with the gateway's error) once: the same
receipt again answers 200 with `changed: false`; a receipt contradicting the recorded outcome
is a 409 and changes nothing; an id we never sent under is a 404."""


class SmsReceiptBody(BaseModel):
    message_id: str = Field(min_length=1, max_length=128, examples=["gw-5f1c2a"],
                            description="The gateway's id for the message.")
    status: Literal["delivered", "failed"]
    done_at: datetime | None = Field(default=None, description="When the handset or the "
                                     "network reported the outcome; receipt time when absent.")
    error_code: str | None = Field(default=None, max_length=32, examples=["27"])
    error: str | None = Field(default=None, max_length=300, examples=["absent subscriber"])


class SmsReceiptRecorded(BaseModel):
    delivery_id: str
    message_id: str
    state: str = Field(description="The delivery's state now.", examples=["delivered"])
    changed: bool


async def signed_by_gateway(
    request: Request, settings: SettingsDep,
    webhook_id: Annotated[str | None, Header(max_length=256)] = None,
    webhook_timestamp: Annotated[str | None, Header(max_length=32)] = None,
    webhook_signature: Annotated[str | None, Header(max_length=2048)] = None,
) -> None:
    secret = settings.sms_receipt_secret
    if not (secret and webhook_id and webhook_timestamp and webhook_signature and verify(
            secret.get_secret_value(), webhook_id, webhook_timestamp, await request.body(),
            webhook_signature, time.time(), settings.sms_receipt_tolerance_seconds)):
        raise Problem(401, "Unauthorised", "The receipt is not signed by the gateway.",
                      kind="unauthorised", errors=[{
                          "pointer": "/header/webhook-signature", "field": "webhook-signature",
                          "reason": "missing, not matching, or its timestamp is too old"}])


@router.post("/sms-receipts", response_model=SmsReceiptRecorded,
             dependencies=[Depends(signed_by_gateway)],
             summary="Ricevuta di consegna SMS / SMS gateway delivery receipt",
             description=DESCRIPTION,
             responses={401: {"description": "Not signed by the gateway"},
                        404: {"description": "No SMS was sent under this id"},
                        409: {"description": "Another outcome is already recorded"}})
async def record_sms_receipt(body: SmsReceiptBody, receipts: SmsReceipts,
                             log: DeliveryLog) -> SmsReceiptRecorded:
    error = None
    if body.status == "failed":
        error = "gateway: " + (" ".join(filter(None, [body.error_code, body.error]))
                               or "not delivered")
    receipt = Receipt(body.message_id, body.status, body.done_at, error)
    try:
        recorded = await record_receipt(receipt, receipts, log)
    except UnknownMessage:
        raise Problem(404, "Not found", "No SMS was sent under this message id.",
                      kind="not-found", errors=[{"pointer": "/body/message_id",
                                                 "field": "message_id",
                                                 "reason": "unknown to us"}]) from None
    except ReceiptConflict as conflict:
        raise Problem(409, "Conflict", f"The message is already {conflict.state}; a receipt "
                      "cannot change that.", kind="conflict", state=conflict.state) from None
    return SmsReceiptRecorded(delivery_id=recorded.delivery_id, message_id=body.message_id,
                              state=recorded.state, changed=recorded.changed)
