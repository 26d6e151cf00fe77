"""Claiming on real FerretDB when a worker died between inserting its send claim and taking the
lease: the message is not lost (a fresh generation is claimed once that claim is abandoned), and
a claim still fresh, or contended by several workers at once, goes to one worker only."""

from __future__ import annotations

import asyncio
import secrets
from datetime import UTC, datetime, timedelta

import pytest
from notifications.adapters.deliveries import MongoDeliveryLog
from notifications.domain.leases import claim_id
from pymongo import AsyncMongoClient
from pymongo.asynchronous.database import AsyncDatabase

LEASE = 30.0


@pytest.fixture
async def database(mongo: AsyncMongoClient, base_env: dict[str, str]) -> AsyncDatabase:
    return mongo[f"{base_env['REIMPIEGO_NOTIFICATIONS_DATABASE']}_l{secrets.token_hex(3)}"]


async def _claimed_by_a_worker_that_died(log: MongoDeliveryLog, ago: timedelta) -> str:
    """A due message whose current lease generation a worker claimed `ago` and then died: the
    claim is there, the queue entry still shows the generation it saw."""
    delivery_id = secrets.token_hex(8)
    await log.add(delivery_id, None, channel="email", kind="match_proposed",
                  recipient_type="seeker", recipient_id="s-1", event_id="e-1", group=None)
    entry = await log.queue.find_one({"_id": delivery_id})
    assert entry is not None
    await log.claims.insert_one({"_id": claim_id(delivery_id, entry["lease_until"]),
                                 "owner": "dead", "at": datetime.now(UTC) - ago})
    return delivery_id


async def test_a_message_whose_claimer_died_before_its_lease_is_claimed_again(
    database: AsyncDatabase,
) -> None:
    log = MongoDeliveryLog(database)
    delivery_id = await _claimed_by_a_worker_that_died(log, timedelta(seconds=2 * LEASE + 1))

    held = await log.claim("email", LEASE)

    assert held is not None and held["_id"] == delivery_id
    assert await log.start_sending(held)
    assert await log.claim("email", LEASE) is None  # the new lease holds
    assert await log.finish(held, "sent", message_id="m")


async def test_a_recent_claim_is_left_to_its_worker(database: AsyncDatabase) -> None:
    log = MongoDeliveryLog(database)
    await _claimed_by_a_worker_that_died(log, timedelta(seconds=LEASE))  # may be alive yet

    assert await log.claim("email", LEASE) is None


async def test_workers_racing_for_an_abandoned_claim_leave_it_to_one(
    database: AsyncDatabase,
) -> None:
    log = MongoDeliveryLog(database)
    delivery_id = await _claimed_by_a_worker_that_died(log, timedelta(seconds=2 * LEASE + 1))

    held = await asyncio.gather(*(log.claim("email", LEASE) for _ in range(6)))

    assert [h["_id"] for h in held if h is not None] == [delivery_id]
