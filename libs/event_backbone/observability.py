"""Metrics, JSON logs and the correlation id carried through a request or an event."""

from __future__ import annotations

import logging
import sys
from contextvars import ContextVar

from prometheus_client import Counter, Gauge
from pythonjsonlogger.json import JsonFormatter

correlation_id: ContextVar[str | None] = ContextVar("correlation_id", default=None)

EVENTS_PRODUCED = Counter(
    "reimpiego_events_produced_total", "Events published to Kafka", ["topic", "type"]
)
EVENTS_CONSUMED = Counter(
    "reimpiego_events_consumed_total", "Events handled successfully", ["topic", "type"]
)
EVENTS_DUPLICATE = Counter(
    "reimpiego_events_duplicate_total", "Events skipped as already handled", ["topic", "type"]
)
EVENTS_FAILED = Counter("reimpiego_events_failed_total", "Failed handling attempts", ["topic"])
EVENTS_DEAD_LETTERED = Counter(
    "reimpiego_events_dead_lettered_total", "Events moved to a dead-letter topic", ["topic"]
)
CONSUMER_LAG = Gauge(
    "reimpiego_consumer_lag", "Records behind the partition end", ["group", "topic", "partition"]
)


class _CorrelationFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.correlation_id = correlation_id.get()
        return True


def configure_logging(service: str, level: str = "INFO") -> None:
    """One JSON object per line, with service and correlation id, on stderr."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        JsonFormatter(
            "%(asctime)s %(levelname)s %(name)s %(message)s %(correlation_id)s",
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
            static_fields={"service": service},
        )
    )
    handler.addFilter(_CorrelationFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("aiokafka").setLevel(logging.WARNING)
    logging.getLogger("pymongo").setLevel(logging.WARNING)
