"""The delivery log: every message, its state, attempts and errors; manual redelivery."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from api_edge import Problem
from api_edge.auth import Principal, Role
from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from notifications.api.deps import DeliveryLog, LogReader
from notifications.api.people_scope import delivery_visible, require_person

router = APIRouter(prefix="/deliveries", tags=["deliveries"])

State = Literal["scheduled", "queued", "sending", "sent", "delivered", "failed", "suppressed"]
Channel = Literal["email", "sms", "webhook"]


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
    due_at: datetime | None = None
    message_id: str | None = None
    reason: str | None = None
    response_status: int | None = None
    errors: list[dict[str, Any]] = []
    created_at: datetime
    updated_at: datetime
    sent_at: datetime | None = None
    receipt_at: datetime | None = Field(
        default=None, description="When the channel's receipt says it was delivered or failed.")


class DeliveriesPublic(BaseModel):
    data: list[DeliveryPublic]
    count: int


def _public(document: dict[str, Any]) -> DeliveryPublic:
    return DeliveryPublic.model_validate({**document, "id": document["_id"]})


def _scope(principal: Principal) -> dict[str, Any]:
    """A downstream system sees its own webhook deliveries and nothing else."""
    if principal.has(Role.OPERATOR, Role.SUPERVISOR, Role.AUDITOR, Role.SYSTEM):
        return {}
    return {"channel": "webhook", "organisation_id": principal.organisation_id or "-"}


@router.get("", response_model=DeliveriesPublic,
            summary="Elenca i messaggi / List deliveries, newest first")
async def read_deliveries(
    log: DeliveryLog,
    principal: LogReader,
    request: Request,
    event_id: Annotated[str | None, Query(max_length=64)] = None,
    recipient_id: Annotated[str | None, Query(max_length=64)] = None,
    recipient_type: Annotated[str | None, Query(max_length=32)] = None,
    kind: Annotated[str | None, Query(max_length=64)] = None,
    state: State | None = None,
    channel: Channel | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> DeliveriesPublic:
    asked = {"event_id": event_id, "recipient_id": recipient_id,
             "recipient_type": recipient_type, "kind": kind, "state": state, "channel": channel}
    filters = {k: v for k, v in asked.items() if v} | _scope(principal)
    if principal.has(Role.OPERATOR) and not principal.has(Role.SUPERVISOR, Role.AUDITOR,
                                                          Role.SYSTEM):
        # An operator reads the log one person of their office at a time.
        if not recipient_id:
            raise Problem(422, "Invalid request", "Operators list deliveries by recipient_id.",
                          kind="validation-error",
                          errors=[{"pointer": "/query/recipient_id", "field": "recipient_id",
                                   "reason": "is required for operators"}])
        await require_person(request, principal, recipient_id)
    documents, total = await log.search(filters, limit, offset)
    return DeliveriesPublic(data=[_public(d) for d in documents], count=total)


async def _visible(log: DeliveryLog, principal: Principal, delivery_id: str,
                   request: Request) -> dict[str, Any]:
    document = await log.get(delivery_id)
    scope = _scope(principal)
    if (document is None or any(document.get(k) != v for k, v in scope.items())
            or not await delivery_visible(request, principal, document)):
        raise Problem(404, "Not found", f"No delivery with id {delivery_id}.", kind="not-found")
    return document


@router.get("/{delivery_id}", response_model=DeliveryPublic,
            summary="Legge un messaggio / Read one delivery")
async def read_delivery(delivery_id: str, log: DeliveryLog, principal: LogReader,
                        request: Request) -> DeliveryPublic:
    return _public(await _visible(log, principal, delivery_id, request))


@router.post("/{delivery_id}/redeliver", response_model=DeliveryPublic, status_code=202,
             summary="Rinvia un messaggio / Queue a settled delivery again (webhooks)")
async def redeliver(
    delivery_id: str, log: DeliveryLog, principal: LogReader, request: Request
) -> DeliveryPublic:
    document = await _visible(log, principal, delivery_id, request)
    if document["channel"] != "webhook" or not principal.has(Role.SUPERVISOR, Role.DOWNSTREAM):
        raise Problem(403, "Forbidden", "Only webhook deliveries can be redelivered, by their "
                      "organisation or a supervisor.", kind="forbidden")
    queued = await log.redeliver(delivery_id)
    if queued is None:
        raise Problem(409, "Conflict", "The delivery is still in progress.", kind="conflict")
    request.app.state.wake("webhook")
    return _public(queued)
