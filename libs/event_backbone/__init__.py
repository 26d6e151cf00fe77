"""reimpiego's event backbone: envelope, contracts, outbox relay, consumer loop, dead letters."""

from event_backbone.consumer import EventConsumer, PoisonEvent, ProcessedEvents, RetryPolicy
from event_backbone.contracts import EventContract
from event_backbone.envelope import Envelope, child_traceparent
from event_backbone.outbox import ConcurrencyConflict, insert_with_events, update_with_events
from event_backbone.runtime import EventRuntime
from event_backbone.settings import BackboneSettings

__all__ = [
    "BackboneSettings",
    "ConcurrencyConflict",
    "Envelope",
    "EventConsumer",
    "EventContract",
    "EventRuntime",
    "PoisonEvent",
    "ProcessedEvents",
    "RetryPolicy",
    "child_traceparent",
    "insert_with_events",
    "update_with_events",
]
