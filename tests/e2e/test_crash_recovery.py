"""Processes killed (SIGKILL) at the worst moments lose nothing and do nothing twice."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import pytest
from pymongo import AsyncMongoClient

from tests.conftest import MONGO, Tokens
from tests.e2e.kafka_reader import read_topic
from tests.e2e.platform import Platform, new_seeker, new_vacancy, post, unique_email
from tests.harness import ServiceProcess, SmtpSink, eventually


@pytest.fixture
async def platform(
    base_env: dict[str, str], smtp: SmtpSink, tokens: Tokens
) -> AsyncIterator[Platform]:
    platform = Platform.create(base_env, smtp, tokens)
    try:
        yield platform
    finally:
        platform.stop()


def _subjects(records: list, event_type: str) -> list[str]:  # type: ignore[type-arg]
    envelopes = [json.loads(r.value) for r in records]
    return [e["subject"] for e in envelopes if e["type"] == event_type]


async def _sent_deliveries(platform: Platform, seeker_id: str) -> list[dict]:  # type: ignore[type-arg]
    async with platform.client("notifications") as client:
        body = (await client.get("/deliveries", params={"recipient_id": seeker_id})).json()
    return [d for d in body["data"] if d["state"] == "sent"]


async def test_notifications_killed_before_sending_sends_exactly_one_email_after_restart(
    platform: Platform,
) -> None:
    platform.notifications.env = {**platform.env,
                                  "REIMPIEGO_CRASH_AT": "notifications.before_send"}
    await platform.start()
    email = unique_email()
    async with platform.client("intake") as intake:
        await post(intake, "/vacancies", new_vacancy())
        seeker = await post(intake, "/seekers", new_seeker(email))

    assert await platform.notifications.wait_exit() == -9  # killed at the crash point
    assert platform.smtp.to(email) == []

    platform.notifications.env = platform.env
    platform.notifications.start()
    await platform.notifications.wait_ready()
    sent = await eventually(lambda: _sent_deliveries(platform, seeker["id"]),
                            what="the delivery after restart")
    assert len(sent) == 1
    assert sent[0]["attempts"] == 2  # the first attempt died mid-way
    assert len(platform.smtp.to(email)) == 1


async def _start_with_vacancy_published(platform: Platform, relay: ServiceProcess) -> None:
    """Platform up with intake's relay as a separate worker, and one vacancy already out."""
    platform.intake.env = {**platform.env, "REIMPIEGO_RELAY_ENABLED": "false"}
    await platform.start()
    relay.start()
    async with platform.client("intake") as intake:
        await post(intake, "/vacancies", new_vacancy())
    topic = platform.env["REIMPIEGO_TOPIC_PREFIX"] + "reimpiego.intake.vacancies"

    async with AsyncMongoClient(MONGO) as mongo:
        vacancies = mongo[platform.env["REIMPIEGO_INTAKE_DATABASE"]]["vacancies"]

        async def vacancy_relayed() -> bool:
            # On the topic and marked as sent, so the next relay run has only the seeker to send.
            pending = await vacancies.count_documents({"outbox.0": {"$exists": True}})
            return pending == 0 and bool(await read_topic(topic))

        await eventually(vacancy_relayed, what="the vacancy published and marked")
    relay.kill()


def _seekers_topic(platform: Platform) -> str:
    return platform.env["REIMPIEGO_TOPIC_PREFIX"] + "reimpiego.intake.seekers"


async def test_relay_killed_between_write_and_publish_publishes_once_after_restart(
    platform: Platform,
) -> None:
    relay = ServiceProcess("intake", platform.env, args=["relay"])
    await _start_with_vacancy_published(platform, relay)
    email = unique_email()
    relay.env = {**platform.env, "REIMPIEGO_CRASH_AT": "relay.before_publish"}
    relay.start()
    async with platform.client("intake") as intake:
        seeker = await post(intake, "/seekers", new_seeker(email))  # the write happens
    assert await relay.wait_exit() == -9  # ... and the relay dies before publishing
    topic = _seekers_topic(platform)
    assert seeker["id"] not in _subjects(await read_topic(topic), "seeker.registered.v1")

    relay.env = platform.env
    relay.start()
    try:
        sent = await eventually(lambda: _sent_deliveries(platform, seeker["id"]),
                                what="the match email after the relay restarted")
    finally:
        relay.stop()

    assert _subjects(await read_topic(topic), "seeker.registered.v1").count(seeker["id"]) == 1
    assert len(sent) == 1
    assert len(platform.smtp.to(email)) == 1


async def test_relay_killed_after_publish_before_marking_is_applied_once_by_consumers(
    platform: Platform,
) -> None:
    relay = ServiceProcess("intake", platform.env, args=["relay"])
    await _start_with_vacancy_published(platform, relay)
    email = unique_email()
    relay.env = {**platform.env, "REIMPIEGO_CRASH_AT": "relay.after_publish"}
    relay.start()
    async with platform.client("intake") as intake:
        seeker = await post(intake, "/seekers", new_seeker(email))
    assert await relay.wait_exit() == -9  # published, but not marked as sent

    relay.env = platform.env
    relay.start()
    topic = _seekers_topic(platform)
    try:
        sent = await eventually(lambda: _sent_deliveries(platform, seeker["id"]),
                                what="the match email")

        async def duplicate_skipped() -> bool:
            async with platform.client("matching") as matching:
                metrics = (await matching.get("/metrics")).text
            return (f'reimpiego_events_duplicate_total{{topic="{topic}",'
                    f'type="seeker.registered.v1"}} 1.0') in metrics

        await eventually(duplicate_skipped, what="matching to skip the republished event")
    finally:
        relay.stop()

    assert _subjects(await read_topic(topic), "seeker.registered.v1").count(seeker["id"]) == 2
    async with platform.client("matching") as matching:
        matches = (await matching.get("/matches", params={"seeker_id": seeker["id"]})).json()
    assert matches["count"] == 1
    assert len(sent) == 1
    assert len(platform.smtp.to(email)) == 1
