"""The event backbone on the real broker and the real MongoDB-compatible store."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import AsyncIterator

import pytest
from aiokafka import AIOKafkaProducer
from event_backbone import (
    ConcurrencyConflict,
    Envelope,
    EventContract,
    ProcessedEvents,
    RetryPolicy,
)
from event_backbone.consumer import EventConsumer, dead_letter_topic
from event_backbone.kafka import ensure_topics, idempotent_producer
from event_backbone.outbox import (
    OutboxRelay,
    envelopes,
    insert_with_events,
    outbox_entries,
    update_with_events,
)
from event_backbone.store import update_if
from pydantic import BaseModel
from pymongo import AsyncMongoClient

from tests.conftest import KAFKA
from tests.e2e.kafka_reader import read_topic
from tests.harness import eventually


class Thing(BaseModel):
    thing_id: str
    colour: str


@pytest.fixture
def topic() -> str:
    return f"it.{secrets.token_hex(4)}.things"


@pytest.fixture
def contract(topic: str) -> EventContract:
    return EventContract("thing.painted.v1", topic, Thing, "A thing got a colour.")


@pytest.fixture
async def producer(topic: str) -> AsyncIterator[AIOKafkaProducer]:
    await ensure_topics(KAFKA, [topic])
    producer = idempotent_producer(KAFKA, "tests")
    await producer.start()
    yield producer
    await producer.stop()


@pytest.fixture
def database(mongo: AsyncMongoClient, run_id: str):  # type: ignore[no-untyped-def]
    return mongo[f"t{run_id}_it_{secrets.token_hex(4)}"]  # dropped with the run


def _painted(contract: EventContract, thing_id: str, colour: str, version: int):  # type: ignore[no-untyped-def]
    return envelopes(source="/tests", subject=thing_id, first_version=version,
                     events=[(contract, Thing(thing_id=thing_id, colour=colour))])


async def test_relay_publishes_what_was_written_in_order_and_empties_the_outbox(
    database, contract: EventContract, producer: AIOKafkaProducer, topic: str,  # type: ignore[no-untyped-def]
) -> None:
    things = database["things"]
    await insert_with_events(things, {"_id": "t1", "version": 1, "colour": "red"},
                             _painted(contract, "t1", "red", 1))
    await update_with_events(things, "t1", 1, {"colour": "blue"},
                             _painted(contract, "t1", "blue", 2))

    published = await OutboxRelay(producer, [things]).publish_pending()

    assert published == 2
    records = await read_topic(topic)
    events = [Envelope.from_bytes(r.value) for r in records]
    assert [(e.data["colour"], e.aggregateversion) for e in events] == [("red", 1), ("blue", 2)]
    assert {r.key for r in records} == {b"t1"}
    assert (await things.find_one({"_id": "t1"}))["outbox"] == []
    assert await OutboxRelay(producer, [things]).publish_pending() == 0


async def test_the_relay_marks_more_pending_aggregates_than_one_store_command_can_take(
    database, contract: EventContract, producer: AIOKafkaProducer, topic: str,  # type: ignore[no-untyped-def]
) -> None:
    """150 aggregates with pending events in one relay batch: marking them sent in a single
    150-statement update command left FerretDB waiting forever for a pooled connection."""
    things = database["things"]
    for n in range(150):
        await insert_with_events(things, {"_id": f"t{n}", "version": 1, "colour": "red"},
                                 _painted(contract, f"t{n}", "red", 1))

    published = await asyncio.wait_for(
        OutboxRelay(producer, [things], batch_size=200).publish_pending(), timeout=60)

    assert published == 150
    assert await things.count_documents({"outbox.0": {"$exists": True}}) == 0
    assert len(await read_topic(topic)) == 150


async def test_between_sweeps_the_relay_reads_only_the_aggregates_this_process_wrote(
    database, contract: EventContract, producer: AIOKafkaProducer, topic: str,  # type: ignore[no-untyped-def]
) -> None:
    """A scan of a large collection on every pass starved FerretDB: writes through the outbox
    helpers are read back by id at once, anything else waits for the next sweep."""
    things = database["things"]
    relay = OutboxRelay(producer, [things], poll_seconds=0.05, sweep_seconds=3600)
    running = asyncio.create_task(relay.run())

    async def published(thing_id: str) -> bool:
        return any(r.key == thing_id.encode() for r in await read_topic(topic))

    try:
        await insert_with_events(things, {"_id": "first", "version": 1, "colour": "red"},
                                 _painted(contract, "first", "red", 1))
        await eventually(lambda: published("first"))  # the start-up sweep is behind us
        unnoted = {"_id": "elsewhere", "version": 1, "colour": "green",
                   "outbox": outbox_entries(_painted(contract, "elsewhere", "green", 1))}
        await things.insert_one(unnoted)  # as another process would write it
        await insert_with_events(things, {"_id": "here", "version": 1, "colour": "blue"},
                                 _painted(contract, "here", "blue", 1))
        relay.nudge()
        await eventually(lambda: published("here"))

        assert (await things.find_one({"_id": "elsewhere"}))["outbox"] != []
        assert await relay.publish_pending(sweep=True) == 1
        assert await published("elsewhere")
    finally:
        running.cancel()


async def test_a_stale_update_raises_and_writes_neither_state_nor_event(
    database, contract: EventContract,  # type: ignore[no-untyped-def]
) -> None:
    things = database["things"]
    await insert_with_events(things, {"_id": "t1", "version": 1, "colour": "red"}, [])
    await update_with_events(things, "t1", 1, {"colour": "blue"}, _painted(contract, "t1", "b", 2))

    with pytest.raises(ConcurrencyConflict):
        await update_with_events(things, "t1", 1, {"colour": "green"},
                                 _painted(contract, "t1", "green", 2))

    stored = await things.find_one({"_id": "t1"})
    assert stored["colour"] == "blue"
    assert stored["version"] == 2
    assert len(stored["outbox"]) == 1


async def _run_consumer(consumer: EventConsumer) -> asyncio.Task[None]:
    await consumer.start()
    return asyncio.create_task(consumer.run())


async def _stop(consumer: EventConsumer, task: asyncio.Task[None]) -> None:
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    await consumer.stop()


async def test_consumer_handles_each_event_once_even_when_it_is_published_twice(
    database, contract: EventContract, producer: AIOKafkaProducer, topic: str,  # type: ignore[no-untyped-def]
) -> None:
    handled: list[str] = []

    async def handle(envelope: Envelope) -> None:
        handled.append(envelope.id)

    [(_, event)] = _painted(contract, "t1", "red", 1)
    for _ in range(2):
        await producer.send_and_wait(topic, event.to_bytes(), key=b"t1")
    [(_, other)] = _painted(contract, "t1", "blue", 2)
    await producer.send_and_wait(topic, other.to_bytes(), key=b"t1")

    consumer = EventConsumer(
        bootstrap=KAFKA, group_id=f"g{secrets.token_hex(3)}", topics=[topic],
        handlers={"thing.painted.v1": handle}, processed=ProcessedEvents(database["processed"]),
        producer=producer, topic_prefix="it.",
    )
    await ensure_topics(KAFKA, consumer.topics)
    task = await _run_consumer(consumer)
    try:
        await eventually(lambda: _true_if(len(handled) >= 2), what="both events handled")
    finally:
        await _stop(consumer, task)
    assert handled == [event.id, other.id]


async def test_a_failing_event_is_retried_a_bounded_number_of_times_then_dead_lettered(
    database, contract: EventContract, producer: AIOKafkaProducer, topic: str,  # type: ignore[no-untyped-def]
) -> None:
    attempts: dict[str, int] = {}
    handled: list[str] = []
    [(_, bad)] = _painted(contract, "t1", "red", 1)
    [(_, good)] = _painted(contract, "t1", "blue", 2)

    async def handle(envelope: Envelope) -> None:
        attempts[envelope.id] = attempts.get(envelope.id, 0) + 1
        if envelope.id == bad.id:
            raise RuntimeError("downstream refused")
        handled.append(envelope.id)

    for event in (bad, good):
        await producer.send_and_wait(topic, event.to_bytes(), key=b"t1")
    group = f"g{secrets.token_hex(3)}"
    consumer = EventConsumer(
        bootstrap=KAFKA, group_id=group, topics=[topic], handlers={"thing.painted.v1": handle},
        processed=ProcessedEvents(database["processed"]), producer=producer,
        retry=RetryPolicy(max_attempts=3, base_seconds=0.01), topic_prefix="it.",
    )
    await ensure_topics(KAFKA, [*consumer.topics, consumer.dead_letter_topic])
    task = await _run_consumer(consumer)
    try:
        await eventually(lambda: _true_if(handled == [good.id]), what="the good event handled")
    finally:
        await _stop(consumer, task)

    assert attempts[bad.id] == 3
    [letter] = await read_topic(dead_letter_topic(group, "it."))
    headers = {k: v.decode() for k, v in letter.headers}
    assert letter.value == bad.to_bytes()
    assert headers["dlt-attempts"] == "3"
    assert headers["dlt-original-topic"] == topic
    assert headers["dlt-original-offset"] == "0"
    assert "downstream refused" in headers["dlt-error"]


async def _true_if(condition: bool) -> bool:
    return condition


@pytest.mark.parametrize("isolated", [True, False])
async def test_a_guarded_update_applies_only_while_its_guard_holds(
    database, isolated: bool,  # type: ignore[no-untyped-def]
) -> None:
    messages = database["messages"]
    await messages.insert_one({"_id": "m1", "state": "queued", "lease_owner": "w1"})
    sending = {"$set": {"state": "sending"}}

    assert not await update_if(messages, "m1", {"lease_owner": "w2"}, sending, isolated=isolated)
    assert not await update_if(messages, "nobody", {}, sending, isolated=isolated)
    assert await update_if(messages, "m1", {"lease_owner": "w1", "state": {"$in": ["queued"]}},
                           sending, isolated=isolated)
    assert (await messages.find_one({"_id": "m1"}))["state"] == "sending"
    assert not await update_if(messages, "m1", {"state": {"$in": ["queued"]}}, sending,
                               isolated=isolated)

