"""The one envelope every reimpiego event travels in: CloudEvents 1.0 plus tracing extensions."""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_BASE_URI = "https://schemas.reimpiego.example/events/"


def new_traceparent() -> str:
    """A fresh W3C traceparent (version 00, sampled) for events that start a trace."""
    return f"00-{secrets.token_hex(16)}-{secrets.token_hex(8)}-01"


def child_traceparent(parent: str | None) -> str:
    """Keep the trace id of `parent` with a new span id, so consumers' events join the trace."""
    if parent and len(parent) == 55 and parent.count("-") == 3:
        version, trace_id, _span, flags = parent.split("-")
        return f"{version}-{trace_id}-{secrets.token_hex(8)}-{flags}"
    return new_traceparent()


class Envelope(BaseModel):
    """CloudEvents 1.0 structured-mode JSON, with `correlationid`, `traceparent` and the
    aggregate version as extension attributes (lower-case names, as the spec requires)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    specversion: str = Field(default="1.0", pattern=r"^1\.0$")
    id: str = Field(min_length=1, description="Unique per event; consumers deduplicate on it.")
    source: str = Field(min_length=1, description="URI-reference of the producing service.")
    type: str = Field(
        pattern=r"^[a-z]+(\.[a-z_]+)+\.v[0-9]+$",
        description="Versioned event type, e.g. seeker.registered.v1.",
    )
    subject: str = Field(min_length=1, description="The aggregate id; also the Kafka record key.")
    time: datetime
    datacontenttype: str = "application/json"
    dataschema: str
    correlationid: str = Field(min_length=1)
    traceparent: str = Field(pattern=r"^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$")
    aggregateversion: int = Field(ge=1, description="Version of the aggregate after this event.")
    data: dict[str, Any]

    @classmethod
    def build(
        cls,
        *,
        event_type: str,
        source: str,
        subject: str,
        aggregate_version: int,
        data: dict[str, Any],
        correlation_id: str | None = None,
        traceparent: str | None = None,
        event_id: str | None = None,
    ) -> Envelope:
        return cls(
            id=event_id or str(uuid.uuid4()),
            source=source,
            type=event_type,
            subject=subject,
            time=datetime.now(UTC),
            dataschema=f"{SCHEMA_BASE_URI}{event_type}.json",
            correlationid=correlation_id or str(uuid.uuid4()),
            traceparent=traceparent or new_traceparent(),
            aggregateversion=aggregate_version,
            data=data,
        )

    def to_bytes(self) -> bytes:
        return self.model_dump_json().encode()

    @classmethod
    def from_bytes(cls, raw: bytes) -> Envelope:
        return cls.model_validate_json(raw)

    @property
    def base_type(self) -> str:
        """The type without its version suffix: `seeker.registered`."""
        return self.type.rsplit(".", 1)[0]
