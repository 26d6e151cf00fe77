"""Delivery receipts from the SMS gateway: the gateway's message id leads to the delivery, which
moves from sent to delivered or failed once; a repeat changes nothing, a contradiction nothing."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from notifications.adapters.deliveries import MongoDeliveryLog
from notifications.adapters.sms_receipts import MongoSmsReceipts
from notifications.domain.receipts import Effect, effect

log = logging.getLogger(__name__)


class UnknownMessage(Exception):
    """No SMS was handed to the gateway under this id."""


class ReceiptConflict(Exception):
    """The delivery already stands elsewhere (another outcome, or never handed over)."""

    def __init__(self, state: str) -> None:
        super().__init__(f"the message is already {state}")
        self.state = state


@dataclass(frozen=True)
class Receipt:
    message_id: str
    outcome: str
    at: datetime | None = None
    error: str | None = None


@dataclass(frozen=True)
class Recorded:
    delivery_id: str
    state: str
    changed: bool


async def record_receipt(receipt: Receipt, sms: MongoSmsReceipts,
                         deliveries: MongoDeliveryLog) -> Recorded:
    delivery_id = await sms.delivery_for(receipt.message_id)
    delivery = await deliveries.get(delivery_id) if delivery_id else None
    if delivery_id is None or delivery is None:
        raise UnknownMessage(receipt.message_id)
    verdict = effect(delivery["state"], receipt.outcome)
    if verdict is Effect.ALREADY:
        return Recorded(delivery_id, delivery["state"], changed=False)
    if verdict is Effect.CONFLICT:
        raise ReceiptConflict(delivery["state"])
    stored = await sms.store(receipt.message_id, delivery_id, {
        "outcome": receipt.outcome, "at": receipt.at or datetime.now(UTC),
        "error": receipt.error})
    if stored["outcome"] != receipt.outcome:  # a concurrent, different receipt came first
        raise ReceiptConflict(stored["outcome"])
    if await apply_stored(stored, deliveries):
        return Recorded(delivery_id, receipt.outcome, changed=True)
    now = await deliveries.get(delivery_id) or {"state": receipt.outcome}
    return Recorded(delivery_id, now["state"], changed=False)  # a repeat applied it meanwhile


async def apply_stored(stored: dict[str, Any], deliveries: MongoDeliveryLog) -> bool:
    """Idempotent: moves the delivery only while it still waits for its receipt. Also called by
    the sender after recording a send, in case the receipt overtook that record."""
    changed = await deliveries.confirm(stored["delivery_id"], stored["outcome"], stored["at"],
                                       stored.get("error"))
    if changed:
        log.info("sms receipt applied", extra={"delivery_id": stored["delivery_id"],
                                               "state": stored["outcome"]})
    return changed
