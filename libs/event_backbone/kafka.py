"""Kafka clients configured the one way the backbone needs them."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from aiokafka import AIOKafkaProducer
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
        try:
            await admin.create_topics(
                [NewTopic(name=t, num_partitions=partitions, replication_factor=1) for t in missing]
            )
        except TopicAlreadyExistsError:
            pass  # another service created it first
        log.info("topics created", extra={"topics": missing})
    finally:
        await admin.close()
