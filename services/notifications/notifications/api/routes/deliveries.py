"""The delivery log: every message, its state and attempts."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from api_edge import Problem
from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel

from notifications.adapters.deliveries import MongoDeliveryLog

router = APIRouter(prefix="/deliveries", tags=["deliveries"])

State = Literal["scheduled", "queued", "sending", "sent", "delivered", "failed", "suppressed"]


class DeliveryPublic(BaseModel):
    id: str
    event_id: str
    event_type: str
    kind: str
    channel: str
    recipient_type: str
    recipient_id: str
    state: State
    attempts: int
    message_id: str | None = None
    reason: str | None = None
    errors: list[dict[str, Any]] = []
    created_at: datetime
    updated_at: datetime


class DeliveriesPublic(BaseModel):
    data: list[DeliveryPublic]
    count: int


def _log(request: Request) -> MongoDeliveryLog:
    return request.app.state.deliveries  # type: ignore[no-any-return]


DeliveryLog = Annotated[MongoDeliveryLog, Depends(_log)]


def _public(document: dict[str, Any]) -> DeliveryPublic:
    return DeliveryPublic.model_validate({**document, "id": document["_id"]})


@router.get(
    "", response_model=DeliveriesPublic, summary="Elenca i messaggi / List deliveries, newest first"
)
async def read_deliveries(
    log: DeliveryLog,
    event_id: Annotated[str | None, Query(max_length=64)] = None,
    recipient_id: Annotated[str | None, Query(max_length=64)] = None,
    state: State | None = None,
    channel: Annotated[str | None, Query(max_length=16)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> DeliveriesPublic:
    filters = {
        k: v
        for k, v in {
            "event_id": event_id,
            "recipient_id": recipient_id,
            "state": state,
            "channel": channel,
        }.items()
        if v
    }
    documents, total = await log.search(filters, limit, offset)
    return DeliveriesPublic(data=[_public(d) for d in documents], count=total)


@router.get(
    "/{delivery_id}",
    response_model=DeliveryPublic,
    summary="Legge un messaggio / Read one delivery",
)
async def read_delivery(delivery_id: str, log: DeliveryLog) -> DeliveryPublic:
    document = await log.get(delivery_id)
    if document is None:
        raise Problem(404, "Not found", f"No delivery with id {delivery_id}.", kind="not-found")
    return _public(document)
