"""List and replay dead letters: `python -m event_backbone.deadletters list|replay --group GROUP`.

Replay sends each dead letter to the group's retry topic (only that group reads it); the replayer
commits its own offsets, so a dead letter is replayed once unless it is named again with --only.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from dataclasses import asdict, dataclass

from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition

from event_backbone.consumer import dead_letter_topic, retry_topic
from event_backbone.kafka import idempotent_producer, partitions_of, read_to_end
from event_backbone.settings import BackboneSettings


@dataclass(frozen=True)
class DeadLetter:
    partition: int
    offset: int
    original_topic: str
    original_partition: int
    original_offset: int
    attempts: int
    error: str
    event_id: str | None
    event_type: str | None
    replayed: bool

    @property
    def ref(self) -> str:
        return f"{self.partition}:{self.offset}"


def _header(record: ConsumerRecord, name: str) -> str:
    for key, value in record.headers or ():
        if key == name:
            return value.decode(errors="replace")
    return ""


def _dead_letter(record: ConsumerRecord, replayed_up_to: int) -> DeadLetter:
    event_id = event_type = None
    try:
        envelope = json.loads(record.value or b"")
        event_id, event_type = envelope.get("id"), envelope.get("type")
    except (ValueError, AttributeError):
        pass
    return DeadLetter(
        partition=record.partition,
        offset=record.offset,
        original_topic=_header(record, "dlt-original-topic"),
        original_partition=int(_header(record, "dlt-original-partition") or -1),
        original_offset=int(_header(record, "dlt-original-offset") or -1),
        attempts=int(_header(record, "dlt-attempts") or 0),
        error=_header(record, "dlt-error"),
        event_id=event_id,
        event_type=event_type,
        replayed=record.offset < replayed_up_to,
    )


async def _read_all(
    settings: BackboneSettings, group: str
) -> tuple[list[ConsumerRecord], dict[TopicPartition, int], AIOKafkaConsumer]:
    """Every record of the group's dead-letter topic, and how far the replayer has got."""
    topic = dead_letter_topic(group, settings.topic_prefix)
    consumer = AIOKafkaConsumer(
        bootstrap_servers=settings.kafka_bootstrap,
        group_id=f"{settings.topic_prefix}{group}.dlt-replayer",
        enable_auto_commit=False,
        auto_offset_reset="earliest",
    )
    await consumer.start()
    tps = await partitions_of(settings.kafka_bootstrap, topic)
    replayed = {tp: (await consumer.committed(tp)) or 0 for tp in tps}
    records = await read_to_end(consumer, tps)
    return records, replayed, consumer


async def list_dead_letters(settings: BackboneSettings, group: str) -> list[DeadLetter]:
    records, replayed, consumer = await _read_all(settings, group)
    await consumer.stop()
    return [_dead_letter(r, replayed.get(TopicPartition(r.topic, r.partition), 0)) for r in records]


async def replay_dead_letters(
    settings: BackboneSettings, group: str, only: set[str] | None = None
) -> list[DeadLetter]:
    """Send dead letters back to the group through its retry topic; returns what was replayed."""
    records, replayed, consumer = await _read_all(settings, group)
    producer = idempotent_producer(settings.kafka_bootstrap, f"{group}.dlt-replayer")
    await producer.start()
    done: list[DeadLetter] = []
    try:
        for record in records:
            tp = TopicPartition(record.topic, record.partition)
            letter = _dead_letter(record, replayed.get(tp, 0))
            if (only is not None and letter.ref not in only) or (only is None and letter.replayed):
                continue
            headers = [(k, v) for k, v in record.headers or () if not k.startswith("dlt-")]
            headers.append(("replayed-from", f"{record.topic}:{letter.ref}".encode()))
            await producer.send_and_wait(
                retry_topic(group, settings.topic_prefix),
                value=record.value,
                key=record.key,
                headers=headers,
            )
            done.append(letter)
        if only is None and records:
            last: dict[TopicPartition, int] = {}
            for record in records:
                last[TopicPartition(record.topic, record.partition)] = record.offset + 1
            await consumer.commit(last)
    finally:
        await producer.stop()
        await consumer.stop()
    return done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m event_backbone.deadletters")
    parser.add_argument("action", choices=["list", "replay"])
    parser.add_argument("--group", required=True, help="consumer group, e.g. matching")
    parser.add_argument(
        "--only", action="append", help="PARTITION:OFFSET of one dead letter (repeatable)"
    )
    args = parser.parse_args(argv)
    settings = BackboneSettings()
    if args.action == "list":
        letters = asyncio.run(list_dead_letters(settings, args.group))
    else:
        only = set(args.only) if args.only else None
        letters = asyncio.run(replay_dead_letters(settings, args.group, only))
    for letter in letters:
        sys.stdout.write(json.dumps(asdict(letter)) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
