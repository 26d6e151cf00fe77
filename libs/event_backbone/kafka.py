"""Kafka clients configured the one way the backbone needs them."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError

log = logging.getLogger(__name__)

PARTITIONS = 3


def idempotent_producer(bootstrap: str, client_id: str) -> AIOKafkaProducer:
    """acks=all with idempotence: a retried send never duplicates or reorders within a partition."""
    return AIOKafkaProducer(
        bootstrap_servers=bootstrap,
        client_id=client_id,
        enable_idempotence=True,
        acks="all",
        linger_ms=5,
        request_timeout_ms=15000,
    )


async def ensure_topics(
    bootstrap: str, topics: Iterable[str], partitions: int = PARTITIONS
) -> None:
    """Create the topics that are missing; existing ones are left as they are."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, client_id="reimpiego-admin")
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [t for t in dict.fromkeys(topics) if t not in existing]
        if not missing:
            return
        with contextlib.suppress(TopicAlreadyExistsError):  # another service created it first
            await admin.create_topics(
                [NewTopic(name=t, num_partitions=partitions, replication_factor=1) for t in missing]
            )
        log.info("topics created", extra={"topics": missing})
    finally:
        await admin.close()


async def partitions_of(bootstrap: str, topic: str) -> list[TopicPartition]:
    """The topic's partitions, asked of the broker (a fresh client's metadata may not know it yet);
    empty if the topic does not exist."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, client_id="reimpiego-admin")
    await admin.start()
    try:
        [described] = await admin.describe_topics([topic])
    finally:
        await admin.close()
    if described.get("error_code"):
        return []
    return sorted(
        (TopicPartition(topic, p["partition"]) for p in described["partitions"]),
        key=lambda tp: tp.partition,
    )


async def read_to_end(
    consumer: AIOKafkaConsumer, partitions: list[TopicPartition]
) -> list[ConsumerRecord]:
    """Every record of `partitions` from the beginning up to the end offsets of this moment."""
    if not partitions:
        return []
    consumer.assign(partitions)
    ends = await consumer.end_offsets(partitions)
    starts = await consumer.beginning_offsets(partitions)
    for tp in partitions:
        # An explicit seek: seek_to_beginning() is lazy and can lose to the default reset.
        consumer.seek(tp, starts[tp])
    records: list[ConsumerRecord] = []
    for tp in partitions:
        while await consumer.position(tp) < ends[tp]:
            batch = await consumer.getmany(tp, timeout_ms=1000)
            records.extend(r for r in batch.get(tp, []) if r.offset < ends[tp])
    return records
