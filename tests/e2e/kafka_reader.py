"""Reads a topic from its beginning to its current end: what was really published."""

from __future__ import annotations

import os

from aiokafka import AIOKafkaConsumer, ConsumerRecord
from event_backbone.kafka import partitions_of, read_to_end

KAFKA = os.environ.get("REIMPIEGO_KAFKA_BOOTSTRAP", "127.0.0.1:9092")


async def read_topic(topic: str) -> list[ConsumerRecord]:
    partitions = await partitions_of(KAFKA, topic)
    consumer = AIOKafkaConsumer(bootstrap_servers=KAFKA, enable_auto_commit=False)
    await consumer.start()
    try:
        return await read_to_end(consumer, partitions)
    finally:
        await consumer.stop()
