"""A message suppressed or superseded just after a worker claimed it (erasure, withdrawn consent,
a cancelled appointment) is never sent: the sender records the send and reads it back first.
Nor is one whose lease has run out by then: another worker may claim it; it is given back.
Real FerretDB and a real SMTP server; the sender is the service's own Dispatcher."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from notifications.adapters.deliveries import MongoDeliveryLog
from notifications.adapters.intake_client import IntakeClient
from notifications.adapters.people import MongoDirectory, MongoPreferences
from notifications.adapters.sms import HttpSmsSender
from notifications.adapters.sms_receipts import MongoSmsReceipts
from notifications.adapters.smtp import SmtpSender
from notifications.config import Settings
from notifications.dispatch import Dispatcher
from notifications.messages import Templates
from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase

from tests.harness import SmtpSink

LEASE = 30.0


@pytest.fixture
async def database(mongo: AsyncMongoClient, base_env: dict[str, str]) -> AsyncDatabase:
    return mongo[f"{base_env['REIMPIEGO_NOTIFICATIONS_DATABASE']}_s{secrets.token_hex(3)}"]


@pytest.fixture(params=[True, False], ids=["conditional-updates", "guard-read-by-id"])
def log(database: AsyncDatabase, request: pytest.FixtureRequest) -> MongoDeliveryLog:
    """Both ways of guarding a message's updates: one conditional update (MongoDB), and the
    guard checked on the message read by _id (what the service does on FerretDB)."""
    return MongoDeliveryLog(database, isolated_updates=request.param)


@pytest.fixture
async def dispatcher(database: AsyncDatabase, log: MongoDeliveryLog,
                     smtp: SmtpSink) -> AsyncIterator[Dispatcher]:
    settings = Settings(smtp_port=smtp.port)
    async with httpx.AsyncClient(base_url=settings.intake_url) as http:
        yield Dispatcher(settings, log, IntakeClient(http),
                         MongoPreferences(database), MongoDirectory(database),
                         SmtpSender(settings), HttpSmsSender(http, settings),
                         Templates(ZoneInfo(settings.timezone)), MongoSmsReceipts(database))


async def _message(log: MongoDeliveryLog, **fields: Any) -> str:
    delivery_id = secrets.token_hex(8)
    await log.add(delivery_id, None, **{
        "channel": "email", "kind": "appointment_reminder", "recipient_type": "seeker",
        "recipient_id": "s-1", "event_id": "e-1", "group": "reminders:ap-1", **fields})
    return delivery_id


async def _claim(log: MongoDeliveryLog, delivery_id: str) -> dict[str, Any]:
    held = await log.claim("email", LEASE)
    assert held is not None and held["_id"] == delivery_id
    return held


async def test_a_message_suppressed_after_its_claim_is_not_sent(log: MongoDeliveryLog) -> None:
    delivery_id = await _message(log)
    held = await _claim(log, delivery_id)

    await log.suppress_waiting({"recipient_id": "s-1"}, "the person was erased")

    assert not await log.start_sending(held)
    stored = await log.get(delivery_id)
    assert stored is not None and stored["state"] == "suppressed" and stored["attempts"] == 0


async def test_a_reminder_superseded_after_its_claim_is_not_sent(log: MongoDeliveryLog) -> None:
    delivery_id = await _message(log)
    held = await _claim(log, delivery_id)

    await log.supersede("reminders:ap-1", "e-2", "appointment cancelled")

    assert not await log.start_sending(held)
    stored = await log.get(delivery_id)
    assert stored is not None and stored["state"] == "suppressed"
    assert stored["reason"] == "appointment cancelled"


async def test_the_sender_sends_nothing_for_a_message_suppressed_after_its_claim(
    database: AsyncDatabase, dispatcher: Dispatcher, smtp: SmtpSink,
) -> None:
    log, office = dispatcher.deliveries, f"cpi-{secrets.token_hex(4)}"
    address, other = f"{office}@example.org", f"{office}-2@example.org"
    await MongoDirectory(database).put("office", office, {"name": "CPI", "email": address})
    await MongoDirectory(database).put("office", f"{office}-2", {"name": "CPI", "email": other})
    context = {"vacancy_title": "Magazziniere", "referral_ref": "a1b2c3d4"}
    fields = {"kind": "referral_received", "recipient_type": "office", "context": context}
    withdrawn = await _message(log, recipient_id=office, **fields)
    held = await _claim(log, withdrawn)
    await log.suppress_waiting({"recipient_id": office}, "the referral was withdrawn")

    await dispatcher.process(held)
    kept = await _message(log, recipient_id=f"{office}-2", **fields)  # the sender does send
    await dispatcher.process(await _claim(log, kept))

    assert smtp.to(address) == [] and len(smtp.to(other)) == 1
    assert (await log.get(withdrawn) or {})["state"] == "suppressed"
    assert (await log.get(kept) or {})["state"] == "sent"


async def test_a_message_whose_lease_ran_out_before_its_send_is_given_back_unsent(
    database: AsyncDatabase, dispatcher: Dispatcher, smtp: SmtpSink,
) -> None:
    log, office = dispatcher.deliveries, f"cpi-{secrets.token_hex(4)}"
    address = f"{office}@example.org"
    await MongoDirectory(database).put("office", office, {"name": "CPI", "email": address})
    delivery_id = await _message(log, kind="referral_received", recipient_type="office",
                                 recipient_id=office, context={"vacancy_title": "Magazziniere",
                                                               "referral_ref": "a1b2c3d4"})
    held = await log.claim("email", lease_seconds=0.001)  # over before the contact is read
    assert held is not None and held["_id"] == delivery_id

    await dispatcher.process(held)

    assert smtp.to(address) == []
    stored = await log.get(delivery_id)
    assert stored is not None and stored["state"] == "queued" and stored["attempts"] == 0
    await dispatcher.process(await _claim(log, delivery_id))  # claimable again at once
    assert len(smtp.to(address)) == 1 and (await log.get(delivery_id) or {})["state"] == "sent"
