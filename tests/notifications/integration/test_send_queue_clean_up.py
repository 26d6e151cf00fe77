"""The clean-up of send claims and queue leftovers on real FerretDB: old claims of settled
messages go, recent claims and claims of messages still being sent stay; entries of messages
settled elsewhere leave the queue, waiting ones stay."""

from __future__ import annotations

import asyncio
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from notifications.adapters.deliveries import MongoDeliveryLog
from notifications.adapters.send_claims import MongoSendClaims
from notifications.loops import run_clean_up
from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase

from tests.harness import eventually

WEEK = timedelta(days=7)


@pytest.fixture
async def database(mongo: AsyncMongoClient, base_env: dict[str, str]) -> AsyncDatabase:
    return mongo[f"{base_env['REIMPIEGO_NOTIFICATIONS_DATABASE']}_c{secrets.token_hex(3)}"]


async def _message(log: MongoDeliveryLog, due_at: datetime | None = None) -> str:
    delivery_id = secrets.token_hex(8)
    await log.add(delivery_id, due_at, channel="email", kind="match_proposed",
                  recipient_type="seeker", recipient_id="s-1", event_id=secrets.token_hex(4),
                  group=None)
    return delivery_id


async def _claimed(log: MongoDeliveryLog) -> dict[str, Any]:
    """A new message, claimed and being sent (the only one due: earlier ones are settled)."""
    delivery_id = await _message(log)
    held = await log.claim("email", lease_seconds=30)
    assert held is not None and held["_id"] == delivery_id and await log.start_sending(held)
    return held


async def _claims_of(database: AsyncDatabase, delivery_id: str) -> list[str]:
    found = database["send_claims"].find({"_id": {"$regex": f"^{delivery_id}@"}}, {"_id": 1})
    return [claim["_id"] async for claim in found]


async def _age(database: AsyncDatabase, delivery_id: str, by: timedelta) -> None:
    """As if the message had been claimed `by` ago (the clock cannot be turned in a test)."""
    for claim_id in await _claims_of(database, delivery_id):
        await database["send_claims"].update_one(
            {"_id": claim_id}, {"$set": {"at": datetime.now(UTC) - by}})


async def test_old_claims_of_settled_messages_go_and_the_others_stay(
    database: AsyncDatabase,
) -> None:
    log = MongoDeliveryLog(database)
    settled = []
    for _ in range(3):  # more than a page, so paging is exercised too
        held = await _claimed(log)
        await log.finish(held, "sent", message_id="m")
        await _age(database, held["_id"], WEEK + timedelta(hours=1))
        settled.append(held["_id"])
    recent = await _claimed(log)
    await log.finish(recent, "sent", message_id="m")
    in_flight = await _claimed(log)  # claimed long ago and still being sent
    await _age(database, in_flight["_id"], WEEK * 2)

    removed = await MongoSendClaims(database, page=2).prune_claims(datetime.now(UTC) - WEEK)

    assert removed == 3
    assert [await _claims_of(database, d) for d in settled] == [[], [], []]
    assert len(await _claims_of(database, recent["_id"])) == 1
    assert len(await _claims_of(database, in_flight["_id"])) == 1
    assert await log.finish(in_flight, "sent", message_id="m")  # its sender is undisturbed


async def test_queue_entries_of_messages_settled_elsewhere_leave_the_queue(
    database: AsyncDatabase,
) -> None:
    log = MongoDeliveryLog(database)
    later = datetime.now(UTC) + timedelta(days=30)
    superseded = await _message(log, later)
    await log.suppress_waiting({"_id": superseded}, "appointment cancelled")
    still_waiting = await _message(log, later)

    removed = await MongoSendClaims(database).prune_queue(datetime.now(UTC))

    assert removed == 1
    assert await database["send_queue"].find_one({"_id": superseded}) is None
    assert await database["send_queue"].find_one({"_id": still_waiting}) is not None


async def test_the_clean_up_loop_runs_both_on_its_own(database: AsyncDatabase) -> None:
    log = MongoDeliveryLog(database)
    held = await _claimed(log)
    await log.finish(held, "sent", message_id="m")
    superseded = await _message(log, datetime.now(UTC) + timedelta(days=1))
    await log.suppress_waiting({"_id": superseded}, "appointment cancelled")
    loop = asyncio.create_task(run_clean_up(MongoSendClaims(database), timedelta(0), 0.1))
    try:
        async def cleaned() -> bool:
            claims = await _claims_of(database, held["_id"])
            entry = await database["send_queue"].find_one({"_id": superseded})
            return not claims and entry is None

        await eventually(cleaned, timeout=10, what="claims and leftovers cleaned up")
    finally:
        loop.cancel()
