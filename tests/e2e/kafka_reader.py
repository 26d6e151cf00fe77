"""Reads a topic from its beginning to its current end: what was really published."""

from __future__ import annotations

import os

from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition

KAFKA = os.environ.get("REIMPIEGO_KAFKA_BOOTSTRAP", "127.0.0.1:9092")


async def read_topic(topic: str) -> list[ConsumerRecord]:
    consumer = AIOKafkaConsumer(bootstrap_servers=KAFKA, enable_auto_commit=False)
    await consumer.start()
    try:
        partitions = consumer.partitions_for_topic(topic)
        if not partitions:
            await consumer._client.force_metadata_update()  # noqa: SLF001
            partitions = consumer.partitions_for_topic(topic) or set()
        tps = [TopicPartition(topic, p) for p in partitions]
        if not tps:
            return []
        consumer.assign(tps)
        ends = await consumer.end_offsets(tps)
        await consumer.seek_to_beginning(*tps)
        records: list[ConsumerRecord] = []
        for tp in tps:
            while await consumer.position(tp) < ends[tp]:
                batch = await consumer.getmany(tp, timeout_ms=1000)
                records.extend(r for r in batch.get(tp, []) if r.offset < ends[tp])
        return records
    finally:
        await consumer.stop()
