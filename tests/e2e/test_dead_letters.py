"""A poison event goes to the dead-letter topic, the partition moves on, and the dead letters can be
listed and replayed with the command line tool."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import AsyncIterator

import pytest
from aiokafka import AIOKafkaProducer

from tests.conftest import Tokens
from tests.e2e.kafka_reader import KAFKA
from tests.e2e.platform import Platform, new_seeker, new_vacancy, post, unique_email
from tests.harness import ROOT, SmtpSink, eventually


@pytest.fixture
async def platform(
    base_env: dict[str, str], smtp: SmtpSink, tokens: Tokens
) -> AsyncIterator[Platform]:
    platform = Platform.create(base_env, smtp, tokens)
    try:
        await platform.start()
        yield platform
    finally:
        platform.stop()


async def _dead_letters(platform: Platform, action: str = "list") -> list[dict]:  # type: ignore[type-arg]
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "event_backbone.deadletters", action, "--group", "matching",
        env={**os.environ, **platform.env}, cwd=ROOT,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    out, err = await process.communicate()
    assert process.returncode == 0, err.decode()
    return [json.loads(line) for line in out.decode().splitlines()]


async def test_malformed_events_are_dead_lettered_and_later_events_still_processed(
    platform: Platform,
) -> None:
    topic = platform.env["REIMPIEGO_TOPIC_PREFIX"] + "reimpiego.intake.seekers"
    producer = AIOKafkaProducer(bootstrap_servers=KAFKA)
    await producer.start()
    try:
        for partition in range(3):  # one poison record ahead of whatever comes next, everywhere
            await producer.send_and_wait(topic, b'{"not": "an event"', partition=partition)
    finally:
        await producer.stop()

    async with (
        platform.client("intake") as intake,
        platform.client("matching") as matching,
    ):
        await post(intake, "/vacancies", new_vacancy())
        seeker = await post(intake, "/seekers", new_seeker(unique_email()))

        async def matched() -> bool:
            body = (await matching.get("/matches", params={"seeker_id": seeker["id"]})).json()
            return body["count"] == 1

        await eventually(matched, what="the good event behind the poison ones to be handled")

    async def three_dead_letters() -> list[dict] | None:  # type: ignore[type-arg]
        letters = await _dead_letters(platform)
        return letters if len(letters) == 3 else None

    letters = await eventually(three_dead_letters, what="three dead letters")
    assert {letter["original_topic"] for letter in letters} == {topic}
    assert sorted(letter["original_partition"] for letter in letters) == [0, 1, 2]
    assert all(letter["original_offset"] == 0 for letter in letters)
    assert all("not a valid event envelope" in letter["error"] for letter in letters)
    assert all(letter["attempts"] == 1 for letter in letters)  # poison: no pointless retries
    assert not any(letter["replayed"] for letter in letters)

    replayed = await _dead_letters(platform, "replay")
    assert len(replayed) == 3

    async def six_dead_letters() -> list[dict] | None:  # type: ignore[type-arg]
        letters = await _dead_letters(platform)
        return letters if len(letters) == 6 else None

    # Still malformed, so the replays come back as dead letters from the retry topic.
    letters = await eventually(six_dead_letters, what="the replayed letters to fail again")
    retry_topic = platform.env["REIMPIEGO_TOPIC_PREFIX"] + "reimpiego.retry.matching"
    assert sum(1 for letter in letters if letter["original_topic"] == retry_topic) == 3
    assert sum(1 for letter in letters if letter["replayed"]) == 3
    assert len(await _dead_letters(platform, "replay")) == 3  # only those not replayed yet
