"""What matching really published: its topics read from the beginning to their current end."""

from __future__ import annotations

import json
from typing import Any

from tests.e2e.kafka_reader import read_topic


async def read_events(matching: Any, topic: str) -> list[dict[str, Any]]:
    records = await read_topic(matching.env["REIMPIEGO_TOPIC_PREFIX"] + topic)
    return [json.loads(r.value) for r in sorted(records, key=lambda r: (r.timestamp, r.offset))]
