"""The erasure protocol every service follows (GDPR art. 17): intake publishes seeker.erased; each
service removes or irreversibly anonymises the person, then confirms with erasure.confirmed.v1;
intake shows the request complete once every service has confirmed."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime

from pydantic import BaseModel, Field
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.errors import DuplicateKeyError

from event_backbone.contracts import EventContract
from event_backbone.outbox import envelopes, insert_with_events

ERASURES_TOPIC = "reimpiego.erasures"
SERVICES = ("intake", "matching", "notifications")


class ErasureConfirmed(BaseModel):
    erasure_id: str
    service: str = Field(description="The service that has erased the person.")
    removed: dict[str, int] = Field(default_factory=dict,
                                    description="What was removed or anonymised, as counts.")
    confirmed_at: datetime


ERASURE_CONFIRMED = EventContract(
    "erasure.confirmed.v1", ERASURES_TOPIC, ErasureConfirmed,
    "A service has removed or anonymised a person whose erasure was requested.",
)


async def confirm_erasure(collection: AsyncCollection, *, erasure_id: str, service: str,
                          removed: dict[str, int]) -> None:
    """Record the confirmation and its event once (a redelivered seeker.erased changes nothing)."""
    confirmation = ErasureConfirmed(erasure_id=erasure_id, service=service, removed=removed,
                                    confirmed_at=datetime.now(UTC))
    record_id = f"{erasure_id}:{service}"
    events = envelopes(source=f"/reimpiego/{service}", subject=erasure_id, first_version=1,
                       events=[(ERASURE_CONFIRMED, confirmation)])
    with contextlib.suppress(DuplicateKeyError):
        await insert_with_events(collection, {"_id": record_id, "version": 1,
                                              **confirmation.model_dump()}, events)
